package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.common.io.ByteSource;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run commits a checkpoint while a load reads the one before: the load has read the old config.json,
 * then finds the new save's files. The directory is whole, so the load reads the new checkpoint rather than
 * refusing the directory as a mixture of two saves (whose advice, restore it from a copy, was wrong).
 */
class CheckpointCommittedDuringLoadTest {
    /** Opens each file as it is, but commits a checkpoint of other weights just before model.params is opened. */
    private static final class CommittingBeforeWeights implements Function<Path, ByteSource> {
        private final ModelCheckpoint.Loaded model;
        private final int commits;
        int committed;

        /** Commits at the first {@code commits} openings of model.params. */
        CommittingBeforeWeights(ModelCheckpoint.Loaded model, int commits) {
            this.model = model;
            this.commits = commits;
        }

        @Override
        public ByteSource apply(Path file) {
            if (file.getFileName().toString().equals(ModelCheckpoint.PARAMS) && committed < commits) {
                committed++;
                model.network().getParameters().valueAt(0).getArray().addi(1); // the next step's weights
                try {
                    ModelCheckpoint.save(model.directory(), model.network(), model.vocabulary(), model.warp(),
                            model.header().training(), null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return MoreFiles.asByteSource(file);
        }
    }

    @Test
    void aCheckpointCommittedWhileTheLoadReadsIsLoadedWhole(@TempDir Path dir) throws IOException {
        Path model = ModelCheckpointTest.copyOfTiny(dir);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded run = ModelCheckpoint.load(model, manager);
            CommittingBeforeWeights files = new CommittingBeforeWeights(run, 1);
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(model, new CheckpointReading(model, files), manager);
            assertEquals(1, files.committed);
            assertEquals(ModelCheckpoint.readHeader(model).files(), loaded.header().files(), "the checkpoint committed");
            assertTrue(run.network().getParameters().valueAt(0).getArray().contentEquals(
                    loaded.network().getParameters().valueAt(0).getArray()), "the weights committed");
        }
    }

    /** Two commits during one load: the message says the directory was being written, and to try again. */
    @Test
    void aLoadOverlappingTwoCommitsSaysToTryAgain(@TempDir Path dir) throws IOException {
        Path model = ModelCheckpointTest.copyOfTiny(dir);
        try (NDManager manager = NDManager.newBaseManager()) {
            CommittingBeforeWeights files = new CommittingBeforeWeights(ModelCheckpoint.load(model, manager), 2);
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> ModelCheckpoint.load(model, new CheckpointReading(model, files), manager));
            assertEquals(model, e.file());
            assertTrue(e.getMessage().contains("was being written while it was read") && e.getMessage().contains(
                    "Try again"), e.getMessage());
        }
    }
}
