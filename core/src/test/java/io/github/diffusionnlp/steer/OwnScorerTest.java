package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scorer written from docs/library.md alone (its snippet {@code core/own-scorer}, this scorer word for word): the
 * log-density of each generated position under a Gaussian around one word's embedding at the step's noise level,
 * which pulls every generated word toward that word. It moves its own value the asked way: the steered sentences
 * hold the word more often than the unsteered ones, and more at a higher weight.
 */
class OwnScorerTest {
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(8).length(10).seed(11).build();

    @Test
    void aScorerTowardAWordWritesThatWordMore() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optBatching(0, Duration.ZERO).build();
                NDManager mine = NDManager.newBaseManager()) {
            NDArray money = lm.embeddingTable(mine).get(lm.vocabulary().id("money"));  // (d)
            GuidanceScorer towardMoney = (x, sigma, generated) -> {
                NDArray distance = x.sub(money).square().sum(new int[] {2}, true);      // (B, L, 1): ‖x − e‖²
                NDArray variance = sigma.square().reshape(-1, 1, 1);                     // (B, 1, 1): σ²
                return distance.div(variance).mul(generated).sum(new int[] {1, 2}).neg(); // (B)
            };
            int arrays = -1;
            long[] counts = new long[3];
            double[] weights = {0, 0.1, 0.5};
            for (int i = 0; i < weights.length; i++) {
                List<List<String>> out = lm.generate(8,
                        Constraints.none().withSteering(PlugAndPlay.of(towardMoney, weights[i])), OPTIONS);
                counts[i] = out.stream().flatMap(List::stream).filter("money"::equals).count();
                System.out.println("weight " + weights[i] + ": " + counts[i] + " x money " + out);
                if (i == 0) {
                    arrays = lm.liveArrays();
                }
            }
            assertTrue(counts[1] > counts[0] && counts[2] > counts[1], java.util.Arrays.toString(counts));
            assertEquals(arrays, lm.liveArrays(), "arrays held after the steered calls");
        }
    }
}
