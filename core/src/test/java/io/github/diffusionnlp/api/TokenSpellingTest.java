package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mask written another way would pass through infill as an unknown word, the mask the caller meant never filled;
 * an empty token or one holding whitespace is no token of whitespace-split text: each is refused before any sampling,
 * naming where it is.
 */
class TokenSpellingTest {
    private static final SamplingOptions O = SamplingOptions.builder().steps(2).build();
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static String notAMask(int sentence, int token, String written) {
        return notAMask("token " + token + " of sentence " + sentence, written);
    }

    /** The refusal of a call given one sentence, which names no sentence index ({@link SentenceNaming}). */
    private static String notAMask(int token, String written) {
        return notAMask("token " + token, written);
    }

    private static String notAMask(String where, String written) {
        return where + ", '" + written + "', is not a mask and would come back unfilled: a mask is the token [MASK]"
                + " alone, in capitals, with nothing else in the token (split the text into tokens first)";
    }

    @Test
    void aMaskWrittenAnotherWayIsRefusedNamingWhereItIs() {
        for (String mask : List.of("[mask]", "<mask>", "<MASK>", "[MASK] ", "[MASK].")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lm.infill(List.of("The", mask, "was", "late", "."), O), mask);
            assertEquals(notAMask(1, mask), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.infillAll(List.of(List.of("Hi", "."), List.of("The [MASK] was late.")), O));
        assertEquals(notAMask(1, 0, "The [MASK] was late."), e.getMessage());
    }

    /** A rewrite has no masks: "[mask]" is a word like another (as the command line's rewrite takes it); "[MASK] " is not. */
    @Test
    void rewriteRefusesOnlyAMaskHoldingWhitespace() {
        assertEquals(5, lm.rewrite(List.of("The", "[Mask]", "was", "late", "."), null, 0.5, O).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.rewrite(List.of("The", "[MASK] ", "was", "late", "."), null, 0.5, O));
        assertEquals(notAMask(1, "[MASK] "), e.getMessage());
    }

    @Test
    void anEmptyTokenOrOneHoldingWhitespaceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.infill(List.of("The", "", "[MASK]", "."), O));
        assertEquals("token 1 is empty: a token is a word of whitespace-split text; remove it",
                e.getMessage());
        for (List<String> spaced : List.of(List.of("was late", "was late"), List.of("late\u00a0", "late<U+00A0>"),
                List.of("\tlate", "<U+0009>late"))) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> lm.rewrite(List.of("The", "[MASK]", spaced.get(0), "."), null, 0.5, O), spaced.get(1));
            assertEquals("token 2, '" + spaced.get(1) + "', holds whitespace: a token is a word of"
                    + " whitespace-split text; split it into tokens", e.getMessage());
        }
    }

    /**
     * A byte-order mark left at the start of a file's text splits tokens as whitespace does, and is invisible: quoted
     * raw, the message blamed whitespace in what looked like the plain word "The". It is written as its code point.
     */
    @Test
    void aByteOrderMarkIsNamedAndShown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.infill(List.of("\uFEFFThe", "[MASK]", "was", "late", "."), O));
        assertEquals("token 0, '<U+FEFF>The', holds a byte-order mark (U+FEFF), which splits text into"
                + " tokens as whitespace does: a token is a word of whitespace-split text; remove the mark",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> lm.infill(List.of("The", "<mask>\u001b[2J", "."), O));
        assertEquals(notAMask(1, "<mask><U+001B>[2J"), e.getMessage(), "a terminal's escape is not run");
    }

    /**
     * The model's reading of a sentence's sentiment takes tokens as infill and rewrite do: a sentence not yet split,
     * read as one unknown word, gave a posterior like any other (the same for every such sentence).
     */
    @Test
    void theSentimentReadingRefusesTextNotSplitIntoTokens() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.sentimentPosterior(List.of("What a wonderful day .")));
        assertEquals("token 0, 'What a wonderful day .', holds whitespace: a token is a word of whitespace-split"
                + " text; split it into tokens", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lm.sentimentPosterior(List.of("A", "", "day"), 3));
        assertEquals("token 1 is empty: a token is a word of whitespace-split text; remove it", e.getMessage());
        assertEquals(3, lm.sentimentPosterior(List.of("What", "a", "wonderful", "day", ".")).size());
    }

    @Test
    void theMaskItselfAndUnknownWordsStillPass() {
        List<String> out = lm.infill(List.of("The", "[MASK]", "of", "Zyzzogeton", "."), O);
        assertEquals(List.of("The", "of", "Zyzzogeton", "."), List.of(out.get(0), out.get(2), out.get(3), out.get(4)));
    }
}
