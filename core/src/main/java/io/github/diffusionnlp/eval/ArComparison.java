package io.github.diffusionnlp.eval;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.github.diffusionnlp.api.AutoregressiveLM;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.OptionErrors;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.ar.ArConfig;
import io.github.diffusionnlp.ar.ArSampler;
import io.github.diffusionnlp.bench.SpeedBenchmark;
import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.train.TrainingCharts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * Diffusion against autoregression, measured in one run: the quality of free generation (NLL of the
 * samples under the autoregressive model, next to that of held-out sentences; unigram entropy and
 * repetition as collapse checks) and of span infilling, against the number of diffusion steps; and
 * the time both take to write 64-token sequences, with the break-even step count.
 *
 * <p>Generated samples are kept in {@code out/samples/} and read back when the same run is started
 * again, so an interrupted run resumes where it stopped.
 */
public final class ArComparison {
    private static final int SPEED_LENGTH = 64;
    /** Timed autoregressive calls per figure at batch 1, whose median is reported (one at larger batches). */
    static final int AR_SINGLE_SEQUENCE_RUNS = 3;
    /** The system name of the diffusion row sampled at its tuned x̂₀ temperature. */
    static final String TUNED_DIFFUSION = "diffusion (tuned)";
    /** The system name of the diffusion rows at the x̂₀ temperatures asked for ({@link Settings#x0Sweep}). */
    static final String X0_SWEEP = "diffusion (x̂₀ T)";
    /**
     * The system name of the diffusion rows with n-gram fusion at the weights asked for ({@link Settings#ngramSweep}).
     */
    static final String NGRAM_SWEEP = "diffusion (n-gram w)";
    /**
     * The system name of the diffusion row whose sentences' lengths were drawn from the model's training rows
     * ({@link Settings#drawLength}), at the step count of the x̂₀ rows.
     */
    static final String DRAWN_LENGTHS = "diffusion (drawn lengths)";
    /** The most steps the x̂₀ temperature is tuned at: every candidate samples the whole set again. */
    private static final int MAX_X0_TUNING_STEPS = 32;
    /** Temperatures are tuned on the seeds this far from the reported ones. */
    private static final long TUNING_SEED_OFFSET = 1_000_000;

    /** What to measure and how much. */
    public record Settings(String mode, int samples, int[] stepCounts, int infillSentences, int[] speedSteps,
            int[] speedBatches, double[] temperatures, long seed, double[] x0Sweep, double[] ngramSweep,
            boolean drawLength) {
        /** Checked here, in compare-ar's option names, before either model is loaded (a run takes minutes to hours). */
        public Settings {
            if (samples < 1) {
                throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
            }
            if (infillSentences < 1) {
                throw new IllegalArgumentException("--infill-sentences must be at least 1, got " + infillSentences);
            }
            if (stepCounts.length == 0) {
                throw new IllegalArgumentException("--step-counts: give at least one step count");
            }
            for (int steps : stepCounts) {
                OptionErrors.checked("--step-counts", () -> SamplingOptions.builder().steps(steps));
            }
            for (double tau : x0Sweep) {
                OptionErrors.checked("--x0-temperatures", () -> SamplingOptions.builder().x0Temperature(tau));
            }
            for (double w : ngramSweep) {
                OptionErrors.checked("--ngram-weights", () -> SamplingOptions.builder().ngramWeight(w));
            }
        }

        /** Settings without the drawn-lengths row. */
        public Settings(String mode, int samples, int[] stepCounts, int infillSentences, int[] speedSteps,
                int[] speedBatches, double[] temperatures, long seed, double[] x0Sweep, double[] ngramSweep) {
            this(mode, samples, stepCounts, infillSentences, speedSteps, speedBatches, temperatures, seed, x0Sweep,
                    ngramSweep, false);
        }

        /** The reduced mode: about 10 minutes on a 2-core machine (11 measured with its cores shared). */
        public static Settings quick() {
            return new Settings("quick", 100, new int[] {8, 16, 32}, 100, new int[] {8, 16, 32},
                    new int[] {1, 32}, new double[] {0.8, 0.9, 0.95}, 1, new double[0], new double[0]);
        }

        /**
         * The full mode: 500 samples at 8..256 steps. Over an hour on a 2-core machine, nearly all of it
         * diffusion sampling at 128 and 256 steps (each step is two vocabulary-sized products at 64 positions).
         */
        public static Settings full() {
            return new Settings("full", 500, new int[] {8, 16, 32, 64, 128, 256}, 300,
                    new int[] {8, 16, 32, 64, 128, 256},
                    new int[] {1, 32}, new double[] {0.8, 0.85, 0.9, 0.95}, 1, new double[0], new double[0]);
        }
    }

