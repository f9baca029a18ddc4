package io.github.diffusionnlp.evaluation;

import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.InputFiles;
import io.github.diffusionnlp.evaluation.SteeringEvaluation.Probe;
import io.github.diffusionnlp.evaluation.SteeringEvaluation.Result;
import io.github.diffusionnlp.evaluation.SteeringEvaluation.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steering}: plug-and-play steering read by the model's own sentiment posterior and by AFINN-165. */
@Command(name = "steering", mixinStandardHelpOptions = true,
        description = "Measures plug-and-play steering as docs/constraints.md and docs/library.md report it:"
                + " N sentences of a fixed length generated unguided, with the sentiment condition toward positive,"
                + " steered by the"
                + " LexiconSentimentScorer toward positive and negative at each --weights, and by a"
                + " NoisySentimentClassifier probe trained for the run (unless --no-probe); each row read by the"
                + " model's own sentimentPosterior and counted by the AFINN-165 labeller. Prints a Markdown table and"
                + " writes NAME.md, NAME.json and NAME-samples.tsv into --out.")
final class SteeringCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: the shipped model)")
    Path model;

    @Option(names = "--n", paramLabel = "N",
            defaultValue = "64", description = "sentences per row (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--length", paramLabel = "N",
            defaultValue = "10", description = "tokens per sentence (default: ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--steps", paramLabel = "N",
            defaultValue = "16", description = "sampling steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "200",
            description = "seed; sentence i of every row is sampled as sentence i of one call"
                    + " (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--posterior-seed", paramLabel = "N", defaultValue = "7",
            description = "the noise sentimentPosterior reads each sentence through (default: ${DEFAULT-VALUE})")
    long posteriorSeed;

    @Option(names = "--weights", split = ",", paramLabel = "W", defaultValue = "1",
            description = "LexiconSentimentScorer weights, >= 0; rows toward positive and negative at each (default:"
                    + " ${DEFAULT-VALUE}; 0 gives exactly the unguided sentences)")
    List<Double> weights;

    @Option(names = "--probe", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "include the NoisySentimentClassifier rows (training the probe takes a few minutes;"
                    + " default: ${DEFAULT-VALUE})")
    boolean probe;

    @Option(names = "--probe-weight", paramLabel = "W", defaultValue = "10",
            description = "the probe's steering weight (default: ${DEFAULT-VALUE})")
    double probeWeight;

    @Option(names = "--probe-sentences", paramLabel = "K", defaultValue = "2000",
            description = "the probe trains on the first K sentences of --probe-corpus, 0 for all (default:"
                    + " ${DEFAULT-VALUE})")
    int probeSentences;

    @Option(names = "--probe-steps", paramLabel = "N",
            defaultValue = "300", description = "the probe's training steps (default:"
            + " ${DEFAULT-VALUE})")
    int probeSteps;

    @Option(names = "--probe-seed", paramLabel = "N",
            defaultValue = "1", description = "the probe's training seed (default:"
            + " ${DEFAULT-VALUE})")
    long probeSeed;

    @Option(names = "--probe-corpus", paramLabel = "FILE",
            description = "the probe's training sentences, as TaggedCorpus reads them (default:"
                    + " test-data/brown/train.conllu.gz, found above the working directory)")
    Path probeCorpus;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "sentences sampled at once (default: ${DEFAULT-VALUE};"
            + " a steered step holds a (batch, positions, vocabulary) array, about 100 MB at 32)")
    int batch;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "evaluation/results",
            description = "where the report files go (default: ${DEFAULT-VALUE})")
    Path out;

    /**
     * The defaults are the run committed as steering-64, so a run without --name is refused beside it, as {@code
     * constraints}'s is beside its own: with a default of its own ("steering") it left files git did not know.
     */
    @Option(names = "--name", paramLabel = "NAME",
            defaultValue = "steering-64", description = "file name stem (default: ${DEFAULT-VALUE},"
            + " the committed run of these defaults: a run without --name is refused beside it unless --overwrite)")
    String name;

    @Option(names = "--overwrite", description = "replace the files of an earlier run of the same --name (without it"
            + " such a run is refused before it starts)")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    /** Options that say where the files go, not what is measured. */
    private static final Set<String> NOT_SETTINGS = Set.of("--name", "--overwrite", "--out", "--help", "--version");

    @Override
    public Integer call() throws Exception {
        refuseToReplaceTheCommittedRunWithOtherSettings();
        Probe p = probe ? new Probe(probeSentences, probeSteps, probeSeed, probeWeight) : null;
        // the options are checked before the default corpus is looked for: outside the repository a bad --weights was
        // reported as the corpus not found
        Settings settings = new Settings(n, length, steps, seed, posteriorSeed, weights, batch, p,
                p == null ? null : probeCorpus);
        if (p != null && probeCorpus == null) {
            settings = settings.withProbeCorpus(findAbove(Path.of("test-data", "brown", "train.conllu.gz"),
                    "--probe-corpus"));
        }
        Report.prepare(out, name, overwrite); // found only when writing, after the whole run
        if (settings.probe() != null) { // read only once the model has loaded: a missing file cost its seconds
            InputFiles.requireRegularFile(settings.probeCorpus(), "corpus file");
        }
        Result result;
        // no request batcher: one caller, whose calls would have no others to share a batch with
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model).optBatching(0, Duration.ZERO).build()) {
            result = new SteeringEvaluation(lm, settings, System.err).run();
        }
        System.out.println(SteeringReport.markdown(result));
        System.err.println("wrote " + SteeringReport.write(result, out, name));
        return 0;
    }

    /**
     * {@code --overwrite} without {@code --name} replaces steering-64, the committed run of the defaults: refused when
     * this run measures something else (it wrote {@code "n" : 2} over the committed table), naming what differs.
     */
    private void refuseToReplaceTheCommittedRunWithOtherSettings() {
        if (!overwrite || spec.commandLine().getParseResult().hasMatchedOption("--name")) {
            return;
        }
        CommandLine parsed = new CommandLine(new SteeringCommand());
        parsed.parseArgs();
        CommandSpec defaults = parsed.getCommandSpec();
        List<String> differ = spec.options().stream()
                .filter(o -> !NOT_SETTINGS.contains(o.longestName()))
                .filter(o -> o.longestName().equals("--model") ? !isTheDefaultModel(model)
                        : !Objects.equals(o.getValue(), defaults.findOption(o.longestName()).getValue()))
                .map(OptionSpec::longestName).toList();
        if (!differ.isEmpty()) {
            throw new IllegalArgumentException("--overwrite without --name would replace "
                    + name + ", the committed run of the default settings, with a run of other settings ("
                    + String.join(", ", differ) + "); give --name NAME for this run");
        }
    }

    /**
     * Whether {@code given} (null: none given) is the directory the default model is found at, as core's
     * {@link DefaultModel#locate()} finds it: {@code --model test-data/models/brown-cdcd} is the default, not
     * another setting. One that cannot be compared (the default not found) is another.
     */
    static boolean isTheDefaultModel(Path given) {
        if (given == null) {
            return true;
        }
        try {
            return sameDirectory(given, DefaultModel.locate());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b); // links and other spellings of one directory
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** {@code rel} in the working directory or the nearest directory above it. */
    static Path findAbove(Path rel, String option) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(rel))) {
                return dir.resolve(rel);
            }
        }
        throw new IllegalArgumentException("cannot find " + rel + " above " + Path.of("").toAbsolutePath()
                + "; give " + option + " FILE");
    }
}
