package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.model.Sentiment;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guidance away from other labels ("negative prompt", {@link Constraints#withAvoidedSentiments}): the
 * guidance's u is the prediction under the avoided labels instead of the unconditioned one; without any
 * avoided label sampling is what it was.
 */
class AvoidedSentimentsTest {
    private static DiffusionLM lm;
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(4).seed(5).length(10).build();
    private static final Constraints NEUTRAL = Constraints.none().withSentiment(Sentiment.NEUTRAL).withGuidance(3);

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optBatching(0, Duration.ZERO).build(); // the shipped model: the tiny one writes commas at guidance 3
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    @Test
    void noAvoidedLabelSamplesAsPlainGuidance() {
        assertEquals(Set.of(), NEUTRAL.avoidedSentiments());
        assertEquals(lm.generate(4, NEUTRAL, OPTIONS), lm.generate(4, NEUTRAL.withAvoidedSentiments(Set.of()), OPTIONS));
    }

    @Test
    void avoidingLabelsChangesGuidedSamples() {
        List<List<String>> plain = lm.generate(4, NEUTRAL, OPTIONS);
        List<List<String>> awayFromBoth = lm.generate(4,
                NEUTRAL.withAvoidedSentiments(EnumSet.of(Sentiment.POSITIVE, Sentiment.NEGATIVE)), OPTIONS);
        assertNotEquals(plain, awayFromBoth);
        assertEquals(awayFromBoth, lm.generate(4,
                NEUTRAL.withAvoidedSentiments(EnumSet.of(Sentiment.NEGATIVE, Sentiment.POSITIVE)), OPTIONS),
                "the same seeds and labels write the same sentences");
        // a rewrite generates only some positions (the sampler picks their rows out of each part)
        List<String> sentence = List.of("The", "dog", "was", "late", "today", ".");
        boolean[] keep = {true, false, false, false, false, true};
        List<List<String>> rewritten = lm.rewriteAll(List.of(sentence), List.of(keep), 0.9,
                NEUTRAL.withAvoidedSentiments(EnumSet.of(Sentiment.NEGATIVE)), OPTIONS);
        assertEquals(sentence.size(), rewritten.get(0).size());
    }

    /**
     * At guidance 0 the guided logits are u alone: avoiding one label then writes exactly what asking for
     * that label plainly writes, which shows the avoided pass is conditioned on it.
     */
    @Test
    void atGuidanceZeroTheAvoidedLabelsPredictionIsWhatIsSampled() {
        List<List<String>> negative = lm.generate(4, Constraints.none().withSentiment(Sentiment.NEGATIVE), OPTIONS);
        assertEquals(negative, lm.generate(4,
                NEUTRAL.withGuidance(0).withAvoidedSentiments(EnumSet.of(Sentiment.NEGATIVE)), OPTIONS));
        assertNotEquals(negative, lm.generate(4, Constraints.none().withSentiment(Sentiment.POSITIVE), OPTIONS),
                "the labels write different sentences at these seeds");
    }

    @Test
    void theAskedLabelCannotBeAvoided() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NEUTRAL.withAvoidedSentiments(EnumSet.of(Sentiment.NEUTRAL)));
        assertEquals("cannot both ask for and avoid the sentiment neutral; avoid only the other labels", e.getMessage());
    }
}
