package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The probe's training reads its noisy bags through {@link WordPosteriors#weightedSum}, and both scorers read words
 * through {@link WordPosteriors#of}, whose vocabulary-sized steps run in place: each must give the values of the
 * posteriors written as fresh arrays bit for bit (the probe a seed trains, and what it reads, must not change with
 * it) and leave every argument as it was. With a graph, the gradient too: {@link SteeredScoreGradientTest}.
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

            float[] expected = fresh(x, sigma, table, halfSquaredNorms).mul(weights).sum(new int[] {1})
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
    void theInPlacePosteriorsAreTheFreshOnesBitForBitAndLeaveTheirArgumentsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(8);
            NDArray x = m.randomNormal(new Shape(3, 5, 8));
            NDArray sigma = m.create(new float[] {0.5f, 2f, 11f});
            NDArray table = m.randomNormal(new Shape(8, 40));
            NDArray halfSquaredNorms = table.square().sum(new int[] {0}).div(2f);
            float[][] before = {x.toFloatArray(), sigma.toFloatArray(), table.toFloatArray(),
                halfSquaredNorms.toFloatArray()};

            float[] expected = fresh(x, sigma, table, halfSquaredNorms).toFloatArray();
            float[] actual = WordPosteriors.of(x, sigma, table, halfSquaredNorms).toFloatArray();

            assertArrayEquals(expected, actual, 0f);
            float[][] after = {x.toFloatArray(), sigma.toFloatArray(), table.toFloatArray(),
                halfSquaredNorms.toFloatArray()};
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "argument " + i);
            }
        }
    }

    /** The word posteriors as they were written before any step ran in place: each a fresh array. */
    private static NDArray fresh(NDArray x, NDArray sigma, NDArray table, NDArray halfSquaredNorms) {
        NDArray inverseVariance = sigma.square().pow(-1f).reshape(-1, 1, 1);
        return x.matMul(table).sub(halfSquaredNorms).mul(inverseVariance).softmax(2);
    }
}
