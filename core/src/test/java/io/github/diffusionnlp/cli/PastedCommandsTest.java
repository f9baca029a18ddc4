package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.AutoregressiveLM;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.checkpoint.CheckpointCommit;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.eval.RescoredInfill;
import io.github.diffusionnlp.train.ArTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.IOException;
import java.io.PrintStream;
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
    private static final String FORGING = "\u001B[2J\nERROR forged";

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

    /**
     * A checkpoint whose save was cut short is refused with the command that finishes it ({@code train --resume
     * --out DIR}), which named the directory shown but not quoted for a shell, as the tag-lexicon command was.
     */
    @Test
    void theResumeCommandQuotesTheModelDirectory(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("it's mine"));
        Files.writeString(dir.resolve(ModelCheckpoint.CONFIG + CheckpointCommit.STAGED), "{}");
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> CheckpointCommit.requireFinished(dir, "train"));
        assertTrue(e.getMessage().contains("`train --resume --out " + quoted(dir) + "` (with the run's other"),
                e.getMessage());
    }

    /**
     * evaluate's rescoring refuses an autoregressive model of another vocabulary with the train-ar command to make
     * one, whose --vocab-from was not quoted for a shell (compare-ar's same refusal quotes it); and one reading
     * shorter sentences named the model raw.
     */
    @Test
    void theTrainArCommandQuotesTheModelDirectory(@TempDir Path tmp) throws Exception {
        Path diffusion = TestModels.copyOfTinyModel(Files.createDirectory(tmp.resolve("it's mine")));
        Path shortAr = tmp.resolve("ar" + FORGING);
        new ArTrainer(TrainOptions.builder(TestModels.devCorpus(), shortAr).size("tiny").maxLength(4).batchSize(4)
                .steps(1).checkpointEvery(1).contextEmbeddings(false).build(), diffusion,
                new PrintStream(PrintStream.nullOutputStream())).run();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(diffusion).build();
                AutoregressiveLM other = AutoregressiveLM.load(TestModels.root().resolve("test-data/models/brown-ar"),
                        null);
                AutoregressiveLM shorter = AutoregressiveLM.load(shortAr, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RescoredInfill.requireReadable(lm, other, "brown-ar"));
            assertTrue(e.getMessage().contains("`train-ar --vocab-from " + quoted(lm.info().directory()) + "`"),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> RescoredInfill.requireReadable(lm, shorter, shortAr.toString()));
            assertTrue(e.getMessage().startsWith("the autoregressive model " + Visible.of(shortAr) + " reads"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\u001B") || e.getMessage().contains("\n"), e.getMessage());
        }
    }

    /** {@code dir} as a POSIX shell reads it back: in single quotes, each of its own written '\''. */
    private static String quoted(Path dir) {
        return "'" + dir.toString().replace("'", "'\\''") + "'";
    }
}
