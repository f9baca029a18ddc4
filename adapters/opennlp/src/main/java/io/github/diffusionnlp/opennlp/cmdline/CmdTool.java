package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.cli.FileErrors;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.Listed;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Precision;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.Detokenizers;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import opennlp.tools.cmdline.ArgumentParser;
import opennlp.tools.cmdline.TerminateToolException;
import opennlp.tools.tokenize.Detokenizer;

/**
 * A command-line tool: its name, a one-line description, its annotated parameter interface (which
 * gives the usage text) and its run. Bad parameters end in a {@link TerminateToolException} with
 * code {@value #BAD_PARAMETERS} and the usage, as in OpenNLP.
 */
abstract class CmdTool<P> {
    static final int BAD_PARAMETERS = 1;
    static final int FAILED = 2;

    /**
     * What a parameter name looks like beside a value (which may be a negative number: -0.5); two dashes, core's
     * spelling, included, so that a name the tool has under neither is named as unrecognized too.
     */
    private static final Pattern PARAMETER_NAME = Pattern.compile("--?\\p{L}.*");

    /** The words that ask for a tool's usage among its parameters. */
    private static final Set<String> HELP = Set.of("-help", "--help", "-h");

    private final Class<P> params;

    CmdTool(Class<P> params) {
        this.params = params;
    }

    abstract String name();

    abstract String description();

    abstract void run(P params, InputStream in, PrintStream out, PrintStream err) throws IOException;

    /**
     * Parameters of the other tools that this one does not declare (they stay out of its usage) and refuses saying
     * why, by name: what the user carried over from another tool would otherwise be OpenNLP's bare "Unrecognized
     * parameters encountered". Empty unless a tool says otherwise.
     */
    Map<String, String> refused() {
        return Map.of();
    }

    /** Refuses a parameter of {@link #refused}, written with one dash or two, saying why. */
    private void refuseUndeclared(List<String> args) {
        Map<String, String> refused = refused();
        for (String a : args) {
            String reason = refused.get(a.startsWith("--") ? a.substring(1) : a);
            if (reason != null) {
                throw badParameter(reason);
            }
        }
    }

    /** The names of this tool's parameters, as typed ({@code -steps}). */
    private Set<String> parameterNames() {
        return Arrays.stream(params.getMethods()).map(CmdTool::parameterName).collect(Collectors.toSet());
    }

