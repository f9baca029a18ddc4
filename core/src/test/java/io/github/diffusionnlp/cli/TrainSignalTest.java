package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} stopped by SIGTERM (as Ctrl-C's SIGINT) finishes its step, saves it, says where it stopped and exits
 * 143: it used to exit 143 with nothing saved since the last checkpoint (here: none at all).
 */
class TrainSignalTest {
    @Test
    void sigtermSavesTheCurrentStepAndSaysSo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("m");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--corpus", TestModels.devCorpus().toString(), "--out", out.toString(),
                "--size", "tiny", "--vocab", "2000", "--length", "32", "--batch", "8", "--steps", "100000",
                "--no-context-embeddings").redirectErrorStream(true).start();
        StringBuilder said = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
                said.append(line).append('\n');
            } while (line != null && !line.startsWith("step 20/"));
            assertTrue(line != null, "the run ended before step 20: " + said);
            // SIGTERM, before the first checkpoint (step 250); Process.destroy would also close the child's output
            child.toHandle().destroy();
            lines.lines().forEach(l -> said.append(l).append('\n'));
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), said.toString());
        } finally {
            child.destroyForcibly();
        }
        assertEquals(143, child.exitValue(), said.toString());
        int step = ModelCheckpoint.readHeader(out).training().step();
        assertTrue(step >= 20, said.toString());
        assertTrue(said.toString().contains("stopped by signal at step " + step + ", with a checkpoint of it in " + out
                + "; the same command with --resume continues"), said.toString());
    }
}
