package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} and {@code train-ar} stopped by SIGTERM (as Ctrl-C's SIGINT) during their start-up stop within a few
 * seconds, say so and exit 143, leaving the output directory as it was: they used to go on through the start-up and
 * a step first (79 s on 8 copies of Brown's training split), longer than the JVM waits for them on a larger corpus.
 * The corpus here is 4 copies of Brown's training split (39 MB), whose reading alone takes several seconds.
 */
class TrainStartUpSignalTest {
    /** The longest a stop may take after the signal: a check comes every few thousand lines or sentences. */
    private static final long STOP_MILLIS = 5_000;

    @TempDir
    static Path shared;
    private static Path corpus;

    @BeforeAll
    static void largeCorpus() throws IOException {
        corpus = shared.resolve("brown-4x.conllu");
        try (OutputStream out = Files.newOutputStream(corpus)) {
            for (int copy = 0; copy < 4; copy++) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(TestModels.root()
                        .resolve("test-data/brown/train.conllu.gz")))) {
                    in.transferTo(out);
                }
            }
        }
    }

    @Test
    void sigtermWhileReadingTheCorpusStopsAtOnceAndRemovesTheNewDirectory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("new/m");
        String said = signalled(List.of("train", "--corpus", corpus.toString(), "--out", out.toString(), "--size",
                "tiny"), readingTheCorpus(), 300);
        assertTrue(said.contains("stopped by signal during start-up (reading the corpus); nothing was trained, "
                + out + ", which the run had created, is removed"), said);
        assertFalse(Files.exists(tmp.resolve("new")), said);
    }

    /**
     * On Brown's training split itself, not the 4 copies: the signal waits for the phase, and the copies' reading
     * before it took most of the test's time (25 s against 10 s on a loaded machine, where the split is read in 4.5 s
     * and its context embeddings built in 3 s, the phase the signal lands in).
     */
    @Test
    void sigtermWhileBuildingTheContextEmbeddingsStopsThere(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("m");
        Files.createDirectories(out);
        Path split = TestModels.root().resolve("test-data/brown/train.conllu.gz");
        String said = signalled(List.of("train", "--corpus", split.toString(), "--out", out.toString(), "--size",
                "tiny"), line -> line.startsWith("word embeddings: from the corpus's word contexts"), 0);
        assertTrue(said.contains("stopped by signal during start-up (building the context embeddings); nothing was"
                + " trained, " + out + " is as it was, with no model in it"), said);
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), said);
        }
    }

    @Test
    void sigtermDuringAResumedStartUpLeavesTheCheckpointUntouched(@TempDir Path tmp) throws Exception {
        Path out = TestModels.copyOfTinyModel(tmp.resolve("m"));
        Map<Path, byte[]> before = files(out);
        // more steps than the tiny model has: one with none left says "nothing to do" without reading the corpus
        String said = signalled(List.of("train", "--corpus", corpus.toString(), "--out", out.toString(),
                "--resume", "--steps", "1000"), readingTheCorpus(), 300);
        assertTrue(said.contains("stopped by signal during start-up (reading the corpus); nothing was trained, the"
                + " checkpoint in " + out + " (step "), said);
        Map<Path, byte[]> after = files(out);
        // emptied when the run let go of it, if there was one
        before.remove(Path.of("training.lock"));
        after.remove(Path.of("training.lock"));
        assertEquals(before.keySet(), after.keySet(), said);
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + "\n" + said));
    }

    @Test
    void trainArStopsDuringItsStartUpToo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ar");
        String said = signalled(List.of("train-ar", "--corpus", corpus.toString(), "--out", out.toString(),
                "--size", "tiny"), readingTheCorpus(), 300);
        assertTrue(said.contains("stopped by signal during start-up (reading the corpus); nothing was trained, "
                + out + ", which the run had created, is removed"), said);
        assertFalse(Files.exists(out), said);
    }

    /**
     * Whether the run has said it is reading its corpus, which takes several seconds more. The tests used to wait for
     * the run's lock, written just before, and signal 1 s later: on a loaded machine the run was then still
     * "starting".
     */
    private static Predicate<String> readingTheCorpus() {
        return line -> line.startsWith("corpus: reading " + corpus);
    }

    /**
     * Runs the CLI with {@code args} in a child JVM, sends it SIGTERM {@code delayMillis} after {@code due} holds
     * (tested on each line it writes, and every 50 ms), and returns what it said; asserts that it ended, with 143,
     * within {@link #STOP_MILLIS} of the signal.
     */
    private static String signalled(List<String> args, Predicate<String> due, long delayMillis) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer said = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(l -> said.append(l).append('\n'));
            } catch (IOException e) {
                said.append(e).append('\n');
            }
        });
        reader.start();
        try {
            long signalled = 0;
            while (signalled == 0 && child.isAlive()) {
                if (said.toString().lines().anyMatch(due) || due.test("")) {
                    Thread.sleep(delayMillis);
                    child.toHandle().destroy(); // SIGTERM; Process.destroy would also close the child's output
                    signalled = System.nanoTime();
                } else {
                    Thread.sleep(50);
                }
            }
            assertTrue(signalled != 0, "the run ended before the signal was due: " + said);
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), said.toString());
            long millis = (System.nanoTime() - signalled) / 1_000_000;
            reader.join(10_000);
            assertTrue(millis < STOP_MILLIS, "ended " + millis + " ms after the signal: " + said);
            assertEquals(143, child.exitValue(), said.toString());
            return said.toString();
        } finally {
            child.destroyForcibly();
        }
    }

    private static Map<Path, byte[]> files(Path dir) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.toList()) {
                files.put(dir.relativize(p), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
