package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.common.io.ByteSource;
import com.google.common.io.MoreFiles;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.steer.NoisySentimentClassifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model file is read once: the bytes the header walk checks are the bytes DJL decodes. */
class WholeFileTest {
    /**
     * A file that is replaced once it has been opened, as a checkpoint a training run finishes meanwhile (or a copy
     * in progress) is: the first opening reads {@code first}, every later one {@code then}.
     */
    static final class ReplacedAfterOpening extends ByteSource {
        private final byte[] first;
        private final byte[] then;
        int openings;

        ReplacedAfterOpening(byte[] first, byte[] then) {
            this.first = first;
            this.then = then;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(openings++ == 0 ? first : then);
        }
    }

    /** A file that says it is huge, and fails the test when it is read. */
    private static final class Huge extends ByteSource {
        @Override
        public com.google.common.base.Optional<Long> sizeIfKnown() {
            return com.google.common.base.Optional.of(3_000_000_000L);
        }

        @Override
        public InputStream openStream() throws IOException {
            throw new AssertionError("a file larger than its limit was read");
        }
    }

    /** A file whose reading fails, as on a disk error or a file removed while it is read. */
    private static final class Unreadable extends ByteSource {
        final IOException failure = new IOException("Input/output error");

        @Override
        public InputStream openStream() throws IOException {
            throw failure;
        }
    }

    static byte[] halfOf(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length / 2);
    }

    @Test
    void theParametersDecodedAreTheOnesWalked() throws IOException {
        Path params = TestModels.tinyModel().resolve(ModelCheckpoint.PARAMS);
        byte[] bytes = Files.readAllBytes(params);
        try (NDManager manager = NDManager.newBaseManager()) {
            DiffusionTransformer network = ModelCheckpoint.load(TestModels.tinyModel(), manager).network();
            float[] before = network.getParameters().get(0).getValue().getArray().toFloatArray();
            ReplacedAfterOpening file = new ReplacedAfterOpening(bytes, halfOf(bytes));
            CheckpointFiles.loadParameters(params, file, network, manager);
            assertEquals(1, file.openings, "the file was opened again after its walk");
            assertTrue(Arrays.equals(before, network.getParameters().get(0).getValue().getArray().toFloatArray()));
        }
    }

    @Test
    void theArraysDecodedAreTheOnesWalked() throws IOException {
        Path moments = TestModels.tinyModel().resolve(ModelCheckpoint.OPTIMIZER);
        byte[] bytes = Files.readAllBytes(moments);
        try (NDManager manager = NDManager.newBaseManager()) {
            DiffusionTransformer network = ModelCheckpoint.load(TestModels.tinyModel(), manager).network();
            ReplacedAfterOpening file = new ReplacedAfterOpening(bytes, halfOf(bytes));
            NDList state = CheckpointFiles.loadArrays(moments, file, TrainingState.largestFile(network), manager);
            assertEquals(1, file.openings, "the file was opened again after its walk");
            assertEquals(NDList.decode(manager, bytes).size(), state.size());
        }
    }

    /** A 3 GB file where a few hundred kilobytes are expected is refused by its size, unread. */
    @Test
    void refusesAFileLargerThanItsNetworkTakesBeforeReadingIt() throws IOException {
        Path params = TestModels.tinyModel().resolve(ModelCheckpoint.PARAMS);
        try (NDManager manager = NDManager.newBaseManager()) {
            DiffusionTransformer network = ModelCheckpoint.load(TestModels.tinyModel(), manager).network();
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> CheckpointFiles.loadParameters(params, new Huge(), network, manager));
            assertEquals(params, e.file());
            assertTrue(e.getMessage().matches(".* holds 3,000,000,000 bytes, more than the [\\d,]+ bytes the weights"
                    + " config.json describes takes with its headers: .*"), e.getMessage());
        }
    }

    /**
     * A probe has no config to bound its file by: a file larger than a probe of a model with 2^26 embedding values is
     * refused (a sparse file: its size is read, not its bytes).
     */
    @Test
    void refusesAProbeFileLargerThanAnyProbe(@TempDir Path dir) throws IOException {
        Path probe = dir.resolve("probe.ndlist");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(probe.toFile(), "rw")) {
            file.setLength(300_000_000);
        }
        IOException e = assertThrows(IOException.class, () -> NoisySentimentClassifier.load(probe));
        assertTrue(e.getMessage().startsWith(probe + " holds 300,000,000 bytes, more than the 281,030,672 bytes a"
                + " sentiment probe of a model with up to 67,108,864 embedding values takes with its headers"),
                e.getMessage());
    }

    /** The size limit leaves room for headers: the model's own file is never refused by it, but a padded one is. */
    @Test
    void refusesAParameterFilePaddedPastItsLimit(@TempDir Path dir) throws IOException {
        Path params = dir.resolve(ModelCheckpoint.PARAMS);
        byte[] bytes = Files.readAllBytes(TestModels.tinyModel().resolve(ModelCheckpoint.PARAMS));
        try (NDManager manager = NDManager.newBaseManager()) {
            DiffusionTransformer network = ModelCheckpoint.load(TestModels.tinyModel(), manager).network();
            long limit = DjlArrayFileCheck.largestParameterFile(network);
            assertTrue(bytes.length < limit && limit < bytes.length + (1 << 20), bytes.length + " against " + limit);
            Files.write(params, Arrays.copyOf(bytes, (int) limit + 1));
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> CheckpointFiles.loadParameters(params, MoreFiles.asByteSource(params), network, manager));
            assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, " holds %,d bytes, more than the"
                    + " %,d bytes", limit + 1, limit)), e.getMessage());
        }
    }

    /** An I/O error reading a model file is reported naming the file, and kept as the cause for a stack trace. */
    @Test
    void keepsTheIoErrorAFileCouldNotBeReadFor() {
        Path config = Path.of("model", "config.json");
        Unreadable file = new Unreadable();
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> WholeFile.read(config, file, new WholeFile.Limit(1024, "a model config", "restore it")));
        assertEquals(config + " cannot be read (Input/output error)", e.getMessage());
        assertSame(file.failure, e.getCause());
    }
}
