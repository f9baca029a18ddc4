package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Train} without CheckpointDir trains in a temporary directory; when java.io.tmpdir cannot hold one it said
 * only "error: /tmp/ro/diffusion-training159...": now what went wrong and the two ways out.
 */
class TrainTempDirectoryTest {
    @Test
    void anUnusableTemporaryDirectoryIsExplained(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory\n");
        Path data = Files.writeString(tmp.resolve("data.txt"), "The_DET cat_NOUN sleeps_VERB ._PUNCT\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + file.resolve("tmp"), "-cp",
                System.getProperty("java.class.path"), DiffusionNlpTool.class.getName(), "Train", "-model",
                tmp.resolve("m.bin").toString(), "-data", data.toString()).redirectErrorStream(true).start();
        String said;
        try {
            said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            child.waitFor(60, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }
        assertEquals(CmdTool.FAILED, child.exitValue(), said);
        assertTrue(said.contains("error: no temporary directory to train in; give CheckpointDir=DIR among the training"
                + " parameters to train in a directory of your own: " + file.resolve("tmp")), said);
        assertTrue(said.contains("; a temporary file, under java.io.tmpdir: name a writable directory with"
                + " -Djava.io.tmpdir=DIR\n"), said);
    }
}