    /**
     * Where {@code -help} ({@code --help}, {@code -h}) stands among {@code args} as a parameter of its own, not as the
     * value of a parameter before it ({@code -model -help}), or -1: {@code Infill -steps 3 -help} asks for the usage
     * as {@code Infill -help -steps 3} does (it was OpenNLP's "Number of parameters must be always be even").
     */
    int helpIndex(List<String> args) {
        Set<String> valued = Arrays.stream(params.getMethods()).filter(m -> m.getReturnType() != Boolean.class)
                .map(CmdTool::parameterName).collect(Collectors.toSet());
        for (int i = 0; i < args.size(); i++) {
            if (HELP.contains(args.get(i)) && (i == 0 || !valued.contains(args.get(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    String help() {
        return description() + "\n\nUsage: java -jar diffusion-nlp-opennlp.jar " + name() + " "
                + ArgumentParser.createUsage(params);
    }

    /**
     * Whether the tool has a parameter it cannot run without ({@code Train}'s {@code -data}): given no parameters, it
     * then prints its usage, as OpenNLP's {@code opennlp POSTaggerTrainer} does, rather than an error for the first.
     */
    boolean needsParameters() {
        return ArgumentParser.validateArgumentsLoudly(new String[0], params) != null;
    }

    /**
     * The usage text for {@code -help} given with the parameters {@code others}; a parameter name among
     * them that this tool does not have is a bad parameter, as it is without {@code -help}, so that a
     * typo is not hidden behind the usage and exit code 0. Values are not checked: help was asked for.
     */
    String helpBeside(List<String> others) {
        refuseUndeclared(others);
        Set<String> known = parameterNames();
        refuseTwoDashes(others, known);
        List<String> unknown = others.stream().filter(a -> PARAMETER_NAME.matcher(a).matches() && !known.contains(a))
                .toList();
        if (!unknown.isEmpty()) {
            throw unrecognized(unknown);
        }
        return help();
    }

    final void run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        refuseUndeclared(Arrays.asList(args));
        String[] expanded = expandFlags(args);
        requireNamesWithValues(expanded);
        requireAsciiDigits(expanded);
        String error = ArgumentParser.validateArgumentsLoudly(expanded, params);
        if (error != null) {
            throw badParameter(withValuesShown(error, expanded));
        }
        P parsed;
        try {
            parsed = ArgumentParser.parse(expanded, params);
        } catch (TerminateToolException e) { // a value of the wrong type, e.g. -steps x
            throw badParameter(withValuesShown(e.getMessage().strip(), expanded));
        }
        run(parsed, in, out, err);
    }

    /**
     * OpenNLP's refusal {@code message} with each value of {@code args} in it quoted as {@link Visible#of} writes it:
     * OpenNLP quotes a value raw ("Invalid argument: -steps x\nValue must be an integer!"), and its own line break
     * is to stay, so the message cannot be quoted as a whole; a line break or ESC in the value forged a line.
     */
    static String withValuesShown(String message, String[] args) {
        String shown = message;
        for (String arg : args) {
            String visible = Visible.of(arg);
            if (!visible.equals(arg) && !arg.isEmpty()) {
                shown = shown.replace(arg, visible);
            }
        }
        return shown;
    }

    TerminateToolException badParameter(String message) {
        return new TerminateToolException(BAD_PARAMETERS, message + "\n\n" + help());
    }

    /** A value out of a {@link SamplingRange}, refused as {@link #badParameter} refuses the tool's other mistakes. */
    SamplingRange.Refusal outOfRange() {
        return (option, value, allowed) -> badParameter(SamplingRange.outOfRange(option, value, allowed));
    }

    /** Refuses a parameter of this tool ({@code known}) written with two dashes, as core's command line spells it. */
    private void refuseTwoDashes(List<String> args, Set<String> known) {
        for (String a : args) {
            if (a.startsWith("--") && known.contains(a.substring(1))) {
                throw badParameter(a + ": these tools' parameters take one dash, as OpenNLP's do: " + a.substring(1));
            }
        }
    }

    /**
     * Refuses, naming it, a parameter written with two dashes (core's {@code --steps}) or given no value: OpenNLP's
     * ArgumentParser names neither ("Number of parameters must be always be even", or the value alone as
     * unrecognized), and a name the tool does not have, with a value or without, as OpenNLP's "Unrecognized parameters
     * encountered" names it beside -help ({@code -bogus}: the odd count; {@code -bogus 3}: "[-bogus, 3]"). A value is
     * never taken for a name unless it is one of this tool's ({@code -count -1} is a value).
     */
    private void requireNamesWithValues(String[] args) {
        Set<String> known = parameterNames();
        refuseTwoDashes(Arrays.asList(args), known);
        // a name the tool does not have, with a value or not, named alone (OpenNLP: "[-bogus, 3]", or the odd count)
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            boolean valueFollows = i + 1 < args.length && !known.contains(args[i + 1])
                    && !(PARAMETER_NAME.matcher(args[i + 1]).matches() && !known.contains(args[i]));
            if (!known.contains(args[i]) && PARAMETER_NAME.matcher(args[i]).matches()) {
                unknown.add(args[i]);
            }
            if (valueFollows) {
                i++;
            }
        }
        if (!unknown.isEmpty()) {
            throw unrecognized(unknown);
        }
        for (int i = 0; i < args.length; i += 2) {
            if (known.contains(args[i]) && (i + 1 == args.length || known.contains(args[i + 1]))) {
                throw badParameter(args[i] + " is given no value");
            }
        }
    }

    /**
     * The refusal of parameter names this tool does not have: one that another of the tools takes ({@code Infill
     * -length 5}, Generate's) is named with the tools that take it, found in their parameter interfaces, a line each
     * ("-length is not a parameter of Infill; Generate takes it"); the rest, as OpenNLP names them, "Unrecognized
     * parameters encountered: [-bogus]". A name written with two dashes is looked up with one, and the tools are said
     * to take that one ({@code --length}: "Generate takes -length").
     */
    private TerminateToolException unrecognized(List<String> unknown) {
        List<String> lines = new ArrayList<>();
        List<String> nowhere = new ArrayList<>();
        for (String a : unknown) {
            String name = a.startsWith("--") ? a.substring(1) : a;
            List<String> takers = DiffusionNlpTool.tools().stream()
                    .filter(t -> !t.name().equals(name()) && t.parameterNames().contains(name)).map(CmdTool::name)
                    .toList();
            if (takers.isEmpty()) {
                nowhere.add(a);
            } else {
                lines.add(a + " is not a parameter of " + name() + "; " + Listed.of(takers)
                        + (takers.size() == 1 ? " takes " : " take ")
                        + (name.equals(a) ? "it" : name));
            }
        }
        if (!nowhere.isEmpty()) {
            lines.add("Unrecognized parameters encountered: " + nowhere);
        }
        return badParameter(String.join("\n", lines));
    }

    /**
     * Refuses a whole-number parameter ({@code -steps}, {@code -seed}...) written in digits other than ASCII's:
     * OpenNLP's ArgumentParser reads it by Integer.parseInt, which takes any script's digits ({@code -steps ٣},
     * {@code -seed ３} ran as 3), and no other front end reads them ({@link Numbers#parseInt}).
     */
    private void requireAsciiDigits(String[] args) {
        Set<String> whole = Arrays.stream(params.getMethods())
                .filter(m -> m.getReturnType() == Integer.class || m.getReturnType() == Long.class)
                .map(CmdTool::parameterName).collect(Collectors.toSet());
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (whole.contains(args[i]) && Numbers.hasOtherDigits(args[i + 1])) {
                throw badParameter(args[i] + " " + Visible.of(args[i + 1]) + " is not a whole number "
                        + Numbers.IN_ASCII_DIGITS);
            }
        }
    }

    /** A bare boolean parameter ({@code -tokenized} followed by another parameter or nothing) means true. */
    private String[] expandFlags(String[] args) {
        List<String> booleans = new ArrayList<>();
        for (var m : params.getMethods()) {
            if (m.getReturnType() == Boolean.class) {
                booleans.add(parameterName(m));
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            out.add(args[i]);
            if (booleans.contains(args[i])) {
                String next = i + 1 < args.length ? args[i + 1] : null;
                if (next != null && !next.startsWith("-") && !next.equalsIgnoreCase("true")
                        && !next.equalsIgnoreCase("false")) {
                    throw badParameter(args[i] + " takes true or false (or nothing, for true), got '"
                            + Visible.of(next) + "'");
                }
                if (next == null || !(next.equalsIgnoreCase("true") || next.equalsIgnoreCase("false"))) {
                    out.add("true");
                }
            }
        }
        return out.toArray(String[]::new);
    }

    /**
     * The parameter a getter of the parameter interface declares, as OpenNLP's ArgumentParser names it: getSteps,
     * -steps.
     */
    private static String parameterName(Method getter) {
        String n = getter.getName().substring(3);
        return "-" + Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    /** The file a parameter names, which must be a readable file. */
    Path readableFile(String parameter, String value) {
        Path file = Path.of(value);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw badParameter(parameter + " " + Visible.of(value) + ": not a readable file");
        }
        return file;
    }

    /** The charset a parameter names, as Java knows it. */
    Charset charset(String parameter, String value) {
        try {
            return Charset.forName(value);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw badParameter(parameter + " " + Visible.of(value)
                    + ": not a charset this Java knows (e.g. UTF-8, ISO-8859-1)");
        }
    }

    /**
     * The package file a parameter names: a file to write, in a directory that exists and where a file can be made, as
     * OpenNLP's trainers check their output ({@code CmdLineUtil.checkOutputFile}) before they train: a directory no
     * file can be made in was found only once the whole run had trained, and the run was lost. The check makes (and
     * removes) the temporary sibling the package is written through, which a permission bit would not tell for root or
     * a read-only mount. An output that exists and is no regular file (a FIFO, a device) is refused: the package would
     * replace it.
     */
    Path packageFile(String parameter, String value) {
        Path file = Path.of(value).toAbsolutePath();
        if (Files.isDirectory(file) || file.getParent() == null || !Files.isDirectory(file.getParent())) {
            throw badParameter(parameter + " " + Visible.of(value)
                    + ": give a file to write, in a directory that exists");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw badParameter(parameter + " " + Visible.of(value) + ": not a regular file, which the package would"
                    + " replace; give a file to write");
        }
        try {
            Files.delete(CheckpointFiles.createTemporarySibling(file));
        } catch (IOException e) {
            String why = message(e);
            if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
                why = why.replace(Visible.of(f.getFile()) + ": ", ""); // the probe's random name, not the user's
            }
            throw badParameter(parameter + " " + Visible.of(value) + ": cannot write a file in "
                    + Visible.of(file.getParent()) + " (" + why + ")");
        }
        return file;
    }

    /**
     * Refuses a package file that is {@code other}, a file the run reads ({@code what}): the package, written once
     * the run is done, would replace it.
     */
    void requireNotSame(String parameter, String value, Path file, Path other, String what) {
        try {
            if (Files.exists(file) && Files.isSameFile(file, other)) {
                throw badParameter(parameter + " " + Visible.of(value) + ": is " + what + ", which the package would"
                        + " replace; give " + (what.startsWith("the model directory") ? "a file outside it, or another"
                        + " name" : "another file to write"));
            }
        } catch (IOException e) {
            // unreadable: the run's own reading names it
        }
    }

    /**
     * Writes {@code model} as a package through a temporary sibling of a random name, so that the package appears
     * whole or not at all ({@link CheckpointFiles#writeAtomically}; a fixed {@code file.part}, as this once used, could
     * be a planted symbolic link that the package was written through).
     */
    static void writePackage(DiffusionModel model, Path file) throws IOException {
        CheckpointFiles.writeAtomically(file, model::serialize);
    }

    /**
     * {@code -detokenizer}'s dictionary, read now so that a bad one is named before the model loads (null: none
     * given); only with {@code -detokenize true}, as it would change nothing without.
     */
    Detokenizer detokenizerDictionary(Params.OutputParams p) {
        if (p.getDetokenizer() == null) {
            return null;
        }
        if (!p.getDetokenize()) {
            throw badParameter("-detokenizer " + Visible.of(p.getDetokenizer()) + ": only used with -detokenize true");
        }
        Path file = readableFile("-detokenizer", p.getDetokenizer());
        try {
            return Detokenizers.fromDictionary(file);
        } catch (IOException e) {
            throw badParameter("-detokenizer " + message(e));
        }
    }

    /**
     * The detokenizer of {@code -detokenize true} (null without it: tokens are written): {@code dictionary} when
     * {@code -detokenizer} gave one, else the module's English rules, refused for a model of another language.
     */
    Detokenizer detokenizer(Params.OutputParams p, Detokenizer dictionary, DiffusionModel model) {
        if (!p.getDetokenize()) {
            return null;
        }
        if (dictionary != null) {
            return dictionary;
        }
        if (!DiffusionModel.isEnglish(model.getLanguage())) {
            // worded here rather than passed on from Detokenizers.forModel, whose remedy is the library's method
            throw badParameter("-detokenize true: the built-in detokenizer rules are English, and this model's"
                    + " language is '" + model.getLanguage() + "', whose text they would join wrongly; give the"
                    + " language's OpenNLP detokenizer dictionary (DetokenizationDictionary XML) with -detokenizer"
                    + " FILE, or leave -detokenize out for whitespace-separated tokens");
        }
        return Detokenizers.forModel(model);
    }

    /** The sampling options of the parameters, over the model's defaults. */
    SamplingOptions sampling(Params.SamplingParams p, DiffusionModel model) {
        return apply(p, model.getFactory().defaultSamplingOptions().toBuilder()).build();
    }

    /** Checks the sampling parameters before a model is loaded (loading takes seconds). */
    void checkSampling(Params.SamplingParams p) {
        apply(p, SamplingOptions.builder()).build();
        checkNgram(p);
        bannedWords(p.getBannedWords());
    }

    /** Checks the n-gram fusion parameters before a model is loaded: the sampling tools' and Suggest's. */
    void checkNgram(Params.NgramParams p) {
        double weight = ngramWeight(p);
        if (p.getNgramCorpus() != null) {
            if (weight == 0) {
                throw badParameter("-ngramCorpus " + Visible.of(p.getNgramCorpus())
                        + ": only used with -ngramWeight above 0");
            }
            Path corpus = Path.of(p.getNgramCorpus());
            if (!Files.isRegularFile(corpus) || !Files.isReadable(corpus)) {
                throw badParameter("-ngramCorpus " + Visible.of(p.getNgramCorpus()) + ": not a readable file");
            }
        }
        ngramLayout(p);
        ngramMultiword(p);
        // As the command line's --layout without --ngram-corpus FILE: the model's own corpus is always read as the
        // model records it was, so a reading said for it would misread it (its CoNLL-U read as plain text).
        for (String[] reading : new String[][] {{"-ngramLayout", p.getNgramLayout()},
                {"-ngramMultiword", p.getNgramMultiword()}}) {
            if (reading[1] != null && (weight == 0 || p.getNgramCorpus() == null)) {
                throw badParameter(reading[0] + " " + Visible.of(reading[1]) + ": says how -ngramCorpus FILE is read,"
                        + " only used with it and -ngramWeight above 0 (the model's own corpus, fused by default, is"
                        + " read as the model records it was)");
            }
        }
    }

    /** -bannedWords, its file read now so that a bad one is named before the model loads (null: the default list). */
    private Path bannedWords(String value) {
        if (value == null) {
            return null;
        }
        Path file = Path.of(value);
        checked("-bannedWords", () -> DiffusionLM.readBannedWords(file));
        return file;
    }

    /** -ngramLayout, parsed as the command line's --layout (null: unsaid). */
    private CorpusLayout ngramLayout(Params.NgramParams p) {
        return p.getNgramLayout() == null ? null
                : checked("-ngramLayout", () -> CorpusLayout.parse(p.getNgramLayout()));
    }

    /** -ngramMultiword, parsed as the command line's --multiword (null: unsaid). */
    private MultiwordTokens ngramMultiword(Params.NgramParams p) {
        return p.getNgramMultiword() == null ? null
                : checked("-ngramMultiword", () -> MultiwordTokens.parse(p.getNgramMultiword()));
    }

    /** The parameters that are set, applied to {@code b}; a bad one is a usage error naming it as typed. */
    private SamplingOptions.Builder apply(Params.SamplingParams p, SamplingOptions.Builder b) {
        b.seed(seed(p.getSeed()));
        checked("-batch", () -> b.batchSize(p.getBatch()));
        if (p.getSteps() != null) {
            checked("-steps", () -> b.steps(p.getSteps()));
        }
        if (p.getTemperature() != null) {
            checked("-temperature", () -> b.temperature(number(p.getTemperature(),
                    "temperature must be " + SamplingRange.TEMPERATURE.allowed())));
        }
        if (p.getX0Temperature() != null) {
            checked("-x0Temperature", () -> b.x0Temperature(number(p.getX0Temperature(),
                    "x0 temperature must be " + SamplingRange.X0_TEMPERATURE.allowed())));
        }
        return applyNgram(p, b);
    }

    /** -seed, a long as core's {@code --seed} and CoreNLP's {@code diffusion.seed} take it. */
    private long seed(String value) {
        try {
            return Numbers.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw badParameter("-seed " + Visible.of(value) + " is not a whole number"
                    + (Numbers.hasOtherDigits(value) ? " " + Numbers.IN_ASCII_DIGITS : "")
                    + "; allowed: an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + " (a 64-bit seed)");
        }
    }

    /** -ngramWeight, when set, applied to {@code b}; a bad one is a usage error naming it as typed. */
    private SamplingOptions.Builder applyNgram(Params.NgramParams p, SamplingOptions.Builder b) {
        if (p.getNgramWeight() != null) {
            checked("-ngramWeight", () -> b.ngramWeight(number(p.getNgramWeight(),
                    "the n-gram weight must be " + SamplingRange.NGRAM_WEIGHT.allowed())));
        }
        return b;
    }

    /** The weight of -ngramWeight (0 when unset: off). */
    private double ngramWeight(Params.NgramParams p) {
        return applyNgram(p, SamplingOptions.builder()).build().ngramWeight();
    }

    /**
     * The model's default sampling options under {@code -ngramWeight}: all that a tool which samples nothing
     * ({@code Suggest}, whose words fusion ranks) reads of them.
     */
    SamplingOptions fusion(Params.NgramParams p, DiffusionModel model) {
        return applyNgram(p, model.getFactory().defaultSamplingOptions().toBuilder()).build();
    }

    /**
     * What {@code value} gives; an {@link IllegalArgumentException} it throws (a check of the API, which words it
     * its own way: "batch size") is a usage error starting with {@code parameter} as the user typed it.
     */
    <T> T checked(String parameter, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw badParameter(parameter + ": " + e.getMessage());
        }
    }

    /** {@code value} as a number; not one, an IllegalArgumentException saying {@code what}, got the value. */
    static double number(String value, String what) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ", got " + value);
        }
    }

