package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
    @TempDir
    Path dir;

    @Test
    void resumingDropsRowsLoggedPastTheCheckpoint() throws Exception {
        Path csv = dir.resolve("training-log.csv");
        // a run checkpointed at step 20 and was killed after logging step 40
        Files.write(csv, List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0", "20,0.1,2.9,2.8,2.0",
                "30,0.1,2.8,2.8,3.0", "40,0.1,2.7,2.8,4.0"), StandardCharsets.UTF_8);
        TrainOptions options = new TrainOptions(Path.of("c"), null, dir, "tiny", 100, 8, 4, 100, null, 1e-3, 10, 1,
                10, true);
        new TrainingLog(dir, System.out, options, 20, 2.0);
        assertEquals(List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0", "20,0.1,2.9,2.8,2.0"),
                Files.readAllLines(csv, StandardCharsets.UTF_8));

        new TrainingLog(dir, System.out, options, 20, 2.0);
        assertEquals(3, Files.readAllLines(csv, StandardCharsets.UTF_8).size(), "a clean resume keeps every row");
    }

    /** A kill in the middle of appending a row leaves it without a line end; the next row must not join it. */
    @Test
    void resumingDropsALineTheStopCutShort() throws Exception {
        Path csv = dir.resolve("training-log.csv");
        Files.writeString(csv, "step,lr,train_loss,dev_loss,seconds\n10,0.1,3.0,NaN,1.0\n20,0.1,2.9,2.8,2.0\n3",
                StandardCharsets.UTF_8);
        TrainOptions options = new TrainOptions(Path.of("c"), null, dir, "tiny", 100, 8, 4, 100, null, 1e-3, 10, 1,
                10, true);
        TrainingLog log = new TrainingLog(dir, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), options,
                20, 2.0);
        log.step(30, 0.1f, 2.8, 2.8, Throughput.NONE);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0", "20,0.1,2.9,2.8,2.0"),
                lines.subList(0, 3));
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("30", lines.get(3).split(",")[0]);
    }
}
