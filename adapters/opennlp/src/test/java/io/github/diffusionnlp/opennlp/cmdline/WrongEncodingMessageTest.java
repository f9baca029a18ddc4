package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UTF-8 {@code word_TAG} data given as {@code -encoding UTF-16} reads as one line of one token (no line break, every
 * two bytes a CJK character), and OpenNLP's "Cannot find "_" inside token '...'!" quoted it whole: for 300 Brown
 * sentences the message was one line of 64 KB, the file as CJK characters, naming neither the cause nor the remedy.
 * The refused token is now quoted by its start and length, and a long one names the charset the file was read in.
 */
class WrongEncodingMessageTest {
    private static final String SENTENCES = "The_DET jury_NOUN said_VERB it_PRON did_VERB ._PUNCT\n".repeat(200);

    @TempDir
    Path tmp;

    @Test
    void trainNamesTheCharsetInAShortMessage() throws Exception {
        Path data = Files.writeString(tmp.resolve("train.txt"), SENTENCES);
        Run r = DiffusionNlpToolTest.run("", "Train", "-model", tmp.resolve("t.bin").toString(), "-data",
                data.toString(), "-encoding", "UTF-16");
        assertShortAndNamesTheCharset(r, data);
        assertFalse(Files.exists(tmp.resolve("t.bin")));
    }

    @Test
    void infillEvaluatorNamesTheCharsetInAShortMessage() throws Exception {
        Path data = Files.writeString(tmp.resolve("test.pos"), SENTENCES);
        Run r = DiffusionNlpToolTest.run("", "InfillEvaluator", "-data", data.toString(), "-encoding", "UTF-16");
        assertShortAndNamesTheCharset(r, data);
    }

    /** A short token without a tag is quoted whole, by its place in the line, as before, and no charset named. */
    @Test
    void aShortUntaggedTokenIsQuotedWhole() throws Exception {
        Path data = Files.writeString(tmp.resolve("test.pos"), "The_DET jury said_VERB ._PUNCT\n");
        Run r = DiffusionNlpToolTest.run("", "InfillEvaluator", "-data", data.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-data: " + data + ":1: not word_TAG tokens (token 2, 'jury', has no _"
                + " before a tag); e.g. The_DET jury_NOUN said_VERB ._PUNCT"), r.stderr());
        assertFalse(r.stderr().contains("read as"), r.stderr());
    }

    private static void assertShortAndNamesTheCharset(Run r, Path data) {
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        String first = r.stderr().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("-data: " + data + ":1: not word_TAG tokens (token 1, '"), first);
        assertTrue(first.matches(".*\\.\\.\\.' \\([0-9,]{5,} characters\\), has no _ before a tag; the file was read as"
                + " UTF-16: if that is not its encoding, give its own with -encoding\\).*"), first);
        assertTrue(first.length() < 600, first.length() + " characters: " + first);
    }
}
