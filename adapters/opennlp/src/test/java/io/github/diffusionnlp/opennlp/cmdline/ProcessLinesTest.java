package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.Utf8Lines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.cmdline.TerminateToolException;
import org.junit.jupiter.api.Test;

/**
 * The tools' shared line loop ({@link LineBatcher#processLines}) when the model fails on some lines. The runner
 * stands in for the model: it upper-cases every token, and fails on a sentence holding "BOOM" as the model
 * failed on a joined POS tag, so that which lines fail is known.
 */
class ProcessLinesTest {
    private final List<Long> firstSeeds = new ArrayList<>();

    private String[][] upperCase(List<LineBatcher.Job> batch, long first) {
        firstSeeds.add(first);
        if (batch.stream().anyMatch(j -> Arrays.asList(j.tokens()).contains("BOOM"))) {
            throw new IllegalStateException("cannot sample BOOM");
        }
        return batch.stream().map(j -> Arrays.stream(j.tokens()).map(String::toUpperCase).toArray(String[]::new))
                .toArray(String[][]::new);
    }

    private static LineBatcher.ReadLine read(Utf8Lines.Line line) {
        if (line.text().isBlank()) {
            return LineBatcher.ReadLine.passThrough(line);
        }
        if (line.text().contains("BAD")) {
            return LineBatcher.ReadLine.unprocessed(line);
        }
        String[] tokens = LineTokenizer.whitespaceTokens(line.text());
        return new LineBatcher.ReadLine(line, List.<String[]>of(tokens), List.of(LineBatcher.Job.infill(tokens)));
    }

    @Test
    void onlyTheLinesTheModelFailsOnAreWrittenUnchangedAndTheRunFails() {
        String in = "one a\ntwo b\n\nthree BOOM\nfour c\nfive BOOM\nsix d\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TerminateToolException e = assertThrows(TerminateToolException.class, () -> LineBatcher.processLines(
                new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true,
                        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), 64,
                ProcessLinesTest::read, this::upperCase, null, "rewriting"));
        String errors = err.toString(StandardCharsets.UTF_8);

        assertEquals("ONE A\nTWO B\n\nthree BOOM\nFOUR C\nfive BOOM\nSIX D\n", out.toString(StandardCharsets.UTF_8),
                "every line written, only the failing ones unchanged; " + errors);
        assertTrue(errors.contains("line 4: the model failed (cannot sample BOOM); written without rewriting"), errors);
        assertTrue(errors.contains("line 6: the model failed (cannot sample BOOM); written without rewriting"), errors);
        assertFalse(errors.contains("lines 1-"), "not the whole batch: " + errors);
        assertEquals(CmdTool.FAILED, e.getCode());
        assertTrue(e.getMessage().startsWith("2 of 7 lines written without rewriting: the model failed on lines 4, 6"),
                e.getMessage());
        // the batch (sentences 0-5), then each line alone with its own sentence's seed: seed + k as in the batch
        assertEquals(List.of(0L, 0L, 1L, 2L, 3L, 4L, 5L), firstSeeds);
    }

    @Test
    void aRunWithoutFailuresEndsNormallyWithOneBatch() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineBatcher.processLines(new ByteArrayInputStream("a b\nc\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), 64,
                ProcessLinesTest::read, this::upperCase, null, "rewriting");
        assertEquals("A B\nC\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(0L), firstSeeds);
    }

    /** Lines passed through for bad input are written as read, and the run still ends in failure, counting them. */
    @Test
    void linesPassedThroughUnprocessedAreCountedAndTheRunFails() {
        String in = "one a\nBAD two\n\nthree c\nBAD four\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TerminateToolException e = assertThrows(TerminateToolException.class, () -> LineBatcher.processLines(
                new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true,
                        StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), 64,
                ProcessLinesTest::read, this::upperCase, null, "filling"));
        assertEquals("ONE A\nBAD two\n\nTHREE C\nBAD four\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(CmdTool.FAILED, e.getCode());
        assertEquals("2 of 5 lines passed through unprocessed: lines 2, 5; see the messages above", e.getMessage());
    }
}