    /**
     * The model of {@code -model} (the shipped one without it) on {@code -device} at {@code -precision}; with
     * {@code -ngramWeight}, its fusion corpus is found now, before any input is read.
     */
    DiffusionModel loadModel(Params.ModelParams p, Params.SamplingParams sampling) {
        return loadModel(p, sampling, sampling.getBannedWords());
    }

    /**
     * The model of {@code -model} on {@code -device} at {@code -precision}, banning the words of {@code bannedWords}
     * (null: the default list); with {@code -ngramWeight}, its fusion corpus is found and counted now, before any
     * input is read.
     */
    DiffusionModel loadModel(Params.ModelParams p, Params.NgramParams sampling, String bannedWords) {
        DiffusionModel model = loadModel(p, bannedWords, builder -> builder
                .optNgramCorpus(sampling.getNgramCorpus() == null ? null : Path.of(sampling.getNgramCorpus()))
                .optNgramCorpusReading(ngramLayout(sampling), ngramMultiword(sampling)));
        if (ngramWeight(sampling) > 0) {
            try {
                // counted now: a corpus that does not read as said would fail every batch, each line passed through
                model.getDiffusionLM().countNgrams();
            } catch (IllegalStateException e) {
                model.close();
                throw badParameter("-ngramWeight " + sampling.getNgramWeight() + " needs -ngramCorpus FILE: "
                        + e.getMessage());
            } catch (UncheckedIOException e) { // the corpus's data, not the parameters' form: no usage after it
                model.close();
                throw new TerminateToolException(FAILED, message(e), e);
            }
        }
        return model;
    }

