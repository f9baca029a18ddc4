package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Scalars;
import io.github.diffusionnlp.runtime.Autograd;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A steering scorer of the user's own that is wrong ends the call with an error naming what was wrong, and leaves the
 * model as it was: the same answers after it, no arrays kept, the gradient collector free. Before, a scorer returning
 * NaN, an infinite score or one so large that the steps overflowed gave empty sentences without a word of warning,
 * one returning the wrong shape was summed as if right, and one returning null failed with Java's own
 * NullPointerException about {@code NDArray.sum()}.
 */
class ScorerMistakesTest {
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(4).length(6).seed(3).build();
    private static final GuidanceScorer FINE = (x, sigma, generated) -> x.sum(new int[] {1, 2});
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static List<List<String>> steered(GuidanceScorer scorer, double weight) {
        return lm.generate(2, Constraints.none().withSteering(PlugAndPlay.of(scorer, weight)), OPTIONS);
    }

    /** {@code scorer}'s call fails with {@code type}; the model answers after it as before, holding what it held. */
    private static <T extends RuntimeException> String refused(Class<T> type, GuidanceScorer scorer, double weight) {
        List<List<String>> before = steered(FINE, 1);
        int arrays = lm.liveArrays();
        T e = assertThrows(type, () -> steered(scorer, weight), () -> "steered to " + steeredQuietly(scorer, weight));
        assertEquals(arrays, lm.liveArrays(), "arrays the model holds after the failed call");
        assertFalse(Autograd.COLLECTOR.isLocked(), "the gradient collector is free");
        assertEquals(before, steered(FINE, 1), "a steered call after the failure");
        return e.getMessage();
    }