    /**
     * Generation quality of one system and setting. {@code entropyBits} is the unigram entropy of all the row's
     * tokens, which grows with their number; {@code entropyVsHeldOut} compares it with held-out text's at the same
     * number of tokens ({@link TextStatistics#unigramEntropyAtSameLength}), and is what the 5% budget is tested on.
     */
    public record Quality(String system, String setting, int steps, double temperature, int samples, double arNll,
            double entropyBits, double repetition, double meanLength,
            TextStatistics.SameLengthEntropy entropyVsHeldOut) {}

    /**
     * The fraction of held-out text's unigram entropy that samples must keep, at the same number of tokens, for
     * their temperature to be chosen: within 5%.
     */
    static final double ENTROPY_BUDGET = 0.95;

    /** Span-infill accuracy of one system and setting. */
    public record Infill(String system, int steps, int sentences, double tokenAccuracy, double spanExact,
            double baseline) {}

    /** Wall time to write {@code batch} sequences of 64 tokens. */
    public record Speed(String system, int batch, int steps, double seconds, double gflopsPerSecond) {}

    /** The two models side by side. */
    public record Fairness(long diffusionParameters, long arParameters, boolean sameVocabulary, int vocabSize,
            TrainingInfo diffusionTraining, TrainingInfo arTraining, String diffusionShape, String arShape) {}

    /** Everything measured. */
    public record Results(Settings settings, String machine, double matmulGflops, Fairness fairness,
            Quality reference, List<Quality> quality, double tunedTemperature, double tunedX0Temperature,
            List<Infill> infill, List<Speed> speed, double[] breakEvenSteps, double seconds) {}

    private final DiffusionLM diffusion;
    private final AutoregressiveLM ar;
    private final List<TaggedSentence> heldOut;
    private final Settings settings;
    private final Path out;
    private final Consumer<String> progress;

    public ArComparison(DiffusionLM diffusion, AutoregressiveLM ar, List<TaggedSentence> heldOut, Settings settings,
            Path out, Consumer<String> progress) {
        this.diffusion = diffusion;
        this.ar = ar;
        this.heldOut = heldOut;
        this.settings = settings;
        this.out = out;
        this.progress = progress;
    }

    /** The held-out sentences the rows are compared with, drawn at the start of {@link #run}. */
    private List<List<String>> reference = List.of();

    public Results run() throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(out.resolve("samples"));
        Fairness fairness = fairness();
        if (!fairness.sameVocabulary()) {
            throw new IllegalArgumentException("the two models have different vocabularies; train the autoregressive"
                    + " model with `train-ar --vocab-from "
                    + ShellQuoted.of(Visible.of(diffusion.info().directory())) + "`");
        }
        if (settings.drawLength() && !diffusion.info().recordsRowLengths()) { // now, not after an hour of sampling
            throw new IllegalArgumentException(LengthPrior.notRecorded("--draw-length",
                    diffusion.info().directory().toString(), ", or leave --draw-length out"));
        }
        int maxLength = Math.min(diffusion.info().config().maxLength(), ar.config().maxLength());
        reference = referenceSentences(maxLength);
        Quality ref = quality("held-out data", "real sentences", 0, Double.NaN, reference);
        progress.accept(String.format(java.util.Locale.ROOT, "reference: AR-NLL %.3f, entropy %.2f bits (%,d tokens)",
                ref.arNll(), ref.entropyBits(), TextStatistics.tokenCount(reference)));

