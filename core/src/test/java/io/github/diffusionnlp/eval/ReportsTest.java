package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ar.ArConfig;
import io.github.diffusionnlp.eval.ArComparison.Fairness;
import io.github.diffusionnlp.eval.ArComparison.Infill;
import io.github.diffusionnlp.eval.ArComparison.Quality;
import io.github.diffusionnlp.eval.ArComparison.Results;
import io.github.diffusionnlp.eval.ArComparison.Settings;
import io.github.diffusionnlp.eval.ArComparison.Speed;
import io.github.diffusionnlp.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison's Markdown report from figures made up to the shape a run gives. */
class ReportsTest {
    /** Also the figures ComparisonChartsTest draws. */
    static Results results(int[] speedSteps, double[] breakEven) {
        Settings settings = new Settings("quick", 4, speedSteps, 4, speedSteps, new int[] {1, 32},
                new double[] {0.8, 0.9, 0.95}, 1, new double[0], new double[0]);
        Fairness fairness = new Fairness(100, 99, true, 50, null, null, "diffusion shape", "ar shape");
        Quality reference = new Quality("held-out data", "real sentences", 0, Double.NaN, 4, 4.9, 6.0, 0.07, 22,
                new TextStatistics.SameLengthEntropy(88, 6.0, 6.0));
        // 60 tokens: 5.5 bits against held-out text's 5.6 at its first 60 tokens, -1.8%
        List<Quality> quality = List.of(new Quality("diffusion", "32 steps", 32, 1, 4, 7.8, 5.5, 0.07, 15,
                new TextStatistics.SameLengthEntropy(60, 5.5, 5.6)));
        List<Infill> infill = List.of(new Infill("diffusion", 32, 4, 0.1, 0, 0));
        List<Speed> speed = List.of(new Speed("diffusion", 1, 32, 1.0, 20), new Speed("diffusion", 32, 32, 9.0, 22),
                new Speed("autoregressive, KV cache", 1, 0, 0.5, 2), new Speed("autoregressive, KV cache", 32, 0, 5, 6));
        return new Results(settings, "a machine", 50, fairness, reference, quality, 1.0, 1.0, infill, speed, breakEven,
                10);
    }

    /** `compare-ar --step-counts 32` times one step count: no line, and the report says why, not "NaN steps". */
    @Test
    void oneTimedStepCountGivesNoBreakEvenAndSaysWhy() {
        String report = Reports.markdown(results(new int[] {32}, new double[] {Double.NaN, Double.NaN}), "compare-ar");
        assertTrue(!report.contains("NaN"), report);
        assertTrue(report.contains("batch 1: no line to fit (diffusion timed at one step count; give --step-counts two"
                + " or more);"), report);
    }

    /** The report printed Java's record and array toStrings: "ModelConfig[vocabSize=12000, ...]", "[0.8, 0.9]". */
    /**
     * The speed table said "median of 3 runs at batch 1" for every row, but the diffusion rows (SpeedBenchmark's)
     * are the median of 5; only the autoregressive ones are of 3.
     */
    @Test
    void theSpeedTableSaysHowManyRunsEachSystemsMedianIsOf() {
        String report = Reports.markdown(results(new int[] {8, 16}, new double[] {1, 2}), "compare-ar");
        assertTrue(report.contains("at batch 1 the median of 5 runs for diffusion and of 3 for the autoregressive"
                + " model, one run at batch 32;"), report);
    }

    @Test
    void shapesAndTemperaturesInWords() {
        assertEquals("4 layers, width 256, 4 heads with relative-position bias, 64 positions, feed-forward 4× width",
                Reports.shape(new ModelConfig(12000, 256, 4, 4, 4, 128, 64, 1, 300, true)));
        assertEquals("4 layers, width 256, 4 heads, 64 positions, feed-forward 6× width",
                Reports.shape(new ArConfig(12000, 256, 4, 4, 6, 64)));
        String report = Reports.markdown(results(new int[] {8, 16}, new double[] {1, 2}), "compare-ar");
        assertTrue(report.contains("the lowest of 0.8, 0.9 and 0.95 whose samples"), report);
        assertEquals("1", Reports.numbers(new double[] {1.0}));
    }

