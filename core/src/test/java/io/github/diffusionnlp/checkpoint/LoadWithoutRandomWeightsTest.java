package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import com.google.common.io.MoreFiles;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.ar.ArConfig;
import io.github.diffusionnlp.ar.CausalTransformer;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load never materialises random weights: the network gets its parameter shapes without arrays of those shapes
 * before the file's arrays are decoded. It was initialised with random values first, so a load's peak native
 * memory was the model's weights twice.
 */
class LoadWithoutRandomWeightsTest {
    @Test
    void noWeightIsAllocatedBeforeTheFileIsRead() throws IOException {
        Path model = TestModels.tinyModel();
        try (NDManager manager = NDManager.newBaseManager()) {
            long[] heldWhenOpened = {-1};
            CheckpointReading files = new CheckpointReading(model, file -> {
                if (file.getFileName().toString().equals(ModelCheckpoint.PARAMS)) {
                    heldWhenOpened[0] = dataBytes(manager.getManagedArrays());
                }
                return MoreFiles.asByteSource(file);
            });
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(model, files, manager);
            assertEquals(0, heldWhenOpened[0], "bytes of arrays on the model's manager when model.params was opened");
            assertTrue(loaded.network().parameterCount() > 0);
        }
    }

    /** The shapes are the ones initialising the network gives, and nothing holds data (the AR network too). */
    @Test
    void shapesAreSetWithoutWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalTransformer initialised = new CausalTransformer(new ArConfig(7, 8, 1, 2, 2, 6));
            initialised.initialize(manager);
            CausalTransformer shaped = new CausalTransformer(new ArConfig(7, 8, 1, 2, 2, 6));
            List<Initializer> own = shaped.getParameters().values().stream().map(Parameter::getInitializer).toList();
            try (NDManager shaping = NDManager.newBaseManager()) {
                UnfilledNetwork.shape(shaped, shaping, shaped::initialize);
                assertEquals(0, dataBytes(shaping.getManagedArrays()));
                List<Parameter> expected = initialised.getParameters().values();
                List<Parameter> actual = shaped.getParameters().values();
                assertEquals(expected.size(), actual.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i).getShape(), actual.get(i).getShape(), expected.get(i).getName());
                    assertSame(own.get(i), actual.get(i).getInitializer(), "the network keeps its own initialisers");
                }
            }
        }
    }

    @Test
    void aTruncatedDiffusionModelIsNamedAndLeavesNothingOnTheManager(@TempDir Path dir) throws IOException {
        Path model = TestModels.copyOfTinyModel(dir);
        Path params = model.resolve(ModelCheckpoint.PARAMS);
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(bytes, bytes.length - 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model, manager));
            assertEquals(params, e.file());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertEquals(List.of(), shapes(manager.getManagedArrays()));
        }
    }

    /** A file whose arrays decode but were not the save's (one weight changed): refused after the load, closed. */
    @Test
    void aDamagedWeightIsRefusedAndTheLoadedArraysClosed(@TempDir Path dir) throws IOException {
        Path model = TestModels.copyOfTinyModel(dir);
        Path params = model.resolve(ModelCheckpoint.PARAMS);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 1] ^= 1; // the last weight's lowest byte
        Files.write(params, bytes);
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model, manager));
            assertEquals(params, e.file());
            assertEquals(List.of(), shapes(manager.getManagedArrays()));
        }
    }

    @Test
    void aTruncatedAutoregressiveModelIsNamedAndLeavesNothingOnTheManager(@TempDir Path dir) throws IOException {
        Vocabulary vocabulary = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "a", "b", "c"));
        try (NDManager saving = NDManager.newBaseManager()) {
            CausalTransformer network = new CausalTransformer(new ArConfig(vocabulary.size(), 8, 1, 2, 2, 6));
            network.initialize(saving);
            ArCheckpoint.save(dir, network, vocabulary, new TrainingInfo("hand", 0, 0, 0, 0, 0, 0, 0, 0, 0, null), null);
        }
        Path params = dir.resolve(ArCheckpoint.PARAMS);
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(bytes, bytes.length - 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ArCheckpoint.load(dir, manager));
            assertEquals(params, e.file());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertEquals(List.of(), shapes(manager.getManagedArrays()));
        }
    }

    private static long dataBytes(List<NDArray> arrays) {
        return arrays.stream().mapToLong(a -> a.size() * a.getDataType().getNumOfBytes()).sum();
    }

    private static List<String> shapes(List<NDArray> arrays) {
        return arrays.stream().map(a -> a.getShape().toString()).toList();
    }
}