        List<Quality> quality = new ArrayList<>();
        for (int steps : settings.stepCounts()) {
            SamplingOptions options =
                    SamplingOptions.builder().steps(steps).seed(settings.seed()).batchSize(64).build();
            List<List<String>> samples = cached("diffusion-" + steps + "steps",
                    () -> generate(settings.samples(), options, "diffusion at " + Counted.of(steps, "step", "steps")));
            quality.add(quality("diffusion", steps + " steps", steps, 1.0, samples));
            progress.accept("diffusion at " + Counted.of(steps, "step", "steps") + ": "
                    + Reports.describe(quality.get(quality.size() - 1)));
        }
        int tuningSteps = x0TuningSteps();
        double tunedX0 = tuneX0Temperature(tuningSteps);
        if (tunedX0 != 1.0) {
            quality.add(x0Row(TUNED_DIFFUSION, tuningSteps, tunedX0));
        }
        for (double t : settings.x0Sweep()) {
            if (t != tunedX0 && t != 1.0) { // those are rows already
                quality.add(x0Row(X0_SWEEP, tuningSteps, t));
            }
        }
        for (double w : settings.ngramSweep()) {
            if (w != 0) { // weight 0 is the plain row
                quality.add(row(NGRAM_SWEEP, tuningSteps, "n-gram w = " + w, "ngram" + w,
                        SamplingOptions.builder().ngramWeight(w)));
            }
        }
        if (settings.drawLength()) {
            quality.add(row(DRAWN_LENGTHS, tuningSteps, "drawn lengths", "drawn",
                    SamplingOptions.builder().drawLength(true)));
        }
        double tuned = tuneTemperature();
        for (double t : tuned == 1.0 ? new double[] {1.0} : new double[] {1.0, tuned}) {
            List<List<String>> samples = cached("ar-T" + t, () -> ar.generate(settings.samples(), t, settings.seed()));
            quality.add(quality("autoregressive", t == 1.0 ? "T = 1" : "T = " + t + " (tuned)", 0, t, samples));
            progress.accept("autoregressive at T=" + t + ": " + Reports.describe(quality.get(quality.size() - 1)));
        }

