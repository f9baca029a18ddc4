package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.Suggestion;
import io.github.diffusionnlp.cli.SuggestionRows;
import io.github.diffusionnlp.corpus.Utf8Lines;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.InfillerME;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    /**
     * A line's sentences are all read before any of its rows is written, so that a line whose later sentence the model
     * fails on (here a stand-in failure: no input the tool tokenizes is refused by the model) writes no row: the rows of
     * its earlier sentences were written before the failure, a part of the line's masks. The real model gives the
     * other rows; a line that does not fail is written as before.
     */
    @Test
    void aLineWhoseLaterSentenceFailsWritesNoRow() throws Exception {
        String text = "He went to the [MASK]. The BOOM [MASK] was late. She [MASK] it.";
        Utf8Lines.Line line = new Utf8Lines.Line(3, text.getBytes(StandardCharsets.UTF_8), text, "\n");
        try (DiffusionModel model = DiffusionModel.loadDefault()) {
            InfillerME infiller = new InfillerME(model);
            List<String[]> suggested = new ArrayList<>();
            SuggestTool.Suggester failing = (sentence, top) -> {
                suggested.add(sentence);
                if (List.of(sentence).contains("BOOM")) {
                    throw new IllegalStateException("cannot read BOOM");
                }
                return infiller.suggest(sentence, top);
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertFalse(SuggestTool.writeRows(line, false, EnglishText.get(), failing, 2,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertEquals("", out.toString(StandardCharsets.UTF_8), "no row of the line written");
            assertEquals("line 3: the model failed on mask 2 (cannot read BOOM); no rows written for the line's 3 masks"
                    + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
            assertEquals(2, suggested.size(), "the sentences up to the failing one read, the last not: " + suggested);

            // a refusal of the input (an IllegalArgumentException; a stand-in too: no input the tool tokenizes is
            // refused) says what was wrong with the line, as Rewrite's and Infill's per-line refusals do, not that the
            // model failed
            ByteArrayOutputStream refusedErr = new ByteArrayOutputStream();
            SuggestTool.Suggester refusing = (sentence, top) -> {
                if (List.of(sentence).contains("BOOM")) {
                    throw new IllegalArgumentException("token 1, 'BOOM', is refused");
                }
                return infiller.suggest(sentence, top);
            };
            assertFalse(SuggestTool.writeRows(line, false, EnglishText.get(), refusing, 2,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(refusedErr, true, StandardCharsets.UTF_8)));
            assertEquals("line 3: sentence 2 (mask 2): token 1, 'BOOM', is refused; no rows written for the line's 3 masks"
                    + System.lineSeparator(), refusedErr.toString(StandardCharsets.UTF_8));

            String fine = text.replace("BOOM ", "");
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            assertTrue(SuggestTool.writeRows(new Utf8Lines.Line(3, fine.getBytes(StandardCharsets.UTF_8), fine, "\n"),
                    false, EnglishText.get(), infiller::suggest, 2, new PrintStream(rows, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            List<String> expected = new ArrayList<>();
            int mask = 0;
            for (String[] sentence : EnglishText.get().sentences(fine)) {
                for (Suggestion[] here : infiller.suggest(sentence, 2)) {
                    mask++;
                    for (int k = 0; k < here.length; k++) {
                        expected.add(SuggestionRows.row(3, mask, k + 1, here[k]));
                    }
                }
            }
            assertEquals(String.join("", expected), rows.toString(StandardCharsets.UTF_8));
            assertEquals(6, expected.size());
        }
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

    /** The rows an infiller made with these options and constraints writes for one tokenized line (line 1). */
    private static List<String> infillersRows(String line, int top, SamplingOptions options,
            ConstraintSpec constraints) throws Exception {
        List<String> expected = new ArrayList<>(List.of(SuggestionRows.HEADER));
        try (DiffusionModel model = DiffusionModel.loadDefault()) {
            Suggestion[][] suggested = new InfillerME(model, options, constraints).suggest(line.split(" "), top);
            for (int m = 0; m < suggested.length; m++) {
                for (int k = 0; k < suggested[m].length; k++) {
                    expected.add(SuggestionRows.row(1, m + 1, k + 1, suggested[m][k]).strip());
                }
            }
        }
        return expected;
    }

    /**
     * -ngramWeight ranks the words as InfillerME's fused suggest ranks them: a collocation the network alone misses
     * comes first. Suggest took no n-gram parameter (an unrecognized parameter), though the command line's suggest
     * and InfillerME.suggest fuse.
     */
    @Test
    void ngramWeightGivesTheInfillersFusedRows() throws Exception {
        String line = "Cambodia is , for all practical [MASK] , neutralist .";
        Run fused = DiffusionNlpToolTest.run(line + "\n", "Suggest", "-tokenized", "-top", "3", "-ngramWeight", "0.7");
        assertEquals(0, fused.code(), fused.stderr());
        assertEquals(infillersRows(line, 3, SamplingOptions.builder().ngramWeight(0.7).build(), ConstraintSpec.NONE),
                fused.lines());
        assertTrue(fused.lines().get(1).startsWith("1\t1\t1\tpurposes\t"), fused.out());
        Run plain = DiffusionNlpToolTest.run(line + "\n", "Suggest", "-tokenized", "-top", "3");
        assertEquals(0, plain.code(), plain.stderr());
        assertFalse(plain.lines().get(1).startsWith("1\t1\t1\tpurposes\t"), plain.out());
        // the Infill tool's checks of the n-gram parameters, before the model loads
        Run corpusAlone = DiffusionNlpToolTest.run(line + "\n", "Suggest", "-tokenized", "-ngramCorpus", "x.txt");
        assertEquals(CmdTool.BAD_PARAMETERS, corpusAlone.code(), corpusAlone.stderr());
        assertTrue(corpusAlone.stderr().startsWith("-ngramCorpus x.txt: only used with -ngramWeight above 0"),
                corpusAlone.stderr());
        Run layoutAlone = DiffusionNlpToolTest.run(line + "\n", "Suggest", "-ngramWeight", "0.7", "-ngramLayout",
                "plain");
        assertEquals(CmdTool.BAD_PARAMETERS, layoutAlone.code(), layoutAlone.stderr());
        assertTrue(layoutAlone.stderr().startsWith("-ngramLayout plain: says how -ngramCorpus FILE is read"),
                layoutAlone.stderr());
        assertEquals("", layoutAlone.out());
    }

    /** -sentiment (with -guidance and -lexical) gives the words as InfillerME.suggest gives them under it. */
    @Test
    void aSentimentShapesTheRows() throws Exception {
        String line = "It was a [MASK] day for all of us .";
        Run negative = DiffusionNlpToolTest.run(line + "\n", "Suggest", "-tokenized", "-sentiment", "negative",
                "-guidance", "3", "-lexical");
        assertEquals(0, negative.code(), negative.stderr());
        ConstraintSpec spec = ConstraintSpec.NONE.withSentiment("negative").withGuidance(3).withLexical(true);
        assertEquals(infillersRows(line, 5, SamplingOptions.builder().build(), spec), negative.lines());
        Run plain = DiffusionNlpToolTest.run(line + "\n", "Suggest", "-tokenized");
        assertEquals(0, plain.code(), plain.stderr());
        assertNotEquals(plain.lines(), negative.lines());
        Run guidanceAlone = DiffusionNlpToolTest.run(line + "\n", "Suggest", "-guidance", "3");
        assertEquals(CmdTool.BAD_PARAMETERS, guidanceAlone.code(), guidanceAlone.stderr());
        assertTrue(guidanceAlone.stderr().startsWith("-guidance 3 pushes toward -sentiment; give it too\n"),
                guidanceAlone.stderr());
    }

    /**
     * Suggest's usage says what -sentiment, -guidance and -lexical do to its rows: they spoke of "every written
     * sentence" and of -posTemplate (a template slot's words, guidance toward the template), which Suggest refuses.
     * Generate's and Rewrite's usage, which take -posTemplate, still name it; each parameter is described once.
     */
    @Test
    void itsUsageSaysWhatSentimentGuidanceAndLexicalDoToItsRows() {
        String help = DiffusionNlpToolTest.run("", "Suggest", "-help").out();
        String arguments = help.substring(help.indexOf("Arguments description:"));
        assertFalse(arguments.contains("-posTemplate"), arguments);
        assertFalse(described(help, "-sentiment").contains("sentence"), described(help, "-sentiment"));
        assertTrue(described(help, "-sentiment").contains("each mask's words"), described(help, "-sentiment"));
        assertTrue(described(help, "-guidance").contains("toward -sentiment"), described(help, "-guidance"));
        assertTrue(described(help, "-lexical").contains("leaves out of each mask's words"), described(help,
                "-lexical"));
        for (String p : new String[] {"-sentiment", "-guidance", "-lexical"}) {
            assertEquals(help.indexOf("\t" + p + " "), help.lastIndexOf("\t" + p + " "), p + " twice in " + help);
        }
        for (String tool : new String[] {"Generate", "Rewrite"}) {
            String usage = DiffusionNlpToolTest.run("", tool, "-help").out();
            assertTrue(described(usage, "-guidance").contains("-posTemplate"), described(usage, "-guidance"));
            assertTrue(described(usage, "-lexical").contains("-posTemplate"), described(usage, "-lexical"));
            assertFalse(described(usage, "-sentiment").contains("Suggest"), described(usage, "-sentiment"));
        }
    }

    /** The description of {@code parameter} in a tool's usage (the line under "\t-name value"). */
    private static String described(String help, String parameter) {
        int at = help.indexOf("\n\t" + parameter + " ");
        assertTrue(at >= 0, parameter + " not in " + help);
        int from = help.indexOf("\n\t\t", at + 1) + 3;
        return help.substring(from, help.indexOf('\n', from));
    }

    /**
     * What Suggest cannot honour is refused saying why, as the command line's suggest refuses it, and stays out of its
     * usage: the sampling parameters (it samples nothing), best of k candidates, a POS template and detokenizing.
     */
    @Test
    void whatItCannotHonourIsRefusedSayingWhyAndLeftOutOfItsUsage() {
        for (String[] given : new String[][] {{"-steps", "4"}, {"-seed", "3"}, {"-batch", "8"},
                {"-temperature", "1"}, {"-x0Temperature", "0.5"}}) {
            Run r = DiffusionNlpToolTest.run("a [MASK]\n", "Suggest", given[0], given[1]);
            assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
            assertTrue(r.stderr().startsWith(given[0] + " is not used by Suggest: it reads each line in one pass of the"
                    + " network, sampling nothing\n"), r.stderr());
            assertEquals("", r.out());
        }
        Run candidates = DiffusionNlpToolTest.run("a [MASK]\n", "Suggest", "-sentiment", "positive", "-candidates",
                "3");
        assertEquals(CmdTool.BAD_PARAMETERS, candidates.code(), candidates.stderr());
        assertTrue(candidates.stderr().startsWith("-candidates ranks sampled sentences, and Suggest samples none: it"
                + " ranks the words of one pass; leave it out\n"), candidates.stderr());
        Run template = DiffusionNlpToolTest.run("a [MASK]\n", "Suggest", "-posTemplate", "DET NOUN");
        assertEquals(CmdTool.BAD_PARAMETERS, template.code(), template.stderr());
        assertTrue(template.stderr().startsWith("-posTemplate gives a sentence its tags and length, and Suggest keeps"
                + " each line's tokens and length; constrain the words with -sentiment, or rewrite with Rewrite"
                + " -posTemplate\n"), template.stderr());
        for (String[] given : new String[][] {{"-detokenize", "true"}, {"-detokenizer", "dict.xml"}}) {
            Run r = DiffusionNlpToolTest.run("a [MASK]\n", "Suggest", given[0], given[1]);
            assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
            assertTrue(r.stderr().startsWith(given[0] + " joins the tokens of a sentence the tool writes, and Suggest"
                    + " writes tab-separated rows of single words: leave it out\n"), r.stderr());
        }
        Run help = DiffusionNlpToolTest.run("", "Suggest", "-help");
        assertEquals(0, help.code(), help.stderr());
        String usage = help.out().substring(help.out().indexOf("Usage:"));
        for (String unread : new String[] {"-steps", "-seed", "-batch", "-temperature", "-x0Temperature",
                "-candidates", "-posTemplate", "-unguidedLength"}) {
            assertFalse(usage.contains("[" + unread + " "), unread + " in " + usage);
        }
        for (String read : new String[] {"-ngramWeight", "-ngramCorpus", "-ngramLayout", "-ngramMultiword",
                "-sentiment", "-guidance", "-lexical", "-top", "-bannedWords"}) {
            assertTrue(usage.contains("[" + read + " "), read + " not in " + usage);
        }
    }
}
