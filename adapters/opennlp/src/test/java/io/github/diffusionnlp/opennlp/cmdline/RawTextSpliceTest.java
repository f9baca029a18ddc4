package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import org.junit.jupiter.api.Test;

/**
 * Detokenized raw text keeps every character the user did not mask. OpenNLP's English tokenizer splits some numbers
 * ("614" into "61" "4", "555-1234" into "555" "-1234"), and joining the tokens back wrote "Room 61 4" even on lines
 * without a mask; the new words are now written into the line at their tokens' places.
 */
class RawTextSpliceTest {
    private static final List<String> UNMASKED = List.of("Room 614 is on floor 14.", "Call 555-1234 at 3:45pm.",
            "  Pay $1,250.75 by 2024-06-30 (ref. #7731)  ", "He said \"no\" twice.   It's 9:05 now.");
    private static final List<String> MASKED = List.of("Room 614 is on floor [MASK].",
            "Call 555-1234 at [MASK] 3:45pm.", "Flight 3614 leaves at 10:45; gate [MASK] opens at 9:30.",
            "The [MASK] cost $1,250.75 in 1987.  Room 614 was [MASK].");

    @Test
    void infillWritesOnlyTheFilledWordsIntoTheLine() {
        String in = String.join("\n", UNMASKED) + "\n" + String.join("\n", MASKED) + "\n";
        Run run = DiffusionNlpToolTest.run(in, "Infill", "-detokenize", "true", "-steps", "2");
        assertEquals(0, run.code(), run.stderr());
        List<String> out = run.lines();
        assertEquals(UNMASKED, out.subList(0, UNMASKED.size()), "lines without a mask come back as they were");
        for (int i = 0; i < MASKED.size(); i++) {
            assertOnlyMasksChanged(MASKED.get(i), out.get(UNMASKED.size() + i));
        }
    }

    @Test
    void rewriteKeepsTheNumbersItKeepsAsWritten() {
        Run run = DiffusionNlpToolTest.run("Room 614 is on floor 14 and 555-1234 rings.\n", "Rewrite", "-detokenize",
                "true", "-keep", "NUM", "-strength", "1", "-steps", "2");
        assertEquals(0, run.code(), run.stderr());
        String out = run.lines().get(0);
        assertTrue(out.contains("614") && out.contains("555-1234"), out);
    }

    /** The text around each mask is in the output as written, in order (the spacing beside a new word aside). */
    static void assertOnlyMasksChanged(String masked, String out) {
        String[] parts = masked.split("\\[MASK\\]", -1);
        assertTrue(out.startsWith(parts[0].stripTrailing()), masked + " -> " + out);
        assertTrue(out.endsWith(parts[parts.length - 1].stripLeading()), masked + " -> " + out);
        int at = parts[0].stripTrailing().length();
        for (int k = 1; k < parts.length - 1; k++) {
            int found = out.indexOf(parts[k].strip(), at);
            assertTrue(found >= 0, "'" + parts[k] + "' kept: " + masked + " -> " + out);
            at = found + parts[k].strip().length();
        }
        assertTrue(!out.contains("[MASK]"), out);
    }

    /** Numbers OpenNLP's English tokenizer splits into runs of digits ("614" into "61" "4"). */
    private static final List<String> SPLIT_NUMBERS = List.of("614", "1415", "2102");

    @Test
    void numbersTheTokenizerSplitsAreOneToken() throws IOException {
        TokenizerME raw;
        try (InputStream in = EnglishText.class.getResourceAsStream(EnglishText.TOKENIZER_MODEL)) {
            raw = new TokenizerME(new TokenizerModel(in));
        }
        for (String number : SPLIT_NUMBERS) {
            String text = "Room " + number + " is free .";
            assertEquals(6, raw.tokenize(text).length, "the tokenizer itself splits " + number);
            assertEquals(List.of("Room", number, "is", "free", "."),
                    Arrays.asList(EnglishText.get().sentences(text).get(0)));
            assertEquals(List.of("Room", number, "is", "free", "."), Arrays.asList(EnglishText.get().tokenize(text)));
        }
        assertEquals(List.of("Call", "555", "-1234", "."), Arrays.asList(EnglishText.get().tokenize("Call 555-1234.")),
                "only runs of digits that touch are joined");
    }

    @Test
    void splitNumbersComeOutWholeWithAndWithoutDetokenize() {
        String in = "Rooms 614 , 1415 and 2102 were [MASK] .\n";
        Run tokens = DiffusionNlpToolTest.run(in, "Infill", "-steps", "2");
        assertEquals(0, tokens.code(), tokens.stderr());
        List<String> out = Arrays.asList(tokens.lines().get(0).split(" "));
        assertEquals(9, out.size(), tokens.out());
        assertEquals(List.of("Rooms", "614", ",", "1415", "and", "2102", "were"), out.subList(0, 7), tokens.out());

        // -keep indexes count the number as one token: index 1 is all of 614, not "61" with "4" rewritten
        Run kept = DiffusionNlpToolTest.run("Room 614 is on floor 14 .\n", "Rewrite", "-detokenize", "true", "-keep",
                "1", "-strength", "1", "-steps", "2", "-seed", "3");
        assertEquals(0, kept.code(), kept.stderr());
        String line = kept.lines().get(0);
        assertTrue(line.contains("614 "), line);
        String[] rewritten = DiffusionNlpToolTest.run("Room 614 is on floor 14 .\n", "Rewrite", "-keep", "1",
                "-strength", "1", "-steps", "2", "-seed", "3").lines().get(0).split(" ");
        assertEquals(7, rewritten.length, Arrays.toString(rewritten));
        assertEquals("614", rewritten[1]);
        assertFalse(Arrays.asList(rewritten).contains("61"), Arrays.toString(rewritten));
    }
}
