package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights and optimizer state written and read back through the checked paths, on a block of six weights (no
 * model to train): what is written is what loads, and a file with anything after its last array is refused,
 * as the model README promises ("the file must end where its last array ends").
 */
class CheckpointFilesTest {
    @TempDir
    Path dir;

    private static Linear linear(NDManager manager) {
        Linear block = Linear.builder().setUnits(2).build();
        block.setInitializer(new NormalInitializer(), p -> true);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return block;
    }

    private static float[] weights(Linear block) {
        return block.getParameters().get("weight").getArray().toFloatArray();
    }

    @Test
    void writtenWeightsAreTheWeightsLoaded() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear saved = linear(manager);
            Path file = dir.resolve("model.params");
            CheckpointFiles.writeParameters(file, saved);
            Linear loaded = linear(manager);
            CheckpointFiles.loadParameters(file, MoreFiles.asByteSource(file), loaded, manager);
            assertArrayEquals(weights(saved), weights(loaded));
        }
    }

    /**
     * A NaN or an infinity among the weights is refused naming the parameter (the diffusion and the autoregressive
     * model load through this): loaded, a model with one generated empty lines. Finite weights whose float32 sum
     * overflows load.
     */
    @Test
    void weightsThatAreNotFiniteAreRefusedNamingTheParameter() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = dir.resolve("model.params");
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                Linear saved = linear(manager);
                saved.getParameters().get("weight").getArray().set(new ai.djl.ndarray.index.NDIndex("0, 1"), bad);
                CheckpointFiles.writeParameters(file, saved);
                InvalidModelException e = assertThrows(InvalidModelException.class, () -> CheckpointFiles.loadParameters(
                        file, MoreFiles.asByteSource(file), linear(manager), manager));
                assertTrue(e.getMessage().contains("parameter weight holds 1 NaN or infinite values (of 6)"),
                        e.getMessage());
            }
            Linear large = linear(manager);
            large.getParameters().get("weight").getArray().set(new ai.djl.ndarray.index.NDIndex(":"), 3.0e38f);
            CheckpointFiles.writeParameters(file, large);
            Linear loaded = linear(manager);
            CheckpointFiles.loadParameters(file, MoreFiles.asByteSource(file), loaded, manager);
            assertArrayEquals(weights(large), weights(loaded));
        }
    }

    /**
     * A negative dimension count (a flipped sign bit) was reported as "more than the bytes left in the file can hold",
     * and the root block's input shape as "the shape of  (input shape)", a blank where the block's name goes.
     */
    @Test
    void aNegativeCountIsSaidToBeNegativeAndTheBlockIsNamed() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = dir.resolve("model.params");
            CheckpointFiles.writeParameters(file, linear(manager));
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(4, bytes[0], "Linear's encoding version: its units and input features, then its input shape");
            bytes[1 + 2 * Long.BYTES] |= (byte) 0x80; // the input shape's rank
            Files.write(file, bytes);
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> CheckpointFiles.loadParameters(
                    file, MoreFiles.asByteSource(file), linear(manager), manager));
            assertTrue(e.getMessage().contains("declares a negative number (-2,147,483,647) of dimensions in the shape of"
                    + " input shape of block (the network): it is damaged"), e.getMessage());
        }
    }

    @Test
    void aWeightFileWithTrailingDataIsRefused() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = dir.resolve("model.params");
            CheckpointFiles.writeParameters(file, linear(manager));
            Files.write(file, new byte[] {0}, StandardOpenOption.APPEND);
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> CheckpointFiles.loadParameters(
                    file, MoreFiles.asByteSource(file), linear(manager), manager));
            assertTrue(e.getMessage().contains("trailing data after the last parameter"), e.getMessage());
        }
    }

    @Test
    void writtenOptimizerStateIsTheStateLoaded() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList state = new NDList(manager.create(new float[] {1, 2, 3}), manager.create(new float[] {4, 5}));
            Path file = dir.resolve("optimizer.ndlist");
            CheckpointFiles.writeOptimizerState(file, state);
            WholeFile.Limit limit = CheckpointFiles.arrayListLimit(2, 5 * Float.BYTES, "two moments", "train again");
            NDList loaded = CheckpointFiles.loadArrays(file, limit, manager);
            assertEquals(2, loaded.size());
            for (int i = 0; i < 2; i++) {
                NDArray a = loaded.get(i);
                assertArrayEquals(state.get(i).toFloatArray(), a.toFloatArray());
            }

            Files.write(file, new byte[] {0}, StandardOpenOption.APPEND);
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> CheckpointFiles.loadArrays(file, limit, manager));
            assertTrue(e.getMessage().contains("trailing data after the last array"), e.getMessage());
        }
    }

    /** Arrays of other types than float32 load as stored (a probe's, a future state's), and a cut file is named. */
    @Test
    void arraysOfOtherTypesLoadAndATruncatedListIsRefused() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList state = new NDList(manager.create(new double[] {0.5, 1.5}), manager.create(new int[] {7}));
            Path file = dir.resolve("state.ndlist");
            CheckpointFiles.writeOptimizerState(file, state);
            WholeFile.Limit limit = CheckpointFiles.arrayListLimit(2, 20, "two arrays", "train again");
            NDList loaded = CheckpointFiles.loadArrays(file, limit, manager);
            assertEquals(DataType.FLOAT64, loaded.get(0).getDataType());
            assertArrayEquals(new double[] {0.5, 1.5}, loaded.get(0).toDoubleArray());
            assertArrayEquals(new int[] {7}, loaded.get(1).toIntArray());

            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 2));
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> CheckpointFiles.loadArrays(file, limit, manager));
            assertTrue(e.getMessage().contains("array 1 declares 4 bytes of data but only 2 remain"), e.getMessage());
        }
    }

    /** An array count no file of this size can hold is refused as such, before a list of that many is walked. */
    @Test
    void anArrayCountLargerThanTheFileIsRefused() throws IOException {
        Path file = dir.resolve("optimizer.ndlist");
        Files.write(file, new byte[] {0x7f, -1, -1, -1, 0, 0, 0, 0});
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> CheckpointFiles.decodeArrays(file, Files.readAllBytes(file), null));
        assertTrue(e.getMessage().contains("declares 2,147,483,647 arrays"), e.getMessage());
    }

    /**
     * An encoded NDList of one 4x4 array declared as {@code type}, laid out as DJL 0.36's NDSerializer writes it
     * (version 3), its data zeros.
     */
    private static byte[] arrayListOf(String type, int bytesEach) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.writeInt(1); // arrays
        out.writeUTF("NDAR");
        out.writeInt(3); // encoding version
        out.writeByte(0); // no name
        out.writeUTF("DENSE");
        out.writeUTF(type);
        out.writeInt(2); // rank
        out.writeLong(4);
        out.writeLong(4);
        out.writeInt(0); // no layout
        out.writeByte('<');
        out.writeInt(16 * bytesEach);
        out.write(new byte[16 * bytesEach]);
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * A data type DJL's PyTorch engine does not read ends the JVM when NDList.decode is given it (exit 134,
     * "terminate called without an active exception": BFLOAT16, INT16, UINT16, UINT32, UINT64 in DJL 0.36), so the
     * walk refuses it, naming the array and the type, before DJL sees it. (No manager: the walk must fail first.)
     */
    @Test
    void anArrayOfATypeTheEngineCannotReadIsRefusedBeforeDecoding() throws IOException {
        Path file = dir.resolve("optimizer.ndlist");
        for (String type : java.util.List.of("BFLOAT16", "INT16", "UINT16", "UINT32", "UINT64")) {
            Files.write(file, arrayListOf(type, type.contains("16") ? 2 : type.contains("32") ? 4 : 8));
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> CheckpointFiles.decodeArrays(file, Files.readAllBytes(file), null));
            assertTrue(e.getMessage().contains("array 0 has data type " + type + ", which DJL's PyTorch engine does not"
                    + " read"), e.getMessage());
        }
    }

    /** A file whose arrays must be float32 (optimizer moments, a probe) is refused naming an array of another type. */
    @Test
    void anArrayOfAnotherTypeThanTheExpectedIsRefused() throws IOException {
        Path file = dir.resolve("probe.ndlist");
        Files.write(file, arrayListOf("FLOAT64", 8));
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> CheckpointFiles.decodeArrays(file, Files.readAllBytes(file), DataType.FLOAT32, null));
        assertTrue(e.getMessage().contains("array 0 is stored as FLOAT64 but it must be FLOAT32"), e.getMessage());
    }

    /**
     * A directory, a link that leads nowhere (here a loop) or a device in place of a model's file was reported
     * "is missing": it is named for what it is.
     */
    @Test
    void whatStandsInPlaceOfAFileIsNamed() throws IOException {
        Files.createDirectory(dir.resolve("vocab.txt"));
        Files.createSymbolicLink(dir.resolve("model.params"), dir.resolve("model.params"));
        for (String name : java.util.List.of("vocab.txt", "model.params", "warp.tsv", "tag-lexicon.tsv")) {
            if (name.equals("warp.tsv") && Files.exists(Path.of("/dev/null"))) {
                Files.createSymbolicLink(dir.resolve(name), Path.of("/dev/null"));
            }
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> CheckpointFiles.existing(dir, name));
            assertEquals(dir.resolve(name), e.file());
            String expected = switch (name) {
                case "vocab.txt" -> " is not a regular file (a directory)";
                case "model.params" -> " is not a regular file (a symbolic link to " + dir.resolve(name)
                        + ", which leads to nothing (a missing file, or a loop of links))";
                case "warp.tsv" -> Files.exists(Path.of("/dev/null")) ? " is not a regular file (a device, a pipe or a socket)"
                        : " is missing";
                default -> " is missing";
            };
            assertTrue(e.getMessage().startsWith(dir.resolve(name) + expected), e.getMessage());
        }
    }

    /** config.json's shape needs at least this many float32 weights: a file of exactly that many bytes has room. */
    @Test
    void theWeightFileMustHoldTheConfigsWeights() throws IOException {
        Path file = dir.resolve("model.params");
        Files.write(file, new byte[12]);
        CheckpointFiles.requireRoomForWeights(file, 3);
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> CheckpointFiles.requireRoomForWeights(file, 4));
        assertTrue(e.getMessage().contains("holds 12 bytes") && e.getMessage().contains("at least 4 weights (16 bytes)"),
                e.getMessage());
    }

    /** A file of exactly its limit is read whole; one byte more is refused unread. */
    @Test
    void aFileOfExactlyItsLimitIsReadWhole() throws IOException {
        Path file = dir.resolve("vocab.txt");
        byte[] bytes = {1, 2, 3, 4, 5};
        Files.write(file, bytes);
        assertArrayEquals(bytes, WholeFile.read(file, MoreFiles.asByteSource(file),
                new WholeFile.Limit(5, "five bytes", "fix it")));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> WholeFile.read(file,
                MoreFiles.asByteSource(file), new WholeFile.Limit(4, "four bytes", "fix it")));
        assertTrue(e.getMessage().contains("holds 5 bytes, more than the 4 bytes four bytes takes"), e.getMessage());
    }
}
