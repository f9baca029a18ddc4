package io.github.diffusionnlp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.Sentiment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rating rows by the model's sentiment likelihood (best of k's ranking) runs nine passes a batch: three labels at
 * three noise levels. Each pass's arrays (every layer's activations) must be freed before the next one runs: kept
 * until the batch ended, as they were, the rating of best of 16 at 64 positions took 1.09 GiB more resident memory
 * at its peak, pass by pass 0.22 GiB (docs/limitations.md, best of k). Checked without timing or resident
 * memory: the model's live arrays are counted at each pass's read of the output bias, which every pass makes once
 * here (its rows fit one {@code RowChunks} slice).
 */
class SentimentLikelihoodMemoryTest {
    /** Reads the network's own weights, counting the manager's live arrays whenever the output bias is read. */
    private static final class LiveArraysAtOutputBias extends ParameterStore {
        private final NDManager manager;
        final List<Integer> counts = new ArrayList<>();

        LiveArraysAtOutputBias(NDManager manager) {
            super(manager, false);
            this.manager = manager;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            if (parameter.getName().equals("outputBias")) {
                counts.add(manager.getManagedArrays().size());
            }
            return super.getValue(parameter, device, training);
        }
    }

    @Test
    void eachPassFreesItsArraysBeforeTheNext() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded model = ModelCheckpoint.load(TestModels.shippedModel(), manager);
            LiveArraysAtOutputBias weights = new LiveArraysAtOutputBias(manager);
            Sampler sampler = new Sampler(model.network(), model.warp(), manager, weights);
            int rows = 4;
            int len = 32; // 128 scored positions: one logits slice per pass
            int[][] ids = new int[rows][len];
            boolean[][] given = new boolean[rows][len];
            boolean[][] allowPad = new boolean[rows][len];
            long[] seeds = new long[rows];
            for (int b = 0; b < rows; b++) {
                Arrays.fill(ids[b], model.vocabulary().id("the"));
                Arrays.fill(allowPad[b], true);
                seeds[b] = 7 + b;
            }
            int[] sentiment = new int[rows];
            Arrays.fill(sentiment, Conditioning.sentimentId(Sentiment.NEUTRAL));
            SampleRows in = new SampleRows(ids, given, allowPad, sentiment, new int[rows][len], seeds);
            double[][] first = sampler.sentimentLogLikelihoods(in); // builds what is cached per width
            weights.counts.clear();
            double[][] again = sampler.sentimentLogLikelihoods(in);

            List<Integer> counts = weights.counts;
            assertEquals(9, counts.size(), "three labels at three noise levels, one read each: " + counts);
            int spread = counts.stream().mapToInt(Integer::intValue).max().orElseThrow()
                    - counts.stream().mapToInt(Integer::intValue).min().orElseThrow();
            // Within a label, each pass leaves its result and the running sum (2 arrays) to the next; nothing more.
            assertTrue(spread <= 4, "live arrays at each pass's logits grew from pass to pass: " + counts);
            assertEquals(counts.subList(0, 3), counts.subList(6, 9), "the last label's passes began with more arrays"
                    + " alive than the first's: " + counts);
            for (int b = 0; b < rows; b++) {
                assertTrue(Arrays.equals(first[b], again[b]), "row " + b + " rated differently the second time");
            }
        }
    }
}
