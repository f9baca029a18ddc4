package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import opennlp.tools.cmdline.TerminateToolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Train} labels a training {@link IllegalArgumentException} by where it arose. Every one was "-params: ...",
 * so a word_TAG token with no word ({@code _NOUN}) was reported as a problem of the parameters file.
 */
class TrainErrorLabelsTest {
    private static final String TINY = "Iterations=1\nSize=tiny\nBatchSize=8\nMaxLength=32\nVocabSize=600\n";

    @TempDir
    Path tmp;

    @Test
    void aBadParameterIsTheParamsFiles() throws Exception {
        Path params = Files.writeString(tmp.resolve("p.txt"), "Iterations=two\n");
        Path data = Files.writeString(tmp.resolve("pos.txt"), "The_DET cat_NOUN sleeps_VERB ._PUNCT\n");
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Train", "-model", tmp.resolve("t.bin").toString(),
                "-data", data.toString(), "-params", params.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-params: Iterations two is not a whole number\n"), r.stderr());
        // Long.parseLong read any script's digits: Iterations=٣ trained 3 steps
        Files.writeString(params, "Iterations=\u0663\n");
        r = DiffusionNlpToolTest.run("", "Train", "-model", tmp.resolve("t.bin").toString(), "-data", data.toString(),
                "-params", params.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-params: Iterations \u0663 is not a whole number in ASCII digits (0-9)\n"),
                r.stderr());
    }

    /** A token with no word before its tag is refused at its own line, before the run reads any further. */
    @Test
    void aTagWithoutAWordIsTheDatasAtItsLine() throws Exception {
        Path params = Files.writeString(tmp.resolve("p.txt"), TINY);
        Path data = Files.writeString(tmp.resolve("pos.txt"), "The_DET cat_NOUN sleeps_VERB ._PUNCT\n"
                + "The_DET _NOUN said_VERB ._PUNCT\n");
        Path bin = tmp.resolve("t.bin");
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Train", "-model", bin.toString(),
                "-data", data.toString(), "-params", params.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-data: " + data + ":2: token 2 \"_NOUN\" has no word before its tag"),
                r.stderr());
        assertFalse(r.stderr().contains("-params"), r.stderr());
        assertFalse(Files.exists(bin));
    }

    /**
     * A refusal raised while the lines are read and written out, before the run begins (core's corpus writer refuses a
     * word it could not read back), is the data's.
     */
    @Test
    void aRefusalWhileReadingIsTheDatas() throws Exception {
        TerminateToolException e = refusalOnceRead("sentence 1, word 2: a word that would not read back", false);
        assertEquals(CmdTool.BAD_PARAMETERS, e.getCode());
        assertEquals("-data " + tmp.resolve("plain.txt") + ": sentence 1, word 2: a word that would not read back",
                e.getMessage());
    }

    /**
     * A refusal from the run itself (core's trainer refuses more words than one run holds, which no test can give it)
     * is the training's: a failed run, exit code 2, not a bad parameter.
     */
    @Test
    void aRefusalOfTheRunIsTheTrainings() throws Exception {
        TerminateToolException e = refusalOnceRead("3,000,000,000 training words, more than one run holds", true);
        assertEquals(CmdTool.FAILED, e.getCode());
        assertEquals("training failed: 3,000,000,000 training words, more than one run holds", e.getMessage());
    }

    /**
     * What {@code Train} makes of an {@link IllegalArgumentException} with {@code message} raised by a training that
     * has read its lines, the run begun or not as {@code runStarted} says.
     */
    private TerminateToolException refusalOnceRead(String message, boolean runStarted) throws Exception {
        Path data = Files.writeString(tmp.resolve("plain.txt"), "The cat sat .\n");
        try (BufferedReader reader = Files.newBufferedReader(data)) {
            PlainLines lines = new PlainLines(reader, data, StandardCharsets.UTF_8, System.err);
            return assertThrows(TerminateToolException.class, () -> new TrainTool().train(lines, l -> {
                l.read();
                throw new IllegalArgumentException(message);
            }, () -> runStarted));
        }
    }
}
