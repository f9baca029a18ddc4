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
}
