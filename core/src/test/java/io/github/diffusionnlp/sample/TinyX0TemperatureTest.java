package io.github.diffusionnlp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An x0 temperature τ so small that the words' logits divided by it overflow float32 (or that is 0 as a float32):
 * the softmax was NaN, x̂₀ NaN, and infill wrote {@code [PAD]} into every mask (with n-gram fusion {@code !}) and
 * generate gave empty sentences. Such a τ sharpens as τ = 0 does, the limit it tends to.
 */
class TinyX0TemperatureTest {
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static SamplingOptions options(double tau, double ngramWeight) {
        return SamplingOptions.builder().steps(8).seed(5).x0Temperature(tau).ngramWeight(ngramWeight).build();
    }

    @Test
    void aTinyTemperatureSamplesAsZeroDoes() {
        List<String> in = Arrays.asList("He said that the [MASK] of the [MASK] had gone to the [MASK] .".split(" "));
        for (double ngramWeight : new double[] {0, 0.5}) {
            SamplingOptions zero = options(0, ngramWeight);
            List<String> atZero = lm.infill(in, zero);
            List<List<String>> generatedAtZero = lm.generate(2, zero.toBuilder().length(6).build());
            for (double tau : new double[] {1e-38, 1e-50, Double.MIN_VALUE}) {
                SamplingOptions tiny = options(tau, ngramWeight);
                String what = "τ = " + tau + ", n-gram weight " + ngramWeight;
                assertEquals(atZero, lm.infill(in, tiny), what);
                assertEquals(generatedAtZero, lm.generate(2, tiny.toBuilder().length(6).build()), what);
            }
        }
    }
}
