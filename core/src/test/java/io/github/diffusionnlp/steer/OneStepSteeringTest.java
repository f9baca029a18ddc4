package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Plug-and-play steering moves the embeddings between sampling steps, and a call of one step has none: its scorer was
 * never called, and the call came back unsteered without a word (audit h235). Refused before anything is sampled, as
 * suggest's one pass refuses steering, naming the steps to give.
 */
class OneStepSteeringTest {
    private static final String REFUSAL = "plug-and-play steering acts between sampling steps, and 1 step has none;"
            + " give 2 steps or more, or leave withSteering unset";
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    @Test
    void oneStepWithSteeringIsRefusedBeforeTheScorerRunsTwoStepsSteer() {
        AtomicInteger calls = new AtomicInteger();
        GuidanceScorer scorer = (x, sigma, generated) -> {
            calls.incrementAndGet();
            return x.mul(generated).sum(new int[] {1, 2});
        };
        Constraints steered = Constraints.none().withSteering(PlugAndPlay.of(scorer, 1));
        List<String> in = Arrays.asList("the [MASK] said that it was [MASK] .".split(" "));
        boolean[] keep = {true, false, true, true, true, true, false, true};
        SamplingOptions one = SamplingOptions.builder().steps(1).seed(3).length(6).build();
        for (Executable call : List.<Executable>of(() -> lm.infill(in, steered, one),
                () -> lm.generate(2, steered, one), () -> lm.rewrite(in, keep, 0.5, steered, one))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertEquals(REFUSAL, e.getMessage());
        }
        assertEquals(0, calls.get(), "refused before the scorer ran");

        SamplingOptions two = SamplingOptions.builder().steps(2).seed(3).length(6).build();
        lm.infill(in, steered, two);
        assertTrue(calls.get() > 0, "two steps call the scorer");
    }

    /** Weight 0 is no steering (PlugAndPlay.of says so, and the sampler never calls its scorer): one step takes it. */
    @Test
    void weightZeroIsNoSteeringAndOneStepTakesIt() {
        AtomicInteger calls = new AtomicInteger();
        GuidanceScorer scorer = (x, sigma, generated) -> {
            calls.incrementAndGet();
            return x.mul(generated).sum(new int[] {1, 2});
        };
        SamplingOptions one = SamplingOptions.builder().steps(1).seed(3).length(6).build();
        assertEquals(lm.generate(2, Constraints.none(), one),
                lm.generate(2, Constraints.none().withSteering(PlugAndPlay.of(scorer, 0)), one));
        assertEquals(0, calls.get());
    }
}
