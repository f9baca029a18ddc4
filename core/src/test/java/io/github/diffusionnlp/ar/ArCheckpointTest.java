package io.github.diffusionnlp.ar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArCheckpointTest {
    private static final Vocabulary VOCAB = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "a", "b", "c"));
    private static final TrainingInfo HAND = new TrainingInfo("hand", 0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    /**
     * A run saves another checkpoint between the load of the weights and the load of their moments: the new save's
     * moments are refused, as the diffusion model's are, not checked against the new save's config.json (which
     * {@code ArCheckpoint.loadOptimizerState(dir, network, manager)} read again, and passed).
     */
    @Test
    void theOptimizerStateIsCheckedAgainstTheConfigItsWeightsWereLoadedWith(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalTransformer network = new CausalTransformer(new ArConfig(VOCAB.size(), 8, 1, 2, 2, 6));
            network.initialize(manager);
            NDList moments = new NDList();
            for (Pair<String, Parameter> p : network.getParameters()) {
                moments.add(p.getValue().getArray().zerosLike());
            }
            ArCheckpoint.save(dir, network, VOCAB, HAND, moments);
            ArCheckpoint.Loaded loaded = ArCheckpoint.load(dir, manager);
            assertEquals(moments.size(), ArCheckpoint.loadOptimizerState(loaded, manager).size());
            moments.get(0).addi(1); // the next save's moments
            ArCheckpoint.save(dir, loaded.network(), loaded.vocabulary(), HAND, moments);
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> ArCheckpoint.loadOptimizerState(loaded, manager));
            assertEquals(dir.resolve(ArCheckpoint.OPTIMIZER), e.file());
            assertTrue(e.getMessage().contains("is not the file its config.json was saved with"), e.getMessage());
        }
    }

    /**
     * The shipped brown-ar's config.json records its files' checksums (it predated them, and loaded any damaged file
     * that parsed: a flipped byte in its weights, words of its vocabulary swapped): two words swapped are refused.
     */
    @Test
    void theShippedModelsFilesAreChecked(@TempDir Path dir) throws IOException {
        Path shipped = io.github.diffusionnlp.TestModels.root().resolve("test-data/models/brown-ar");
        for (String name : List.of(ArCheckpoint.CONFIG, ArCheckpoint.VOCAB, ArCheckpoint.PARAMS)) {
            Files.copy(shipped.resolve(name), dir.resolve(name));
        }
        assertEquals(java.util.Set.of(ArCheckpoint.VOCAB, ArCheckpoint.PARAMS), ArCheckpoint.readHeader(dir).files().keySet());
        List<String> words = new java.util.ArrayList<>(Files.readAllLines(dir.resolve(ArCheckpoint.VOCAB)));
        java.util.Collections.swap(words, 5, 6); // "of" and "and": a vocabulary as valid as the shipped one
        Files.write(dir.resolve(ArCheckpoint.VOCAB), words);
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ArCheckpoint.load(dir, manager));
            assertEquals(dir.resolve(ArCheckpoint.VOCAB), e.file(), e.getMessage());
        }
    }

    /**
     * A config without a field of the network's shape is refused naming the field, as a diffusion model's is, not
     * read as 0 and refused as "invalid autoregressive model shape 5/8/1/0/2/6".
     */
    @Test
    void namesAMissingShapeField(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalTransformer network = new CausalTransformer(new ArConfig(VOCAB.size(), 8, 1, 2, 2, 6));
            network.initialize(manager);
            ArCheckpoint.save(dir, network, VOCAB, HAND, null);
        }
        Path config = dir.resolve(ArCheckpoint.CONFIG);
        byte[] whole = Files.readAllBytes(config);
        ObjectMapper json = new ObjectMapper();
        for (String field : List.of("vocabSize", "dim", "layers", "heads", "ffnMultiplier", "maxLength")) {
            JsonNode edited = json.readTree(whole);
            ((ObjectNode) edited.get("model")).remove(field);
            json.writeValue(config.toFile(), edited);
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ArCheckpoint.readHeader(dir));
            assertEquals(config, e.file());
            assertTrue(e.getMessage().startsWith(config + " lacks \"" + field + "\" in its \"model\" section"),
                    e.getMessage());
        }
        Files.write(config, whole);
        assertEquals(6, ArCheckpoint.readHeader(dir).model().maxLength());
    }

    /**
     * maxLength is checked as the diffusion model's is: 2147483647 overflowed maxLength + 1 positions, and the load
     * failed building the network with DJL's "The shape must be >= -1", naming nothing.
     */
    @Test
    void refusesAMaxLengthNoModelIsTrainedWith(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            CausalTransformer network = new CausalTransformer(new ArConfig(VOCAB.size(), 8, 1, 2, 2, 6));
            network.initialize(manager);
            ArCheckpoint.save(dir, network, VOCAB, HAND, null);
            Path config = dir.resolve(ArCheckpoint.CONFIG);
            Files.writeString(config, Files.readString(config).replace("\"maxLength\" : 6", "\"maxLength\" : 2147483647"));
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ArCheckpoint.load(dir, manager));
            assertEquals(config, e.file());
            assertTrue(e.getMessage().contains("says maxLength = 2147483647, more than the 512 positions"), e.getMessage());
        }
    }

    /**
     * A model's own file given for the model ({@code brown-ar/config.json}, a path completed one name too far) is
     * named a file, with the directory to give, as the diffusion model's load names it ({@code
     * ModelCheckpointTest.aFileOfTheModelIsNotSaidToBeMissing}); it was said not to exist.
     */
    @Test
    void aFileOfTheModelIsNotSaidToBeMissing() {
        Path config = io.github.diffusionnlp.TestModels.root().resolve("test-data/models/brown-ar/config.json");
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> ArCheckpoint.load(config, manager));
            assertEquals(config + " is a file, not a model directory: give the directory that holds it ("
                    + config.toAbsolutePath().getParent() + ")", e.getMessage());
            assertEquals(config, e.file());
        }
    }
}
