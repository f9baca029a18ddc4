package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import opennlp.tools.tokenize.Detokenizer;
import org.junit.jupiter.api.Test;

/**
 * Quotes of every style, as the English tokenizer leaves them and as the shipped model writes them, attach to the
 * words they enclose ({@code -detokenize}); curly apostrophes in clitics attach as straight ones do.
 */
class DetokenizerQuotesTest {
    private final Detokenizer d = EnglishText.detokenizer();

    private String detokenize(String... tokens) {
        return EnglishText.detokenize(d, tokens);
    }

    @Test
    void curlyQuotesOpenOntoTheNextWordAndCloseOntoThePreviousOne() {
        assertEquals("He said, “it’s late” and ‘no’.",
                detokenize("He", "said", ",", "“", "it", "’s", "late", "”", "and", "‘", "no", "’", "."));
        assertEquals("She didn’t, they’re ‘fine’.", detokenize("She", "did", "n’t", ",", "they", "’re", "‘", "fine", "’", "."));
    }

    @Test
    void theModelsLatexQuotesAndStraightOnesToo() {
        assertEquals("``Yes,'' he said, `no' and \"maybe\".",
                detokenize("``", "Yes", ",", "''", "he", "said", ",", "`", "no", "'", "and", "\"", "maybe", "\"", "."));
    }
}
