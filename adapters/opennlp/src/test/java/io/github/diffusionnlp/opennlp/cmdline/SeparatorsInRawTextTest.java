package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.InfillerME;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenNLP's English tokenizer keeps a byte-order mark (U+FEFF, left mid-line where files that began with one were
 * joined, {@code cat a.txt b.txt}) and a next-line character (U+0085) inside a token, where core separates tokens at
 * them. The model refused such a token ("holds whitespace: ... split it into tokens"), so a raw-text line holding one
 * passed through unfilled (exit code 2), and {@code EnglishText.tokenize}'s own tokens failed {@code InfillerME}.
 */
class SeparatorsInRawTextTest {
    private static final List<String> LINES = List.of("mid\uFEFFbom [MASK] here.", "next\u0085line [MASK] here.",
            "\uFEFFThe [MASK] sat.");

    @Test
    void theTokenizerSplitsWhereCoreSplits() {
        assertEquals(List.of("mid", "bom", "[MASK]", "here", "."),
                Arrays.asList(EnglishText.get().tokenize(LINES.get(0))));
        assertEquals(List.of("next", "line", "[MASK]", "here", "."),
                Arrays.asList(EnglishText.get().sentences(LINES.get(1)).get(0)));
        assertEquals(List.of("The", "[MASK]", "sat", "."), Arrays.asList(EnglishText.get().tokenize(LINES.get(2))));
        assertEquals(List.of(), EnglishText.get().sentences("\uFEFF \u0085"), "separators alone are no token");
    }

    @Test
    void infillFillsLinesHoldingThem() {
        // the line after the first: a byte-order mark at the start of the input is dropped before tokenizing
        String in = "First line.\n" + String.join("\n", LINES) + "\n";
        Run run = DiffusionNlpToolTest.run(in, "Infill", "-detokenize", "true", "-steps", "2");
        assertEquals(0, run.code(), run.stderr());
        List<String> out = run.lines();
        assertEquals(4, out.size(), run.out());
        for (int i = 0; i < LINES.size(); i++) {
            String line = out.get(i + 1);
            assertFalse(line.contains(InfillerME.MASK), line);
            RawTextSpliceTest.assertOnlyMasksChanged(LINES.get(i), line);
        }
        assertTrue(out.get(1).startsWith("mid\uFEFFbom "), "the separator stays in the text: " + out.get(1));
    }
}
