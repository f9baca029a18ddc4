package io.github.diffusionnlp.evaluation;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.cli.CorpusReading;
import io.github.diffusionnlp.corpus.InputFiles;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.evaluation.ConstraintsEvaluation.Result;
import io.github.diffusionnlp.evaluation.ConstraintsEvaluation.Settings;
import io.github.diffusionnlp.evaluation.ConstraintsEvaluation.Task;
import io.github.diffusionnlp.model.Sentiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code constraints}: POS-template, sentiment and length control, judged by OpenNLP and CoreNLP. */
@Command(name = "constraints", mixinStandardHelpOptions = true,
        description = "Measures the constraints of issue 3 with judges that never saw the model's data: POS"
                + " templates (OpenNLP's UD tagger: tag accuracy), sentiment in rewrites and in generation (CoreNLP's"
                + " sentiment model: success rate, content words kept) and length (exact-length rate), each beside an"
                + " unconditioned baseline, held-out text, repetition rate and unigram entropy. Prints a Markdown table"
                + " and writes NAME.md, NAME.json and NAME-samples.tsv into --out.")
final class ConstraintsCommand implements Callable<Integer> {
    static final int QUICK_N = 8;
    static final int QUICK_STEPS = 8;

    @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: the shipped model)")
    Path model;

    @Option(names = "--n", paramLabel = "N", description = "sentences per row (default: 200; --quick: " + QUICK_N + ")")
    Integer n;

    @Option(names = "--steps", paramLabel = "N",
            description = "sampling steps (default: 32; --quick: " + QUICK_STEPS + ")")
    Integer steps;

    @Option(names = "--quick", description = "small N and few steps: a check that runs in a few minutes")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "seed; sentence i uses seed i + seed × 0x94d049bb133111eb, so seed 0's are 0, 1, 2, ... and"
                    + " other seeds share none of them (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--guidance", split = ",", paramLabel = "W", defaultValue = "1,3",
            description = "classifier-free guidance weights; POS and sentiment rows at each"
                    + " (default: ${DEFAULT-VALUE})")
    List<Double> guidances;

    @Option(names = "--candidates", split = ",", paramLabel = "K", defaultValue = "1",
            description = "best-of-K counts: each sentiment row is sampled K times per sentence and the candidate"
                    + " the AFINN lexicon (not the judge) rates furthest toward the label is judged; rows at each"
                    + " (default: ${DEFAULT-VALUE})")
    List<Integer> candidates;

    @Option(names = "--strength", paramLabel = "S", defaultValue = "0.7",
            description = "rewrite strength in (0, 1] (default: ${DEFAULT-VALUE})")
    double strength;

    @Option(names = "--keep", split = ",", paramLabel = "UPOS",
            description = "UPOS classes a rewrite keeps verbatim, e.g. NOUN,PROPN (default: none)")
    List<String> keep = List.of();

    @Option(names = "--tasks", paramLabel = "TASK", split = ",", defaultValue = "pos,sentiment,length",
            description = "which of pos, sentiment (= rewrite and generate), rewrite, generate, length, labeller"
                    + " (the training data's labeller against the judge on held-out text, each label's ceiling; no"
                    + " sampling) (default: ${DEFAULT-VALUE})")
    List<String> tasks;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL", defaultValue = "negative,neutral,positive",
            description = "sentiment labels measured: generation rows for each, rewrite rows toward positive and"
                    + " negative when named (default: ${DEFAULT-VALUE})")
    List<String> labels;

    @Option(names = "--lexical", description = "constrained rows also use lexical constraints (a template slot"
            + " takes words mostly tagged so in training; a sentiment bans negations and AFINN words against it)")
    boolean lexical;

    @Option(names = "--heldout-lengths", description = "generation rows take the lengths of their held-out reference"
            + " sentences (default: a free length, as --draw-length says; short outputs are judged neutral more"
            + " often)")
    boolean heldoutLengths;

    @Option(names = "--draw-length", negatable = true, description = "free-length generation rows draw each"
            + " sentence's length from the model's training rows' lengths before sampling it; --no-draw-length lets"
            + " the model choose (it writes too long and too even sentences; how the README's table was first"
            + " measured). Default: drawn, unless --unguided-length or the model records no row lengths")
    Boolean drawLength; // null: the library's default

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "sentences sampled at once (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1",
            description = "starting-noise scale in [0, 1] (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--x0-temperature", paramLabel = "TAU", defaultValue = "1",
            description = "softmax temperature of each step's estimate of the clean words, >= 0 (default:"
                    + " ${DEFAULT-VALUE}, the model's own; lower reads more fluently and varies less)")
    double x0Temperature;

    @Option(names = "--ngram-weight", paramLabel = "W", defaultValue = "0",
            description = "n-gram fusion with a trigram counted from the model's training corpus, >= 0 (default:"
                    + " ${DEFAULT-VALUE}, off)")
    double ngramWeight;

    @Option(names = "--unguided-length",
            description = "guidance leaves the length alone: [PAD], which ends a free-length sentence, keeps the"
                    + " conditioned pass's probability, and the words alone are guided, so the model chooses each"
                    + " length (none is drawn) (default: guided too, as the README's table was measured)")
    boolean unguidedLength;

    @Option(names = "--min-length", paramLabel = "N", defaultValue = "4",
            description = "shortest held-out sentence used (default: ${DEFAULT-VALUE})")
    int minLength;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "40",
            description = "longest held-out sentence used (default: ${DEFAULT-VALUE})")
    int maxLength;

    @Option(names = "--heldout", paramLabel = "FILE",
            description = "held-out sentences, in any layout train reads (default: test-data/brown/heldout.conllu.gz,"
                    + " found above the working directory; see --layout)")
    Path heldout;

    @Mixin
    CorpusReading reading; // --layout and --multiword, for --heldout

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "evaluation/results",
            description = "where the report files go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", paramLabel = "NAME",
            description = "file name stem (default: constraints, or constraints-quick with --quick)")
    String name;

    @Option(names = "--overwrite", description = "replace the files of an earlier run of the same --name (without it"
            + " such a run is refused before it starts; --quick's own constraints-quick files are always replaced)")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        Set<Sentiment> chosenLabels = parseLabels();
        EnumSet<Task> chosen = parseTasks(chosenLabels);
        String stem = name != null ? name : quick ? "constraints-quick" : "constraints";
        Settings settings = new Settings(n != null ? n : quick ? QUICK_N : 200,
                steps != null ? steps : quick ? QUICK_STEPS : 32, seed, batch, temperature, x0Temperature,
                ngramWeight, guidances,
                candidates,
                strength, parseKeep(), minLength, maxLength, quick,
                heldout != null ? heldout : findHeldout(), reading.layout(), reading.multiword(), chosen, chosenLabels,
                lexical, heldoutLengths, !unguidedLength, drawLength);
        // an hour's run must not end by replacing an earlier one's results, nor be refused only then
        Report.prepare(out, stem, overwrite || (quick && name == null));
        InputFiles.requireRegularFile(settings.heldout(), "corpus file"); // read once the model has loaded
        Result result;
        // the model first: a --model that is not one is refused in a second, not after CoreNLP's loading
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model)
                .optBatching(batch, Duration.ofMillis(100)).build()) {
            // the checks that need the model and the held-out file, before the judges' half minute of loading
            List<TaggedSentence> pool = ConstraintsEvaluation.heldoutPool(lm, settings, System.err);
            System.err.println("loading the judges (OpenNLP POS, CoreNLP parse + sentiment) ...");
            PosJudge pos = new PosJudge();
            SentimentJudge sentiment = new SentimentJudge();
            result = new ConstraintsEvaluation(lm, pos, sentiment, settings, System.err).run(pool);
        }
        String markdown = Report.markdown(result);
        System.out.println(markdown);
        List<Path> written = Report.write(result, out, stem);
        System.err.println("wrote " + written);
        return 0;
    }

    /**
     * The tasks asked for; {@code sentiment} stands for rewrites (when a label they are measured toward,
     * positive or negative, is chosen) and generation.
     */
    private EnumSet<Task> parseTasks(Set<Sentiment> chosenLabels) {
        EnumSet<Task> chosen = EnumSet.noneOf(Task.class);
        for (String t : tasks) {
            String task = t.trim().toUpperCase(Locale.ROOT);
            if (task.equals("SENTIMENT")) {
                chosen.add(Task.GENERATE);
                if (chosenLabels.contains(Sentiment.POSITIVE) || chosenLabels.contains(Sentiment.NEGATIVE)) {
                    chosen.add(Task.REWRITE);
                }
                continue;
            }
            try {
                chosen.add(Task.valueOf(task));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tasks: unknown task '" + t + "'; allowed: pos, sentiment,"
                        + " rewrite, generate, length, labeller");
            }
        }
        return chosen;
    }

    private Set<Upos> parseKeep() {
        try {
            return keep.stream().map(Upos::parse).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--keep: " + e.getMessage(), e);
        }
    }

    private Set<Sentiment> parseLabels() {
        Set<Sentiment> parsed = EnumSet.noneOf(Sentiment.class);
        for (String label : labels) {
            try {
                parsed.add(Sentiment.parse(label.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--labels: " + e.getMessage(), e);
            }
        }
        return parsed;
    }

    /** test-data/brown/heldout.conllu.gz in the working directory or the nearest directory above it. */
    static Path findHeldout() {
        Path rel = Path.of("test-data", "brown", "heldout.conllu.gz");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(rel))) {
                return dir.resolve(rel);
            }
        }
        throw new IllegalArgumentException("cannot find " + rel + " above " + Path.of("").toAbsolutePath()
                + "; give --heldout FILE");
    }
}
