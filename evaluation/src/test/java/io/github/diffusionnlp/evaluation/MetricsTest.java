package io.github.diffusionnlp.evaluation;

import static io.github.diffusionnlp.corpus.Upos.ADJ;
import static io.github.diffusionnlp.corpus.Upos.ADP;
import static io.github.diffusionnlp.corpus.Upos.ADV;
import static io.github.diffusionnlp.corpus.Upos.DET;
import static io.github.diffusionnlp.corpus.Upos.NOUN;
import static io.github.diffusionnlp.corpus.Upos.PROPN;
import static io.github.diffusionnlp.corpus.Upos.PUNCT;
import static io.github.diffusionnlp.corpus.Upos.VERB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.evaluation.Metrics.Ratio;
import io.github.diffusionnlp.model.Sentiment;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static List<String> words(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void tagAccuracyCountsEqualPositionsOverTheTemplate() {
        assertEquals(new Ratio(3, 4), Metrics.tagAccuracy(List.of(DET, NOUN, VERB, PUNCT),
                List.of(DET, NOUN, NOUN, PUNCT)));
        assertEquals(new Ratio(4, 4), Metrics.tagAccuracy(List.of(DET, NOUN, VERB, PUNCT),
                List.of(DET, NOUN, VERB, PUNCT)));
        // a shorter output: the missing positions are wrong; a longer one: the extra positions are ignored
        assertEquals(new Ratio(2, 4), Metrics.tagAccuracy(List.of(DET, NOUN, VERB, PUNCT), List.of(DET, NOUN)));
        assertEquals(new Ratio(2, 2), Metrics.tagAccuracy(List.of(DET, NOUN), List.of(DET, NOUN, VERB)));
        assertEquals(0.75, Metrics.tagAccuracy(List.of(DET, NOUN, VERB, PUNCT), List.of(DET, NOUN, NOUN, PUNCT))
                .value());
    }

    @Test
    void ratiosPoolByAddingHitsAndTotals() {
        Ratio pooled = Ratio.ZERO.plus(new Ratio(1, 2)).plus(new Ratio(3, 8));
        assertEquals(new Ratio(4, 10), pooled);
        assertEquals(0.4, pooled.value(), 1e-12);
        assertEquals(0.0, Ratio.ZERO.value());
        assertThrows(IllegalArgumentException.class, () -> new Ratio(3, 2));
    }

    @Test
    void contentWordsKeptUsesTheInputsOwnTagsCaseInsensitivelyOneToOne() {
        // content words: dog (NOUN), barked (VERB), loudly (ADV), Boston (PROPN), big (ADJ), dog (NOUN) = 6
        List<String> in = words("The dog barked loudly in Boston at the big dog .");
        List<io.github.diffusionnlp.corpus.Upos> tags =
                List.of(DET, NOUN, VERB, ADV, ADP, PROPN, ADP, DET, ADJ, NOUN, PUNCT);
        // kept: dog (once only: the output has one), boston (case folded), big; not barked, loudly, 2nd dog
        Ratio r = Metrics.contentWordsKept(in, tags, words("A DOG slept in boston near a big cat ."));
        assertEquals(new Ratio(3, 6), r);
        assertEquals(new Ratio(6, 6), Metrics.contentWordsKept(in, tags, in));
        // function words never count, even when kept
        assertEquals(new Ratio(0, 0), Metrics.contentWordsKept(words("the of ."), List.of(DET, ADP, PUNCT),
                words("the of .")));
        assertEquals(new Ratio(0, 1), Metrics.contentWordsKept(words("dogs"), List.of(NOUN), List.of()));
    }

    @Test
    void repetitionCountsRepeatsOfEarlierNonPunctuationTokens() {
        assertEquals(new Ratio(2, 5), Metrics.repetition(words("the cat saw the cat")));
        assertEquals(new Ratio(1, 3), Metrics.repetition(words("The cat , the , .")), "punctuation is excluded");
        assertEquals(new Ratio(0, 4), Metrics.repetition(words("one two three four")));
        assertEquals(new Ratio(3, 4), Metrics.repetition(words("so so so so")));
        assertEquals(new Ratio(0, 0), Metrics.repetition(words(". , ;")));
        // pooled over sentences: a word repeated across sentences is not a repeat
        assertEquals(new Ratio(1, 5), Metrics.repetition(List.of(words("a b"), words("a c c"))));
    }

    @Test
    void coreNlpClassesMapToThreeLabels() {
        assertEquals(Sentiment.NEGATIVE, Metrics.sentimentOfClass(0));
        assertEquals(Sentiment.NEGATIVE, Metrics.sentimentOfClass(1));
        assertEquals(Sentiment.NEUTRAL, Metrics.sentimentOfClass(2));
        assertEquals(Sentiment.POSITIVE, Metrics.sentimentOfClass(3));
        assertEquals(Sentiment.POSITIVE, Metrics.sentimentOfClass(4));
        assertNull(Metrics.sentimentOfClass(-1));
        assertThrows(IllegalArgumentException.class, () -> Metrics.sentimentOfClass(5));
        List<Integer> classes = List.of(0, 1, 2, 3, 4, -1);
        assertEquals(new Ratio(2, 6), Metrics.judgedAs(classes, Sentiment.NEGATIVE));
        assertEquals(new Ratio(1, 6), Metrics.judgedAs(classes, Sentiment.NEUTRAL));
        assertEquals(new Ratio(2, 6), Metrics.judgedAs(classes, Sentiment.POSITIVE));
    }
}
