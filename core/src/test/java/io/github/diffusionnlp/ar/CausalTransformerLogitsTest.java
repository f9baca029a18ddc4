package io.github.diffusionnlp.ar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * Without a graph {@link CausalTransformer#logits} adds the output bias into the product's own array (scoring's
 * logits are ~90 MB a batch): it must give the fresh sum's values bit for bit (a score, and the words a seed
 * samples, must not change with it) and leave the features and the weights as they were.
 */
class CausalTransformerLogitsTest {
    @Test
    void logitsWithoutAGraphAreTheFreshSumBitForBitAndLeaveTheirInputsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalTransformer network = new CausalTransformer(new ArConfig(3000, 16, 1, 2, 2, 12));
            Engine.getInstance().setRandomSeed(11);
            network.initialize(m);
            NDArray table = network.getParameters().get("tokenEmbedding").getArray();
            NDArray bias = network.getParameters().get("outputBias").getArray();
            bias.addi(m.randomNormal(bias.getShape())); // zero at initialisation: any bias would pass
            NDArray h = m.randomNormal(new Shape(40, 16));
            float[][] before = {h.toFloatArray(), table.toFloatArray(), bias.toFloatArray()};

            float[] expected = h.matMul(table.transpose()).add(bias).toFloatArray();
            float[] actual = network.logits(new ParameterStore(m, false), h, false).toFloatArray();

            assertArrayEquals(expected, actual, 0f);
            float[][] after = {h.toFloatArray(), table.toFloatArray(), bias.toFloatArray()};
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "input " + i);
            }
        }
    }
}
