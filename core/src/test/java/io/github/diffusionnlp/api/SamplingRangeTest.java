package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.sample.Schedule;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each sampling range's one rule, at its edges: NaN, the infinities, 0, the bounds and the numbers just past them;
 * and the library's entry points (Constraints, rewriteAll, SamplingOptions' builder, the internal Schedule) refuse
 * exactly what the rule refuses, in the library's words for it.
 */
class SamplingRangeTest {
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static void refused(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void guidanceIsANumberFromZeroToAHundred() {
        String allowed = "a number from 0 to 100 (0 ignores the constraints, 1 conditions plainly, above 1 pushes harder)";
        assertEquals(allowed, SamplingRange.GUIDANCE.allowed());
        for (double w : List.of(0.0, -0.0, Double.MIN_VALUE, 1.0, 3.0, 100.0)) {
            assertTrue(SamplingRange.GUIDANCE.allows(w), "allows " + w);
            assertEquals(w + 0.0, Constraints.none().withGuidance(w).guidance()); // -0.0 kept as 0.0
            assertEquals(w, new Schedule(4, 0, 1, w).guidance());
        }
        for (double w : List.of(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -Double.MIN_VALUE, -1.0,
                Math.nextUp(100.0), 1e4, 1e39, Double.MAX_VALUE)) {
            assertTrue(!SamplingRange.GUIDANCE.allows(w), "refuses " + w);
            String expected = "guidance must be " + allowed + ", got " + Numbers.written(w);
            refused(expected, () -> Constraints.none().withGuidance(w));
            refused(expected, () -> new Schedule(4, 0, 1, w));
        }
    }

    @Test
    void candidatesAreAWholeNumberFromOneToTheMaximum() {
        String allowed = "a whole number from 1 to 64";
        assertEquals(allowed, SamplingRange.CANDIDATES.allowed());
        for (int k : new int[] {1, 2, Constraints.MAX_CANDIDATES}) {
            assertTrue(SamplingRange.CANDIDATES.allows(k), "allows " + k);
            assertEquals(k, Constraints.none().withCandidates(k).candidates());
        }
        for (int k : new int[] {Integer.MIN_VALUE, -1, 0, Constraints.MAX_CANDIDATES + 1, Integer.MAX_VALUE}) {
            assertTrue(!SamplingRange.CANDIDATES.allows(k), "refuses " + k);
            refused("candidates must be " + allowed + ", got " + k, () -> Constraints.none().withCandidates(k));
        }
        for (double k : List.of(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1.5,
                Math.nextDown(1.0), Math.nextUp(64.0))) {
            assertTrue(!SamplingRange.CANDIDATES.allows(k), "refuses " + k);
        }
    }

    @Test
    void strengthIsMoreThanZeroAndAtMostOne() {
        String allowed = "a number in (0, 1] (more than 0, at most 1)";
        assertEquals(allowed, SamplingRange.STRENGTH.allowed());
        for (double s : List.of(Double.MIN_VALUE, 0.5, Math.nextDown(1.0), 1.0)) {
            assertTrue(SamplingRange.STRENGTH.allows(s), "allows " + s);
            assertEquals(s, new Schedule(4, 0, s, 1).strength());
        }
        assertEquals(List.of(), lm.rewriteAll(List.of(), List.of(), Double.MIN_VALUE, List.of(),
                SamplingOptions.defaults()));
        for (double s : List.of(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0, -1.0,
                Math.nextUp(1.0), 1.5)) {
            assertTrue(!SamplingRange.STRENGTH.allows(s), "refuses " + s);
            String expected = "strength must be " + allowed + ", got " + Numbers.written(s);
            refused(expected, () -> new Schedule(4, 0, s, 1));
            refused(expected, () -> lm.rewriteAll(List.of(List.of("a", "b")), java.util.Arrays.asList((boolean[]) null),
                    s, SamplingOptions.defaults()));
        }
    }

    @Test
    void stepsAndBatchSizeAreWholeNumbersFromOneToTheirMaximum() {
        assertEquals("a whole number from 1 to 10000", SamplingRange.STEPS.allowed());
        assertEquals("a whole number from 1 to 4096", SamplingRange.BATCH_SIZE.allowed());
        for (int n : new int[] {1, 2, SamplingOptions.MAX_STEPS}) {
            assertTrue(SamplingRange.STEPS.allows(n), "allows " + n);
            assertEquals(n, SamplingOptions.builder().steps(n).build().steps());
        }
        for (int n : new int[] {1, 2, SamplingOptions.MAX_BATCH_SIZE}) {
            assertTrue(SamplingRange.BATCH_SIZE.allows(n), "allows " + n);
            assertEquals(n, SamplingOptions.builder().batchSize(n).build().batchSize());
        }
        for (int n : new int[] {Integer.MIN_VALUE, -1, 0, SamplingOptions.MAX_STEPS + 1, Integer.MAX_VALUE}) {
            assertTrue(!SamplingRange.STEPS.allows(n), "refuses " + n);
            refused("steps must be " + SamplingRange.STEPS.allowed() + ", got " + n,
                    () -> SamplingOptions.builder().steps(n));
        }
        for (int n : new int[] {Integer.MIN_VALUE, -1, 0, SamplingOptions.MAX_BATCH_SIZE + 1, Integer.MAX_VALUE}) {
            assertTrue(!SamplingRange.BATCH_SIZE.allows(n), "refuses " + n);
            refused("batch size must be " + SamplingRange.BATCH_SIZE.allowed() + ", got " + n,
                    () -> SamplingOptions.builder().batchSize(n));
        }
        for (double n : List.of(Double.NaN, Double.POSITIVE_INFINITY, 1.5)) {
            assertTrue(!SamplingRange.STEPS.allows(n) && !SamplingRange.BATCH_SIZE.allows(n), "refuses " + n);
        }
    }

    @Test
    void temperaturesAndTheNgramWeightAreTheirBuildersRules() {
        assertEquals("a number in [0, 1]", SamplingRange.TEMPERATURE.allowed());
        for (double t : List.of(0.0, -0.0, 0.5, 1.0)) {
            assertTrue(SamplingRange.TEMPERATURE.allows(t), "allows " + t);
            assertEquals(t + 0.0, SamplingOptions.builder().temperature(t).build().temperature().getAsDouble());
        }
        for (double t : List.of(Double.NaN, Double.NEGATIVE_INFINITY, -Double.MIN_VALUE, Math.nextUp(1.0),
                Double.POSITIVE_INFINITY)) {
            assertTrue(!SamplingRange.TEMPERATURE.allows(t), "refuses " + t);
            refused("temperature must be a number in [0, 1], got " + Numbers.written(t),
                    () -> SamplingOptions.builder().temperature(t));
        }
        for (double v : List.of(0.0, -0.0, 0.5, 1.0, 100.0)) {
            assertTrue(SamplingRange.X0_TEMPERATURE.allows(v) && SamplingRange.NGRAM_WEIGHT.allows(v), "allows " + v);
            assertEquals(v + 0.0, SamplingOptions.builder().x0Temperature(v).ngramWeight(v).build().ngramWeight());
        }
        for (double v : List.of(Math.nextUp(100.0), 1e39, Double.MAX_VALUE)) {
            assertTrue(SamplingRange.X0_TEMPERATURE.allows(v) && !SamplingRange.NGRAM_WEIGHT.allows(v), "weight " + v);
            refused("the n-gram weight must be a number from 0 to 100 (0: off), got " + Numbers.written(v),
                    () -> SamplingOptions.builder().ngramWeight(v));
        }
        for (double v : List.of(Double.NaN, Double.NEGATIVE_INFINITY, -Double.MIN_VALUE, Double.POSITIVE_INFINITY)) {
            assertTrue(!SamplingRange.X0_TEMPERATURE.allows(v) && !SamplingRange.NGRAM_WEIGHT.allows(v), "refuses " + v);
            refused("x0 temperature must be a finite number >= 0, got " + Numbers.written(v),
                    () -> SamplingOptions.builder().x0Temperature(v));
            refused("the n-gram weight must be a number from 0 to 100 (0: off), got " + Numbers.written(v),
                    () -> SamplingOptions.builder().ngramWeight(v));
        }
    }

    @Test
    void frontEndsNameTheOptionAsTheirUsersSpellIt() {
        refused("--strength 1.5 is out of range; allowed: a number in (0, 1] (more than 0, at most 1)",
                () -> SamplingRange.STRENGTH.check(1.5, "--strength", SamplingRange.OUT_OF_RANGE));
        refused("-guidance -1e0 is out of range; allowed: " + SamplingRange.GUIDANCE.allowed(),
                () -> SamplingRange.GUIDANCE.check(-1, "-1e0", "-guidance", SamplingRange.OUT_OF_RANGE));
        // Double.parseDouble reads "2\n" as 2: the refusal shows the line end rather than breaking its line there
        refused("-strength 2<U+000A> is out of range; allowed: " + SamplingRange.STRENGTH.allowed(),
                () -> SamplingRange.STRENGTH.check(2, "2\n", "-strength", SamplingRange.OUT_OF_RANGE));
        IllegalStateException own = assertThrows(IllegalStateException.class, () -> SamplingRange.CANDIDATES.check(0,
                "0", "diffusion.candidates", (o, v, a) -> new IllegalStateException("bad " + o + " = '" + v + "'; allowed: " + a)));
        assertEquals("bad diffusion.candidates = '0'; allowed: a whole number from 1 to 64", own.getMessage());
        assertEquals(7, SamplingRange.CANDIDATES.check(7, "candidates"));
    }
}