    @Test
    void breakEvenStepsInWords() {
        String report = Reports.markdown(results(new int[] {8, 16}, new double[] {12.34, -3}), "compare-ar");
        assertTrue(report.contains("batch 1: 12.3 steps; batch 32: none (diffusion slower at every step count)."),
                report);
    }
    /**
     * The command is written as inline code: a backtick in it (a path's, quoted for the shell) ended the code span
     * part way. The span is fenced with one backtick more than the longest run in it, as CommonMark reads it.
     */
    @Test
    void aCommandHoldingABacktickStaysOneCodeSpan() {
        Results results = results(new int[] {8, 16}, new double[] {1, 2});
        assertTrue(Reports.markdown(results, "compare-ar --out x").startsWith("Command: `compare-ar --out x` ("));
        String report = Reports.markdown(results, "compare-ar --out 'a`b``c'");
        assertTrue(report.startsWith("Command: ``` compare-ar --out 'a`b``c' ``` ("), report);
    }

    /**
     * The entropy's "vs held-out" compared a row's pooled entropy with held-out text's over all of its own tokens,
     * whatever the two counts: 5.5 bits against 6.0 read -8.3% where, at the row's 60 tokens, held-out text has
     * 5.6 bits (-1.8%). The column and the best setting's line now read the same-length figure, and the header
     * says what each entropy column is.
     */
    @Test
    void entropyIsComparedWithHeldOutTextAtTheSameNumberOfTokens() {
        String report = Reports.markdown(results(new int[] {8, 16}, new double[] {1, 2}), "compare-ar");
        assertTrue(report.contains("| diffusion | 32 steps | 7.800 | +59.2% | 5.50 | -1.8% |"), report);
        assertTrue(report.contains("unigram entropy -1.8% (bar: within 5%)"), report);
        assertTrue(report.contains("unigram entropy: over all the row's tokens, a figure that grows with their"
                + " number"), report);
        assertTrue(report.contains("the row's entropy and held-out text's at the same number of tokens, the smaller"
                + " of the two counts, the longer side cut to its first tokens in sentence order"), report);
    }

    /**
     * A sample of the held-out words at half their count is within the 5% budget at the same length; pooled whole
     * it read 33% below and no temperature could have qualified.
     */
    @Test
    void theEntropyBudgetIsTestedAtTheSameNumberOfTokens() {
        List<List<String>> heldOut = List.of(List.of("a", "b", "c"), List.of("d", "e", "f", "g", "h"));
        List<List<String>> sample = List.of(List.of("d", "c"), List.of("b", "a"));
        Quality q = ArComparison.quality("diffusion", "32 steps", 32, 1, sample, 7, heldOut);
        assertEquals(2, q.entropyBits(), 1e-12);
        assertEquals(0, q.entropyVsHeldOut().percent(), 1e-12);
        assertTrue(ArComparison.withinEntropyBudget(q.entropyVsHeldOut()));
        assertTrue(!ArComparison.withinEntropyBudget(TextStatistics.unigramEntropyAtSameLength(
                List.of(List.of("a", "a", "a", "b")), heldOut)));
    }

    /**
     * compare-ar divided its speed shares by the ceiling read at the start of its speed rows only, where the
     * benchmark command divides by the best reading of the run; the report now says which it is.
     */
    @Test
    void theCeilingIsTheBestOfTheRunsReadings() {
        String report = Reports.markdown(results(new int[] {8, 16}, new double[] {1, 2}), "compare-ar");
        assertTrue(report.contains("float32 matrix-multiply ceiling, the best of the run's readings (at the start and"
                + " beside each diffusion speed figure): 50.0 GFLOP/s."), report);
        assertTrue(report.contains("| diffusion | 1 | 32 | 1.000 | 2.00× | 20.0 | 40% |"), report);
    }
}
