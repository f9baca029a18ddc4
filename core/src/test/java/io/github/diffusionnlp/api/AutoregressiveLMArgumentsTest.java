package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments to the autoregressive baseline fail before any sampling, naming the argument and what is allowed. */
class AutoregressiveLMArgumentsTest {
    private static AutoregressiveLM ar;

    @BeforeAll
    static void load() throws Exception {
        ar = AutoregressiveLM.load(TestModels.root().resolve("test-data/models/brown-ar"), null);
    }

    @AfterAll
    static void close() {
        ar.close();
    }

    private static String iae(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static String npe(Executable call) {
        return assertThrows(NullPointerException.class, call).getMessage();
    }

    @Test
    void numbersOutOfRangeAreNamedWithTheirRange() {
        assertEquals("count must be >= 0, got -1", iae(() -> ar.generate(-1, 1.0, 0)));
        for (double bad : new double[] {-0.5, Double.NaN}) {
            assertEquals("temperature must be a number >= 0 (0 takes the likeliest word, 1 samples), got " + bad,
                    iae(() -> ar.generate(1, bad, 0)));
        }
        assertEquals("words must be >= 0, got -2", iae(() -> ar.continueAll(List.of(List.of("The")), -2, 1.0, 0)));
        assertEquals(List.of(), ar.generate(0, 1.0, 0));
        assertEquals(List.of(List.of("The")), ar.continueAll(List.of(List.of("The")), 0, 1.0, 0));
    }

    @Test
    void missingListsAndWordsAreNamedNotReadAsUnknownWords() {
        assertEquals("prefixes", npe(() -> ar.continueAll(null, 3, 1.0, 0)));
        assertEquals("prefix 1 is null", npe(() -> ar.continueAll(Arrays.asList(List.of("A"), null), 3, 1.0, 0)));
        assertEquals("token 1 of prefix 0 is null",
                npe(() -> ar.continueAll(List.of(Arrays.asList("The", null)), 3, 1.0, 0)));
        assertEquals("sentences", npe(() -> ar.score(null)));
        assertEquals("token 0 of sentence 0 is null", npe(() -> ar.score(List.of(Arrays.asList((String) null)))));
    }

    /**
     * Text not yet split was read as one unknown word: "The cat sat ." and any other such sentence scored the same
     * (6.19 nats over 2 tokens on the shipped baseline), and a prefix "The cat" came back with it as one word.
     */
    @Test
    void textNotSplitIntoTokensIsRefusedAsTheDiffusionModelRefusesIt() {
        assertEquals("token 0 of sentence 1, 'The cat sat .', holds whitespace: a token is a word of whitespace-split"
                + " text; split it into tokens",
                iae(() -> ar.score(List.of(List.of("A", "day", "."), List.of("The cat sat .")))));
        assertEquals("token 1 of sentence 0 is empty: a token is a word of whitespace-split text; remove it",
                iae(() -> ar.score(List.of(List.of("The", "", "sat")))));
        assertEquals("token 0 of prefix 0, 'The<U+00A0>cat', holds whitespace: a token is a word of whitespace-split"
                + " text; split it into tokens",
                iae(() -> ar.continueAll(List.of(List.of("The\u00a0cat")), 3, 1.0, 0)));
        assertEquals(1, ar.score(List.of(List.of("The", "cat", "sat", "."))).size());
    }

    @Test
    void aTooLongSentenceIsNamedByItsIndex() {
        int max = ar.config().maxLength();
        List<List<String>> sentences = new ArrayList<>();
        sentences.add(List.of("A", "day", "."));
        sentences.add(Collections.nCopies(max + 1, "day"));
        assertEquals("sentence 1 has " + (max + 1) + " words, more than the model's " + max + " positions; split it",
                iae(() -> ar.score(sentences)));
        assertEquals("prefix 1 has " + (max + 1) + " words, more than the model's " + max + " positions; split it",
                iae(() -> ar.continueAll(sentences, 1, 1.0, 0)));
    }
}
