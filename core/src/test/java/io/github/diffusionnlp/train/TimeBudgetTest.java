package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
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
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        Path dir = tmp.resolve("model");
        TrainingInfo stopped = new DiffusionTrainer(TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny")
                .vocabSize(2000).maxLength(32).batchSize(8).steps(1_000_000).contextEmbeddings(false)
                .timeBudget(Duration.ofSeconds(1)).build(), quiet).run();
        assertFalse(stopped.finished(), "stopped at step " + stopped.step() + " of " + stopped.totalSteps());
        assertEquals(stopped, ModelCheckpoint.readHeader(dir).training(), "with a checkpoint of its last step");

        TrainingInfo done = new DiffusionTrainer(TrainOptions.builder(TestModels.devCorpus(), dir).resume(true)
                .steps(stopped.step() + 2).build(), quiet).run();
        assertTrue(done.finished(), "ended its plan at step " + done.step());
    }
}
