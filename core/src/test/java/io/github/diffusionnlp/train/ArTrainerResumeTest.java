package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.ar.ArCheckpoint;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the docs promise of {@code train-ar --resume} as of {@code train}'s: a run stopped after a step (with its
 * checkpoint) and resumed ends with the weights an unbroken run of the same plan ends with, bit for bit, on one
 * thread ({@link Reproducible}). The stop falls between checkpoints (step 11 of 20, a checkpoint every 20).
 */
class ArTrainerResumeTest {
    private static TrainOptions plan(Path dir, boolean resume) {
        return TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000).maxLength(32)
                .batchSize(8).steps(20).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(20).resume(resume)
                .contextEmbeddings(false).build();
    }

    @Test
    void aStoppedAndResumedRunEndsWhereAStraightRunDoes(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        Path stopped = tmp.resolve("stopped");
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        Reproducible.run(() -> new ArTrainer(plan(straight, false), null, quiet).run());
        ArTrainer[] run = new ArTrainer[1];
        // the progress line of step 10 asks for a stop, which comes after the next step
        PrintStream stopAtTen = new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                line.append((char) b);
                if (b == '\n') {
                    if (line.toString().startsWith("step 10/")) {
                        run[0].stop();
                    }
                    line.setLength(0);
                }
            }
        }, true);
        run[0] = new ArTrainer(plan(stopped, false), null, stopAtTen);
        TrainingStopped e = assertThrows(TrainingStopped.class, () -> Reproducible.run(run[0]::run));
        assertEquals(11, ArCheckpoint.readHeader(stopped).training().step(), e.getMessage());
        assertEquals(20, Reproducible.run(() -> new ArTrainer(plan(stopped, true), null, quiet).run()).step());
        assertArrayEquals(Files.readAllBytes(straight.resolve(ArCheckpoint.PARAMS)),
                Files.readAllBytes(stopped.resolve(ArCheckpoint.PARAMS)));
    }
}
