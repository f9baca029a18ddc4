package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt of the thread that trains ends the run after the step it is in, with a checkpoint of that step, by
 * {@link TrainingStopped}. It used to go unheeded until the next file write, which then failed
 * (ClosedByInterruptException), losing every step since the last checkpoint.
 */
class TrainingStopTest {
    /** A log that interrupts the thread printing {@code marker}, as a caller on another thread would. */
    private static PrintStream interruptingAt(String marker) {
        return new PrintStream(new ByteArrayOutputStream() {
            private boolean done; // once: a line is written in pieces, and the marker stays in what was written

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (!done && toString(StandardCharsets.UTF_8).contains(marker)) {
                    done = true;
                    Thread.currentThread().interrupt();
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    /**
     * Interrupted after its step-10 checkpoint (so during step 11, in the native code, which goes on), the run
     * saves step 11 and stops; resumed, it ends where an unbroken run does, bit for bit (the tiny model's kernels
     * are deterministic: DiffusionTrainerTest).
     */
    @Test
    void anInterruptSavesTheStepItCameInAndResumingMatchesAnUnbrokenRun(@TempDir Path tmp) throws Exception {
        Path unbroken = tmp.resolve("unbroken");
        Path stopped = tmp.resolve("stopped");
        TestModels.train(unbroken, 20, false);
        TrainingStopped e = assertThrows(TrainingStopped.class, () -> new DiffusionTrainer(
                TestModels.tinyRun(stopped, 20, false, null, 0), interruptingAt("(step 10)")).run());
        assertEquals(11, e.step());
        assertEquals(stopped, e.output());
        assertEquals("interrupted: stopped at step 11 with a checkpoint of it in " + stopped
                + "; resume to go on from there", e.getMessage());
        assertEquals(11, ModelCheckpoint.readHeader(stopped).training().step());
        assertEquals(false, Thread.currentThread().isInterrupted(), "the exception says it; the flag is cleared");
        TestModels.train(stopped, 20, true);
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionTrainerTest.assertSameWeights(
                    DiffusionTrainerTest.arrays(ModelCheckpoint.load(unbroken, m).network().getParameters()),
                    DiffusionTrainerTest.arrays(ModelCheckpoint.load(stopped, m).network().getParameters()),
                    "stopped and resumed against unbroken");
        }
    }

    /**
     * A resumed run asked to stop before it starts stops at the start-up's first check, naming the step of the
     * checkpoint it read once (the trainer used to read the checkpoint's header a second time to say it), which stays
     * as it was. TrainStartUpSignalTest does this through a signal, at a time that depends on the machine's load.
     */
    @Test
    void aResumedRunStoppedDuringItsStartUpNamesItsCheckpointsStep(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(tmp);
        byte[] config = java.nio.file.Files.readAllBytes(model.resolve(ModelCheckpoint.CONFIG));
        DiffusionTrainer trainer = new DiffusionTrainer(TestModels.tinyRun(model, 30, true, null, 0),
                new PrintStream(PrintStream.nullOutputStream()));
        trainer.stop();
        TrainingStopped e = assertThrows(TrainingStopped.class, trainer::run);
        assertEquals(20, e.step());
        assertEquals("starting", e.startUpPhase());
        assertEquals("interrupted during start-up (starting): nothing was trained or saved in " + model
                + "; its checkpoint of step 20 is untouched", e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(config,
                java.nio.file.Files.readAllBytes(model.resolve(ModelCheckpoint.CONFIG)));
    }

    /** train-ar's trainer stops alike, here by {@link TrainingRun#stop()} (what train's signal hook calls). */
    @Test
    void theAutoregressiveTrainerStopsAlikeWhenAskedTo(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ar");
        ArTrainer[] trainer = new ArTrainer[1];
        PrintStream stopsAtTen = new PrintStream(new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (toString(StandardCharsets.UTF_8).contains("step 10/")) {
                    trainer[0].stop();
                }
            }
        }, true, StandardCharsets.UTF_8);
        trainer[0] = new ArTrainer(TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000)
                .maxLength(32).batchSize(8).steps(40).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10)
                .contextEmbeddings(false).build(), null, stopsAtTen);
        TrainingStopped e = assertThrows(TrainingStopped.class, trainer[0]::run);
        assertEquals(11, e.step());
        assertEquals(11, io.github.diffusionnlp.ar.ArCheckpoint.readHeader(dir).training().step());
    }
}
