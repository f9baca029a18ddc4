package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.LongRunMemory;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many steered calls keep nothing: each gradient step gives the scorer its arguments in an NDManager of their own
 * (PlugAndPlay), and that manager, with the arrays in it and those the scorer made there, is closed when the step
 * ends. Counted on the model's manager, on DJL's system manager (every manager's arrays) and on the managers the
 * scorer was given.
 */
class SteeredCallsMemoryTest {
    private static final int CALLS = 50;
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(4).length(6).seed(3).build();

    @Test
    void fiftySteeredCallsKeepNoArraysNorManagers() throws Exception {
        List<NDManager> given = new ArrayList<>();
        GuidanceScorer scorer = (x, sigma, generated) -> {
            given.add(x.getManager());
            return x.mul(generated).sum(new int[] {1, 2}).add(sigma);
        };
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO)
                .build()) {
            Constraints steered = Constraints.none().withSteering(new PlugAndPlay(scorer, 1, 2, 0.5, 1));
            lm.generate(2, steered, OPTIONS); // warm-up: what a first call creates once
            int model = lm.liveArrays();
            int process = LongRunMemory.processArrays();
            given.clear();
            for (int i = 0; i < CALLS; i++) {
                lm.generate(2, steered, OPTIONS);
            }
            assertEquals(model, lm.liveArrays(), "arrays the model holds after " + CALLS + " steered calls");
            assertEquals(process, LongRunMemory.processArrays(), "arrays the process holds after them");
            // 3 steered steps of 4, 2 gradient steps each
            assertEquals(CALLS * 3 * 2, given.size(), "gradient steps that called the scorer");
            assertTrue(given.stream().distinct().count() == given.size(), "one manager a gradient step");
            for (NDManager m : given) {
                assertFalse(m.isOpen(), "a scorer's manager left open: " + m);
            }
        }
    }

    /**
     * A scorer whose operations start from a constant of its own (the constant first, so DJL puts each result in the
     * constant's manager, not x's) leaves no arrays in that manager either: the step's scope frees them.
     */
    @Test
    void aScorerComputingFromItsOwnConstantsLeavesNoArraysInItsManager() throws Exception {
        try (NDManager own = NDManager.newBaseManager();
                DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0,
                        Duration.ZERO).build()) {
            ai.djl.ndarray.NDArray toward = own.ones(new ai.djl.ndarray.types.Shape(1, 1, lm.embeddingTable(own)
                    .getShape().get(1)));
            GuidanceScorer scorer = (x, sigma, generated) -> toward.sub(x).square().mul(generated)
                    .sum(new int[] {1, 2}).neg();
            Constraints steered = Constraints.none().withSteering(new PlugAndPlay(scorer, 1, 2, 0.5, 1));
            lm.generate(2, steered, OPTIONS);
            int mine = own.getManagedArrays().size();
            int model = lm.liveArrays();
            for (int i = 0; i < CALLS; i++) {
                lm.generate(2, steered, OPTIONS);
            }
            assertEquals(mine, own.getManagedArrays().size(), "arrays left in the scorer's own manager");
            assertEquals(model, lm.liveArrays(), "arrays the model holds");
        }
    }
}
