package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import io.github.diffusionnlp.opennlp.EnglishText;
import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

/**
 * With {@code -detokenize}, a quote the shipped model wrote read as its Brown spelling, {@code ``go home''}; it is
 * now a {@code "}, as the CoreNLP annotator writes one. A quote the user wrote, and whitespace-token output, stay.
 */
class ModelQuotesTest {
    private static final String FILLED_WITH_QUOTES = "He said , [MASK] I will go home [MASK] .\n";
    private static final String TYPED_QUOTES = "`` I will go home '' , he said .\n";

    @Test
    void quotesTheModelFillsAreStraightInDetokenizedTextOnly() {
        Run detok = DiffusionNlpToolTest.run(FILLED_WITH_QUOTES + TYPED_QUOTES, "Infill", "-tokenized", "true",
                "-steps", "16", "-detokenize", "true");
        assertEquals(0, detok.code(), detok.stderr());
        assertEquals(List.of("He said, \"I will go home\".", "``I will go home'', he said."), detok.lines());

        Run tokens = DiffusionNlpToolTest.run(FILLED_WITH_QUOTES, "Infill", "-tokenized", "true", "-steps", "16");
        assertEquals(List.of("He said , `` I will go home '' ."), tokens.lines(), "the model's tokens");
    }

    /** Rewrite and generate: a quote at a position the user wrote it stays; one the model wrote there is a {@code "}. */
    @Test
    void onlyPositionsTheModelWroteAreChanged() {
        String[] written = {"``", "Go", "home", ",", "''", "she", "said", "."};
        String[] rewritten = {"``", "Go", "away", "''", "''", "he", "said", "."};
        assertArrayEquals(new String[] {"``", "Go", "away", "\"", "''", "he", "said", "."},
                ModelQuotes.asTyped(rewritten, written));
        String[] generated = {"``", "Yes", "''", ",", "he", "said", "."};
        assertEquals("\"Yes\", he said.", EnglishText.detokenize(EnglishText.detokenizer(),
                ModelQuotes.asTyped(generated, null)));
    }

    /**
     * A closing quote the model wrote with no opening one before it in the sentence, as it does at a free length
     * (opennlp-tools.sh's {@code Generate -count 3 -detokenize} wrote {@code ... and problem ".}): made a straight
     * {@code "}, it was paired by the dictionary's rule for straight quotes, which opens at the first, and so stood
     * apart from the word it closes. It keeps the direction the model's spelling gave it, whole sentence or spliced.
     */
    @Test
    void aLoneQuoteTheModelWroteKeepsItsDirection() {
        String[] closes = {"More", ",", "there", "is", "a", "problem", "''", "."};
        assertEquals("More, there is a problem\".",
                Output.render(List.<String[]>of(closes), null, EnglishText.detokenizer()));
        String[] opens = {"Yes", ",", "he", "said", ",", "``", "go", "."};
        assertEquals("Yes, he said, \"go.", Output.render(List.<String[]>of(opens), null, EnglishText.detokenizer()));

        String text = "It was a problem again.";
        String[] written = {"It", "was", "a", "problem", "again", "."};
        String[] rewritten = {"It", "was", "a", "problem", "''", "."};
        assertEquals("It was a problem\".", Output.splice(text, List.<Span[]>of(spans(text, written)),
                List.<String[]>of(written), List.<String[]>of(rewritten), EnglishText.detokenizer()));
    }

    private static Span[] spans(String text, String[] tokens) {
        Span[] spans = new Span[tokens.length];
        int from = 0;
        for (int i = 0; i < tokens.length; i++) {
            int start = text.indexOf(tokens[i], from);
            spans[i] = new Span(start, start + tokens[i].length());
            from = spans[i].getEnd();
        }
        return spans;
    }
}
