package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.training.util.ProgressBar;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Sampling options are values, as {@link Constraints} are: equal settings are equal options, and they print. */
class SamplingOptionsValueTest {
    @Test
    void equalSettingsAreEqualOptions() {
        assertEquals(SamplingOptions.defaults(), SamplingOptions.defaults());
        assertEquals(SamplingOptions.defaults().hashCode(), SamplingOptions.defaults().hashCode());
        SamplingOptions some = SamplingOptions.builder().steps(8).seed(3).temperature(0.5).ngramWeight(0.7).build();
        assertEquals(some, some.toBuilder().build());
        assertEquals(some.hashCode(), some.toBuilder().build().hashCode());
    }

    @Test
    void eachSettingCounts() {
        ProgressBar bar = new ProgressBar();
        SamplingOptions base = SamplingOptions.defaults();
        for (UnaryOperator<SamplingOptions.Builder> change : List.<UnaryOperator<SamplingOptions.Builder>>of(
                b -> b.steps(8), b -> b.seed(1), b -> b.batchSize(4), b -> b.length(5), b -> b.temperature(1),
                b -> b.x0Temperature(0.5), b -> b.ngramWeight(0.7), b -> b.guideLength(false),
                b -> b.drawLength(true), b -> b.drawLength(false), b -> b.optProgress(bar))) {
            assertNotEquals(base, change.apply(base.toBuilder()).build());
        }
        assertEquals(base.toBuilder().optProgress(bar).build(), base.toBuilder().optProgress(bar).build());
        assertNotEquals(base.toBuilder().optProgress(bar).build(),
                base.toBuilder().optProgress(new ProgressBar()).build(), "a progress by identity");
    }

    /** A call cannot go on where a call of a negative number of sentences ended: a caller's slip, named. */
    @Test
    void aNegativeStartIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SamplingOptions.defaults().startingAt(-1));
        assertEquals("startingAt takes the number of sentences done before, >= 0, got -1", e.getMessage());
    }

    /**
     * No sentence or window sits at a negative index: a seed asked for one is a caller's slip (an index counted down
     * past zero), named rather than answered with a seed no call of the library ever draws.
     */
    @Test
    void aNegativeSentenceOrWindowIsRefused() {
        SamplingOptions options = SamplingOptions.defaults();
        for (org.junit.jupiter.api.function.Executable slip : List.<org.junit.jupiter.api.function.Executable>of(
                () -> options.sentenceSeed(-1), () -> SamplingOptions.sentenceSeed(7, -1),
                () -> options.windowSeed(-1, 0), () -> options.windowSeed(0, -64))) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, slip);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(">= 0, got -"), e.getMessage());
        }
        assertEquals("windowSeed takes a window's first position, >= 0, got -64",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> options.windowSeed(0, -64)).getMessage());
        assertEquals("sentenceSeed takes a sentence's index in its call, >= 0, got -1",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> options.windowSeed(-1, 0)).getMessage());
    }

    /**
     * A zero given as -0.0 (a computed value, {@code -1 * 0.0}) is the zero the range allows, and samples as 0 does:
     * options and constraints that differ by the sign of a zero alone are equal, as every other setting compares.
     */
    @Test
    void aNegativeZeroIsZero() {
        SamplingOptions zero = SamplingOptions.builder().temperature(0.0).x0Temperature(0.0).ngramWeight(0.0).build();
        SamplingOptions negative = SamplingOptions.builder().temperature(-0.0).x0Temperature(-0.0).ngramWeight(-0.0)
                .build();
        assertEquals(zero, negative);
        assertEquals(zero.hashCode(), negative.hashCode());
        assertEquals(zero.toString(), negative.toString());
        assertEquals(Constraints.none().withGuidance(0.0), Constraints.none().withGuidance(-0.0));
        assertEquals(Constraints.none().withGuidance(0.0).hashCode(), Constraints.none().withGuidance(-0.0).hashCode());
    }

    /**
     * The seeds a call gives its sentences, their windows and their best-of-k candidates: sentence 0 keeps the seed,
     * and no seed is taken twice across ten nearby seeds, 500 sentences, 4 windows and 4 candidates each.
     */
    @Test
    void sentenceWindowAndCandidateSeedsNeverMeet() {
        SamplingOptions options = SamplingOptions.builder().seed(7).build();
        assertEquals(7, options.sentenceSeed(0));
        assertEquals(options.sentenceSeed(3), options.windowSeed(3, 0));
        assertEquals(options.sentenceSeed(5), options.startingAt(2).sentenceSeed(3));
        assertEquals(options, options.startingAt(0));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            SamplingOptions o = options.toBuilder().seed(seed).build();
            for (int i = 0; i < 500; i++) {
                for (int from = 0; from < 4 * 64; from += 64) {
                    for (int j = 0; j < 4; j++) {
                        long s = o.windowSeed(i, from) + j * BestOf.SEED_STRIDE;
                        assertEquals(true, seen.add(s), "seed " + seed + ", sentence " + i + ", window " + from
                                + ", candidate " + j + " repeats " + s);
                    }
                }
            }
        }
    }

    @Test
    void printsEverySetting() {
        assertEquals("SamplingOptions[steps=32, seed=0, batchSize=32, length=0, temperature=default, x0Temperature=1.0,"
                + " ngramWeight=0.0, guideLength=true, drawLength=default, progress=null]",
                SamplingOptions.defaults().toString());
        assertEquals("SamplingOptions[steps=4, seed=7, batchSize=32, length=0, temperature=0.0, x0Temperature=1.0,"
                + " ngramWeight=0.0, guideLength=true, drawLength=default, progress=null]",
                SamplingOptions.builder().steps(4).seed(7).temperature(0).build().toString());
    }
}
