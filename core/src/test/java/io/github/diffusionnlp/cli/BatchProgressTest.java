package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code rewrite} and {@code infill} say how far a batch of lines is while its windows sample: a line of 100,000
 * tokens is some 1,600 windows, and the commands, counting lines alone, printed nothing for minutes (audit h254).
 */
@Isolated
class BatchProgressTest {
    private static final String MODEL = TestModels.shippedModel().toString();
    private static final long SECOND = 1_000_000_000L;
    private static final Pattern WINDOWS = Pattern.compile(": (\\d+)/(\\d+) (candidate )?windows?[,\\n]");

    /** What {@code body} printed on stderr. */
    private static String stderr(Runnable body) {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            body.run();
        } finally {
            System.setErr(err);
        }
        return e.toString(StandardCharsets.UTF_8);
    }

    /**
     * On a clock of its own: nothing in the first 5 s, then a line at most every 5 s, windows and lines alike, the
     * count running on across the passes a call samples in (infill's rounds), each reset and counted from 0.
     */
    @Test
    void theWindowsAreSaidOnTheLinesCadenceAcrossPasses() {
        AtomicLong now = new AtomicLong(1_000 * SECOND);
        Progress lines = new Progress("infill", "line", "lines", now::get, Progress.PERIOD);
        String said = stderr(() -> {
            ai.djl.util.Progress windows = lines.rows(3, "line 4", 10, "window", "windows");
            for (int round = 0; round < 5; round++) {
                windows.reset("Sampling", 2);
                windows.start(0);
                now.addAndGet(SECOND);
                windows.update(1);
                now.addAndGet(SECOND);
                windows.update(2);
                windows.end();
            }
            lines.update(4); // at 10 s: the windows' line was at 6 s
            now.addAndGet(2 * SECOND);
            lines.update(4); // at 12 s
        });
        assertEquals("infill: 3 lines, line 4: 6/10 windows, 1.0 windows/s, ETA 4 s\n"
                + "infill: 4 lines, 3.0 s/line\n", said);
    }

    /** With no wait between lines: every batch of rows a rewrite samples, each window of the line counted once. */
    @Test
    void aLongLineIsRewrittenWindowByWindowAndSaysSo() {
        String line = words(300) + "\n"; // windows of 64: 5
        List<String> counts = counts(() -> MainTest.run(line, "rewrite", "--model", MODEL, "--steps", "1", "--batch",
                "2"), "rewrite: 0 lines, line 1: ");
        assertEquals(List.of("2/5", "4/5", "5/5"), counts);
    }

    /**
     * Infill samples a long line a stretch of 32 a round, only the stretches that hold a mask, a short line whole in
     * the first round: the count runs on across the rounds to the rows the batch holds. Within a round, the rows of
     * one width are done before the next width's (the short line's 16 positions, then the stretch's window of 64).
     */
    @Test
    void infillCountsTheStretchesWithAMaskOverItsRounds() {
        List<String> tokens = new ArrayList<>(List.of(words(200).split(" ")));
        for (int i : new int[] {5, 40, 150}) { // stretches 0, 1 and 4 of 0-31, 32-63, ...
            tokens.set(i, "[MASK]");
        }
        String input = String.join(" ", tokens) + "\nthe [MASK] barked .\n";
        List<String> counts = counts(() -> MainTest.run(input, "infill", "--model", MODEL, "--steps", "1"),
                "infill: 0 lines, lines 1-2: ");
        assertEquals(List.of("1/4", "2/4", "3/4", "4/4"), counts);
    }

    /**
     * A rewrite's masks are filled first, once each; then each window is sampled once for each of the candidates of
     * best of k, which the line counts.
     */
    @Test
    void aRewriteCountsItsMasksOnceAndItsWindowsForEachCandidate() {
        List<String> tokens = new ArrayList<>(List.of(words(150).split(" "))); // windows of 64: 3
        tokens.set(10, "[MASK]");
        String input = String.join(" ", tokens) + "\n";
        List<String> counts = counts(() -> MainTest.run(input, "rewrite", "--model", MODEL, "--steps", "1", "--batch",
                "4", "--sentiment", "positive", "--candidates", "2"), "rewrite: 0 lines, line 1: ");
        assertEquals(List.of("1/7", "5/7", "7/7"), counts);
    }

    /**
     * {@code generate} says how far a batch of sentences is while its steps run: 4 steps of a batch of 3 rows are 12
     * row-steps, whose share done is said as whole sentences (1, 2, 3 of 3); a batch of 300 printed nothing for two
     * minutes (audit h265). Best of k counts each candidate.
     */
    @Test
    void aGenerateBatchSaysItsSentencesStepByStep() {
        assertEquals(List.of("generate: 0 sentences, sentences 1-3: 1/3", "generate: 0 sentences, sentences 1-3: 2/3",
                "generate: 0 sentences, sentences 1-3: 3/3", "generate: 3 sentences, sentences 4-5: 1/2",
                "generate: 3 sentences, sentences 4-5: 2/2"), generated(" sentences", "generate", "--model", MODEL,
                        "--count", "5", "--batch", "3", "--steps", "4", "--length", "5"));
        assertEquals(List.of("generate: 0 sentences, sentence 1: 1/2", "generate: 0 sentences, sentence 1: 2/2"),
                generated(" candidate sentences", "generate", "--model", MODEL, "--count", "1", "--steps", "2",
                        "--length", "5", "--sentiment", "positive", "--candidates", "2"));
    }

    /** The "PREFIX: done/total" of each line a generate run printed for a batch still sampling, its unit cut. */
    private static List<String> generated(String unit, String... args) {
        Run r = everyUpdatePrinted(() -> MainTest.run("", args));
        assertEquals(0, r.code(), r.err());
        List<String> said = new ArrayList<>();
        Pattern batch = Pattern.compile("(generate: \\d+ sentences?, sentences? [-0-9]+: \\d+/\\d+)(.*)");
        for (String line : r.err().split("\n")) {
            Matcher m = batch.matcher(line);
            if (m.matches()) {
                assertTrue(m.group(2).startsWith(unit + ","), line);
                said.add(m.group(1));
            }
        }
        return said;
    }

    private static String words(int n) {
        String[] cycle = {"the", "old", "dog", "saw", "a", "cat", "near", "the", "house", "."};
        return IntStream.range(0, n).mapToObj(i -> cycle[i % cycle.length]).collect(Collectors.joining(" "));
    }

    /** The "done/total" of each windows line a run printed, which starts with {@code prefix}. */
    private static List<String> counts(java.util.function.Supplier<Run> run, String prefix) {
        Run r = everyUpdatePrinted(run);
        assertEquals(0, r.code(), r.err());
        List<String> counts = new ArrayList<>();
        for (String line : r.err().split("\n")) {
            Matcher m = WINDOWS.matcher(line + "\n");
            if (m.find()) {
                assertEquals(prefix, line.substring(0, m.start(1)), r.err());
                counts.add(m.group(1) + "/" + m.group(2));
            }
        }
        return counts;
    }

    /** {@code run} with a progress line printed at every update (the commands' period made -1), then restored. */
    private static Run everyUpdatePrinted(java.util.function.Supplier<Run> run) {
        long period = Progress.commandPeriod;
        try {
            Progress.commandPeriod = -1;
            return run.get();
        } finally {
            Progress.commandPeriod = period;
        }
    }
}
