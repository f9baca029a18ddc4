package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import io.github.diffusionnlp.opennlp.EnglishText;
import java.util.List;
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
}
