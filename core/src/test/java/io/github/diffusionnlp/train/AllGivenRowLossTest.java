package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.diffusionnlp.train.DiffusionStep.Batch;
import io.github.diffusionnlp.train.TrainingData.Example;
import org.junit.jupiter.api.Test;

/**
 * A row the conditioning mask gives entirely (the random-token mask can, on a short row) has nothing to generate:
 * the batch's training loss is the mean over the other rows, as if it were not there, rather than diluted by its 0.
 */
class AllGivenRowLossTest {
    private static final int VOCAB = 12;
    private static final int DIM = 8;

    @Test
    void aRowWithNothingToGenerateLeavesTheBatchLossAsItWas() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            NDArray features = manager.randomNormal(new Shape(2, DIM)); // the two generated positions of row a
            NDArray toLogits = manager.randomNormal(new Shape(DIM, VOCAB));
            Example a = new Example(new int[] {5, 6, 7, 8}, new int[4], 0);
            Example allGiven = new Example(new int[] {9, 10, 11, 4}, new int[4], 0);
            float[] aGiven = {1, 0, 0, 1};

            Batch alone = Batch.of(manager, new Example[] {a}, new float[][] {aGiven}, new double[] {1.0});
            Batch withIt = Batch.of(manager, new Example[] {a, allGiven}, new float[][] {aGiven, {1, 1, 1, 1}},
                    new double[] {1.0, 2.0});
            NDArray aloneRows = alone.rowLoss(features, h -> h.matMul(toLogits));
            NDArray withRows = withIt.rowLoss(features, h -> h.matMul(toLogits));
            assertEquals(0f, withRows.getFloat(1), "the all-given row has a loss");
            assertEquals(alone.meanLoss(aloneRows).getFloat(), withIt.meanLoss(withRows).getFloat(), 1e-6f);
        }
    }
}
