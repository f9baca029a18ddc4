package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.model.Sentiment;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SamplingOptions.Builder#guideLength}, on the model's own choice of length ({@code drawLength(false)}): on by
 * default (the outputs of before it, seed for seed), nothing at guidance 1, and at guidance 3 toward positive, shorter
 * sentences than the guided length gives (shipped model, 64 sentences, 16 steps, seed 1: 54.5 tokens guided, 34.4
 * not). With drawLength unset, false also asks for the model's choice of length instead of a drawn one.
 */
class GuideLengthTest {
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static SamplingOptions options(boolean guideLength) {
        return SamplingOptions.builder().steps(8).seed(1).batchSize(16).guideLength(guideLength).drawLength(false)
                .build();
    }

    @Test
    void onByDefaultAndTheSameOutputs() {
        assertTrue(SamplingOptions.defaults().guideLength());
        Constraints positive = Constraints.none().withSentiment(Sentiment.POSITIVE).withGuidance(3);
        SamplingOptions byDefault = SamplingOptions.builder().steps(8).seed(1).batchSize(16).drawLength(false).build();
        assertEquals(lm.generate(4, positive, byDefault), lm.generate(4, positive, options(true)));
        assertNotEquals(byDefault, options(false));
        assertEquals(options(false), byDefault.toBuilder().guideLength(false).build());
    }

    @Test
    void unguidedAsksForTheModelsChoiceOfLengthWhereItWouldBeDrawn() {
        Constraints positive = Constraints.none().withSentiment(Sentiment.POSITIVE).withGuidance(3);
        SamplingOptions unset = SamplingOptions.builder().steps(8).seed(1).batchSize(16).guideLength(false).build();
        assertEquals(lm.generate(4, positive, options(false)), lm.generate(4, positive, unset));
    }

    @Test
    void changesNothingAtGuidanceOne() {
        Constraints positive = Constraints.none().withSentiment(Sentiment.POSITIVE);
        assertEquals(lm.generate(8, positive, options(true)), lm.generate(8, positive, options(false)));
    }

    @Test
    void unguidedLengthShortensPositiveGuidance() {
        Constraints positive = Constraints.none().withSentiment(Sentiment.POSITIVE).withGuidance(3);
        double guided = meanLength(lm.generate(16, positive, options(true)));
        double unguided = meanLength(lm.generate(16, positive, options(false)));
        assertTrue(unguided < guided - 5, "mean tokens, guided length " + guided + ", unguided " + unguided);
    }

    private static double meanLength(List<List<String>> sentences) {
        return sentences.stream().mapToInt(List::size).average().orElseThrow();
    }
}
