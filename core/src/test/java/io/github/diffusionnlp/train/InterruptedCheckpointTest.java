package io.github.diffusionnlp.train;

import static io.github.diffusionnlp.train.DiffusionTrainerTest.arrays;
import static io.github.diffusionnlp.train.DiffusionTrainerTest.assertSameWeights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.CheckpointCommit;
import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped at any moment of writing a checkpoint (the process killed: nothing after the kill runs)
 * leaves on disk the files of the previous checkpoint, some of the new one's in place and some staged.
 * These tests lay out what a kill at each point leaves, from two real runs of the tiny model of 20 steps
 * (one killed after its step-10 checkpoint, one unbroken), and resume it.
 */
class InterruptedCheckpointTest {
    @TempDir
    static Path runs;
    static Path at10;
    static Path at20;

    @BeforeAll
    static void trainTheTwoCheckpoints() throws IOException {
        at10 = runs.resolve("at10");
        at20 = runs.resolve("at20");
        // a run of 20 steps killed once its step-10 checkpoint is written (as DiffusionTrainerTest kills one)
        TrainOptions plan = TestModels.tinyRun(at10, 20, false, null, 0);
        assertThrows(IllegalStateException.class,
                () -> new DiffusionTrainer(plan, TestModels.logKillingAfter("(step 10)")).run());
        TestModels.train(at20, 20, false);
    }

    /** What the step-20 save had written when the run stopped: {@code placed} moved in, {@code staged} not yet. */
    private static Path stoppedWhileSaving(Path tmp, List<String> placed, List<String> staged) throws IOException {
        Path dir = tmp.resolve("stopped");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(at10)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        for (String name : placed) {
            Files.copy(at20.resolve(name), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        for (String name : staged) {
            Files.copy(at20.resolve(name), dir.resolve(name + CheckpointCommit.STAGED));
        }
        return dir;
    }

    @Test
    void aSaveStoppedAfterItsConfigWasStagedIsFinishedOnResume(@TempDir Path tmp) throws Exception {
        Path dir = stoppedWhileSaving(tmp, List.of(ModelCheckpoint.VOCAB, ModelCheckpoint.PARAMS),
                List.of(ModelCheckpoint.WARP, ModelCheckpoint.OPTIMIZER, ModelCheckpoint.CONFIG));
        try (NDManager m = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(dir, m));
            assertTrue(e.getMessage().contains("was being written when its run stopped"), e.getMessage());
        }
        TestModels.train(dir, 20, true); // the finished checkpoint is at step 20: nothing left to train
        for (String name : ModelCheckpoint.SET) {
            assertArrayEquals(Files.readAllBytes(at20.resolve(name)), Files.readAllBytes(dir.resolve(name)), name);
            assertTrue(Files.notExists(dir.resolve(name + CheckpointCommit.STAGED)), name);
        }
    }

    @Test
    void aSaveStoppedBeforeItsConfigWasStagedLeavesThePreviousCheckpointToResume(@TempDir Path tmp) throws Exception {
        Path dir = stoppedWhileSaving(tmp, List.of(),
                List.of(ModelCheckpoint.VOCAB, ModelCheckpoint.PARAMS, ModelCheckpoint.OPTIMIZER));
        // the file being written, under its random temporary name, and one an older build left under a fixed one
        Path cutOff = CheckpointFiles.createTemporarySibling(dir.resolve(ModelCheckpoint.WARP + CheckpointCommit.STAGED));
        Files.writeString(cutOff, "bin\tsigma_low");
        Path older = Files.writeString(dir.resolve(ModelCheckpoint.OPTIMIZER + CheckpointCommit.STAGED + ".tmp"), "x");
        assertEquals(10, ModelCheckpoint.readHeader(dir).training().step());
        TestModels.train(dir, 10, true); // nothing left to train: the recovery alone
        assertTrue(Files.notExists(cutOff) && Files.notExists(older));
        TestModels.train(dir, 20, true);
        try (NDManager m = NDManager.newBaseManager()) {
            assertSameWeights(arrays(ModelCheckpoint.load(at20, m).network().getParameters()),
                    arrays(ModelCheckpoint.load(dir, m).network().getParameters()), "resumed against unbroken");
        }
        for (String name : ModelCheckpoint.SET) {
            assertTrue(Files.notExists(dir.resolve(name + CheckpointCommit.STAGED)), name);
        }
    }

    /**
     * A mixture of two saves that no staged file gives away (here: step 20's weights beside step 10's
     * config, as a kill between two files left it before checkpoints were written as a set) is refused
     * by the file's name, for resuming and for use alike, instead of being trained on.
     */
    @Test
    void aCheckpointMixingTwoSavesIsRefusedNamingTheFile(@TempDir Path tmp) throws Exception {
        Path dir = stoppedWhileSaving(tmp, List.of(ModelCheckpoint.PARAMS), List.of());
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> TestModels.train(dir, 30, true));
        assertTrue(e.getMessage().startsWith(dir.resolve(ModelCheckpoint.PARAMS) + " is not the file its config.json"
                + " was saved with (step 10)"), e.getMessage());
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(dir, m));
        }
        Path moments = stoppedWhileSaving(tmp.resolve("moments"), List.of(ModelCheckpoint.OPTIMIZER), List.of());
        e = assertThrows(InvalidModelException.class, () -> TestModels.train(moments, 30, true));
        assertTrue(e.getMessage().startsWith(moments.resolve(ModelCheckpoint.OPTIMIZER) + " is not the file"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Delete it to resume with fresh optimizer moments from the saved weights"),
                e.getMessage());
    }
}