    private DiffusionModel loadModel(Params.ModelParams p, String bannedWords,
            UnaryOperator<DiffusionModel.Builder> more) {
        ai.djl.Device device = checked("-device", () -> io.github.diffusionnlp.api.Devices.parse(p.getDevice()));
        Precision precision = checked("-precision", () -> Precision.parse(p.getPrecision()));
        try {
            return more.apply(DiffusionModel.builder()
                    .optModel(p.getModel() == null ? io.github.diffusionnlp.api.DefaultModel.locate()
                            : Path.of(p.getModel()))
                    .optDevice(device)
                    .optPrecision(precision)
                    .optBannedWords(bannedWords(bannedWords)))
                    .build();
        } catch (IOException | RuntimeException e) {
            String what = p.getModel() == null ? "the default model" : "model " + Visible.of(p.getModel());
            throw new TerminateToolException(FAILED, "cannot load " + what + ": " + message(e), e);
        }
    }

    /**
     * Warns when {@code -sentiment} asks a model whose training record says its sentiment condition means little (its
     * corpus, labelled by an English lexicon, is probably not English), as core's {@code --sentiment} does: a
     * warning, since the model still samples.
     */
    static void warnOfSentiment(ConstraintSpec constraints, DiffusionModel model, PrintStream err) {
        // taken from the model, which then does not log it again at the first call (DiffusionLM#takeSentimentCaveat)
        String caveat = constraints.getSentiment() == null ? null : model.getDiffusionLM().takeSentimentCaveat();
        if (caveat != null) {
            err.println("warning: -sentiment " + constraints.getSentiment() + " will mean little to this model: "
                    + caveat);
        }
    }

