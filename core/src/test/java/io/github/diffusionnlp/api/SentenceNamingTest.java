package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A {@link SentenceNaming} a library caller builds (its public constructor and {@link SentenceNaming#window}) is
 * refused at once, naming the argument and what is allowed, when it could only word the call's refusals wrongly: no
 * noun ("null 2 is null"), an empty one (" 2 is null"), a negative first sentence or token ("token -1 of sentence
 * -3"), or a window so far out that its index wraps past the largest int to a negative one. A naming from the caller's
 * last representable index names the sentences after it by their true index, not a wrapped one.
 */
class SentenceNamingTest {
    @Test
    void aMissingOrEmptyNounIsRefusedNamingIt() {
        assertEquals("noun (what one of the lists is called, \"sentence\")", assertThrows(NullPointerException.class,
                () -> new SentenceNaming(null, false)).getMessage());
        for (String blank : new String[] {"", " ", "\t"}) {
            assertEquals("noun is empty: it names one of the lists in the call's messages (\"sentence\")",
                    assertThrows(IllegalArgumentException.class, () -> new SentenceNaming(blank, true, 0, 0))
                            .getMessage());
        }
    }

    @Test
    void aNegativeFirstSentenceOrTokenIsRefused() {
        assertEquals("firstSentence must be >= 0 (the caller's index of the call's sentence 0), got -1",
                assertThrows(IllegalArgumentException.class, () -> new SentenceNaming("sentence", false, -1, 0))
                        .getMessage());
        assertEquals("firstToken must be >= 0 (the caller's index of each sentence's first token), got -5",
                assertThrows(IllegalArgumentException.class, () -> new SentenceNaming("line", false, 1, -5))
                        .getMessage());
    }

    @Test
    void aWindowBeforeTheStartOrPastTheLargestIndexIsRefused() {
        assertEquals("a window's sentence must be >= 0, got -3", assertThrows(IllegalArgumentException.class,
                () -> SentenceNaming.BATCH.window(-3, 0)).getMessage());
        assertEquals("a window's first token must be >= 0, got -64", assertThrows(IllegalArgumentException.class,
                () -> SentenceNaming.BATCH.window(0, -64)).getMessage());
        SentenceNaming document = new SentenceNaming("sentence", false, 1, 1);
        assertEquals("a window from sentence 9223372036854775807 of a naming from sentence 1 is past the largest"
                + " index, 9223372036854775807", assertThrows(IllegalArgumentException.class,
                        () -> document.window(Long.MAX_VALUE, 0)).getMessage());
        assertEquals("a window from token 2147483647 of a naming from token 1 is past the largest index, 2147483647",
                assertThrows(IllegalArgumentException.class, () -> document.window(0, Integer.MAX_VALUE))
                        .getMessage());
        assertEquals("token 2147483647 of sentence 9223372036854775807", document.window(Long.MAX_VALUE - 1,
                Integer.MAX_VALUE - 1).token(0, 0), "the largest index is allowed");
    }

    /**
     * A sentence is counted in a long, as a run's sentences are ({@link SamplingOptions#startingAt}): a window past the
     * largest int is named by its true index (a front end clamped it to the largest int, audit h226).
     */
    @Test
    void aSentencePastTheLargestIntIsNamedByItsTrueIndex() {
        assertEquals("sentence 3000000001", SentenceNaming.BATCH.window(3_000_000_000L, 0).sentence(1));
        assertEquals("token 2 of sentence 3000000000", SentenceNaming.BATCH.window(3_000_000_000L, 0).token(0, 2));
        assertEquals("sentence 9223372036854775808", SentenceNaming.BATCH.window(Long.MAX_VALUE, 0).sentence(1),
                "counted past the largest long, not wrapped");
    }

    /** The caller's index is counted past the largest int, not wrapped to a negative one. */
    @Test
    void theSentencesAfterTheLargestFirstIndexAreNamedByTheirTrueIndex() {
        SentenceNaming last = SentenceNaming.BATCH.window(Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals("sentence 2147483648", last.sentence(1));
        assertEquals("token 2147483649 of sentence 2147483649", last.token(2, 2));
        assertEquals("token 2147483648", SentenceNaming.ONE.window(0, Integer.MAX_VALUE).token(0, 1));
    }

    /** The public {@link SentenceNaming#sentence} names a sentence of the call by its index there, never negative. */
    @Test
    void aNegativeIndexOfTheCallsSentenceIsRefused() {
        assertEquals("s must be >= 0 (the sentence's index in the call), got -1", assertThrows(
                IllegalArgumentException.class, () -> new SentenceNaming("sentence", false, 3, 0).sentence(-1))
                        .getMessage());
        assertEquals("s must be >= 0 (the sentence's index in the call), got -1", assertThrows(
                IllegalArgumentException.class, () -> SentenceNaming.ONE.sentence(-1)).getMessage());
        assertEquals("sentence 3", new SentenceNaming("sentence", false, 3, 0).sentence(0));
    }
}
