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

    /**
     * A lone straight {@code '} attached to the word before it always, so a pair of them read "She said' hello' to
     * me." Brown (the shipped model's corpus) writes {@code '} as a single quote, the English tokenizer splits a
     * plural possessive ("dogs'") into "dogs" and "'": a pair opens and closes, a possessive or one without a
     * partner still attaches to the word before.
     */
    @Test
    void aPairOfSingleStraightQuotesEnclosesItsWords() {
        assertEquals("She said 'hello' to me.", detokenize("She", "said", "'", "hello", "'", "to", "me", "."));
        assertEquals("'Go,' he said, 'now.'", detokenize("'", "Go", ",", "'", "he", "said", ",", "'", "now", ".", "'"));
        assertEquals("The dogs' bones are here.", detokenize("The", "dogs", "'", "bones", "are", "here", "."));
        assertEquals("The dogs' bones and the cats' toys.",
                detokenize("The", "dogs", "'", "bones", "and", "the", "cats", "'", "toys", "."));
        assertEquals("It's theirs, we're sure they'd go, I can't.", detokenize("It", "'s", "theirs", ",", "we", "'re",
                "sure", "they", "'d", "go", ",", "I", "ca", "n't", "."));
    }

    @Test
    void theModelsLatexQuotesAndStraightOnesToo() {
        assertEquals("``Yes,'' he said, `no' and \"maybe\".",
                detokenize("``", "Yes", ",", "''", "he", "said", ",", "`", "no", "'", "and", "\"", "maybe", "\"", "."));
    }
}
