package io.github.diffusionnlp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
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

/** The benchmark's training model goes from the temp directory however the run ends. */
class ScratchDirectoryTest {
    /**
     * A benchmark stopped (Ctrl-C, SIGTERM) during its training measurement left its {@code benchmark-train*}
     * model in the temp directory: the JVM runs shutdown hooks on SIGTERM, not the main thread's finally.
     */
    @Test
    void aProcessStoppedWhileTrainingLeavesNoTrainingDirectory(@TempDir Path tmp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), TrainingUntilStopped.class.getName(),
                TestModels.devCorpus().toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do { // a step line: the directory holds a training run
                line = out.readLine();
            } while (line != null && !line.startsWith("  step "));
            assertTrue(line != null, "the child ended before training");
            assertEquals(List.of("benchmark-train"), trainingDirs(tmp).stream().map(s -> s.substring(0, 15)).toList());
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of(), trainingDirs(tmp));
    }

    @Test
    void closeDeletesTheDirectoryAndItsShutdownHook() throws Exception {
        ScratchDirectory dir = new ScratchDirectory("scratch-test");
        Files.writeString(dir.path().resolve("file"), "x");
        dir.close();
        assertTrue(Files.notExists(dir.path()));
        assertTrue(!Runtime.getRuntime().removeShutdownHook(dir.shutdownHook()), "hook left registered");
    }

    private static List<String> trainingDirs(Path tmp) throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("benchmark-train")).toList();
        }
    }
}