    private static String steeredQuietly(GuidanceScorer scorer, double weight) {
        try {
            return String.valueOf(steered(scorer, weight));
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    @Test
    void aScoreOfTheWrongShapeIsRefusedNamingBothShapes() {
        String perPosition = refused(IllegalArgumentException.class, (x, s, g) -> x.sum(new int[] {2}), 1);
        assertTrue(perPosition.contains("one score per row, shape (2)") && perPosition.contains("(2, 16)"),
                perPosition);
        String whole = refused(IllegalArgumentException.class, (x, s, g) -> x.sum(), 1);
        assertTrue(whole.contains("one score per row, shape (2)") && whole.contains("shape ()"), whole);
        String unsummed = refused(IllegalArgumentException.class, (x, s, g) -> x, 1);
        assertTrue(unsummed.contains("(2, 16, 64)"), unsummed);
    }

    @Test
    void aNullScoreIsRefusedSayingSo() {
        String m = refused(IllegalArgumentException.class, (x, s, g) -> null, 1);
        assertTrue(m.contains("returned null") && m.contains("one score per row, shape (2)"), m);
    }

    @Test
    void aNanOrInfiniteGradientIsRefusedInsteadOfGivingEmptySentences() {
        GuidanceScorer nan = (x, s, g) -> Scalars.times(x.sum(new int[] {1, 2}), Float.NaN);
        GuidanceScorer sqrtOfNegative = (x, s, g) -> x.sum(new int[] {1, 2}).abs().neg().sqrt();
        GuidanceScorer infinite = (x, s, g) -> Scalars.times(x.sum(new int[] {1, 2}), Float.POSITIVE_INFINITY);
        for (GuidanceScorer scorer : List.of(nan, sqrtOfNegative, infinite)) {
            String m = refused(IllegalStateException.class, scorer, 1);
            assertTrue(m.startsWith("steering gave NaN or infinite embeddings at noise level"), m);
        }
        // finite scores, but a weight so large that a step overflows
        String m = refused(IllegalStateException.class, FINE, 1e38);
        assertTrue(m.contains("weight " + Numbers.written(1e38)), m);
    }

    /**
     * A score that does not depend on x (a constant, one made from sigma alone, one cut from x by stopGradient or
     * toType, x minus itself) has a gradient of 0: it steered nothing, and the call gave the unsteered sentences
     * without a word.
     */
    @Test
    void aScoreThatDoesNotDependOnXIsRefusedSayingHowToFixIt() {
        List<GuidanceScorer> scorers = List.of(
                (x, s, g) -> x.getManager().ones(s.getShape()),
                (x, s, g) -> s.square(),
                (x, s, g) -> x.stopGradient().sum(new int[] {1, 2}),
                (x, s, g) -> x.toType(DataType.FLOAT64, false).sum(new int[] {1, 2}),
                (x, s, g) -> x.sub(x).sum(new int[] {1, 2}),
                ScorerMistakesTest::cutFromXThroughATrackedWeight);
        for (GuidanceScorer scorer : scorers) {
            String m = refused(IllegalArgumentException.class, scorer, 1);
            assertTrue(m.startsWith("the steering scorer's score does not change with x: its gradient was 0 at every"
                    + " sampled position at the first step (noise level σ = ")
                    && m.contains("compute it from x with DJL operations, which keep the gradient"), m);
        }
    }

    /** A score of x cut from the graph times a weight that tracks its own gradient, as a block's parameters do. */
    private static NDArray cutFromXThroughATrackedWeight(NDArray x, NDArray sigma, NDArray generated) {
        NDArray weight = x.getManager().ones(new Shape(x.getShape().get(2)));
        weight.setRequiresGradient(true);
        return x.stopGradient().mul(weight).sum(new int[] {1, 2});
    }

    /**
     * A weight so small that, times the score's gradient, it is 0 in float32 everywhere steers nothing too, but the
     * scorer is not to blame: the refusal names the weight. Before (audit h223), a scorer whose score does change with
     * x was refused as one whose score does not ("compute it from x with DJL operations").
     */
    @Test
    void aWeightThatUnderflowsIsNamedRatherThanTheScorer() {
        for (double weight : new double[] {1e-50, 1e-44}) {
            GuidanceScorer small = (x, s, g) -> Scalars.times(x.sum(new int[] {1, 2}), 0.01f); // gradient 0.01
            String m = refused(IllegalArgumentException.class, small, weight);
            assertTrue(m.startsWith("the steering weight " + Numbers.written(weight) + " is too small: times the"
                    + " scorer's gradient it is 0 in float32 at every sampled position"), m);
        }
    }

    /**
     * A scorer that closes x, sigma, generated or x's NDManager fails the call naming what it closed, and the model
     * goes on. Before, closing x or generated failed with DJL's "Native resource has been released already", and
     * closing x.getManager() closed the model's own manager: every later call failed with "NDManager has been closed
     * already".
     */
    @Test
    void aScorerThatClosesWhatItIsGivenIsRefusedNamingItAndTheModelGoesOn() {
        GuidanceScorer closesX = (x, s, g) -> {
            NDArray score = x.sum(new int[] {1, 2});
            x.close();
            return score;
        };
        GuidanceScorer closesXFirst = (x, s, g) -> {
            x.close();
            return x.sum(new int[] {1, 2});
        };
        GuidanceScorer closesSigma = (x, s, g) -> {
            s.close();
            return x.sum(new int[] {1, 2});
        };
        GuidanceScorer closesGenerated = (x, s, g) -> {
            g.close();
            return x.sum(new int[] {1, 2});
        };
        GuidanceScorer closesTheManager = (x, s, g) -> {
            NDArray score = x.sum(new int[] {1, 2});
            x.getManager().close();
            return score;
        };
        List<GuidanceScorer> scorers = List.of(closesX, closesXFirst, closesSigma, closesGenerated, closesTheManager);
        List<String> named = List.of("x", "x", "sigma", "generated", "x's NDManager (x.getManager())");
        for (int i = 0; i < scorers.size(); i++) {
            String m = refused(IllegalStateException.class, scorers.get(i), 1);
            assertTrue(m.startsWith("the steering scorer closed " + named.get(i) + ";")
                    && m.contains("close none of x, sigma, generated or x.getManager()"), m);
        }
    }

    /** The scorer's own exception reaches the caller as it was thrown (this passed before too). */
    @Test
    void aScorerThatThrowsFailsTheCallWithItsOwnException() {
        IllegalStateException mine = new IllegalStateException("my scorer broke");
        RuntimeException seen = assertThrows(RuntimeException.class, () -> steered((x, s, g) -> {
            throw mine;
        }, 1));
        assertSame(mine, seen);
        refused(IllegalStateException.class, (x, s, g) -> {
            throw new IllegalStateException("again");
        }, 1);
    }

    /** Many failed calls keep no native memory (this passed before too, for the exceptions it had). */
    @Test
    void failedCallsKeepNoArrays() {
        steered(FINE, 1);
        int arrays = lm.liveArrays();
        for (int i = 0; i < 10; i++) {
            assertThrows(RuntimeException.class, () -> steered((x, s, g) -> x.sum(new int[] {2}), 1));
            assertThrows(RuntimeException.class, () -> steered((x, s, g) -> {
                NDArray partial = x.sum(new int[] {1, 2});
                throw new IllegalStateException("after " + partial.getShape());
            }, 1));
        }
        assertEquals(arrays, lm.liveArrays());
    }
}
