package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
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

    /**
     * A stop asked while the rows are being packed, the start-up's last long walk, ends it at the walk's next check
     * (every 4,096 sentences: corpus/CheckedList), not at its end, with nothing saved; the same run started again trains
     * as one never stopped does, bit for bit. The dev split three times over (11,088 sentences) has checks inside the
     * walk.
     */
    @Test
    void aStopWhileTheRowsArePackedEndsThePackingAndTheRunStartsAgainAsNew(@TempDir Path tmp) throws Exception {
        TaggedCorpus.Read dev = TaggedCorpus.readAs(TestModels.devCorpus(), TaggedCorpus.Reading.DEFAULT, null,
                LayoutOption.COMMAND_LINE);
        List<TaggedSentence> thrice = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            thrice.addAll(dev.sentences());
        }
        TaggedCorpus.Read read = new TaggedCorpus.Read(thrice, dev.reading());
        Path unbroken = tmp.resolve("unbroken");
        new DiffusionTrainer(TestModels.tinyRun(unbroken, 2, false, null, 0), read, quiet()).run();

        Path dir = tmp.resolve("stopped");
        StopsWhenPacked sentences = new StopsWhenPacked(thrice);
        DiffusionTrainer trainer = new DiffusionTrainer(TestModels.tinyRun(dir, 2, false, null, 0),
                new TaggedCorpus.Read(sentences, read.reading()), quiet());
        sentences.trainer = trainer;
        TrainingStopped e = assertThrows(TrainingStopped.class, trainer::run);
        assertEquals("packing the rows", e.startUpPhase());
        assertEquals(0, e.step());
        assertTrue(sentences.packedAfterTheStop >= 0 && sentences.packedAfterTheStop <= 4096,
                sentences.packedAfterTheStop + " sentences got by the packing after the stop (of " + thrice.size()
                + ")");
        assertFalse(Files.exists(dir.resolve(ModelCheckpoint.CONFIG)), "nothing saved");

        new DiffusionTrainer(TestModels.tinyRun(dir, 2, false, null, 0), read, quiet()).run();
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionTrainerTest.assertSameWeights(
                    DiffusionTrainerTest.arrays(ModelCheckpoint.load(unbroken, m).network().getParameters()),
                    DiffusionTrainerTest.arrays(ModelCheckpoint.load(dir, m).network().getParameters()),
                    "started again after a stop while packing against never stopped");
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(PrintStream.nullOutputStream());
    }

    /**
     * Sentences that ask {@link #trainer} to stop when the packing of the rows ({@link PackedRows#of}) first gets one,
     * and count how many it gets after that.
     */
    private static final class StopsWhenPacked extends AbstractList<TaggedSentence> implements RandomAccess {
        private final List<TaggedSentence> sentences;
        TrainingRun trainer;
        int packedAfterTheStop = -1;

        StopsWhenPacked(List<TaggedSentence> sentences) {
            this.sentences = sentences;
        }

        @Override
        public TaggedSentence get(int index) {
            if (packing()) {
                if (packedAfterTheStop < 0) {
                    trainer.stop();
                }
                packedAfterTheStop++;
            }
            return sentences.get(index);
        }

        private static boolean packing() {
            return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                    f -> f.getClassName().equals(PackedRows.class.getName()) && f.getMethodName().equals("of")));
        }

        @Override
        public int size() {
            return sentences.size();
        }
    }
}
