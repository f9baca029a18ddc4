package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.Upos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal that ends with the command to run (write the model's tag lexicon) named the model's directory as it
 * was: pasted into a shell, a directory with a space or a quote in its name ran another command. It is quoted for a
 * POSIX shell where it needs it, as compare-ar's rerun command is.
 */
class PastedCommandsTest {
    @Test
    void theTagLexiconCommandQuotesTheModelDirectory(@TempDir Path tmp) throws IOException {
        Path bare = TestModels.copyOfModelWithout(TestModels.tinyModel(), tmp.resolve("it's mine"),
                ModelCheckpoint.TAG_LEXICON);
        Constraints lexical = Constraints.none().withTemplate(List.of(Upos.DET, Upos.NOUN)).withLexical(true);
        try (DiffusionLM lm = DiffusionLM.builder().optModel(bare).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> lm.generate(1, lexical, SamplingOptions.builder().steps(1).build()));
            assertTrue(e.getMessage().contains("`diffusion-nlp tag-lexicon --model '" + bare.toString().replace("'",
                    "'\\''") + "' --corpus TRAINING.conllu.gz`"), e.getMessage());
        }

        Path copy = TestModels.copyOfTinyModel(Files.createDirectory(tmp.resolve("my models")));
        Files.delete(copy.resolve(ModelCheckpoint.TAG_LEXICON));
        IOException missing = assertThrows(IOException.class, () -> DiffusionLM.builder().optModel(copy).build());
        assertTrue(missing.getMessage().contains("`diffusion-nlp tag-lexicon --model '" + copy + "' --corpus"),
                missing.getMessage());
    }
}
