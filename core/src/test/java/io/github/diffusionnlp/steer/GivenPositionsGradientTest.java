package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A score's gradient at given positions moves nothing (they are kept), so a gradient that is NaN there alone must not
 * end the call: a scorer of the distance to a word's embedding, ‖x − e_w‖ = √(…), masked by {@code generated}, has
 * the gradient 0 · ∞ = NaN wherever the sentence gives that very word (x is then e_w exactly), and the step's
 * gradient times the mask of generated positions was NaN there, refused as "steering gave NaN or infinite
 * embeddings" though every sampled position's gradient was finite.
 */
class GivenPositionsGradientTest {
    private static DiffusionLM lm;
    private static NDManager constants;
    private static NDArray the;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build();
        constants = NDManager.newBaseManager();
        the = lm.embeddingTable(constants).get(lm.vocabulary().id("the")).reshape(1, 1, -1);
    }

    @AfterAll
    static void close() {
        constants.close();
        lm.close();
    }

    /** −Σ over generated positions of √(‖x − e_the‖² + shift), shift (B, L) added under the root. */
    private static NDArray distance(NDArray x, NDArray generated, boolean cutGiven) {
        NDArray squared = x.sub(the).square().sum(new int[] {2}); // (B, L)
        NDArray mask = generated.squeeze(2);
        NDArray under = cutGiven ? squared.mul(mask).add(mask.neg().add(1f)) : squared; // given: √1, not √0
        return under.sqrt().mul(mask).sum(new int[] {1}).neg();
    }

    @Test
    void aGradientThatIsNanAtGivenPositionsOnlySteersAsAFiniteOneDoes() {
        List<String> in = Arrays.asList("the [MASK] said that the [MASK] was the best .".split(" "));
        SamplingOptions options = SamplingOptions.builder().steps(6).seed(3).build();
        GuidanceScorer nanAtGiven = (x, sigma, generated) -> distance(x, generated, false);
        GuidanceScorer finite = (x, sigma, generated) -> distance(x, generated, true);
        List<String> expected = lm.infill(in, Constraints.none().withSteering(PlugAndPlay.of(finite, 1)), options);
        assertEquals(expected,
                lm.infill(in, Constraints.none().withSteering(PlugAndPlay.of(nanAtGiven, 1)), options));
        int arrays = lm.liveArrays();
        lm.infill(in, Constraints.none().withSteering(PlugAndPlay.of(nanAtGiven, 1)), options);
        assertEquals(arrays, lm.liveArrays());
    }
}
