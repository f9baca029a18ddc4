package io.github.diffusionnlp.ar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
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
}
