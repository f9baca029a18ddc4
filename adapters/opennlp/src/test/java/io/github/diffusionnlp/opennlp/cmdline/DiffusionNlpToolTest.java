package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.Bytes;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.JarVersion;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.DiffusionToolFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import opennlp.tools.util.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command-line tools through their main entry point, with captured streams. */
class DiffusionNlpToolTest {
    record Run(int code, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        List<String> lines() {
            return out().isEmpty() ? List.of() : List.of(out().split("\n", -1)).subList(0, out().split("\n", -1).length - 1);
        }
    }

    static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DiffusionNlpTool.run(args, new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Lines in the input as a reader of lines counts them: a last line without a newline counts. */
    /** The lines the tools read in these bytes: each ends at \n, \r\n or a bare \r; a last one may end at none. */
    static int inputLines(byte[] in) {
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' || in[i] == '\r' && (i + 1 == in.length || in[i + 1] != '\n')) {
                n++;
            }
        }
        return in.length > 0 && in[in.length - 1] != '\n' && in[in.length - 1] != '\r' ? n + 1 : n;
    }

    /** Every sampling parameter out of range or not a number, in every tool that takes it. */
    static Stream<Arguments> badSamplingParameters() {
        List<String[]> bad = List.of(new String[] {"-steps", "0", "from 1 to 10000"},
                new String[] {"-batch", "0", "from 1 to 4096"}, new String[] {"-temperature", "2", "[0, 1]"},
                new String[] {"-temperature", "hot", "[0, 1]"}, new String[] {"-x0Temperature", "-1", ">= 0"},
                new String[] {"-ngramWeight", "-2", "0 to 100"});
        Stream<Arguments> tools = Stream.of("Infill", "Rewrite", "Generate")
                .flatMap(tool -> bad.stream().map(b -> Arguments.of(tool, b[0], b[1], b[2])));
        Stream<Arguments> packaging = Stream.of(Arguments.of("Package", "-steps", "0", "from 1 to 10000"),
                Arguments.of("Package", "-temperature", "2", "[0, 1]"),
                Arguments.of("Package", "-temperature", "hot", "[0, 1]"));
        return Stream.concat(tools, packaging);
    }

    /**
     * A bad sampling parameter: the message starts with the parameter as typed (not SamplingOptions' own word
     * for it, "steps" or "batch size") and still says the allowed range and the value. Checked before a model is
     * loaded (Package: before the directory is read), so each case is quick.
     */
    @ParameterizedTest
    @MethodSource("badSamplingParameters")
    void samplingParameterErrorsNameTheParameter(String tool, String parameter, String value, String range,
            @TempDir Path tmp) {
        String[] args = tool.equals("Package")
                ? new String[] {tool, "-model", TestModels.tinyModel().toString(), "-out",
                        tmp.resolve("m.bin").toString(), parameter, value}
                : new String[] {tool, parameter, value};
        Run r = run("a [MASK] b\n", args);
        assertEquals(1, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith(parameter + ": "), r.stderr());
        String message = r.stderr().lines().findFirst().orElseThrow();
        assertTrue(message.contains(range) && message.contains("got " + value), message);
    }

    @Test
    void helpListsToolsAndGeneratedUsage() {
        Run none = run("");
        assertEquals(0, none.code());
        assertTrue(none.out().contains("Infill") && none.out().contains("Rewrite") && none.out().contains("Generate")
                && none.out().contains("Package"), none.out());

        Run infill = run("", "Infill", "-help");
        assertEquals(0, infill.code());
        assertTrue(infill.out().contains("Usage: java -jar diffusion-nlp-opennlp.jar Infill"), infill.out());
        for (String p : List.of("-tokenized", "-detokenize", "-model", "-steps", "-seed", "-batch", "-temperature",
                "-x0Temperature tau", "-ngramWeight w")) {
            assertTrue(infill.out().contains(p), p);
        }
        Run rewrite = run("", "Rewrite", "-help");
        assertEquals(0, rewrite.code());
        assertTrue(rewrite.out().contains("Usage: java -jar diffusion-nlp-opennlp.jar Rewrite"), rewrite.out());
        for (String p : List.of("-tokenized", "-detokenize", "-strength s", "-keep spec", "-model", "-steps", "-seed",
                "-batch", "-temperature", "-sentiment negative|neutral|positive", "-posTemplate tags|keep",
                "-guidance w")) {
            assertTrue(rewrite.out().contains(p), p + " in\n" + rewrite.out());
        }
        assertFalse(rewrite.out().contains("-length"), "a rewrite's length is the input's or the template's");
        assertFalse(rewrite.out().contains("-unguidedLength"), "a rewrite chooses no length: " + rewrite.out());
        assertFalse(rewrite.out().contains("not available"), rewrite.out());
        Run generate = run("", "Generate", "help");
        assertEquals(0, generate.code());
        for (String p : List.of("-count num", "-length num", "-sentiment negative|neutral|positive", "-posTemplate tags",
                "-guidance w", "-candidates k", "-lexical true|false", "-unguidedLength true|false")) {
            assertTrue(generate.out().contains(p), p + " in\n" + generate.out());
        }
        assertFalse(generate.out().contains("tags|keep"), "a generated sentence has no input tags: " + generate.out());
    }

    /**
     * The usage opens with this jar's version and OpenNLP's, as OpenNLP's launcher opens its own ("OpenNLP
     * 2.5.11."): it named neither. Tests run from target/classes, whose version line says so; the jar's
     * manifest gives the real one (JarVersionTest).
     */
    @Test
    void usageNamesTheVersions() {
        String banner = "diffusion-nlp OpenNLP tools " + JarVersion.of(DiffusionNlpTool.class).version()
                + " (OpenNLP " + Version.currentVersion() + ")";
        Run none = run("");
        assertTrue(none.out().startsWith(banner), none.out());
        assertTrue(none.out().contains("not from a built jar"), none.out());
        Run unknown = run("", "Infil");
        assertEquals(1, unknown.code());
        assertTrue(unknown.stderr().contains(banner), unknown.stderr());
    }

    /**
     * Package's -lang said another language's Rewrite refuses "-posTemplate input", a value no tool takes (a tag
     * template, and "input" no UPOS tag); the input's own tags are -posTemplate keep.
     */
    @Test
    void theUsageNamesTheInputTemplateAsRewriteTakesIt() {
        for (String tool : List.of("Infill", "Suggest", "Rewrite", "Generate", "Train", "InfillEvaluator", "Package")) {
            Run r = run("", tool, "-help");
            assertEquals(0, r.code(), tool + ": " + r.stderr());
            assertFalse(r.out().contains("-posTemplate input"), tool + ": " + r.out());
        }
        assertTrue(run("", "Package", "-help").out().contains("refuses -keep by UPOS class and -posTemplate keep"));
    }

    /**
     * A tool that needs parameters, given none, prints its usage and exits 0, as OpenNLP's launcher does for its own
     * ({@code opennlp POSTaggerTrainer}); it said "Missing mandatory parameter: -data" and exited 1. Tools that run
     * without parameters (Infill, Rewrite, Generate: the shipped model, stdin) still run.
     */
    @Test
    void aToolThatNeedsParametersGivenNonePrintsItsUsage() {
        for (String tool : List.of("Train", "Package", "InfillEvaluator")) {
            Run r = run("", tool);
            assertEquals(0, r.code(), tool + ": " + r.stderr());
            assertEquals("", r.stderr(), tool);
            assertEquals(run("", tool, "-help").out(), r.out(), tool);
            assertTrue(r.out().contains("Usage: java -jar diffusion-nlp-opennlp.jar " + tool + " "), r.out());
        }
        Run missing = run("", "Train", "-model", "m.bin");
        assertEquals(1, missing.code(), "a parameter given, another missing, is still an error: " + missing.out());
        assertTrue(missing.stderr().startsWith("Missing mandatory parameter: -data"), missing.stderr());
        assertFalse(new InfillTool().needsParameters() || new RewriteTool().needsParameters()
                || new GenerateTool().needsParameters(), "Infill, Rewrite and Generate run without parameters");
    }

    /**
     * A parameter given without its value was OpenNLP's "Number of parameters must be always be even", naming none, and
     * one written with core's two dashes ("--steps 3") was "Unrecognized parameters encountered: [3]", naming the value
     * only: each names the parameter now, with the usage and exit code 1 as before.
     */
    @Test
    void aParameterWithoutItsValueOrWithTwoDashesIsNamed() {
        Run last = run("a [MASK]\n", "Infill", "-seed", "3", "-steps");
        assertEquals(1, last.code(), last.stderr());
        assertTrue(last.stderr().startsWith("-steps is given no value\n") && last.stderr().contains("Usage:"),
                last.stderr());
        Run between = run("a [MASK]\n", "Suggest", "-model", "-top", "2");
        assertEquals(1, between.code(), between.stderr());
        assertTrue(between.stderr().startsWith("-model is given no value\n"), between.stderr());
        Run dashes = run("a [MASK]\n", "Infill", "--steps", "3");
        assertEquals(1, dashes.code(), dashes.stderr());
        assertTrue(dashes.stderr().startsWith("--steps: these tools' parameters take one dash, as OpenNLP's do:"
                + " -steps\n"), dashes.stderr());
        assertEquals("", dashes.out());
        Run negative = run("", "Generate", "-count", "-1"); // a negative value is a value, refused as such
        assertTrue(negative.stderr().startsWith("-count must be >= 0, got -1"), negative.stderr());
    }

    /** An unknown parameter beside -help is reported as it is alone, not hidden behind the usage and exit 0. */
    @Test
    void anUnknownParameterBesideHelpIsStillABadParameter() {
        for (String[] args : List.of(new String[] {"Infill", "-help", "-bogus", "3"},
                new String[] {"Generate", "-help", "-count", "2", "-sentimnet", "positive"},
                new String[] {"help", "Rewrite", "-bogus"})) {
            Run r = run("", args);
            String call = String.join(" ", args);
            assertEquals(1, r.code(), call);
            assertTrue(r.stderr().contains("Unrecognized parameters encountered: [-") && r.stderr().contains("Usage:"),
                    call + ": " + r.stderr());
            assertEquals("", r.out(), call);
        }
        Run known = run("", "Rewrite", "-help", "-strength", "0.5", "-guidance", "-1"); // values are not checked
        assertEquals(0, known.code(), known.stderr());
        assertTrue(known.out().contains("Usage: java -jar diffusion-nlp-opennlp.jar Rewrite"), known.out());
        Run named = run("", "help", "Infill"); // help Infill is Infill -help
        assertEquals(0, named.code(), named.stderr());
        assertTrue(named.out().contains("Usage: java -jar diffusion-nlp-opennlp.jar Infill"), named.out());
    }

    /**
     * -help after other parameters asks for the usage as it does first (README: {@code <Tool> -help}):
     * {@code Infill -steps 3 -help} and {@code Infill -tokenized -help} were OpenNLP's "Number of parameters must be
     * always be even" with exit code 1, and {@code Infill -bogus 1 -help} the same, naming nothing. A -help that is
     * the value of the parameter before it ({@code -model -help}) is a value still.
     */
    @Test
    void helpAfterOtherParametersPrintsTheUsage() {
        for (String[] args : List.of(new String[] {"Infill", "-steps", "3", "-help"},
                new String[] {"Infill", "-tokenized", "-help"}, new String[] {"Rewrite", "-keep", "NOUN", "--help"},
                new String[] {"Generate", "-count", "2", "-h", "-length", "5"})) {
            Run r = run("", args);
            String call = String.join(" ", args);
            assertEquals(0, r.code(), call + ": " + r.stderr());
            assertEquals("", r.stderr(), call);
            assertEquals(run("", args[0], "-help").out(), r.out(), call);
        }
        Run unknown = run("", "Infill", "-bogus", "1", "-help");
        assertEquals(1, unknown.code(), unknown.stderr());
        assertTrue(unknown.stderr().startsWith("Unrecognized parameters encountered: [-bogus]\n"), unknown.stderr());
        assertEquals("", unknown.out());
        Run value = run("a [MASK]\n", "Infill", "-tokenized", "-model", "-help");
        assertNotEquals(0, value.code(), value.stderr());
        assertFalse(value.out().contains("Usage:"), value.out());
    }

    /**
     * A parameter the tool does not have, given without a value ({@code Infill -bogus}, {@code Infill -steps 3
     * -bogus}, {@code Infill -bogus -steps 3}), was OpenNLP's "Number of parameters must be always be even" or named
     * with the value after it ({@code -bogus 3}: "[-bogus, 3]"): it is named alone now, as beside -help. So is one
     * written with two dashes that the tool has under no spelling ({@code --bogus}; h228 left it to OpenNLP's words).
     */
    @Test
    void anUnknownParameterIsNamedAloneWithOrWithoutAValue() {
        for (String[] args : List.of(new String[] {"Infill", "-bogus"}, new String[] {"Infill", "-steps", "3", "-bogus"},
                new String[] {"Infill", "-bogus", "-steps", "3"}, new String[] {"Infill", "-bogus", "3"},
                new String[] {"Generate", "-count", "-1", "-sentimnet", "positive"}, new String[] {"Infill", "--bogus"},
                new String[] {"Infill", "--bogus", "3"}, new String[] {"Infill", "-steps", "3", "--bogus"})) {
            Run r = run("a [MASK]\n", args);
            String call = String.join(" ", args);
            assertEquals(1, r.code(), call + ": " + r.stderr());
            String name = args[0].equals("Generate") ? "-sentimnet" : List.of(args).contains("--bogus") ? "--bogus"
                    : "-bogus";
            assertTrue(r.stderr().startsWith("Unrecognized parameters encountered: [" + name + "]\n")
                    && r.stderr().contains("Usage:"), call + ": " + r.stderr());
            assertEquals("", r.out(), call);
        }
    }

    /**
     * OpenNLP's ArgumentParser reads a whole number by Integer.parseInt, which takes any script's digits: -steps ٣
     * (Arabic-Indic) and -seed ３ (full-width) ran as 3. ASCII digits only, as the CLI and the CoreNLP annotator read
     * them, naming the parameter and the value.
     */
    @Test
    void wholeNumbersInOtherDigitsAreRefused() {
        for (String[] args : List.of(new String[] {"Infill", "-steps", "\u0663"},
                new String[] {"Infill", "-seed", "\uFF13"}, new String[] {"Infill", "-batch", "1\u0660"},
                new String[] {"Suggest", "-top", "\u0968"}, new String[] {"Generate", "-count", "\u0662"},
                new String[] {"Generate", "-sentiment", "positive", "-candidates", "\u0662"})) {
            Run r = run("a [MASK] b\n", args);
            String parameter = args[args.length - 2];
            String value = args[args.length - 1];
            assertEquals(1, r.code(), Arrays.toString(args) + ": " + r.stderr());
            assertTrue(r.stderr().startsWith(parameter + " " + value + " is not a whole number in ASCII digits (0-9)"),
                    r.stderr());
            assertTrue(r.stderr().contains("Usage:"), r.stderr());
            assertEquals(0, r.stdout().length, Arrays.toString(args));
        }
    }

    @Test
    void badParametersGiveUsageAndExitOne() {
        for (String[] args : List.of(
                new String[] {"Infill", "-steps", "x"},
                new String[] {"Infill", "-bogus", "3"},
                new String[] {"Infill", "-steps", "0"},
                new String[] {"Infill", "-temperature", "hot"},
                new String[] {"Generate", "-x0Temperature", "-0.5"},
                new String[] {"Generate", "-x0Temperature", "cold"},
                new String[] {"Infill", "-ngramWeight", "-1"},
                new String[] {"Infill", "-ngramWeight", "heavy"},
                new String[] {"Infill", "-seed"},
                new String[] {"Infill", "-device", "tpu"},
                new String[] {"Generate", "-device", "gpu:99"},
                new String[] {"Infill", "-precision", "fp8"},
                new String[] {"Rewrite", "-precision", "bf16"},
                new String[] {"Generate", "-count", "-1"},
                new String[] {"Generate", "-length", "-2"},
                new String[] {"Rewrite", "-strength", "0"},
                new String[] {"Rewrite", "-strength", "2"},
                new String[] {"Rewrite", "-strength", "NaN"},
                new String[] {"Rewrite", "-strength", "strong"},
                new String[] {"Rewrite", "-keep", "0,committee"},
                new String[] {"Rewrite", "-keep", "NN"},
                new String[] {"Rewrite", "-steps", "0"},
                new String[] {"Rewrite", "-sentiment", "happy"},
                new String[] {"Rewrite", "-posTemplate", "DET FOO VERB"},
                new String[] {"Rewrite", "-posTemplate", " "},
                new String[] {"Rewrite", "-guidance", "-1"},
                new String[] {"Rewrite", "-guidance", "x"},
                new String[] {"Generate", "-sentiment", "angry"},
                new String[] {"Generate", "-posTemplate", "DET NN"},
                new String[] {"Generate", "-posTemplate", "keep"},
                new String[] {"Generate", "-posTemplate", "DET NOUN VERB", "-length", "4"},
                new String[] {"Generate", "-guidance", "NaN"},
                new String[] {"Generate", "-guidance", "2"},
                new String[] {"Generate", "-sentiment", "positive", "-candidates", "0"},
                new String[] {"Generate", "-sentiment", "positive", "-candidates", "many"},
                new String[] {"Rewrite", "-candidates", "4"},
                new String[] {"Generate", "-lexical", "true"},
                new String[] {"Generate", "-sentiment", "neutral", "-lexical", "maybe"},
                new String[] {"Generate", "-sentiment", "positive", "-unguidedLength", "maybe"},
                new String[] {"Generate", "-sentiment", "positive", "-unguidedLength"},
                new String[] {"Generate", "-sentiment", "positive", "-guidance", "1", "-unguidedLength", "true"},
                new String[] {"Generate", "-sentiment", "positive", "-guidance", "3", "-length", "5",
                    "-unguidedLength"},
                new String[] {"Rewrite", "-sentiment", "positive", "-guidance", "3", "-unguidedLength", "true"},
                new String[] {"Infill", "-ngramCorpus", "../../test-data/brown/train.conllu.gz"},
                new String[] {"Infill", "-ngramWeight", "0.7", "-ngramCorpus", "no/such/corpus.gz"},
                new String[] {"Nope"})) {
            Run r = run("a [MASK] b\n", args);
            assertEquals(1, r.code(), Arrays.toString(args) + ": " + r.stderr());
            assertTrue(r.stderr().contains("Usage:"), r.stderr());
            assertEquals(0, r.stdout().length, "nothing on stdout for " + Arrays.toString(args));
            assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
        }
        Run maybe = run("a [MASK] b\n", "Infill", "-tokenized", "maybe");
        assertTrue(maybe.stderr().startsWith("-tokenized takes true or false (or nothing, for true), got 'maybe'"),
                maybe.stderr());
        for (String s : List.of("0", "2")) {
            Run r = run("a b c\n", "Rewrite", "-strength", s);
            assertTrue(r.stderr().startsWith("-strength " + s + " is out of range; allowed: a number in (0, 1] (more than"
                    + " 0, at most 1)"), r.stderr());
        }
        Run precision = run("a [MASK] b\n", "Infill", "-precision", "fp8");
        assertTrue(precision.stderr().startsWith("-precision: unknown precision 'fp8'; allowed: fp32 or fp16"),
                precision.stderr());
        Run bf16 = run("a b c\n", "Rewrite", "-precision", "bf16");
        assertTrue(bf16.stderr().startsWith("-precision: precision 'bf16' is not available")
                && bf16.stderr().contains("allowed: fp32 or fp16"), bf16.stderr());
        Run keep = run("a b c\n", "Rewrite", "-keep", "0,committee");
        assertTrue(keep.stderr().contains("'committee'") && keep.stderr().contains("PROPN"), keep.stderr());
        Run sentiment = run("a b c\n", "Rewrite", "-sentiment", "happy");
        assertTrue(sentiment.stderr().startsWith("-sentiment happy: unknown sentiment 'happy'; allowed: negative,"
                + " neutral or positive"), sentiment.stderr());
        Run tag = run("", "Generate", "-posTemplate", "DET FOO VERB");
        assertTrue(tag.stderr().startsWith("-posTemplate \"DET FOO VERB\": 'FOO' in the POS template is not a UPOS"
                + " tag; allowed: ADJ, ADP, "), tag.stderr());
        Run guidance = run("a b c\n", "Rewrite", "-guidance", "-1");
        assertTrue(guidance.stderr().startsWith("-guidance -1 is out of range; allowed: a number from 0 to 100 (0 ignores"
                + " the constraints, 1 conditions plainly, above 1 pushes harder)"), guidance.stderr());
        Run candidates = run("", "Generate", "-sentiment", "positive", "-candidates", "65");
        assertTrue(candidates.stderr().startsWith("-candidates 65 is out of range; allowed: a whole number from 1 to 64"),
                candidates.stderr());
        Run unguided = run("a b c\n", "Rewrite", "-guidance", "3");
        assertTrue(unguided.stderr().startsWith("-guidance 3 pushes toward -sentiment and -posTemplate; give one of"
                + " them too"), unguided.stderr());
        Run plainUnguided = run("", "Generate", "-sentiment", "positive", "-unguidedLength");
        assertTrue(plainUnguided.stderr().startsWith("-unguidedLength true leaves the length out of guidance, and"
                + " guidance is 1 by default"), plainUnguided.stderr());
        Run fixedUnguided = run("", "Generate", "-posTemplate", "DET NOUN VERB", "-guidance", "3", "-unguidedLength");
        assertTrue(fixedUnguided.stderr().startsWith("-unguidedLength true leaves the model's choice of length out of"
                + " guidance, and the -posTemplate fixes the length"), fixedUnguided.stderr());
        Run disagree = run("", "Generate", "-posTemplate", "DET NOUN VERB", "-length", "4");
        assertTrue(disagree.stderr().startsWith("-length 4 disagrees with the -posTemplate's 3 tags"), disagree.stderr());
        Run one = run("", "Generate", "-posTemplate", "NOUN", "-length", "4");
        assertTrue(one.stderr().startsWith("-length 4 disagrees with the -posTemplate's 1 tag;"), one.stderr());
        String tags65 = String.join(" ", java.util.Collections.nCopies(65, "NOUN"));
        Run r = run("a b c\n", "Generate", "-posTemplate", tags65, "-steps", "4");
        assertEquals(1, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-posTemplate: the POS template has 65 tags, more than the model's 64"
                + " positions"), r.stderr());
        assertTrue(r.stderr().contains("Usage:"), r.stderr());
        assertEquals(0, r.stdout().length);
        Run tooLong = run("", "Generate", "-length", "65", "-count", "1");
        assertEquals(1, tooLong.code(), tooLong.stderr());
        assertTrue(tooLong.stderr().contains("64 positions"), tooLong.stderr());
        Run noModel = run("a [MASK]\n", "Infill", "-model", "/nonexistent/model");
        assertEquals(2, noModel.code());
        assertTrue(noModel.stderr().contains("/nonexistent/model"), noModel.stderr());
        assertFalse(noModel.stderr().contains("\tat "), noModel.stderr());
        // the autoregressive baseline's directory is named for what it is, not for a file it lacks
        Path ar = TestModels.root().resolve("test-data/models/brown-ar");
        Run autoregressive = run("a [MASK]\n", "Infill", "-model", ar.toString());
        assertEquals(2, autoregressive.code());
        assertTrue(autoregressive.stderr().startsWith("cannot load model " + ar + ": " + ar + " holds an autoregressive"
                + " model (format diffusion-nlp-ar), not a diffusion model"), autoregressive.stderr());
    }

    @Test
    void infillsRawTextWithOpenNlpSentencesAndTokens() {
        String in = "The [MASK] of the committee said that the [MASK] was late. It rained.\n"
                + "\n"
                + "No masks here, he said.\n";
        Run r = run(in, "Infill", "-steps", "4", "-seed", "7");
        assertEquals(0, r.code(), r.stderr());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.out());
        String[] tokens = lines.get(0).split(" ");
        assertEquals(15, tokens.length, lines.get(0)); // 12 tokens, then "It rained ."
        assertEquals("The", tokens[0]);
        assertFalse(lines.get(0).contains("[MASK]"), lines.get(0));
        assertTrue(lines.get(0).endsWith("was late . It rained ."), lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals("No masks here , he said .", lines.get(2));
        assertTrue(r.stderr().contains("Total: 3 line"), "PerformanceMonitor on stderr: " + r.stderr());
        assertEquals(r.out(), run(in, "Infill", "-steps", "4", "-seed", "7").out(), "same seed, same output");

        Run detok = run(in, "Infill", "-steps", "4", "-seed", "7", "-detokenize");
        assertEquals(0, detok.code(), detok.stderr());
        assertTrue(detok.lines().get(0).endsWith("was late. It rained."), detok.out());
        assertEquals("No masks here, he said.", detok.lines().get(2));
    }

    @Test
    void infillsTokenizedInput() {
        Run r = run("He [MASK] to the [MASK] .\nno mask at all\n", "Infill", "-tokenized", "true", "-steps", "4");
        assertEquals(0, r.code(), r.stderr());
        List<String> lines = r.lines();
        assertEquals(2, lines.size());
        String[] t = lines.get(0).split(" ");
        assertEquals(6, t.length);
        assertEquals(List.of("He", "to", "the", "."), List.of(t[0], t[2], t[3], t[5]));
        assertFalse(lines.get(0).contains("[MASK]"));
        assertEquals("no mask at all", lines.get(1));
    }

    /**
     * Each output line ends as its input line did: {@code \r\n} after a CRLF line, whether filled or rewritten,
     * blank, without a mask or passed through byte for byte (not UTF-8); {@code \n} after an LF line and after
     * a last line without a terminator, as before; no {@code \r} anywhere else.
     */
    @Test
    void infillAndRewriteKeepEachLinesEnding() throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write("He [MASK] to the [MASK] .\r\n\r\nno mask at all\r\n".getBytes(StandardCharsets.UTF_8));
        in.write(new byte[] {(byte) 0xC3, '\r', '\n'});
        in.write("The [MASK] was late .\n\nthe last [MASK]".getBytes(StandardCharsets.UTF_8));
        List<String> expected = List.of("CRLF", "CRLF", "CRLF", "CRLF", "LF", "LF", "LF");
        for (String[] args : List.of(new String[] {"Infill", "-tokenized", "-steps", "1"},
                new String[] {"Rewrite", "-steps", "1"})) {
            Run r = run(in.toByteArray(), args);
            assertEquals(CmdTool.FAILED, r.code(), "the line that is not UTF-8 is counted: " + r.stderr());
            List<String> lines = List.of(r.out().split("(?<=\n)")); // each with its terminator
            assertEquals(expected, lines.stream()
                    .map(l -> l.endsWith("\r\n") ? "CRLF" : l.endsWith("\n") ? "LF" : "none").toList(), args[0]
                    + ": " + r.out());
            assertEquals(4, r.out().chars().filter(c -> c == '\r').count(), args[0] + ": " + r.out());
            assertEquals("\r\n", lines.get(1), args[0]);
            assertTrue(Bytes.indexOf(r.stdout(), new byte[] {'\n', (byte) 0xC3, '\r', '\n', 'T'}) >= 0,
                    args[0] + ": the line that is not UTF-8 passed through byte for byte, with its CRLF");
        }
        Run lf = run("He [MASK] to the [MASK] .\n\nno mask at all\n", "Infill", "-tokenized", "-steps", "1");
        assertEquals(0, lf.code(), lf.stderr());
        assertFalse(lf.out().contains("\r"), lf.out());
        assertTrue(lf.out().endsWith("\n\nno mask at all\n"), lf.out());
    }

    /**
     * {@code -tokenized} splits at Unicode spaces and nowhere else: control characters at a line's ends are
     * (part of) tokens, not spacing to trim, and a no-break space separates; a line of such spaces passes through.
     */
    @Test
    void tokenizedInputLosesNoCharactersAndSplitsAtNoBreakSpaces() {
        String in = "\u0001 lead [MASK] .\u0002\nThe\u00A0[MASK] was late .\n\u00A0\u00A0\n";
        Run r = run(in, "Infill", "-tokenized", "-steps", "2");
        assertEquals(0, r.code(), r.stderr());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.out());
        String[] first = lines.get(0).split(" ");
        assertEquals(List.of("\u0001", "lead", ".\u0002"), List.of(first[0], first[1], first[3]), lines.get(0));
        assertEquals(4, first.length, lines.get(0));
        String[] second = lines.get(1).split(" ");
        assertEquals(5, second.length, lines.get(1));
        assertEquals("The", second[0]);
        assertFalse(lines.get(1).contains("[MASK]"), lines.get(1));
        assertEquals("\u00A0\u00A0", lines.get(2));
    }

    /**
     * A program that writes one line and waits for its answer before the next (a coprocess) gets it: a line
     * is not held back until a batch of {@code -batch} sentences is full or the input ends.
     */
    @Test
    void aLineIsAnsweredWhileTheInputStaysOpen() throws Exception {
        java.io.PipedOutputStream writer = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(writer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.util.concurrent.ExecutorService tool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Integer> code = tool.submit(() -> DiffusionNlpTool.run(
                    new String[] {"Infill", "-tokenized", "-steps", "2"}, stdin, out,
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
            writer.write("The [MASK] sat .\n".getBytes(StandardCharsets.UTF_8));
            writer.flush();
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (out.size() == 0 && System.nanoTime() < deadline && !code.isDone()) {
                Thread.sleep(50);
            }
            String answer = out.toString(StandardCharsets.UTF_8);
            assertTrue(answer.endsWith(" sat .\n") && !answer.contains("[MASK]"), "answered before more input: '"
                    + answer + "' " + err);
            writer.write("no mask\n".getBytes(StandardCharsets.UTF_8));
            writer.close();
            assertEquals(0, code.get(120, java.util.concurrent.TimeUnit.SECONDS), err.toString());
            assertEquals(2, out.toString(StandardCharsets.UTF_8).lines().count());
        } finally {
            writer.close();
            tool.shutdownNow();
        }
    }

    /**
     * Output whose reader has gone ({@code | head}): the tools stop with a message instead of computing on for no one,
     * and OpenNLP's monitor totals what the message says was written (it said "Total: 0" before the count moved ahead
     * of the check).
     */
    @Test
    void aClosedStandardOutputStopsTheRun() throws IOException {
        java.io.PipedInputStream reader = new java.io.PipedInputStream();
        java.io.PipedOutputStream pipe = new java.io.PipedOutputStream(reader);
        reader.close(); // the reader stopped
        PrintStream closed = new PrintStream(pipe, true, StandardCharsets.UTF_8);
        byte[] in = "The [MASK] sat .\nno mask\n".repeat(3).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream infillErr = new ByteArrayOutputStream();
        int infill = DiffusionNlpTool.run(new String[] {"Infill", "-tokenized", "-steps", "1", "-batch", "1"},
                new ByteArrayInputStream(in), closed, new PrintStream(infillErr, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream generateErr = new ByteArrayOutputStream();
        int generate = DiffusionNlpTool.run(new String[] {"Generate", "-count", "4", "-steps", "1", "-batch", "2"},
                new ByteArrayInputStream(new byte[0]), closed, new PrintStream(generateErr, true,
                        StandardCharsets.UTF_8));
        ByteArrayOutputStream suggestErr = new ByteArrayOutputStream();
        int suggest = DiffusionNlpTool.run(new String[] {"Suggest", "-tokenized"}, new ByteArrayInputStream(in),
                closed, new PrintStream(suggestErr, true, StandardCharsets.UTF_8));
        String infilled = infillErr.toString(StandardCharsets.UTF_8);
        String generated = generateErr.toString(StandardCharsets.UTF_8);
        String suggested = suggestErr.toString(StandardCharsets.UTF_8);
        assertEquals(2, infill, infilled);
        assertEquals(2, generate, generated);
        assertEquals(2, suggest, suggested);
        assertTrue(infilled.contains("standard output was closed after line 1 ") && infilled.contains("Total: 1 line"),
                infilled);
        assertTrue(generated.contains("standard output was closed after 2 sentences ")
                && generated.contains("Total: 2 sent"), generated);
        assertTrue(suggested.contains("standard output was closed after line 1 ") && suggested.contains("Total: 1 line"),
                suggested);
        assertEquals(0, run(new byte[0], "Infill", "-tokenized", "-steps", "1").code(), "empty input, open output");
    }

    /**
     * A mask written so that it will not be filled ([mask], or [MASK]. with -tokenized) is named on stderr, not skipped
     * silently, and the run, every line written, ends in failure.
     */
    @Test
    void aMaskThatWillNotBeFilledIsNamed() {
        Run tokenized = run("fine [MASK] .\nsaid [MASK].\n", "Infill", "-tokenized", "-steps", "1");
        assertEquals(CmdTool.FAILED, tokenized.code(), tokenized.stderr());
        assertTrue(tokenized.stderr().contains("line 2: '[MASK].' is not a mask and is not filled"), tokenized.stderr());
        assertFalse(tokenized.stderr().contains("line 1:"), tokenized.stderr());
        assertEquals("said [MASK].", tokenized.lines().get(1));
        Run raw = run("The [mask] sat. He [MASK].\n", "Infill", "-steps", "1");
        assertEquals(CmdTool.FAILED, raw.code(), raw.stderr());
        assertTrue(raw.stderr().contains("line 1: '[mask]' is not a mask"), raw.stderr());
        assertFalse(raw.lines().get(0).contains("[MASK]"), "the real mask is filled: " + raw.out());
        assertFalse(run("He said [MASK].\n", "Infill", "-steps", "1").stderr().contains("not a mask"),
                "raw text: [MASK] glued to a full stop is a mask");
        Run both = run("The [MASK] and [mask] sat .\n", "Infill", "-tokenized", "-steps", "1");
        assertEquals(CmdTool.FAILED, both.code(), both.stderr());
        assertTrue(both.stderr().contains("line 1: '[mask]' is not a mask"), both.stderr());
        List<String> words = List.of(both.lines().get(0).split(" "));
        assertEquals("[mask]", words.get(3), "written back as it was, beside the mask filled: " + words);
        assertFalse(words.contains("[MASK]"), "the real mask is filled: " + words);
    }

    /**
     * In raw text a mask in full-width characters (［MASK］, as an East Asian input method writes it) or another model's
     * (<mask>) was left unfilled with nothing said, by Infill and Suggest alike, though -tokenized named both.
     */
    @Test
    void aMaskWrittenAnotherWayInRawTextIsNamed() {
        for (String[] tool : new String[][] {{"Infill", "-steps", "1"}, {"Suggest", "-top", "1"}}) {
            Run r = run("She saw the \uFF3BMASK\uFF3D today.\nHe went to the <mask>.\n", tool);
            assertTrue(r.stderr().contains("line 1: '\uFF3BMASK\uFF3D' is not a mask"), tool[0] + ": " + r.stderr());
            assertTrue(r.stderr().contains("line 2: '<mask>' is not a mask"), tool[0] + ": " + r.stderr());
        }
    }

    /**
     * OpenNLP's TokenizerME splits [MASK] into "[ MASK ]": such a line came back unchanged without a word (and with
     * -detokenize re-joined, so that it looked like a fill skipped). It is named, with the remedy.
     */
    @Test
    void aMaskSplitIntoThreeTokensIsNamed() {
        Run tokenized = run("The [ MASK ] was late again .\nfine [MASK] .\n", "Infill", "-tokenized", "-steps", "1");
        assertEquals(CmdTool.FAILED, tokenized.code(), tokenized.stderr());
        assertTrue(tokenized.stderr().contains("line 1: '[ MASK ]' is not a mask and is not filled: a mask is [MASK] in"
                + " capitals, a token of its own; OpenNLP's TokenizerME splits it into '[ MASK ]': join the three into"
                + " [MASK], or give the raw text without -tokenized"), tokenized.stderr());
        assertFalse(tokenized.stderr().contains("line 2:"), tokenized.stderr());
        assertEquals("The [ MASK ] was late again .", tokenized.lines().get(0));
        Run raw = run("The [ MASK ] was late.\n", "Infill", "-steps", "1");
        assertTrue(raw.stderr().contains("line 1: '[ MASK ]' is not a mask"), raw.stderr());
    }

    /** A package used away from its training corpus: fusion needs -ngramCorpus, and says so before any input. */
    @Test
    void fusionFromAPackageNamesItsCorpus(@TempDir Path tmp) throws IOException {
        Path bin = tmp.resolve("brown.bin");
        try (DiffusionModel model = DiffusionModel.builder().optModel(TestModels.shippedModel())
                .optFactory(new DiffusionToolFactory(4)).build()) {
            model.serialize(bin);
        }
        Run lost = run("The [MASK] was late .\n", "Infill", "-tokenized", "-model", bin.toString(), "-ngramWeight", "0.7");
        assertEquals(1, lost.code(), lost.stderr());
        assertTrue(lost.stderr().startsWith("-ngramWeight 0.7 needs -ngramCorpus FILE: ")
                && lost.stderr().contains("train.conllu.gz was not found"), lost.stderr());
        assertEquals(0, lost.stdout().length);
        Run found = run("The [MASK] was late .\n", "Infill", "-tokenized", "-model", bin.toString(), "-ngramWeight",
                "0.7", "-ngramCorpus", TestModels.root().resolve("test-data/brown/train.conllu.gz").toString());
        assertEquals(0, found.code(), found.stderr());
        assertEquals(List.of("The man was late ."), found.lines());
    }

    /** -ngramLayout and -ngramMultiword say how -ngramCorpus is read, as the command line's --layout and --multiword. */
    @Test
    void theNgramCorpusIsReadInTheLayoutSaid(@TempDir Path tmp) throws IOException {
        // plain text whose lines are mostly one word: guessed as one word a line, which refuses line 3
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "Stop\nLook\nthe jury said it was fine .\nListen\nRun\n");
        String model = TestModels.tinyModel().toString();
        String[] fused = {"Infill", "-tokenized", "-model", model, "-steps", "1", "-ngramWeight", "0.7", "-ngramCorpus",
                plain.toString()};
        // refused before any input is read: counted at the first batch, every batch failed and each line was
        // written back unfilled, with exit code 0
        Run guessed = run("The [MASK] was late .\n", fused);
        assertEquals(2, guessed.code(), guessed.stderr());
        assertEquals(List.of(), guessed.lines(), guessed.stderr());
        assertTrue(guessed.stderr().contains("cannot read the n-gram corpus") && guessed.stderr().contains(plain + ":3: "),
                guessed.stderr());
        String[] said = Arrays.copyOf(fused, fused.length + 4);
        System.arraycopy(new String[] {"-ngramLayout", "plain", "-ngramMultiword", "parts"}, 0, said, fused.length, 4);
        Run read = run("The [MASK] was late .\n", said);
        assertEquals(0, read.code(), read.stderr());
        assertFalse(read.stderr().contains("n-gram corpus"), read.stderr());
        assertFalse(read.lines().get(0).contains("[MASK]"), read.stderr());
        Run unfused = run("The [MASK] was late .\n", "Infill", "-model", model, "-ngramLayout", "plain");
        assertEquals(1, unfused.code(), unfused.stderr());
        assertTrue(unfused.stderr().startsWith("-ngramLayout plain: says how -ngramCorpus FILE is read, only used with"
                + " it and -ngramWeight above 0"), unfused.stderr());
        Run unknown = run("The [MASK] was late .\n", "Infill", "-model", model, "-ngramWeight", "0.7", "-ngramLayout",
                "tsv");
        assertTrue(unknown.stderr().startsWith("-ngramLayout: no corpus layout 'tsv'"), unknown.stderr());
    }

    /**
     * -ngramLayout and -ngramMultiword without -ngramCorpus are refused, as the command line refuses --layout
     * without --ngram-corpus FILE: the model's own corpus is always read as the model records it was, so a
     * reading said for it would have misread it (e.g. its CoNLL-U read as plain text).
     */
    @Test
    void theModelsOwnCorpusIsNotReadAsSaid() {
        String model = TestModels.tinyModel().toString();
        Run layout = run("The [MASK] was late .\n", "Infill", "-model", model, "-ngramWeight", "0.7", "-ngramLayout",
                "plain");
        assertEquals(1, layout.code(), layout.stderr());
        assertTrue(layout.stderr().startsWith("-ngramLayout plain: says how -ngramCorpus FILE is read, only used with"
                + " it and -ngramWeight above 0 (the model's own corpus, fused by default, is read as the model records"
                + " it was)"), layout.stderr());
        assertEquals(0, layout.stdout().length);
        Run multiword = run("", "Generate", "-model", model, "-ngramWeight", "0.7", "-ngramMultiword", "surface");
        assertEquals(1, multiword.code(), multiword.stderr());
        assertTrue(multiword.stderr().startsWith("-ngramMultiword surface: says how -ngramCorpus FILE is read"),
                multiword.stderr());
        // the layout's parser forgives the line end; the message shows it as written
        Run lineEnd = run("", "Generate", "-model", model, "-ngramLayout", "plain\n");
        assertTrue(lineEnd.stderr().startsWith("-ngramLayout plain<U+000A>: says how"), lineEnd.stderr());
    }

    /**
     * A line of -ngramCorpus that does not fit the layout read names the tool's -ngramLayout, not the command
     * line's --layout, which this tool does not take.
     */
    @Test
    void aCorpusLineThatDoesNotFitNamesTheToolsParameter(@TempDir Path tmp) throws IOException {
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "Stop\nLook\nthe jury said it was fine .\nListen\nRun\n");
        Run guessed = run("The [MASK] was late .\n", "Infill", "-tokenized", "-model", TestModels.tinyModel().toString(),
                "-steps", "1", "-ngramWeight", "0.7", "-ngramCorpus", plain.toString());
        assertTrue(guessed.stderr().contains(plain + ":3: several tokens and no tab")
                && guessed.stderr().contains("give -ngramLayout plain"), guessed.stderr());
        assertFalse(guessed.stderr().contains("--layout"), guessed.stderr());
        Run words = run("The [MASK] was late .\n", "Infill", "-tokenized", "-model", TestModels.tinyModel().toString(),
                "-steps", "1", "-ngramWeight", "0.7", "-ngramCorpus", plain.toString(), "-ngramLayout", "words");
        assertTrue(words.stderr().contains(plain + ":3: the line does not fit -ngramLayout words")
                && words.stderr().contains("give the -ngramLayout the file has (-ngramLayout auto guesses it)"),
                words.stderr());
    }

    /** A model trained on plain text refuses -posTemplate before reading input, as other bad templates are. */
    @Test
    void anUntaggedModelRefusesPosTemplates() {
        String untagged = TestModels.untaggedTinyModel().toString();
        String expected = "-posTemplate: model " + untagged + " was trained without UPOS tags (its tag-lexicon.tsv"
                + " holds only X), so it cannot follow a POS template; retrain it on tagged sentences: Train -format"
                + " tagged on word_TAG lines (The_DET jury_NOUN said_VERB ._PUNCT), or DiffusionModel.train on"
                + " POSSamples";
        for (String[] args : List.of(
                new String[] {"Generate", "-model", untagged, "-steps", "2", "-posTemplate", "DET NOUN VERB PUNCT"},
                new String[] {"Generate", "-model", untagged, "-steps", "2", "-posTemplate", "DET NOUN", "-lexical"},
                new String[] {"Rewrite", "-model", untagged, "-steps", "2", "-tokenized", "-posTemplate", "keep"},
                new String[] {"Rewrite", "-model", untagged, "-steps", "2", "-posTemplate", "DET NOUN VERB PUNCT"})) {
            Run r = run("The cat sat on the mat.\n", args);
            assertEquals(1, r.code(), Arrays.toString(args) + ": " + r.stderr());
            assertTrue(r.stderr().startsWith(expected + "\n"), r.stderr());
            assertEquals(0, r.stdout().length, r.out());
            assertFalse(r.stderr().contains("\tat "), r.stderr());
        }
        Run free = run("The cat sat on the mat.\n", "Rewrite", "-model", untagged, "-steps", "2", "-tokenized");
        assertEquals(0, free.code(), free.stderr());
    }

    /** A model directory written as a package with its tools' defaults, which the other tools then load. */
    @Test
    void packagesAModelDirectory(@TempDir Path tmp) throws IOException {
        Path bin = tmp.resolve("tiny.bin");
        String dir = TestModels.tinyModel().toString();
        Run r = run("", "Package", "-model", dir, "-out", bin.toString(), "-steps", "4", "-temperature", "0.5");
        assertEquals(0, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("Wrote the model package to " + bin), r.stderr());
        assertEquals(List.of(bin), java.nio.file.Files.list(tmp).toList(), "no .part left behind");
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            assertEquals(4, packaged.getFactory().getSteps());
            assertEquals(0.5, packaged.getFactory().getTemperature().getAsDouble());
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(bin.toFile())) {
            assertNotNull(zip.getEntry("tag-lexicon.tsv"), "the directory's tag lexicon, for -lexical");
        }
        Run used = run("The [MASK] sat .\n", "Infill", "-tokenized", "-model", bin.toString());
        assertEquals(0, used.code(), used.stderr());
        assertEquals(4, used.lines().get(0).split(" ").length, used.out());

        Run plain = run("", "Package", "-model", dir, "-out", bin.toString()); // replaces the package
        assertEquals(0, plain.code(), plain.stderr());
        assertTrue(plain.stderr().contains("32 steps, temperature each tool's own"), plain.stderr());
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            assertTrue(packaged.getFactory().getTemperature().isEmpty());
        }

        for (String[] args : List.of(
                new String[] {"Package", "-model", dir},
                new String[] {"Package", "-model", dir, "-out", bin.toString(), "-steps", "0"},
                new String[] {"Package", "-model", dir, "-out", bin.toString(), "-temperature", "2"},
                new String[] {"Package", "-model", dir, "-out", bin.toString(), "-temperature", "hot"},
                new String[] {"Package", "-model", tmp.resolve("none").toString(), "-out", bin.toString()},
                new String[] {"Package", "-model", bin.toString(), "-out", tmp.resolve("again.bin").toString()},
                new String[] {"Package", "-model", dir, "-out", tmp.toString()},
                new String[] {"Package", "-model", dir, "-out", tmp.resolve("no/such/dir.bin").toString()})) {
            Run bad = run("", args);
            assertEquals(1, bad.code(), Arrays.toString(args) + ": " + bad.stderr());
            assertTrue(bad.stderr().contains("Usage: java -jar diffusion-nlp-opennlp.jar Package"), bad.stderr());
        }
        Run temperature = run("", "Package", "-model", dir, "-out", bin.toString(), "-temperature", "2");
        assertTrue(temperature.stderr().startsWith("-temperature: temperature must be a number in [0, 1], got 2")
                && !temperature.stderr().contains("got 2.0"), temperature.stderr());
        Path ar = TestModels.root().resolve("test-data/models/brown-ar");
        Run autoregressive = run("", "Package", "-model", ar.toString(), "-out", tmp.resolve("ar.bin").toString());
        assertEquals(2, autoregressive.code(), autoregressive.stderr());
        assertTrue(autoregressive.stderr().contains("holds an autoregressive model"), autoregressive.stderr());
        assertFalse(java.nio.file.Files.exists(tmp.resolve("ar.bin")));
    }

    @Test
    void infillsAtFp16() {
        // one short line, one step: fp16 is slow on a CPU
        Run r = run("He [MASK] late .\n", "Infill", "-tokenized", "true", "-precision", "FP16", "-steps", "1");
        assertEquals(0, r.code(), r.stderr());
        String[] t = r.lines().get(0).split(" ");
        assertEquals(4, t.length, r.out());
        assertFalse(r.out().contains("[MASK]"), r.out());
        assertTrue(run("", "Generate", "-help").out().contains("-precision fp32|fp16"));
    }

    /** Old Mac files: each line ends in a bare \r, and is filled and written back with its \r. */
    @Test
    void readsLinesEndedByABareCarriageReturn() {
        byte[] input = "The [MASK] of the committee .\rA [MASK] was late .\r".getBytes(StandardCharsets.UTF_8);
        Run r = run(input, "Infill", "-tokenized", "-steps", "4");
        assertEquals(0, r.code(), r.stderr());
        assertEquals(2, inputLines(r.stdout()), r.out());
        assertFalse(r.out().contains("\n"), r.out());
        String[] lines = r.out().split("\r", -1);
        assertEquals(3, lines.length, r.out());
        assertEquals("", lines[2], "the last line ends in its \r too");
        assertEquals(6, lines[0].split(" ").length, lines[0]);
        assertEquals(5, lines[1].split(" ").length, lines[1]);
        assertFalse(r.out().contains("[MASK]"), r.out());
        assertTrue(lines[0].startsWith("The ") && lines[1].endsWith(" was late ."), r.out());
    }

    @Test
    void keepsOneOutputLinePerInputLineOnAwkwardInput() {
        Random random = new Random(5);
        byte[] garbage = new byte[4000];
        random.nextBytes(garbage);
        StringBuilder longLine = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            longLine.append(i % 500 == 7 ? "[MASK] " : "word ");
        }
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes("\uFEFFfirst [MASK] line\r\n\n   \n".getBytes(StandardCharsets.UTF_8)); // a byte-order mark
        in.writeBytes(garbage);
        in.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {0, 0, 0, '\n', (byte) 0xC3, '\n'});
        in.writeBytes((longLine + "\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes("[MASK]\n[MASK] [MASK] [MASK]\nno newline at the end [MASK]".getBytes(StandardCharsets.UTF_8));
        byte[] input = in.toByteArray();

        for (String[] mode : List.of(new String[] {"-tokenized", "true"}, new String[] {"-tokenized", "false"})) {
            Run r = run(input, "Infill", mode[0], mode[1], "-steps", "4", "-batch", "8");
            assertEquals(CmdTool.FAILED, r.code(), "lines passed through unprocessed are counted: " + r.stderr());
            assertTrue(r.stderr().contains("passed through unprocessed: lines "), r.stderr());
            assertEquals(inputLines(input), inputLines(r.stdout()), Arrays.toString(mode) + "\n" + r.stderr());
            assertTrue(r.stderr().contains("not UTF-8 text; passed through unchanged"), r.stderr());
            assertFalse(r.stderr().contains("\tat "), r.stderr());
            List<String> lines = List.of(r.out().split("\n", -1));
            assertTrue(lines.get(0).startsWith("first ") && !lines.get(0).contains("[MASK]"), lines.get(0));
            assertEquals("", lines.get(1));
            assertEquals("   ", lines.get(2));
            String longOut = lines.stream().filter(l -> l.length() > 10_000).findFirst().orElseThrow();
            assertFalse(longOut.contains("[MASK]"), "every 64-token window filled");
            assertEquals(3000, longOut.split(" ").length);
        }
        Run empty = run(new byte[0], "Infill", "-steps", "4");
        assertEquals(0, empty.code(), empty.stderr());
        assertEquals(0, empty.stdout().length);
    }

    @Test
    void rewritesRawTextKeepingUposClasses() {
        String in = "The committee met on Monday in Boston. It approved 12 reports.\n"
                + "\n"
                + "Mary saw 3 dogs.\n";
        Run r = run(in, "Rewrite", "-keep", "PROPN,NUM", "-strength", "0.9", "-steps", "4", "-seed", "7");
        assertEquals(0, r.code(), r.stderr());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.out());
        String[] first = lines.get(0).split(" ");
        assertEquals(13, first.length, lines.get(0)); // 8 tokens, then 5: same length, sentences on one line
        assertEquals(List.of("Monday", "Boston", "12"), List.of(first[4], first[6], first[10]));
        assertEquals("", lines.get(1));
        String[] third = lines.get(2).split(" ");
        assertEquals(5, third.length, lines.get(2));
        assertEquals(List.of("Mary", "3"), List.of(third[0], third[2]));
        assertTrue(r.stderr().contains("Total: 3 line"), "PerformanceMonitor on stderr: " + r.stderr());
        assertEquals(r.out(), run(in, "Rewrite", "-keep", "PROPN,NUM", "-strength", "0.9", "-steps", "4", "-seed", "7")
                .out(), "same seed, same output");

        Run detok = run(in, "Rewrite", "-keep", "PROPN,PUNCT", "-steps", "4", "-detokenize");
        assertEquals(0, detok.code(), detok.stderr());
        assertEquals(3, detok.lines().size());
        assertTrue(detok.lines().get(2).startsWith("Mary ") && detok.lines().get(2).endsWith("."), detok.out());
    }

    @Test
    void rewritesTokenizedInputKeepingIndexesOfTheLine() {
        String in = "He went to the market yesterday .\nshort line\nThe report was late .\n";
        Run r = run(in, "Rewrite", "-tokenized", "-keep", "0,4", "-strength", "1", "-steps", "4", "-batch", "2");
        assertEquals(CmdTool.FAILED, r.code(), "line 2 is counted: " + r.stderr());
        assertTrue(r.stderr().endsWith("1 of 3 lines passed through unprocessed: line 2; see the messages above"
                + System.lineSeparator()), r.stderr());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.out());
        String[] t = lines.get(0).split(" ");
        assertEquals(7, t.length, lines.get(0));
        assertEquals(List.of("He", "market"), List.of(t[0], t[4]));
        assertEquals("short line", lines.get(1), "fewer tokens than a keep index: passed through");
        assertTrue(r.stderr().contains("line 2: -keep index 4 is out of range: the line has 2 tokens (indexes 0-1);"
                + " passed through unchanged"), r.stderr());
        String[] third = lines.get(2).split(" ");
        assertEquals(5, third.length);
        assertEquals(List.of("The", "."), List.of(third[0], third[4]));
        assertEquals(r.out(), run(in, "Rewrite", "-tokenized", "-keep", "0,4", "-strength", "1", "-steps", "4",
                "-batch", "5").out(), "sentence k uses seed + k whatever the batch size");
    }

    @Test
    void rewriteKeepsOneOutputLinePerInputLineOnAwkwardInput() {
        Random random = new Random(9);
        byte[] garbage = new byte[3000];
        random.nextBytes(garbage);
        StringBuilder longLine = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            longLine.append("word ");
        }
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes("first line here\r\n\n   \n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(garbage);
        in.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {0, 0, 0, '\n', (byte) 0xC3, '\n'});
        in.writeBytes((longLine + "\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes("x\n. . .\nno newline at the end".getBytes(StandardCharsets.UTF_8));
        byte[] input = in.toByteArray();

        for (String[] mode : List.of(new String[] {"-tokenized", "true"}, new String[] {"-tokenized", "false"})) {
            Run r = run(input, "Rewrite", mode[0], mode[1], "-keep", "NOUN,1", "-steps", "4", "-batch", "8");
            assertEquals(CmdTool.FAILED, r.code(), "lines passed through unprocessed are counted: " + r.stderr());
            assertTrue(r.stderr().contains("passed through unprocessed: lines "), r.stderr());
            assertEquals(inputLines(input), inputLines(r.stdout()), Arrays.toString(mode) + "\n" + r.stderr());
            assertTrue(r.stderr().contains("not UTF-8 text; passed through unchanged"), r.stderr());
            assertFalse(r.stderr().contains("\tat "), r.stderr());
            List<String> lines = List.of(r.out().split("\n", -1));
            assertEquals("", lines.get(1));
            assertEquals("   ", lines.get(2));
            assertTrue(lines.contains("x"), "one token, keep index 1: passed through");
            String longOut = lines.get(lines.indexOf("x") - 1); // the line before "x" (the garbage may hold newlines)
            assertEquals(200, longOut.split(" ").length, "every 64-token window rewritten, length kept: " + longOut);
        }
        Run empty = run(new byte[0], "Rewrite", "-steps", "4");
        assertEquals(0, empty.code(), empty.stderr());
        assertEquals(0, empty.stdout().length);
    }

    @Test
    void generatesCountLines() {
        Run r = run("ignored\n", "Generate", "-count", "5", "-length", "8", "-steps", "4", "-batch", "2");
        assertEquals(0, r.code(), r.stderr());
        assertEquals(5, r.lines().size(), r.out());
        for (String line : r.lines()) {
            assertEquals(8, line.split(" ").length, line);
        }
        assertTrue(r.stderr().contains("Total: 5 sent"), r.stderr());
        Run batched = run("", "Generate", "-count", "5", "-length", "8", "-steps", "4", "-batch", "5");
        assertEquals(r.out(), batched.out(), "sentence i uses sentenceSeed(i) whatever the batch size");
        Run sharp = run("", "Generate", "-count", "5", "-length", "8", "-steps", "4", "-batch", "2",
                "-x0Temperature", "0.5");
        assertEquals(0, sharp.code(), sharp.stderr());
        assertEquals(5, sharp.lines().size(), sharp.out());
        assertNotEquals(r.out(), sharp.out(), "the same seeds with sharper estimates");
        Run fused = run("", "Generate", "-count", "5", "-length", "8", "-steps", "4", "-batch", "2",
                "-ngramWeight", "2");
        assertEquals(0, fused.code(), fused.stderr());
        assertEquals(5, fused.lines().size(), fused.out());
        assertNotEquals(r.out(), fused.out(), "the same seeds with a trigram beside the network");
        Run detok = run("", "Generate", "-count", "2", "-steps", "4", "-detokenize", "-seed", "3");
        assertEquals(0, detok.code(), detok.stderr());
        assertEquals(2, detok.lines().size());
        Run none = run("", "Generate", "-count", "0");
        assertEquals(0, none.code(), none.stderr());
        assertEquals(0, none.stdout().length);
    }

    @Test
    void generateNamesCountAndLengthAsTheUserTypedThem() {
        Run count = run("", "Generate", "-count", "-1");
        assertTrue(count.stderr().startsWith("-count must be >= 0, got -1"), count.stderr());
        Run missing = run("", "Generate", "-model", "~/no-such-models/brown", "-count", "1");
        assertTrue(missing.stderr().contains("model " + java.nio.file.Path.of("~/no-such-models/brown").toAbsolutePath()
                + " does not exist") && missing.stderr().contains("Java does not expand ~"), missing.stderr());
        Run unpackaged = run("", "Package", "-model", "no-such-models/brown", "-out", "no-such-models/brown.bin");
        assertTrue(unpackaged.stderr().startsWith("-model no-such-models/brown: not a model directory ("
                + java.nio.file.Path.of("no-such-models/brown").toAbsolutePath() + " does not exist)"),
                unpackaged.stderr());
        Run negative = run("", "Generate", "-length", "-2");
        assertTrue(negative.stderr().startsWith("-length must be >= 0 (0 = a free length), got -2"),
                negative.stderr());
        Run tooLong = run("", "Generate", "-length", "65", "-count", "1");
        assertTrue(tooLong.stderr().startsWith("-length 65 is longer than the model's 64 positions; allowed: 0 (a free"
                + " length) to 64"), tooLong.stderr());
    }

    @Test
    void rewritesToAPosTemplateAndASentimentKeepingTokensAndLines() {
        String in = "The committee met on Monday in Boston .\n"
                + "\n"
                + "Mary saw 3 dogs .\n"
                + "He went to the market yesterday , he said .\n";
        String template = "PROPN VERB DET ADJ NOUN PUNCT";
        String[] args = {"Rewrite", "-tokenized", "-posTemplate", template, "-sentiment", "positive", "-keep", "0",
            "-strength", "0.9", "-steps", "4", "-seed", "5", "-batch", "2"};
        Run r = run(in, args);
        assertEquals(0, r.code(), r.stderr());
        List<String> lines = r.lines();
        assertEquals(4, lines.size(), r.out());
        assertEquals("", lines.get(1));
        for (int i : new int[] {0, 2, 3}) {
            String[] t = lines.get(i).split(" ");
            assertEquals(6, t.length, "the template's length: " + lines.get(i));
            assertEquals(in.split("\n")[i].split(" ")[0], t[0], "kept token 0 verbatim: " + lines.get(i));
        }
        assertEquals(r.out(), run(in, args).out(), "same seed, same output");

        // a kept token outside the template: that line passes through with a message, the others are rewritten
        Run outside = run(in, "Rewrite", "-tokenized", "-posTemplate", "PROPN VERB NOUN PUNCT", "-keep", "PROPN",
                "-steps", "4");
        assertEquals(CmdTool.FAILED, outside.code(), "the line passed through is counted: " + outside.stderr());
        assertEquals(4, outside.lines().size(), outside.out());
        assertEquals("The committee met on Monday in Boston .", outside.lines().get(0));
        assertTrue(outside.stderr().contains("line 1: token 4 ('Monday') is kept but the POS template has only 4 tags"),
                outside.stderr());
        assertEquals(4, outside.lines().get(2).split(" ").length, outside.out());
        assertTrue(outside.lines().get(2).startsWith("Mary "), outside.out());
        assertEquals(4, outside.lines().get(3).split(" ").length, outside.out());
    }

    @Test
    void rewritesRawTextToEachSentencesOwnTags() {
        String in = "The committee met on Monday in Boston. It approved 12 reports.\nMary saw 3 dogs.\n";
        String[] args = {"Rewrite", "-posTemplate", "keep", "-sentiment", "negative", "-guidance", "2", "-keep",
            "PROPN", "-strength", "1", "-steps", "4", "-seed", "3"};
        Run r = run(in, args);
        assertEquals(0, r.code(), r.stderr());
        List<String> lines = r.lines();
        assertEquals(2, lines.size(), r.out());
        String[] first = lines.get(0).split(" ");
        assertEquals(13, first.length, lines.get(0)); // 8 + 5 tokens: each sentence keeps its length
        assertEquals(List.of("Monday", "Boston"), List.of(first[4], first[6]));
        String[] second = lines.get(1).split(" ");
        assertEquals(5, second.length, lines.get(1));
        assertEquals("Mary", second[0]);
        assertEquals(r.out(), run(in, args).out(), "same seed, same output");
    }

    /**
     * A -posTemplate longer than the model is what core's rewrite takes for a sentence of its own length, rewritten
     * window by window: a line of that length is rewritten to it, and a line of another length passes through with
     * core's words, as a line whose kept token lies outside the template does. Rewrite refused it before any line.
     */
    @Test
    void aTemplateLongerThanTheModelRewritesALineOfItsLengthAndPassesAnotherThrough() {
        String tags65 = String.join(" ", java.util.Collections.nCopies(65, "NOUN"));
        String longLine = String.join(" ", java.util.Collections.nCopies(65, "report"));
        Run r = run(longLine + "\na b\n", "Rewrite", "-tokenized", "-posTemplate", tags65, "-steps", "1");
        assertEquals(CmdTool.FAILED, r.code(), r.stderr());
        assertEquals(2, r.lines().size(), r.out());
        assertEquals(65, r.lines().get(0).split(" ").length, r.out());
        assertEquals("a b", r.lines().get(1));
        assertTrue(r.stderr().contains("line 2: the POS template has 65 tags, more than the model's 64 positions, and"
                + " the sentence has 2 tokens; a template longer than the model is taken only for a sentence of its own"
                + " length, rewritten window by window; passed through unchanged"), r.stderr());
        assertFalse(r.stderr().contains("line 1:"), r.stderr());
    }

    /**
     * A kept token outside the template on a line of several sentences is named by its index along the line, as
     * -keep counts it, and by its index in its sentence, which the template's indexes count: the message named the
     * second alone ("sentence 2: token 2"), which -keep 2 would not have kept.
     */
    @Test
    void aKeptTokenOutsideTheTemplateIsNamedAsKeepCountsIt() {
        String in = "The cat sat. The dog barked loudly.\n";
        Run r = run(in, "Rewrite", "-keep", "6", "-posTemplate", "DET NOUN", "-steps", "1");
        assertEquals(CmdTool.FAILED, r.code(), r.stderr());
        assertEquals(List.of("The cat sat. The dog barked loudly."), r.lines());
        assertTrue(r.stderr().contains("line 1: token 6 ('barked'; token 2 of sentence 2) is kept but the POS template"
                + " has only 2 tags (indexes 0-1); a kept token keeps its position; passed through unchanged"),
                r.stderr());
        // a line of one sentence counts alike both ways, and is named as before
        Run one = run("The dog barked loudly.\n", "Rewrite", "-keep", "2", "-posTemplate", "DET NOUN", "-steps", "1");
        assertTrue(one.stderr().contains("line 1: token 2 ('barked') is kept but the POS template has only 2 tags"),
                one.stderr());
    }

    /**
     * A contraction ("can't", tagged AUX+PART by the POS model) is tagged AUX: -posTemplate keep rewrites its line
     * (it failed the whole batch, every line written unchanged) and -keep AUX keeps it.
     */
    @Test
    void rewritesContractionsToTheirOwnTagsAndKeepsThemAsAux() {
        String in = "The report was late .\nWe can't stay .\nI don't think so , she said .\n";
        Run r = run(in, "Rewrite", "-posTemplate", "keep", "-keep", "AUX", "-strength", "1", "-steps", "4");
        assertEquals(0, r.code(), r.stderr());
        assertFalse(r.stderr().contains("failed"), r.stderr());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.out());
        assertEquals("can't", lines.get(1).split(" ")[1], r.out());
        assertEquals("don't", lines.get(2).split(" ")[1], r.out());
        assertEquals(8, lines.get(2).split(" ").length, r.out());
    }

    /** -unguidedLength reaches the sampler: at guidance 3 toward positive, other sentences than without it. */
    @Test
    void generatesWithTheLengthUnguided() {
        String[] args = {"Generate", "-count", "4", "-sentiment", "positive", "-guidance", "3", "-steps", "8", "-seed",
            "1", "-batch", "4"};
        Run guided = run("", args);
        String[] unguidedArgs = Arrays.copyOf(args, args.length + 2);
        unguidedArgs[args.length] = "-unguidedLength";
        unguidedArgs[args.length + 1] = "true";
        Run unguided = run("", unguidedArgs);
        assertEquals(0, guided.code(), guided.stderr());
        assertEquals(0, unguided.code(), unguided.stderr());
        assertEquals(4, unguided.lines().size(), unguided.out());
        assertNotEquals(guided.out(), unguided.out());
        unguidedArgs[args.length + 1] = "false";
        assertEquals(guided.out(), run("", unguidedArgs).out(), "false is the default");
    }

    @Test
    void generatesToAPosTemplateAndASentiment() {
        String[] args = {"Generate", "-count", "3", "-posTemplate", "DET ADJ NOUN VERB ADV PUNCT", "-sentiment",
            "positive", "-guidance", "1.5", "-steps", "4", "-seed", "2", "-batch", "2"};
        Run r = run("", args);
        assertEquals(0, r.code(), r.stderr());
        assertEquals(3, r.lines().size(), r.out());
        for (String line : r.lines()) {
            assertEquals(6, line.split(" ").length, line);
        }
        assertEquals(r.out(), run("", args).out(), "same seed, same output");
        Run agreeing = run("", "Generate", "-count", "1", "-posTemplate", "DET,NOUN,VERB", "-length", "3", "-steps", "4");
        assertEquals(0, agreeing.code(), agreeing.stderr());
        assertEquals(3, agreeing.lines().get(0).split(" ").length, agreeing.out());
    }
}
