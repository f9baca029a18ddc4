package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        ChildJvm.Run r = ChildJvm.run(ChildJvm.command(List.of("-Djava.io.tmpdir=" + file.resolve("tmp")),
                DiffusionNlpTool.class, "Train", "-model", tmp.resolve("m.bin").toString(), "-data", data.toString()),
                "", Duration.ofSeconds(60));
        String said = r.said();
        assertEquals(CmdTool.FAILED, r.code(), said);
        assertTrue(said.contains("error: no temporary directory to train in; give CheckpointDir=DIR among the training"
                + " parameters to train in a directory of your own: " + file.resolve("tmp")), said);
        assertTrue(said.contains("; a temporary file, under java.io.tmpdir: name a writable directory with"
                + " -Djava.io.tmpdir=DIR\n"), said);
    }
}
