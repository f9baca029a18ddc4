package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A message quoting data printed its ESC sequences raw, and the terminal ran them (retitled the window, cleared the
 * screen): a banned-words line, a word of a model's vocab.txt, a model path (audit h130, finding 7). They are written
 * as code points now ({@link io.github.diffusionnlp.corpus.Visible}), and so are the paths in notes (audit h178).
 */
@Isolated
class ControlCharactersInMessagesTest {
    private static final String ESCAPES = "\u001B]0;OWNED\u0007\u001B[2J";
    private static final String SHOWN = "<U+001B>]0;OWNED<U+0007><U+001B>[2J";

    @Test
    void aBannedWordsLineIsQuotedWithItsControlCharactersShown(@TempDir Path tmp) throws IOException {
        Path list = Files.writeString(tmp.resolve("bw.txt"), "fine\n" + ESCAPES + "bad word\n");
        MainTest.Run run = MainTest.run("", "generate", "--model", TestModels.tinyModel().toString(), "--count", "1",
                "--banned-words", list.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(list + ":2: '" + SHOWN + "bad word' is more than one word"), run.err());
        assertFalse(run.err().contains("\u001B") || run.err().contains("\u0007"), run.err());
    }

    /** picocli's own parse errors quote the bad argument; they bypassed the handler that shows control characters. */
    @Test
    void aBadOptionValueIsQuotedWithItsControlCharactersShown() {
        MainTest.Run run = MainTest.run("", "generate", "--steps", ESCAPES);
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("'" + SHOWN + "'"), run.err());
        assertFalse(run.err().contains("\u001B") || run.err().contains("\u0007"), run.err());
    }

    @Test
    void aModelPathIsQuotedWithItsControlCharactersShown(@TempDir Path tmp) {
        MainTest.Run run = MainTest.run("", "info", "--model", tmp.resolve(ESCAPES + "model").toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(tmp.resolve(SHOWN + "model").toString()), run.err());
        assertFalse(run.err().contains("\u001B") || run.err().contains("\u0007"), run.err());
    }

    /**
     * The commands' notes name the files they read and wrote, printed as they are rather than as errors are (through
     * Main's handler): evaluate's held-out and trigram files, tag-lexicon's model and the file it wrote.
     */
    @Test
    void pathsInNotesAreWrittenWithTheirControlCharactersShown(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(ESCAPES + "dir"));
        Path heldout = Files.copy(TestModels.devCorpus(), dir.resolve("dev.conllu.gz"));
        MainTest.Run evaluate = MainTest.run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout",
                heldout.toString(), "--train", heldout.toString(), "--sentences", "1", "--step-counts", "1");
        assertEquals(0, evaluate.code(), evaluate.err());
        String shown = tmp.resolve(SHOWN + "dir").resolve("dev.conllu.gz").toString();
        assertTrue(evaluate.err().contains("held-out sentences: " + shown), evaluate.err());
        assertTrue(evaluate.err().contains("trigram baseline counted from " + shown), evaluate.err());
        assertFalse(evaluate.err().contains("\u001B") || evaluate.err().contains("\u0007"), evaluate.err());

        Path model = TestModels.copyOfTinyModel(dir);
        MainTest.Run lexicon = MainTest.run("", "tag-lexicon", "--model", model.toString(), "--corpus",
                TestModels.devCorpus().toString());
        assertEquals(0, lexicon.code(), lexicon.err());
        assertTrue(lexicon.out().contains("wrote " + tmp.resolve(SHOWN + "dir").resolve("model")), lexicon.out());
        assertFalse(lexicon.out().contains("\u001B") || lexicon.out().contains("\u0007"), lexicon.out());
        assertFalse(lexicon.err().contains("\u001B") || lexicon.err().contains("\u0007"), lexicon.err());
    }

    @Test
    void aVocabularyWordIsQuotedWithItsControlCharactersShown(@TempDir Path tmp) {
        Path vocab = tmp.resolve("vocab.txt");
        IOException e = assertThrows(IOException.class, () -> Vocabulary.fromLines(vocab,
                List.of("[PAD]", "[UNK]", ESCAPES + "x", "y", ESCAPES + "x")));
        assertTrue(e.getMessage().startsWith(vocab + ": the word '" + SHOWN + "x' is on line 3 and again on line 5"),
                e.getMessage());
    }
}
