package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --layout} and {@code --multiword} on every command that reads a corpus, not only {@code train}: a
 * held-out or lexicon corpus the guess reads wrong can be read as meant.
 */
@Isolated
class CorpusReadingOptionTest {
    /** Plain text, one sentence a line, most lines one word: guessed as one word a line, and refused at line 3. */
    private static final String PLAIN = "Stop\nLook\nthe jury said it was fine .\nListen\nRun\n";

    @TempDir
    Path dir;

    private Path plain() throws IOException {
        return Files.writeString(dir.resolve("heldout.txt"), PLAIN);
    }

    @Test
    void evaluateReadsHeldOutAndTrigramCorporaInTheLayoutSaid() throws IOException {
        String heldout = plain().toString();
        String model = TestModels.tinyModel().toString();
        MainTest.Run guessed = MainTest.run("", "evaluate", "--model", model, "--heldout", heldout, "--train", "none",
                "--sentences", "1", "--step-counts", "1");
        assertEquals(1, guessed.code(), guessed.err());
        assertTrue(guessed.err().contains(heldout + ":3: ") && guessed.err().contains("--layout plain"), guessed.err());

        MainTest.Run said = MainTest.run("", "evaluate", "--model", model, "--heldout", heldout, "--train", heldout,
                "--sentences", "1", "--step-counts", "1", "--layout", "plain");
        assertEquals(0, said.code(), said.err());
        assertTrue(said.out().contains("| task") && said.err().contains("trigram baseline counted from"), said.err());
    }

    /** n-gram fusion's corpus, read inside the library, is read in the layout said too. */
    @Test
    void evaluateReadsTheNgramCorpusInTheLayoutSaid() throws IOException {
        String corpus = plain().toString();
        MainTest.Run said = MainTest.run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout",
                corpus, "--train", "none", "--ngram-weight", "0.5", "--ngram-corpus", corpus, "--sentences", "1",
                "--step-counts", "1", "--layout", "plain");
        assertEquals(0, said.code(), said.err());
        assertTrue(said.out().contains("| task"), said.out());
    }

    @Test
    void tagLexiconReadsItsCorpusInTheLayoutSaid() throws IOException {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        try (var files = Files.list(TestModels.tinyModel())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        String corpus = plain().toString();
        MainTest.Run guessed = MainTest.run("", "tag-lexicon", "--model", model.toString(), "--corpus", corpus);
        assertEquals(1, guessed.code(), guessed.err());
        assertTrue(guessed.err().contains(corpus + ":3: "), guessed.err());
        MainTest.Run said = MainTest.run("", "tag-lexicon", "--model", model.toString(), "--corpus", corpus,
                "--layout", "plain", "--multiword", "parts");
        assertEquals(0, said.code(), said.err());
        assertTrue(said.out().contains("wrote " + model.resolve(ModelCheckpoint.TAG_LEXICON)), said.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "train-ar", "evaluate", "tag-lexicon"})
    void unknownValuesAreRefusedNamingTheOnesThereAre(String command) throws IOException {
        String corpus = plain().toString();
        String[] rest = command.startsWith("train") ? new String[] {"--corpus", corpus, "--out", dir.resolve("m").toString()}
                : command.equals("evaluate") ? new String[] {"--heldout", corpus}
                : new String[] {"--model", dir.toString(), "--corpus", corpus};
        MainTest.Run layout = MainTest.run("", concat(command, rest, "--layout", "tsv"));
        assertEquals(2, layout.code(), layout.err());
        assertTrue(layout.err().contains("'tsv'") && layout.err().contains("auto, conllu, columns, words, plain"),
                layout.err());
        MainTest.Run multiword = MainTest.run("", concat(command, rest, "--multiword", "both"));
        assertEquals(2, multiword.code(), multiword.err());
        assertTrue(multiword.err().contains("'both'") && multiword.err().contains("surface")
                && multiword.err().contains("parts"), multiword.err());
    }

    private static String[] concat(String command, String[] rest, String option, String value) {
        String[] args = new String[rest.length + 3];
        args[0] = command;
        System.arraycopy(rest, 0, args, 1, rest.length);
        args[rest.length + 1] = option;
        args[rest.length + 2] = value;
        return args;
    }
}
