package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextStatisticsTest {
    @Test
    void repetitionCountsLaterCopiesOfWordsIgnoringCaseAndPunctuation() {
        assertArrayEquals(new long[] {2, 5}, TextStatistics.repeatedTokens(List.of("the", "cat", "saw", "The", "cat")));
        assertArrayEquals(new long[] {0, 2}, TextStatistics.repeatedTokens(List.of("yes", ",", "no", ",", ".")));
        assertEquals(2.0 / 7, TextStatistics.repetitionRate(List.of(List.of("the", "cat", "saw", "The", "cat"),
                List.of("a", "b", "."))), 1e-12);
        assertEquals(0, TextStatistics.repetitionRate(List.of(List.of(), List.of("."))));
    }

    @Test
    void punctuationIsATokenWithNoLetterAndNoDigit() {
        assertTrue(TextStatistics.isPunctuation("``") && TextStatistics.isPunctuation("--")
                && TextStatistics.isPunctuation("."));
        assertFalse(TextStatistics.isPunctuation("1960") || TextStatistics.isPunctuation("don't")
                || TextStatistics.isPunctuation("a."));
    }

    @Test
    void unigramEntropyIsInBitsOverPooledCaseFoldedTokens() {
        assertEquals(0, TextStatistics.unigramEntropy(List.of(List.of("a", "A", "a"))));
        assertEquals(1, TextStatistics.unigramEntropy(List.of(List.of("a"), List.of("B"))), 1e-12);
        assertEquals(2, TextStatistics.unigramEntropy(List.of(List.of("a", "b", "c", "d"))), 1e-12);
        // p = 1/2, 1/4, 1/4: 0.5·1 + 2·0.25·2 = 1.5 bits
        assertEquals(1.5, TextStatistics.unigramEntropy(List.of(List.of("x", "x", "y", "z"))), 1e-12);
        assertEquals(0, TextStatistics.unigramEntropy(List.of()));
    }

    /**
     * The pooled entropy grows with the tokens pooled: four distinct words read 2 bits, eight 3 bits, so a short
     * sample of the very same words as a longer reference read 33% below it. Cut to the same count they are equal.
     */
    @Test
    void entropiesAreComparedAtTheSmallerTokenCountTheLongerSideCutInSentenceOrder() {
        List<List<String>> sample = List.of(List.of("a", "b"), List.of("c", "d"));
        List<List<String>> reference = List.of(List.of("a", "b", "c"), List.of("d", "e", "f", "g", "h"));
        assertEquals(2, TextStatistics.unigramEntropy(sample), 1e-12);
        assertEquals(3, TextStatistics.unigramEntropy(reference), 1e-12); // the length bias
        TextStatistics.SameLengthEntropy e = TextStatistics.unigramEntropyAtSameLength(sample, reference);
        assertEquals(4, e.tokens());
        assertEquals(2, e.bits(), 1e-12);
        assertEquals(2, e.referenceBits(), 1e-12); // "a b c" and "d", the start of the second sentence
        assertEquals(0, e.percent(), 1e-12);
        // the other way round: the sample is the longer side, cut
        TextStatistics.SameLengthEntropy back = TextStatistics.unigramEntropyAtSameLength(reference, sample);
        assertEquals(4, back.tokens());
        assertEquals(2, back.bits(), 1e-12);
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d")), TextStatistics.firstTokens(reference, 4));
        assertEquals(reference, TextStatistics.firstTokens(reference, 100));
        assertEquals(List.of(), TextStatistics.firstTokens(reference, 0));
        assertEquals(8, TextStatistics.tokenCount(reference));
    }
}
