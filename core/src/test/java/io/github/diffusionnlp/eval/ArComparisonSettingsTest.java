package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.eval.ArComparison.Settings;
import org.junit.jupiter.api.Test;

/**
 * compare-ar's counts are checked when its settings are made, before either model is loaded: --samples 0
 * ran for a minute and a half and wrote a report of NaN; --infill-sentences -1 and --step-counts 0 failed
 * only when their phase came, the latter in the API's words.
 */
class ArComparisonSettingsTest {
    private static Settings with(int samples, int[] steps, int infill, double[] x0, double[] ngram) {
        return new Settings("test", samples, steps, infill, steps, new int[] {1}, new double[] {0.9}, 1, x0, ngram);
    }

    private static void assertRefused(String message, Runnable settings) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, settings::run).getMessage());
    }

    @Test
    void countsOutsideTheirRangeAreRefusedNamingTheOption() {
        int[] steps = {8};
        double[] none = {};
        assertRefused("--samples must be at least 1, got 0", () -> with(0, steps, 4, none, none));
        assertRefused("--infill-sentences must be at least 1, got -1", () -> with(4, steps, -1, none, none));
        assertRefused("--step-counts: steps must be a whole number from 1 to 10000, got 0",
                () -> with(4, new int[] {8, 0}, 4, none, none));
        assertRefused("--step-counts: give at least one step count", () -> with(4, new int[0], 4, none, none));
        assertRefused("--x0-temperatures: x0 temperature must be a finite number >= 0, got -0.5",
                () -> with(4, steps, 4, new double[] {-0.5}, none));
        assertRefused("--ngram-weights: the n-gram weight must be a number from 0 to 100 (0: off), got -1",
                () -> with(4, steps, 4, none, new double[] {-1}));
        with(4, steps, 4, new double[] {0, 0.5}, new double[] {0.3}); // and good values pass
    }
}