    /**
     * The constraints of {@code -sentiment}, {@code -posTemplate}, {@code -guidance} and {@code -candidates},
     * checked before a model is loaded.
     *
     * @param inputTemplate whether {@code -posTemplate keep} (the input's own tags) is allowed
     */
    ConstraintSpec constraints(Params.ConstraintParams p, String posTemplate, boolean inputTemplate) {
        return withCandidates(p, constraints(p, posTemplate, inputTemplate, true));
    }

    /**
     * The constraints of {@code -sentiment}, {@code -guidance}, {@code -lexical} and {@code -candidates}, for a tool
     * that takes no template ({@code Infill}), checked before a model is loaded.
     */
    ConstraintSpec constraintsWithoutTemplate(Params.ConstraintParams p) {
        return withCandidates(p, constraints(p, null, false, false));
    }

    /** {@code spec} with {@code -candidates}, checked: a whole number in range, above 1 only with a sentiment. */
    private ConstraintSpec withCandidates(Params.ConstraintParams p, ConstraintSpec spec) {
        String c = p.getCandidates();
        int k;
        try {
            k = Numbers.parseInt(c.trim());
        } catch (NumberFormatException e) {
            throw badParameter("-candidates " + c + " is not a whole number" + (Numbers.hasOtherDigits(c) ? " "
                    + Numbers.IN_ASCII_DIGITS : "") + "; allowed: " + SamplingRange.CANDIDATES.allowed());
        }
        SamplingRange.CANDIDATES.check(k, c, "-candidates", outOfRange());
        if (k > 1 && p.getSentiment() == null) {
            throw badParameter("-candidates " + c + " ranks candidates by sentiment; give -sentiment too");
        }
        return spec.withCandidates(k);
    }