        List<Infill> infill = infill(maxLength);
        SpeedBenchmark bench = new SpeedBenchmark(progress);
        bench.matmulCeiling();
        List<Speed> speed = speed(bench);
        // as the benchmark command: the best of the run's readings, the start's and those beside each diffusion
        // figure; a busy start alone once read half of what the machine does, and shares came out above 100%
        double ceiling = bench.bestCeiling();
        Results results = new Results(settings, Reports.machine(), ceiling, fairness, ref, quality, tuned, tunedX0,
                infill, speed, breakEven(speed), (System.nanoTime() - start) / 1e9);
        writeCharts(results);
        return results;
    }

    /**
     * Writes {@code report.md} (Markdown tables, pictures linked) and {@code results.json} into the output directory.
     */
    public void write(Results results, String command) throws IOException {
        writeReport(out, results, command);
    }

    /**
     * As {@link #write}, into {@code out}. Each file goes through a temporary sibling and an atomic rename, so a
     * rerun into the same {@code --out} replaces the old one whole, as {@link ComparisonCharts} does the plots.
     */
    static void writeReport(Path out, Results results, String command) throws IOException {
        String markdown = Reports.markdown(results, command);
        CheckpointFiles.writeAtomically(out.resolve("report.md"),
                tmp -> Files.writeString(tmp, markdown, StandardCharsets.UTF_8));
        ObjectMapper json =
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).registerModule(nonFiniteAsNull());
        CheckpointFiles.writeAtomically(out.resolve("results.json"), tmp -> json.writeValue(tmp.toFile(), results));
    }

    /**
     * JSON has no NaN: Jackson writes the string "NaN" in a numeric field (the reference row's temperature,
     * a break-even that cannot be fitted), which typed readers choke on; null says "no value" in JSON's terms.
     */
    private static SimpleModule nonFiniteAsNull() {
        StdSerializer<Double> number = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double v, JsonGenerator gen, SerializerProvider provider) throws IOException {
                writeFinite(v, gen);
            }
        };
        return new SimpleModule("non-finite numbers as null")
                .addSerializer(Double.class, number)
                .addSerializer(Double.TYPE, number)
                .addSerializer(double[].class, new StdSerializer<>(double[].class) {
                    @Override
                    public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeStartArray();
                        for (double v : values) {
                            writeFinite(v, gen);
                        }
                        gen.writeEndArray();
                    }
                });
    }

    private static void writeFinite(double v, JsonGenerator gen) throws IOException {
        if (Double.isFinite(v)) {
            gen.writeNumber(v);
        } else {
            gen.writeNull();
        }
    }

    private Fairness fairness() {
        Vocabulary a = diffusion.vocabulary();
        Vocabulary b = ar.vocabulary();
        ArConfig c = ar.config();
        return new Fairness(diffusion.info().parameters(), c.parameters(), a.sameWordsAs(b), a.size(),
                asWritten(diffusion.info().training()), asWritten(ar.training()),
                Reports.shape(diffusion.info().config()), Reports.shape(c));
    }

    /**
     * A training record as the results write it: its corpus and dev split as {@link ResultPaths#shown(String)} shows
     * them.
     */
    static TrainingInfo asWritten(TrainingInfo training) {
        return training == null ? null : training.withCorpus(ResultPaths.shown(training.corpus()))
                .withDev(ResultPaths.shown(training.dev()));
    }

    /** {@code samples} held-out sentences of 1..maxLength words, drawn with the seed. */
    private List<List<String>> referenceSentences(int maxLength) {
        return referenceSentences(heldOut, maxLength, settings.samples(), settings.seed());
    }

    /**
     * The held-out sentences a run with {@code samples} and {@code seed} compares its rows with: {@code samples} of
     * those of 1..maxLength words, drawn with the seed.
     */
    static List<List<String>> referenceSentences(List<TaggedSentence> heldOut, int maxLength, int samples,
            long seed) {
        List<List<String>> pool = new ArrayList<>();
        for (TaggedSentence s : heldOut) {
            if (s.size() >= 1 && s.size() <= maxLength) {
                pool.add(s.words());
            }
        }
        Collections.shuffle(pool, new Random(seed));
        if (pool.size() < samples) {
            throw new IllegalArgumentException("the held-out corpus has " + pool.size() + " sentences of 1.."
                    + maxLength + " words; asked for " + samples);
        }
        return pool.subList(0, samples);
    }

    private Quality quality(String system, String setting, int steps, double temperature, List<List<String>> text) {
        return quality(system, setting, steps, temperature, text, AutoregressiveLM.perToken(ar.score(text)),
                reference);
    }

    /**
     * A row of {@code text}, its AR-NLL {@code nll}, its entropy also against {@code heldOut}'s at the same number
     * of tokens.
     */
    static Quality quality(String system, String setting, int steps, double temperature, List<List<String>> text,
            double nll, List<List<String>> heldOut) {
        double length = text.stream().mapToInt(List::size).average().orElse(0);
        return new Quality(system, setting, steps, temperature, text.size(), nll, TextStatistics.unigramEntropy(text),
                TextStatistics.repetitionRate(text), length, TextStatistics.unigramEntropyAtSameLength(text, heldOut));
    }

    /**
     * Whether samples keep their unigram entropy within 5% of held-out text's ({@link #ENTROPY_BUDGET}), the two
     * at the same number of tokens: pooled whole, a sample of more tokens than the reference reads more varied
     * than it is, one of fewer less.
     */
    static boolean withinEntropyBudget(TextStatistics.SameLengthEntropy entropy) {
        return entropy.atLeast(ENTROPY_BUDGET);
    }

    /**
     * {@code diffusion.generate(count, options)} batch by batch, with a progress line after each: the
     * same rows (each batch {@link SamplingOptions#startingAt} where the last ended), so the same sentences. The
     * model chooses each length unless the row sets {@code drawLength}: the comparison's recorded tables were
     * sampled so, before lengths were drawn by default, and the {@code --draw-length} row is the default's.
     */
    private List<List<String>> generate(int count, SamplingOptions asked, String what) {
        SamplingOptions options = asked.drawLength().isPresent() ? asked : asked.toBuilder().drawLength(false).build();
        List<List<String>> out = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < count; from += options.batchSize()) {
            int n = Math.min(options.batchSize(), count - from);
            out.addAll(diffusion.generate(n, options.startingAt(from)));
            double rate = out.size() / ((System.nanoTime() - start) / 1e9);
            progress.accept(String.format(java.util.Locale.ROOT, "%s: %d/%d samples, %.2f samples/s, ETA %.0f s",
                    what, out.size(), count, rate, (count - out.size()) / rate));
        }
        return out;
    }

    /**
     * The lowest candidate temperature whose samples keep their unigram entropy within 5% of the
     * held-out data's at the same number of tokens ({@link #withinEntropyBudget}; lower temperatures trade
     * diversity for likelihood), tuned on samples drawn with
     * other seeds than the ones reported; 1 when none qualifies. The autoregressive model's T and
     * diffusion's x̂₀ temperature are tuned alike, over the same candidates, so that both systems are
     * shown at the same diversity budget.
     *
     * @param name the temperature's name in the progress lines
     * @param samplesAt the samples drawn at a candidate temperature (on the tuning seeds)
     */
    private double tune(String name, DoubleFunction<List<List<String>>> samplesAt) {
        double[] candidates = settings.temperatures().clone();
        Arrays.sort(candidates);
        for (double t : candidates) {
            TextStatistics.SameLengthEntropy entropy =
                    TextStatistics.unigramEntropyAtSameLength(samplesAt.apply(t), reference);
            progress.accept(String.format(java.util.Locale.ROOT, "tuning: %s=%.2f gives entropy %.2f bits (data %.2f,"
                    + " both at %,d tokens)", name, t, entropy.bits(), entropy.referenceBits(), entropy.tokens()));
            if (withinEntropyBudget(entropy)) {
                return t;
            }
        }
        return 1.0;
    }

    /** The tuned x̂₀ temperature ({@link SamplingOptions.Builder#x0Temperature}) of diffusion at {@code steps}. */
    private double tuneX0Temperature(int steps) {
        return tune("x̂₀ T",
                t -> generate(settings.samples(), SamplingOptions.builder().steps(steps)
                .seed(settings.seed() + TUNING_SEED_OFFSET).batchSize(64).x0Temperature(t).build(),
                "tuning diffusion at x̂₀ T=" + t));
    }

    /** The tuned sampling temperature of the autoregressive model. */
    private double tuneTemperature() {
        return tune("T",
                t -> ar.generate(settings.samples(), t, settings.seed() + TUNING_SEED_OFFSET));
    }

    /** Diffusion samples at {@code steps} and x̂₀ temperature {@code t} on the reported seeds, as a row. */
    private Quality x0Row(String system, int steps, double t) throws IOException {
        return row(system, steps, "x̂₀ T = " + t, "x0T" + t, SamplingOptions.builder().x0Temperature(t));
    }

    /**
     * Diffusion samples at {@code steps} on the reported seeds with {@code sampling}'s other settings, as a
     * row whose setting reads "{steps} steps, {label}" and whose samples are cached under {@code key}.
     */
    private Quality row(String system, int steps, String label, String key, SamplingOptions.Builder sampling)
            throws IOException {
        SamplingOptions options = sampling.steps(steps).seed(settings.seed()).batchSize(64).build();
        List<List<String>> samples = cached("diffusion-" + steps + "steps-" + key,
                () -> generate(settings.samples(), options, "diffusion at " + label));
        Quality row = quality(system, steps + " steps, " + label, steps, 1.0, samples);
        progress.accept("diffusion at " + label + ": " + Reports.describe(row));
        return row;
    }

    /**
     * Rows asked for beside the tuned ones ({@link Settings#x0Sweep}, {@link Settings#ngramSweep}, {@link
     * Settings#drawLength}).
     */
    static boolean isSweep(Quality q) {
        return q.system().equals(X0_SWEEP) || q.system().equals(NGRAM_SWEEP) || q.system().equals(DRAWN_LENGTHS);
    }

    /** The step count the x̂₀ temperature is tuned and shown at: the most of the mode's, up to 32. */
    private int x0TuningSteps() {
        int[] counts = settings.stepCounts();
        return Arrays.stream(counts).filter(c -> c <= MAX_X0_TUNING_STEPS).max()
                .orElse(Arrays.stream(counts).min().orElseThrow());
    }

    /**
     * 3-token spans of held-out sentences: diffusion fills each from both sides (at temperature 0, its
     * most likely fill); the autoregressive model writes the 3 words greedily after the left context,
     * which is all it can read.
     */
    private List<Infill> infill(int maxLength) {
        InfillEvaluation.Task span = InfillEvaluation.tasks(heldOut, settings.infillSentences(), maxLength,
                settings.seed()).get(1);
        List<Infill> rows = new ArrayList<>();
        SamplingOptions base = SamplingOptions.builder().seed(settings.seed()).temperature(0).batchSize(64).build();
        for (InfillEvaluation.Result r : InfillEvaluation.run(diffusion, List.of(span), settings.stepCounts(), base,
                progress)) {
            rows.add(new Infill("diffusion", r.steps(), r.sentences(), r.accuracy(), r.spanExact(), r.baseline()));
        }
        int n = span.masked().size();
        int[][] prefixes = new int[n][];
        long[] seeds = new long[n];
        for (int s = 0; s < n; s++) {
            int from = span.positions().get(s)[0];
            prefixes[s] = span.sentences().get(s).subList(0, from).stream().mapToInt(ar.vocabulary()::id).toArray();
            seeds[s] = base.sentenceSeed(s);
        }
        int[][] written = ar.sample(new ArSampler.Request(prefixes, seeds, 0, 3, false, true));
        List<List<String>> filled = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            List<String> row = new ArrayList<>(span.sentences().get(s));
            int[] p = span.positions().get(s);
            for (int k = 0; k < p.length; k++) {
                row.set(p[k], ar.vocabulary().word(written[s][p[0] + k]));
            }
            filled.add(row);
        }
        InfillEvaluation.Result r = InfillEvaluation.score(span, filled, 0, InfillEvaluation.baselineWord(span,
                ar.vocabulary()), ar.vocabulary());
        rows.add(new Infill("autoregressive (left context, greedy)", 0, r.sentences(), r.accuracy(), r.spanExact(),
                r.baseline()));
        return rows;
    }

    private List<Speed> speed(SpeedBenchmark bench) {
        List<Speed> rows = new ArrayList<>();
        for (SpeedBenchmark.Sampling s : bench.sampling(diffusion, settings.speedBatches(), settings.speedSteps())) {
            rows.add(new Speed("diffusion", s.batch(), s.steps(), s.seconds(), s.gflopsPerSecond()));
        }
        ArConfig c = ar.config();
        for (int batch : settings.speedBatches()) {
            for (boolean cache : new boolean[] {true, false}) {
                int[][] prefixes = new int[batch][0];
                long[] seeds = new long[batch];
                Arrays.setAll(seeds, i -> SamplingOptions.sentenceSeed(settings.seed(), i));
                ArSampler.Request request = new ArSampler.Request(prefixes, seeds, 1.0, SPEED_LENGTH, false, cache);
                ar.sample(new ArSampler.Request(prefixes, seeds, 1.0, 4, false, cache)); // warm-up
                int reps = batch == 1 ? AR_SINGLE_SEQUENCE_RUNS : 1;
                double[] times = new double[reps];
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    ar.sample(request);
                    times[r] = (System.nanoTime() - t0) / 1e9;
                }
                Arrays.sort(times);
                double seconds = times[reps / 2];
                double flops = 0;
                for (int t = 0; t < SPEED_LENGTH; t++) {
                    flops += cache ? c.forwardFlops(batch, 1, t, batch) : c.forwardFlops(batch, t + 1, 0, batch);
                }
                String system = cache ? "autoregressive, KV cache" : "autoregressive, no cache";
                rows.add(new Speed(system, batch, 0, seconds, flops / seconds / 1e9));
                progress.accept(String.format(java.util.Locale.ROOT, "%s, batch %d: %.3f s", system, batch, seconds));
            }
        }
        return rows;
    }

    /**
     * Per batch size (in {@link Settings#speedBatches} order): the step count at which diffusion takes
     * as long as the KV-cached autoregressive model, from a least-squares line through diffusion's
     * time against steps (its cost is a fixed part plus one forward pass a step).
     */
    private double[] breakEven(List<Speed> speed) {
        double[] out = new double[settings.speedBatches().length];
        for (int i = 0; i < out.length; i++) {
            int batch = settings.speedBatches()[i];
            List<Speed> d = speed.stream().filter(s -> s.system().equals("diffusion") && s.batch() == batch).toList();
            double arSeconds = speed.stream().filter(s -> s.system().equals("autoregressive, KV cache")
                    && s.batch() == batch).findFirst().orElseThrow().seconds();
            double mx = d.stream().mapToDouble(Speed::steps).average().orElse(0);
            double my = d.stream().mapToDouble(Speed::seconds).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            for (Speed s : d) {
                sxy += (s.steps() - mx) * (s.seconds() - my);
                sxx += (s.steps() - mx) * (s.steps() - mx);
            }
            double slope = sxx == 0 ? Double.NaN : sxy / sxx;
            out[i] = (arSeconds - (my - slope * mx)) / slope;
        }
        return out;
    }

    /** Samples stored under {@code out/samples/NAME-nN-seedS.txt}, made by {@code make} when not there yet. */
    private List<List<String>> cached(String name, Supplier<List<List<String>>> make) throws IOException {
        Path file = out.resolve("samples").resolve(name + "-n" + settings.samples() + "-seed" + settings.seed()
                + ".txt");
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() == settings.samples()) {
                progress.accept("reusing " + Visible.of(file));
                return sentencesOf(lines);
            }
        }
        List<List<String>> made = make.get();
        List<String> lines = made.stream().map(s -> String.join(" ", s)).toList();
        CheckpointFiles.writeAtomically(file, tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
        return made;
    }

    /** Stored samples' lines as sentences: words split at spaces, an empty line an empty sentence. */
    static List<List<String>> sentencesOf(List<String> lines) {
        return lines.stream().map(l -> l.isEmpty() ? List.<String>of() : List.of(l.split(" "))).toList();
    }

    private void writeCharts(Results results) throws IOException {
        ComparisonCharts.quality(out.resolve("quality.png"), results);
        ComparisonCharts.infill(out.resolve("infill.png"), results);
        ComparisonCharts.time(out.resolve("time.png"), results);
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingCharts.writeWarp(out.resolve("warp.png"),
                    ModelCheckpoint.load(diffusion.info().directory(), m).warp());
        }
    }
}
