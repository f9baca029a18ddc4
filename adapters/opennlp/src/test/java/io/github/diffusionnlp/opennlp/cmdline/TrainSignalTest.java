package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Train} stopped by SIGTERM exited 143 with nothing saved since its last checkpoint (a run stopped after step
 * 290 resumed at 250), and without CheckpointDir left its temporary directory behind: it had no shutdown hook. It
 * now stops as core's train does: the step it is in is finished and saved, the tool says where it stopped, and a
 * temporary directory is removed before the JVM exits 143.
 */
class TrainSignalTest {
    private static final String SENTENCES = "The_DET cat_NOUN sat_VERB on_ADP the_DET mat_NOUN ._PUNCT\n"
            + "A_DET dog_NOUN ran_VERB to_ADP the_DET park_NOUN ._PUNCT\n"
            + "She_PRON read_VERB the_DET old_ADJ book_NOUN ._PUNCT\n";

    @Test
    void sigtermSavesTheCurrentStepInTheCheckpointDir(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        // a checkpoint every 1,000 steps: any checkpoint at the step printed is the stop's own
        Path params = Files.writeString(tmp.resolve("params.txt"), "Iterations=100000\nSize=tiny\nBatchSize=8\n"
                + "MaxLength=16\nCheckpointEvery=1000\nCheckpointDir=" + dir + "\n");
        String said = trainAndTerminate(tmp, params, List.of(), SENTENCES);
        int step = ModelCheckpoint.readHeader(dir).training().step();
        assertTrue(step >= 20 && step < 1000, said);
        assertTrue(said.contains("stopped by signal at step " + step + ", with a checkpoint of it in " + dir
                + "; the same command continues (its CheckpointDir is resumed unasked)\n"), said);
    }

