package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.ar.ArConfig;
import io.github.diffusionnlp.ar.CausalTransformer;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loaded model's manager holds each weight once: the network is initialised (random arrays) before its weights
 * are read, and DJL's {@code Parameter.load} puts the decoded array in place without closing the one it replaces,
 * which stayed on the manager, a second copy of every weight, as long as the model lived.
 */
class LoadedWeightsTest {
    @Test
    void aLoadedDiffusionModelHoldsOnlyItsWeights() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(TestModels.tinyModel(), manager);
            assertEquals(List.of(), arraysBeyondParameters(manager, loaded.network()));
        }
    }

    @Test
    void aLoadedAutoregressiveModelHoldsOnlyItsWeights(@TempDir Path dir) throws IOException {
        Vocabulary vocabulary = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "a", "b", "c"));
        try (NDManager saving = NDManager.newBaseManager()) {
            CausalTransformer network = new CausalTransformer(new ArConfig(vocabulary.size(), 8, 1, 2, 2, 6));
            network.initialize(saving);
            ArCheckpoint.save(dir, network, vocabulary, new TrainingInfo("hand", 0, 0, 0, 0, 0, 0, 0, 0, 0, null), null);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ArCheckpoint.Loaded loaded = ArCheckpoint.load(dir, manager);
            assertEquals(List.of(), arraysBeyondParameters(manager, loaded.network()));
        }
    }

    /** The shapes of the arrays on {@code manager} that are not one of {@code network}'s parameters. */
    private static List<String> arraysBeyondParameters(NDManager manager, AbstractBlock network) {
        Set<NDArray> weights = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Parameter p : network.getParameters().values()) {
            weights.add(p.getArray());
        }
        return manager.getManagedArrays().stream().filter(a -> !weights.contains(a))
                .map(a -> a.getShape().toString()).toList();
    }
}
