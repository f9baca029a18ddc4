package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose weights have blown up skips every step after (loss or gradient not finite): both trainers stop
 * after a run of such steps and say what to do, instead of spending the rest of the budget on skipped steps.
 * A peak learning rate of 1e30 breaks a tiny model's weights within the first few steps.
 */
class DivergenceTest {
    private static TrainOptions blowingUp(Path dir) {
        return TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000).maxLength(32).batchSize(8).steps(200)
                .learningRate(1e30).warmupSteps(1).checkpointEvery(1000).build();
    }

    @Test
    void diffusionTrainingStopsAfterARunOfSkippedSteps(@TempDir Path dir) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DiffusionTrainer(
                blowingUp(dir), new PrintStream(log, true, StandardCharsets.UTF_8)).run());
        assertDiverged(e, log);
    }

    @Test
    void autoregressiveTrainingStopsAfterARunOfSkippedSteps(@TempDir Path dir) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ArTrainer(
                blowingUp(dir), null, new PrintStream(log, true, StandardCharsets.UTF_8)).run());
        assertDiverged(e, log);
    }

    private static void assertDiverged(IllegalStateException e, ByteArrayOutputStream log) {
        assertTrue(e.getMessage().startsWith("training diverged: 10 steps in a row up to step "), e.getMessage());
        assertTrue(e.getMessage().endsWith("no checkpoint was written yet: start again with a lower learningRate(...)"),
                e.getMessage());
        long skipped = log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" skipped: ")).count();
        assertTrue(skipped == 10, "ten skipped steps said, then the stop: " + skipped);
    }
}
