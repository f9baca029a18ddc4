package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.Suggestion;
import io.github.diffusionnlp.cli.SuggestionRows;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.InfillerME;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code Suggest} tool: {@link InfillerME#suggest}'s words as core's {@code suggest} writes them. */
class SuggestToolTest {
    private static final String TWO_SENTENCES = "He went to the [MASK]. The [MASK] was late.";

    /**
     * Raw text is split into sentences and tokens as Infill splits it; masks are numbered along the line, across its
     * sentences; blank and unmasked lines give no rows; -tokenized tokens give the same rows for the same tokens.
     */
    @Test
    void rowsAreTheInfillersSuggestionsNumberedAlongTheLine() throws Exception {
        Run r = DiffusionNlpToolTest.run(TWO_SENTENCES + "\n\nNo mask here.\r\n" + TWO_SENTENCES + "\n", "Suggest",
                "-top", "3");
        assertEquals(0, r.code(), r.stderr());
        List<String> expected = new ArrayList<>(List.of(SuggestionRows.HEADER));
        try (DiffusionModel model = DiffusionModel.loadDefault()) {
            InfillerME infiller = new InfillerME(model);
            for (int line : new int[] {1, 4}) {
                int mask = 0;
                for (String[] sentence : EnglishText.get().sentences(TWO_SENTENCES)) {
                    for (Suggestion[] here : infiller.suggest(sentence, 3)) {
                        mask++;
                        for (int k = 0; k < here.length; k++) {
                            expected.add(SuggestionRows.row(line, mask, k + 1, here[k]).strip());
                        }
                    }
                }
            }
        }
        assertEquals(expected, r.lines());
        assertEquals(1 + 2 * 2 * 3, r.lines().size());
        assertTrue(r.out().contains("\n1\t2\t3\t") && r.out().contains("\n4\t2\t1\t"), r.out());
        Run tokens = DiffusionNlpToolTest.run("He went to the [MASK] .\n", "Suggest", "-tokenized", "true", "-top",
                "3");
        assertEquals(0, tokens.code(), tokens.stderr());
        assertEquals(r.lines().subList(0, 4), tokens.lines());
    }

    /**
     * A misspelt mask is a word, said on stderr, as Infill says it, and fails the run once every line is read; a
     * sentence longer than the model's length is read in stretches, as infill reads it, and gets its rows.
     */
    @Test
    void aMisspeltMaskIsNamedAndFailsTheRunAndALongSentenceGetsItsRows() throws Exception {
        int length;
        try (DiffusionModel model = DiffusionModel.loadDefault()) {
            length = model.getInfo().config().maxLength();
        }
        String tooLong = String.join(" ", Collections.nCopies(length, "the")) + " [MASK] .";
        Run r = DiffusionNlpToolTest.run("the [mask] sat on the [MASK] .\n" + tooLong + "\nHe went to the [MASK] .\n",
                "Suggest", "-tokenized", "true", "-top", "1");
        assertEquals(CmdTool.FAILED, r.code(), r.stderr());
        assertTrue(r.stderr().contains("line 1: '[mask]' is not a mask and gets no rows: a mask is [MASK] in"
                + " capitals, a token of its own"), r.stderr());
        assertTrue(r.stderr().contains("1 of 3 lines without the rows of every mask: line 1; see the messages above"),
                r.stderr());
        List<String> lines = r.lines();
        assertEquals(4, lines.size(), "the header, line 1's row, line 2's and line 3's: " + lines);
        assertTrue(lines.get(1).startsWith("1\t1\t1\t") && lines.get(2).startsWith("2\t1\t1\t")
                && lines.get(3).startsWith("3\t1\t1\t"), lines.toString());
    }

    /**
     * A mask written another way ([mask]) got no rows from Suggest, and no word from Infill, yet both ended in 0, while
     * Suggest's other masks without rows end the run in 2: a script could not learn that the mask it meant was not
     * read. Both now write every line, name it and end in 2, as the tools end for every line passed through.
     */
    @Test
    void aMaskWrittenAnotherWayFailsTheRunOfBothTools() {
        String input = "the [mask] sat .\nHe went to the [MASK] .\n";
        Run suggest = DiffusionNlpToolTest.run(input, "Suggest", "-tokenized", "-top", "1");
        assertEquals(CmdTool.FAILED, suggest.code(), suggest.stderr());
        assertTrue(suggest.stderr().contains("1 of 2 lines without the rows of every mask: line 1; see the messages above"), suggest.stderr());
        assertTrue(suggest.lines().get(1).startsWith("2\t1\t1\t"), "line 2's row is written: " + suggest.out());
        Run infill = DiffusionNlpToolTest.run(input, "Infill", "-tokenized", "-steps", "1");
        assertEquals(CmdTool.FAILED, infill.code(), infill.stderr());
        assertTrue(infill.stderr().contains("1 of 2 lines hold a mask written another way, not filled: line 1; see"
                + " the messages above"), infill.stderr());
        assertEquals("the [mask] sat .", infill.lines().get(0));
        assertFalse(infill.lines().get(1).contains("[MASK]"), "line 2 is filled: " + infill.out());
        Run fine = DiffusionNlpToolTest.run("He went to the [MASK] .\n", "Infill", "-tokenized", "-steps", "1");
        assertEquals(0, fine.code(), fine.stderr());
    }

    /** A -top out of range and the sampling parameters, which it does not read, are bad parameters with the usage. */
    @Test
    void parametersItCannotHonourAreBadParameters() {
        Run zero = DiffusionNlpToolTest.run("a [MASK]\n", "Suggest", "-top", "0");
        assertEquals(CmdTool.BAD_PARAMETERS, zero.code());
        assertTrue(zero.stderr().contains("-top must be at least 1, got 0") && zero.stderr().contains("Usage:"),
                zero.stderr());
        Run many = DiffusionNlpToolTest.run("a [MASK]\n", "Suggest", "-top", "1000000");
        assertEquals(CmdTool.BAD_PARAMETERS, many.code());
        assertTrue(many.stderr().contains("-top must be at most "), many.stderr());
        assertEquals("", many.out());
        Run steps = DiffusionNlpToolTest.run("a [MASK]\n", "Suggest", "-steps", "4");
        assertEquals(CmdTool.BAD_PARAMETERS, steps.code(), steps.stderr());
        assertEquals("", steps.out());
    }
}
