package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The probe's training reads its noisy bags through {@link WordPosteriors#weightedSum}, and its probabilities read
 * outside a gradient collector through {@link WordPosteriors#withoutGraph}, whose vocabulary-sized steps run in place:
 * each must give {@link WordPosteriors#of}'s values bit for bit (the probe a seed trains, and what it reads, must not
 * change with it) and leave every argument as it was.
 */
class WordPosteriorsTest {
    @Test
    void weightedSumIsThePosteriorsTimesTheWeightsSummedBitForBitAndLeavesItsArgumentsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(3, 5, 8));
            NDArray sigma = m.create(new float[] {0.5f, 2f, 11f});
            NDArray table = m.randomNormal(new Shape(8, 40));
            NDArray halfSquaredNorms = table.square().sum(new int[] {0}).div(2f);
            NDArray weights = m.create(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}, new Shape(3, 5, 1));
            float[][] before = {x.toFloatArray(), sigma.toFloatArray(), table.toFloatArray(),
                halfSquaredNorms.toFloatArray(), weights.toFloatArray()};

            float[] expected = WordPosteriors.of(x, sigma, table, halfSquaredNorms).mul(weights).sum(new int[] {1})
                    .toFloatArray();
            float[] actual = WordPosteriors.weightedSum(x, sigma, table, halfSquaredNorms, weights).toFloatArray();

            assertArrayEquals(expected, actual, 0f);
            float[][] after = {x.toFloatArray(), sigma.toFloatArray(), table.toFloatArray(),
                halfSquaredNorms.toFloatArray(), weights.toFloatArray()};
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "argument " + i);
            }
        }
    }

    @Test
    void withoutGraphIsThePosteriorsBitForBitAndLeavesItsArgumentsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(8);
            NDArray x = m.randomNormal(new Shape(3, 5, 8));
            NDArray sigma = m.create(new float[] {0.5f, 2f, 11f});
            NDArray table = m.randomNormal(new Shape(8, 40));
            NDArray halfSquaredNorms = table.square().sum(new int[] {0}).div(2f);
            float[][] before = {x.toFloatArray(), sigma.toFloatArray(), table.toFloatArray(),
                halfSquaredNorms.toFloatArray()};

            float[] expected = WordPosteriors.of(x, sigma, table, halfSquaredNorms).toFloatArray();
            float[] actual = WordPosteriors.withoutGraph(x, sigma, table, halfSquaredNorms).toFloatArray();

            assertArrayEquals(expected, actual, 0f);
            float[][] after = {x.toFloatArray(), sigma.toFloatArray(), table.toFloatArray(),
                halfSquaredNorms.toFloatArray()};
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "argument " + i);
            }
        }
    }
}
