package io.github.diffusionnlp.train;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run its time budget stops returns normally; the record it returns tells so ({@link TrainingInfo#finished}), where a
 * Java caller had to compare its step with its planned steps, as only the command line's message did.
 */
class TimeBudgetTest {
    @Test
    void aRunTheBudgetStopsReturnsAnUnfinishedRecordAndOneThatEndsItsPlanAFinishedOne(@TempDir Path tmp)
            throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path dir = tmp.resolve("model");
        TrainingInfo stopped = new DiffusionTrainer(budgeted(dir), new PrintStream(log, true, UTF_8)).run();
        assertFalse(stopped.finished(), "stopped at step " + stopped.step() + " of " + stopped.totalSteps());
        assertEquals(stopped, ModelCheckpoint.readHeader(dir).training(), "with a checkpoint of its last step");
        assertTrue(log.toString(UTF_8).contains("stopped by the time budget at step " + stopped.step() + " of 1000000;"
                + " run again with resume(true) to continue"), "the log says so: " + log.toString(UTF_8));

        log.reset();
        TrainingInfo done = new DiffusionTrainer(TrainOptions.builder(TestModels.devCorpus(), dir).resume(true)
                .steps(stopped.step() + 2).build(), new PrintStream(log, true, UTF_8)).run();
        assertTrue(done.finished(), "ended its plan at step " + done.step());
        assertFalse(log.toString(UTF_8).contains("stopped by the time budget"), log.toString(UTF_8));
    }

    /** The autoregressive trainer's log says it too: the line is the runs' shared log's. */
    @Test
    void anAutoregressiveRunTheBudgetStopsSaysSoOnItsLog(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingInfo stopped = new ArTrainer(budgeted(tmp.resolve("ar")), null, new PrintStream(log, true, UTF_8)).run();
        assertFalse(stopped.finished());
        assertTrue(log.toString(UTF_8).contains("stopped by the time budget at step " + stopped.step() + " of 1000000"),
                log.toString(UTF_8));
    }

    /** A trainer given no log is refused at once, not with a NullPointerException once the run has started. */
    @Test
    void aTrainerNeedsALog(@TempDir Path tmp) {
        TrainOptions options = budgeted(tmp.resolve("model"));
        assertEquals("log (new PrintStream(OutputStream.nullOutputStream()) for none)",
                assertThrows(NullPointerException.class, () -> new DiffusionTrainer(options, null)).getMessage());
        assertEquals("log (new PrintStream(OutputStream.nullOutputStream()) for none)",
                assertThrows(NullPointerException.class, () -> new ArTrainer(options, null, null)).getMessage());
    }

    private static TrainOptions budgeted(Path dir) {
        return TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000).maxLength(32).batchSize(8)
                .steps(1_000_000).contextEmbeddings(false).timeBudget(Duration.ofSeconds(1)).build();
    }
}