    @Test
    void sigtermRemovesTheTemporaryDirectory(@TempDir Path tmp) throws Exception {
        Path temporary = Files.createDirectory(tmp.resolve("java-tmp"));
        Path params = Files.writeString(tmp.resolve("params.txt"), "Iterations=100000\nSize=tiny\nBatchSize=8\n"
                + "MaxLength=16\n");
        String said = trainAndTerminate(tmp, params, List.of("-Djava.io.tmpdir=" + temporary), SENTENCES);
        assertTrue(said.contains("; no model package was written, and the run's temporary directory is removed with"
                + " its checkpoint: give CheckpointDir=DIR among the training parameters to keep checkpoints and"
                + " resume from them\n"), said);
        try (Stream<Path> left = Files.list(temporary)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("diffusion-training"))
                    .toList(), said);
        }
    }

    /** -format plain trains through the same run, and stops as the tagged one does. */
    @Test
    void sigtermStopsAnUntaggedRunToo(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Path params = Files.writeString(tmp.resolve("params.txt"), "Iterations=100000\nSize=tiny\nBatchSize=8\n"
                + "MaxLength=16\nCheckpointEvery=1000\nCheckpointDir=" + dir + "\n");
        String said = trainAndTerminate(tmp, params, List.of(), SENTENCES.replaceAll("_[A-Z]+", ""), "-format",
                "plain");
        int step = ModelCheckpoint.readHeader(dir).training().step();
        assertTrue(step >= 20 && step < 1000, said);
        assertTrue(said.contains("stopped by signal at step " + step + ", with a checkpoint of it in " + dir), said);
        assertTrue(ModelCheckpoint.readHeader(dir).training().untagged(), said);
    }

    /**
     * A signal while the data is read (before the run is handed its own hook) ended the JVM at once: no word of why,
     * and the temporary directory made before reading was left behind. The reading now stops at its next line, the
     * directory is removed and the tool says so, exiting 143.
     */
    @Test
    void sigtermWhileReadingTheDataStopsTheReading(@TempDir Path tmp) throws Exception {
        Path temporary = Files.createDirectory(tmp.resolve("java-tmp"));
        Path params = Files.writeString(tmp.resolve("params.txt"), "Iterations=100000\nSize=tiny\nBatchSize=8\n"
                + "MaxLength=16\n");
        // enough lines that reading them lasts well past the moment the signal is sent
        Path data = Files.writeString(tmp.resolve("train.txt"), SENTENCES.repeat(100_000));
        Process child = ChildJvm.command(List.of("-Djava.io.tmpdir=" + temporary), DiffusionNlpTool.class, "Train",
                "-model", tmp.resolve("m.bin").toString(), "-data", data.toString(), "-params", params.toString())
                .redirectErrorStream(true).start();
        java.util.concurrent.CompletableFuture<String> said = outputOf(child);
        try {
            // the run's temporary directory is made just before the first line is read
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (trainingDirectories(temporary).isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(child.isAlive() && !trainingDirectories(temporary).isEmpty(), "reading never began");
            child.toHandle().destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "still running 60 s after the signal");
        } finally {
            child.destroyForcibly();
        }
        String out = said.get(10, TimeUnit.SECONDS);
        assertEquals(143, child.exitValue(), out);
        assertTrue(out.contains("stopped by signal while reading -data " + data + " (after line "), out);
        assertTrue(out.contains("; nothing was trained and no model package was written\n"), out);
        assertFalse(out.contains("checkpoint:"), "no step trained: " + out);
        assertEquals(List.of(), trainingDirectories(temporary), out);
        assertFalse(Files.exists(tmp.resolve("m.bin")), out);
    }

    /**
     * A signal once the run has its data and has begun its start-up (reading the corpus it was handed) stops it at
     * the start-up's next check, within seconds: it used to go on through the start-up and a step first.
     */
    @Test
    void sigtermDuringTheRunsStartUpStopsItThere(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Path params = Files.writeString(tmp.resolve("params.txt"), "Iterations=100000\nSize=tiny\nBatchSize=8\n"
                + "MaxLength=16\nCheckpointDir=" + dir + "\n");
        Path data = Files.writeString(tmp.resolve("train.txt"), SENTENCES.repeat(200_000));
        Process child = ChildJvm.command(List.of(), DiffusionNlpTool.class, "Train", "-model",
                tmp.resolve("m.bin").toString(), "-data", data.toString(), "-params", params.toString())
                .redirectErrorStream(true).start();
        java.util.concurrent.CompletableFuture<String> said = outputOf(child);
        long millis;
        try {
            // the run's lock names it ("train --out", not the tool's writing of the data) once it has claimed the
            // directory, just before it reads the corpus it was handed
            Path lock = dir.resolve("training.lock");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!runHolds(lock) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(child.isAlive() && runHolds(lock), "the run never began");
            Thread.sleep(500);
            long signalled = System.nanoTime();
            child.toHandle().destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "still running 60 s after the signal");
            millis = (System.nanoTime() - signalled) / 1_000_000;
        } finally {
            child.destroyForcibly();
        }
        String out = said.get(10, TimeUnit.SECONDS);
        assertEquals(143, child.exitValue(), out);
        assertTrue(millis < 5_000, "ended " + millis + " ms after the signal: " + out);
        assertTrue(out.contains("stopped by signal during start-up ("), out);
        assertTrue(out.contains("); nothing was trained and no model package was written\n"), out);
        assertFalse(out.contains("checkpoint:"), "no step trained: " + out);
        assertFalse(Files.exists(tmp.resolve("m.bin")), out);
    }

    private static boolean runHolds(Path lock) {
        try {
            return Files.readString(lock).startsWith("train --out");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<Path> trainingDirectories(Path temporary) throws java.io.IOException {
        try (Stream<Path> files = Files.list(temporary)) {
            return files.filter(p -> p.getFileName().toString().startsWith("diffusion-training")).toList();
        }
    }

    /**
     * Trains on {@code sentences} (repeated) in a child JVM, sends SIGTERM after step 20, and returns what it said; it
     * must exit 143.
     */
    private static String trainAndTerminate(Path tmp, Path params, List<String> jvmOptions, String sentences,
            String... more) throws Exception {
        Path data = Files.writeString(tmp.resolve("train.txt"), sentences.repeat(100));
        List<String> args = new java.util.ArrayList<>(List.of("Train", "-model", tmp.resolve("m.bin").toString(),
                "-data", data.toString(), "-params", params.toString()));
        args.addAll(List.of(more));
        Process child = ChildJvm.command(jvmOptions, DiffusionNlpTool.class, args.toArray(String[]::new))
                .redirectErrorStream(true).start();
        // a run that never prints the step awaited would hold the read below for ever
        java.util.concurrent.CompletableFuture.delayedExecutor(180, TimeUnit.SECONDS).execute(child::destroyForcibly);
        StringBuilder said = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
                said.append(line).append('\n');
            } while (line != null && !line.startsWith("step 20/"));
            assertTrue(line != null, "the run ended before step 20: " + said);
            child.toHandle().destroy(); // SIGTERM; Process.destroy would also close the child's output
            lines.lines().forEach(l -> said.append(l).append('\n'));
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), said.toString());
        } finally {
            child.destroyForcibly();
        }
        assertEquals(143, child.exitValue(), said.toString());
        assertTrue(!Files.exists(tmp.resolve("m.bin")), "no package: " + said);
        return said.toString();
    }

    /** Everything {@code child} writes, read on another thread so that it never blocks on a full pipe. */
    private static java.util.concurrent.CompletableFuture<String> outputOf(Process child) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (java.io.InputStream out = child.getInputStream()) {
                return new String(out.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
    }
}
