package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Mistakes in the constraint options of {@code rewrite} and {@code generate}: each ends the run with one
 * line naming the option, the value and what is allowed, after the lines before a bad line are written,
 * as the OpenNLP tools and the CoreNLP annotator name theirs.
 */
@Isolated
class ConstraintMistakesTest {
    private static final String MODEL = TestModels.shippedModel().toString();

    private static Run run(String stdin, String... args) {
        return MainTest.run(stdin, args);
    }

    @Test
    void keepIndexesOutOfIntRangeOrNegativeAreNamed() {
        Run huge = run("a b c\n", "rewrite", "--model", MODEL, "--keep", "99999999999");
        assertEquals(1, huge.code());
        // Integer.MAX_VALUE as the upper bound ("0 ... to 2147483647") said nothing a user could use
        assertTrue(huge.err().contains("--keep 99999999999: token index 99999999999 is out of range; allowed:"
                + " 0-based token indexes, 0 (the first token) or more, each below its line's token count"), huge.err());
        Run negative = run("a b c\n", "rewrite", "--model", MODEL, "--tagged", "--keep", "-1");
        assertEquals(1, negative.code());
        assertTrue(negative.err().contains("--keep -1: token index -1 is out of range; allowed: 0-based token indexes,"
                + " 0 (the first token) or more"), negative.err());
    }

    /** "the line has only 1 tokens (0-based indexes up to 0)" and "only 1 tags": the count now agrees. */
    @Test
    void aKeptIndexPastAOneTokenLineOrTemplateSaysTokenAndTagInTheSingular() {
        Run line = run("Hello\n", "rewrite", "--model", MODEL, "--steps", "1", "--keep", "2");
        assertEquals(1, line.code());
        assertTrue(line.err().contains("input line 1: --keep 2: the line has only 1 token (0-based index 0)"),
                line.err());
        Run template = run("a b\n", "rewrite", "--model", "/nonexistent", "--pos", "NOUN", "--keep", "1");
        assertEquals(1, template.code());
        assertTrue(template.err().contains("--keep 1 keeps token 1, but the --pos template has only 1 tag (0-based index"
                + " 0)"), template.err());
    }

    @Test
    void aKeptIndexOutsideThePosTemplateIsRefusedBeforeTheModelLoads() {
        Run r = run("The cat sat on the mat .\n", "rewrite", "--model", "/nonexistent", "--pos", "DET NOUN",
                "--keep", "3");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--keep 3 keeps token 3, but the --pos template has only 2 tags"), r.err());
    }

    @Test
    void aTokenKeptByClassOutsideThePosTemplateNamesItsLineAndTheLinesBeforeItAreWritten() {
        Run r = run("The_DET cat_NOUN\nThe_DET big_ADJ cat_NOUN\n", "rewrite", "--model", MODEL, "--steps", "1",
                "--tagged", "--keep", "NOUN", "--pos", "DET NOUN");
        assertEquals(1, r.code());
        assertEquals("The cat\n", r.out());
        assertTrue(r.err().contains("input line 2: --keep NOUN keeps token 2 ('cat'), but the --pos template has only"
                + " 2 tags"), r.err());
    }

    /**
     * Under {@code --pos keep} a line longer than the model is rewritten window by window, each under its own tags, as
     * core rewrites a sentence under a template of its own length: it was refused (by its line, and before that for
     * its whole batch, naming no line).
     */
    @Test
    void aLineLongerThanTheModelUnderPosKeepIsRewrittenInWindows() {
        String longLine = String.join(" ", Collections.nCopies(70, "report_NOUN"));
        Run r = run("The_DET dog_NOUN barked_VERB ._PUNCT\n" + longLine + "\n", "rewrite", "--model", MODEL,
                "--steps", "1", "--tagged", "--pos", "keep");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertEquals(4, lines.get(0).split(" ").length, r.out());
        assertEquals(70, lines.get(1).split(" ").length, r.out());
    }

    @Test
    void aTemplateLongerThanTheModelNamesPos() {
        String tags = String.join(" ", Collections.nCopies(65, "NOUN"));
        Run r = run("", "generate", "--model", MODEL, "--pos", tags);
        assertEquals(1, r.code());
        // the library's wording (ArgumentMessagesTest), after the option
        assertTrue(r.err().contains("--pos: the POS template has 65 tags, more than the model's 64 positions"),
                r.err());
    }

