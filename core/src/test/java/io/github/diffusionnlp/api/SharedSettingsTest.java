package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sentences of one rewrite share the settings of its sampling run, compared by value; the message for ones
 * that differ names the sentence, the setting and both values.
 */
class SharedSettingsTest {
    private static final SamplingOptions O = SamplingOptions.builder().steps(2).build();
    private static final GuidanceScorer SCORER = (x, sigma, generated) -> x.sum(new int[] {1, 2});
    private static final List<List<String>> SENTENCES = List.of(List.of("It", "rained", "."), List.of("So", "?"));
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    /** Every word kept: nothing is sampled, and the scorer is never called; the check comes first. */
    private static List<List<String>> rewrite(Constraints first, Constraints second) {
        List<boolean[]> keepAll = List.of(new boolean[] {true, true, true}, new boolean[] {true, true});
        return lm.rewriteAll(SENTENCES, keepAll, 0.5, List.of(first, second), O);
    }

    @Test
    void equalSteeringsMadeApartAreOne() {
        Constraints c = Constraints.none().withSentiment(Sentiment.POSITIVE);
        assertEquals(SENTENCES, rewrite(c.withSteering(PlugAndPlay.of(SCORER, 5)),
                c.withSteering(PlugAndPlay.of(SCORER, 5))));
    }

    @Test
    void settingsThatDifferAreNamedWithBothValues() {
        Constraints c = Constraints.none().withSentiment(Sentiment.POSITIVE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rewrite(c.withGuidance(2), c.withGuidance(3)));
        assertEquals("the sentences of one call must share a guidance weight, steering, candidate count and lexical"
                + " setting: sentence 1 has guidance weight 3.0 where sentence 0 has 2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rewrite(c, c.withCandidates(4)));
        assertEquals("the sentences of one call must share a guidance weight, steering, candidate count and lexical"
                + " setting: sentence 1 has candidate count 4 where sentence 0 has 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rewrite(c, c.withLexical(true)));
        assertEquals("the sentences of one call must share a guidance weight, steering, candidate count and lexical"
                + " setting: sentence 1 has lexical setting true where sentence 0 has false", e.getMessage());
    }

    /**
     * The sentences are named as the call's {@link SentenceNaming} names them, as its other refusals do: a run of a
     * caller's sentences from its sentence 3 ({@link SentenceNaming#window}) says "sentence 4", not "sentence 1".
     */
    @Test
    void settingsThatDifferNameTheSentencesAsTheCallsNamingDoes() {
        Constraints c = Constraints.none().withSentiment(Sentiment.POSITIVE);
        List<boolean[]> keepAll = List.of(new boolean[] {true, true, true}, new boolean[] {true, true});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lm.rewriteAll(SENTENCES,
                keepAll, 0.5, List.of(c.withGuidance(2), c.withGuidance(3)), O, SentenceNaming.BATCH.window(3, 0)));
        assertEquals("the sentences of one call must share a guidance weight, steering, candidate count and lexical"
                + " setting: sentence 4 has guidance weight 3.0 where sentence 3 has 2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lm.rewriteAll(SENTENCES, keepAll, 0.5,
                List.of(c, c.withCandidates(4)), O, new SentenceNaming("line", false)));
        assertEquals("the sentences of one call must share a guidance weight, steering, candidate count and lexical"
                + " setting: line 1 has candidate count 4 where line 0 has 1", e.getMessage());
    }
}