    /**
     * The constraints of {@code -sentiment}, {@code -guidance} and {@code -lexical}, for a tool that takes no template
     * and no candidates ({@code Suggest}), checked before a model is loaded.
     */
    ConstraintSpec constraints(Params.SentimentParams p) {
        return constraints(p, null, false, false);
    }

    /** @param takesTemplate whether the tool has {@code -posTemplate}, which the messages then name */
    private ConstraintSpec constraints(Params.SentimentParams p, String posTemplate, boolean inputTemplate,
            boolean takesTemplate) {
        ConstraintSpec spec = ConstraintSpec.NONE;
        if (p.getSentiment() != null) {
            try {
                spec = spec.withSentiment(p.getSentiment());
            } catch (IllegalArgumentException e) {
                throw badParameter("-sentiment " + Visible.of(p.getSentiment()) + ": " + e.getMessage());
            }
        }
        if (posTemplate != null) {
            if (!inputTemplate && posTemplate.trim().equalsIgnoreCase(ConstraintSpec.INPUT_TEMPLATE)) {
                throw badParameter("-posTemplate " + Visible.of(posTemplate) + ": there is no input to take POS tags"
                        + " from; give the tags, e.g. \"DET ADJ NOUN VERB PUNCT\"");
            }
            try {
                spec = spec.parseTemplate(posTemplate);
            } catch (IllegalArgumentException e) {
                throw badParameter("-posTemplate \"" + Visible.of(posTemplate) + "\": " + e.getMessage());
            }
            if (!spec.usesInputTemplate() && spec.templateLength() == 0) {
                throw badParameter("-posTemplate is empty; give UPOS tags such as \"DET ADJ NOUN VERB PUNCT\""
                        + (inputTemplate ? " or keep" : ""));
            }
        }
        String g = p.getGuidance();
        double w = Constraints.DEFAULT_GUIDANCE;
        if (g != null) {
            try {
                w = Double.parseDouble(g.trim());
            } catch (NumberFormatException e) {
                throw badParameter("-guidance " + g + " is not a number; allowed: " + SamplingRange.GUIDANCE.allowed());
            }
            SamplingRange.GUIDANCE.check(w, g, "-guidance", outOfRange());
            // With nothing to push toward, a weight would change nothing; the user surely meant a constraint.
            if (p.getSentiment() == null && posTemplate == null) {
                throw badParameter("-guidance " + g + (takesTemplate
                        ? " pushes toward -sentiment and -posTemplate; give one of them too"
                        : " pushes toward -sentiment; give it too"));
            }
        }
        boolean lexical = Boolean.TRUE.equals(p.getLexical());
        if (lexical && p.getSentiment() == null && posTemplate == null) {
            throw badParameter(takesTemplate
                    ? "-lexical true holds the words of -sentiment and -posTemplate to the lexicons; give one of them"
                            + " too"
                    : "-lexical true holds the words to -sentiment's lexicon (negations and AFINN-165 words rated"
                            + " against it are banned); give -sentiment too");
        }
        return spec.withGuidance(w).withLexical(lexical);
    }

    static String message(Throwable e) {
        if (e instanceof java.nio.file.InvalidPathException p) { // Java's reason, and under LANG=C the way out
            return Visible.inMessage(FileErrors.describe(p));
        }
        if (e instanceof java.nio.file.FileSystemException f) { // its message is the path alone: "error: /tmp/x"
            return Visible.inMessage(FileErrors.describe(f));
        }
        StringBuilder sb = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        Throwable above = e;
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); above = c, c = c.getCause()) {
            if (above instanceof InvalidModelException) {
                break; // it names the file and what is wrong with it, the reader's reason included (as core's CLI)
            }
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        // a file-system error's kind, and where a setting moves it; a quoted path or token's ESC shown, not run
        return Visible.inMessage(FileErrors.withCause(sb.toString(), e));
    }
}
