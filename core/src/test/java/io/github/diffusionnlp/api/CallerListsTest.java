package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call reads the caller's lists and arrays as they were when it began: another thread changing them
 * meanwhile changes neither the call's work nor its answer (a steering scorer, which runs in the middle
 * of sampling, stands in for that thread).
 */
class CallerListsTest {
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    /** Plug-and-play steering that runs {@code meanwhile} at its first step (its weight too small to matter). */
    private static Constraints steeringThatRuns(Runnable meanwhile) {
        GuidanceScorer scorer = new GuidanceScorer() {
            private boolean ran;

            @Override
            public ai.djl.ndarray.NDArray score(ai.djl.ndarray.NDArray x, ai.djl.ndarray.NDArray sigma,
                    ai.djl.ndarray.NDArray generated) {
                if (!ran) {
                    ran = true;
                    meanwhile.run();
                }
                return x.sum(new int[] {1, 2}); // differentiable; the weight makes it all but nothing
            }
        };
        return Constraints.none().withSteering(PlugAndPlay.of(scorer, 1e-6));
    }

    @Test
    void aRewriteKeepsTheTokensItWasGivenWhenTheCallerChangesThemMeanwhile() {
        List<String> tokens = new ArrayList<>(List.of("The", "dog", "was", "late", "."));
        boolean[] keep = {true, false, false, false, true};
        Constraints steer = steeringThatRuns(() -> {
            tokens.set(0, "Changed");
            tokens.set(4, "!");
        });
        SamplingOptions options = SamplingOptions.builder().steps(2).seed(1).build();
        List<String> out = lm.rewriteAll(List.of(tokens), List.of(keep), 0.5, steer, options).get(0);
        assertEquals("The", out.get(0), "a kept token: " + out);
        assertEquals(".", out.get(4), "a kept token: " + out);
    }

    @Test
    void aTemplatedRewriteKeepsTheTokensItWasGivenWhenTheCallerChangesThemMeanwhile() {
        List<String> tokens = new ArrayList<>(List.of("The", "dog", "was", "late", "."));
        boolean[] keep = {true, false, false, false, true};
        Constraints steer = steeringThatRuns(() -> tokens.set(0, "Changed"))
                .withTemplate(List.of(Upos.DET, Upos.NOUN, Upos.VERB, Upos.ADJ, Upos.PUNCT));
        SamplingOptions options = SamplingOptions.builder().steps(2).seed(1).build();
        List<String> out = lm.rewriteAll(List.of(tokens), List.of(keep), 0.5, steer, options).get(0);
        assertEquals("The", out.get(0), "a kept token: " + out);
    }
}