    /**
     * A {@code --pos} template longer than the model is what core's rewrite takes for a sentence of its own length,
     * rewritten window by window: a line of that length is rewritten to it, and a line of another length is refused
     * by its number in core's words, the lines before it written. It was refused before any line was read.
     */
    @Test
    void aTemplateLongerThanTheModelRewritesALineOfItsLengthAndRefusesAnother() {
        String tags = String.join(" ", Collections.nCopies(65, "NOUN"));
        String longLine = String.join(" ", Collections.nCopies(65, "report"));
        Run r = run(longLine + "\na b\n", "rewrite", "--model", MODEL, "--steps", "1", "--pos", tags);
        assertEquals(1, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        assertEquals(65, lines.get(0).split(" ").length, r.out());
        assertTrue(r.err().contains("input line 2: the POS template has 65 tags, more than the model's 64 positions,"
                + " and the sentence has 2 tokens; a template longer than the model is taken only for a sentence of its"
                + " own length, rewritten window by window (the lines before it were written)"), r.err());
    }

    /**
     * A blank line passes through, but under a template guided alone ({@code --guidance} with {@code --pos}, no
     * {@code --sentiment}) it was given to core's batch with no template (it must stay blank) and that guidance, which
     * core refuses of any sentence ("guidance 3.0 pushes toward a sentiment or a POS template, and these constraints
     * have neither"), naming no line, for the whole batch: no line was written. Such a blank line was then left out of
     * the calls (audit h204); now core gives an empty sentence without a template back empty, refusing nothing of it,
     * and the batch is one call (audit h213). Every other line is rewritten as it would be with a line of words in
     * its place.
     */
    @Test
    void aBlankLineUnderATemplateGuidedAlonePassesThrough() {
        String first = "The_DET dog_NOUN barked_VERB ._PUNCT";
        String third = "A_DET cat_NOUN sat_VERB ._PUNCT";
        Run r = run(first + "\n\n" + third + "\n", "rewrite", "--model", MODEL, "--steps", "2", "--tagged", "--pos",
                "keep", "--guidance", "3");
        assertEquals(0, r.code(), r.err());
        Run filled = run(first + "\nHe_PRON left_VERB\n" + third + "\n", "rewrite", "--model", MODEL, "--steps", "2",
                "--tagged", "--pos", "keep", "--guidance", "3");
        assertEquals(0, filled.code(), filled.err());
        List<String> lines = r.out().lines().toList();
        List<String> other = filled.out().lines().toList();
        assertEquals(List.of(other.get(0), "", other.get(2)), lines, r.out());

        Run template = run("a b c\n\nd e\n", "rewrite", "--model", MODEL, "--steps", "2", "--pos", "DET NOUN",
                "--guidance", "3");
        assertEquals(0, template.code(), template.err());
        assertEquals("", template.out().lines().toList().get(1), template.out());
        assertEquals(3, template.out().lines().count(), template.out());
    }

    @Test
    void generateNamesPosKeepLengthAndTheirDisagreementBeforeTheModelLoads() {
        Run keep = run("", "generate", "--model", "/nonexistent", "--pos", "keep");
        assertEquals(1, keep.code());
        assertTrue(keep.err().contains("--pos keep takes each input line's own tags, and generate reads no input"),
                keep.err());
        Run negative = run("", "generate", "--model", "/nonexistent", "--length", "-1");
        assertEquals(1, negative.code());
        assertTrue(negative.err().contains("--length -1 is negative"), negative.err());
        Run disagree = run("", "generate", "--model", "/nonexistent", "--length", "3", "--pos", "DET NOUN");
        assertEquals(1, disagree.code());
        assertTrue(disagree.err().contains("--length 3 disagrees with the --pos template's 2 tags"), disagree.err());
        Run one = run("", "generate", "--model", "/nonexistent", "--length", "3", "--pos", "NOUN");
        assertTrue(one.err().contains("--length 3 disagrees with the --pos template's 1 tag;"), one.err());
    }
}
