package io.github.diffusionnlp.evaluation;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.OptionErrors;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.eval.ResultPaths;
import io.github.diffusionnlp.eval.TextStatistics;
import io.github.diffusionnlp.evaluation.Metrics.Ratio;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Sentiment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Issue 3's evaluation of the constraints, judged by models that never saw this model's training data:
 * POS templates (OpenNLP's UD tagger), sentiment in rewrites and in generation (CoreNLP's sentiment
 * model) and length. Every row is set beside an unconditioned baseline, a held-out reference and two
 * fluency/diversity figures (repetition rate, unigram entropy) of the outputs and of held-out text.
 *
 * <p>Sentence i of every phase is sampled with seed {@code i + seed ×} {@link SamplingOptions#SENTENCE_STRIDE}, one
 * sentence per call: seed 0's sentence i has seed i, and no two seeds' runs share a sentence's noise (with {@code
 * seed + i}, as until 2026-12-06, seed 1's sentences were seed 0's from the second on, so a setting tuned on seed 1
 * was tuned on nearly the samples seed 0 reports). The calls
 * run from {@code batch} threads at once and {@link DiffusionLM}'s request batcher runs them as
 * batches (requests with different templates, labels or lengths share a batch). Held-out sentences
 * of the allowed lengths are shuffled with the seed and cut into four disjoint slices of N: template
 * sources, rewrite inputs, the generation reference and the lengths.
 */
public final class ConstraintsEvaluation {
    /**
     * What to measure: POS templates, sentiment rewrites, sentiment generation, length, and the labeller of the
     * training data against the judge on real text (no model output: the ceiling of following a sentiment label).
     */
    public enum Task { POS, REWRITE, GENERATE, LENGTH, LABELLER }

    /** The largest --n: its four slices of the held-out pool, 4 × N sentences, are indexed by int. */
    static final int MAX_N = Integer.MAX_VALUE / 4;

    /**
     * @param n sentences per row
     * @param guidances classifier-free guidance weights; POS and sentiment rows are measured at each
     * @param candidates best-of-k counts ({@link Constraints#withCandidates}); sentiment rows are measured at each
     * @param strength rewrite strength in (0, 1]
     * @param keep UPOS classes a rewrite keeps verbatim (by the input's own tags); empty keeps nothing
     * @param minLength shortest held-out sentence used (templates, inputs, lengths)
     * @param maxLength longest held-out sentence used
     * @param heldoutLayout {@code heldout}'s layout ({@code --layout}); null: guessed
     * @param heldoutMultiword how {@code heldout}'s multiword tokens are read ({@code --multiword}); null: as the
     *     model's training corpus's were ({@link TrainingInfo#readingFor}), since its sentences are compared
     *     with the model's words
     * @param labels the sentiment labels measured: generation rows for each, rewrite rows toward each
     *     of them that is positive or negative
     * @param lexical constrained rows also use lexical constraints ({@link Constraints#withLexical})
     * @param heldoutLengths generation rows (and their baseline) take the lengths of their held-out
     *     reference sentences instead of a free length
     * @param guideLength whether guidance extrapolates the length ([PAD]) too ({@link
     *     SamplingOptions.Builder#guideLength}; true, the default, is what the README's table was measured with)
     * @param drawLength the free-length generation rows' {@link SamplingOptions.Builder#optDrawLength}: null, the
     *     library's default (drawn from the model's training rows' lengths where it records them and the length is
     *     guided); false, the model chooses; true, drawn, refused with {@code heldoutLengths} or unguided length
     */
    public record Settings(int n, int steps, long seed, int batch, double temperature, double x0Temperature,
            double ngramWeight, List<Double> guidances,
            List<Integer> candidates, double strength, Set<Upos> keep, int minLength, int maxLength, boolean quick,
            Path heldout, CorpusLayout heldoutLayout, MultiwordTokens heldoutMultiword, Set<Task> tasks,
            Set<Sentiment> labels, boolean lexical, boolean heldoutLengths, boolean guideLength, Boolean drawLength) {
        public Settings {
            guidances = List.copyOf(guidances);
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("--candidates: give at least one count, e.g. 1,4");
            }
            candidates.forEach(k -> SamplingRange.CANDIDATES.check(k, "--candidates", SamplingRange.OUT_OF_RANGE));
            keep = keep.isEmpty() ? EnumSet.noneOf(Upos.class) : EnumSet.copyOf(keep);
            tasks = tasks.isEmpty() ? EnumSet.noneOf(Task.class) : EnumSet.copyOf(tasks);
            labels = labels.isEmpty() ? EnumSet.noneOf(Sentiment.class) : EnumSet.copyOf(labels);
            if (n < 1) {
                throw new IllegalArgumentException("--n must be >= 1, got " + n);
            }
            // 4 × N and slice()'s k × N + j overflowed from 2^29 on: negative indexes, after the model had loaded
            if (n > MAX_N) {
                throw new IllegalArgumentException("--n must be <= " + MAX_N + " (4 × N, the four tasks' slices of"
                        + " the held-out sentences, is counted in an int), got " + n);
            }
            // "--tasks ," loaded the model and the judges and wrote a table without rows ("null steps"), exit 0
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException("--tasks: give at least one task, e.g. pos,sentiment,length");
            }
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("--labels: give at least one label, e.g. negative,neutral,positive");
            }
            if (guidances.isEmpty()) {
                throw new IllegalArgumentException("give at least one guidance weight");
            }
            SamplingRange.STRENGTH.check(strength, "--strength", SamplingRange.OUT_OF_RANGE);
            if (minLength < 1) {
                throw new IllegalArgumentException("--min-length must be >= 1, got " + minLength);
            }
            if (maxLength < minLength) {
                throw new IllegalArgumentException("--min-length " + minLength + " is above --max-length " + maxLength
                        + ": give --min-length at most --max-length");
            }
            if (tasks.contains(Task.REWRITE) && !labels.contains(Sentiment.POSITIVE)
                    && !labels.contains(Sentiment.NEGATIVE)) {
                throw new IllegalArgumentException("--tasks rewrite measures rewrites toward positive and negative,"
                        + " and --labels " + labels + " names neither: add positive or negative to --labels");
            }
            // checked here, in the options' names, rather than by the API at the first sentence sampled
            int s = steps;
            int b = batch;
            double t = temperature;
            double x0 = x0Temperature;
            double w = ngramWeight;
            OptionErrors.checked("--steps", () -> SamplingOptions.builder().steps(s));
            OptionErrors.checked("--batch", () -> SamplingOptions.builder().batchSize(b));
            OptionErrors.checked("--temperature", () -> SamplingOptions.builder().temperature(t));
            OptionErrors.checked("--x0-temperature", () -> SamplingOptions.builder().x0Temperature(x0));
            OptionErrors.checked("--ngram-weight", () -> SamplingOptions.builder().ngramWeight(w));
            guidances.forEach(g -> SamplingRange.GUIDANCE.check(g, "--guidance", SamplingRange.OUT_OF_RANGE));
            // only free-length generation chooses a length ([PAD]); every other row's is fixed
            if (!guideLength && (!tasks.contains(Task.GENERATE) || heldoutLengths)) {
                throw new IllegalArgumentException("--unguided-length leaves the model's choice of length out of"
                        + " guidance, and " + (heldoutLengths ? "--heldout-lengths fixes the generation rows' lengths"
                        : "--tasks " + tasks.stream().map(task -> task.name().toLowerCase(Locale.ROOT)).toList()
                                + " has no free-length generation")
                        + "; give --tasks generate without --heldout-lengths");
            }
            // as core's generate refuses it: asked for, drawing must apply to some row
            if (Boolean.TRUE.equals(drawLength)) {
                if (heldoutLengths) {
                    throw new IllegalArgumentException("--draw-length draws each generation row's lengths, and"
                            + " --heldout-lengths fixes them; give one or the other");
                }
                if (!guideLength) {
                    throw new IllegalArgumentException("--draw-length draws each sentence's length before sampling,"
                            + " and --unguided-length asks for the model's own choice of length; give one or the"
                            + " other");
                }
                if (!tasks.contains(Task.GENERATE)) {
                    throw new IllegalArgumentException("--draw-length draws the lengths of free-length generation,"
                            + " and --tasks " + tasks.stream().map(task -> task.name().toLowerCase(Locale.ROOT))
                            .toList() + " has none; add generate to --tasks, or leave --draw-length out");
                }
            }
        }
    }

    /**
     * One line of the table.
     *
     * @param measure what {@code value} is (tag accuracy, judged positive, exact length, ...)
     * @param value the model's figure under the constraint
     * @param baseline the same measure on unconditioned outputs of the same seeds, or null
     * @param reference the same measure on held-out text (see the table's notes), or null
     * @param contentKept share of the input's content words found in the output (rewrites), or null
     * @param repetition repetition rate of the outputs ({@link Metrics#repetition(java.util.Collection)})
     * @param entropy unigram entropy of the outputs in bits
     * @param heldoutRepetition the same for the held-out sentences this row is built on
     * @param heldoutEntropy the same for those held-out sentences
     * @param seconds sampling wall time of the row
     * @param extra further figures (class histograms, length errors, baseline fluency)
     */
    public record Row(String task, String condition, Double guidance, int n, String measure, double value,
            Double baseline, Double reference, Double contentKept, double repetition, double entropy,
            double heldoutRepetition, double heldoutEntropy, double seconds, Map<String, Object> extra) {}

    /** One output, for the samples file. */
    public record Sample(String task, String condition, Double guidance, int index, String input, String output,
            String judged) {}

    /** Everything one run measured. */
    public record Result(Map<String, Object> header, List<Row> rows, List<Sample> samples) {}

    /** How a run's sentence seeds are derived from its seed, as its report states it. */
    static final String SENTENCE_SEEDS = "i + seed × 0x" + Long.toHexString(SamplingOptions.SENTENCE_STRIDE);

    private final DiffusionLM lm;
    private final PosJudge posJudge;
    private final SentimentJudge sentimentJudge;
    private final Settings settings;
    private final PrintStream err;
    private final Map<String, Integer> sentimentCache = new HashMap<>();
    private final int judgeThreads = Runtime.getRuntime().availableProcessors();
    private final List<Row> rows = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private List<List<String>> freeGenerations; // unconditioned, length free (drawn or chosen): the length baseline

    public ConstraintsEvaluation(DiffusionLM lm, PosJudge posJudge, SentimentJudge sentimentJudge, Settings settings,
            PrintStream err) {
        this.lm = lm;
        this.posJudge = posJudge;
        this.sentimentJudge = sentimentJudge;
        this.settings = settings;
        this.err = err;
    }

    public Result run() throws IOException {
        return run(heldoutPool(lm, settings, err));
    }

    /**
     * Runs on {@code pool}, the held-out sentences {@link #heldoutPool} read and checked for this run's model and
     * settings (a command reads them before its judges' half minute of loading, so that a file that cannot serve
     * is refused at once).
     */
    Result run(List<TaggedSentence> pool) {
        long start = System.nanoTime();
        if (settings.tasks().contains(Task.POS)) {
            posControl(slice(pool, 0));
        }
        if (settings.tasks().contains(Task.REWRITE)) {
            sentimentRewrite(slice(pool, 1));
        }
        if (settings.tasks().contains(Task.GENERATE)) {
            sentimentGeneration(slice(pool, 2));
        }
        if (settings.tasks().contains(Task.LENGTH)) {
            lengthControl(slice(pool, 3));
        }
        if (settings.tasks().contains(Task.LABELLER)) {
            labellerAgainstJudge(slice(pool, 2));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(header(wall), List.copyOf(rows), List.copyOf(samples));
    }

    /**
     * The held-out sentences of {@code settings} this run samples from, shuffled by its seed, once every check that
     * needs the model and the file has passed: the model's length and templates, the file's sentences in the
     * length range and their tags.
     */
    static List<TaggedSentence> heldoutPool(DiffusionLM lm, Settings settings, PrintStream err)
            throws IOException {
        int modelLength = lm.info().config().maxLength();
        if (settings.maxLength() > modelLength) {
            throw new IllegalArgumentException("--max-length " + settings.maxLength() + " is longer than the model's "
                    + modelLength + " positions; give --max-length " + modelLength + " or less");
        }
        requireRowLengths(lm, settings);
        if (settings.tasks().contains(Task.POS)) {
            try {
                lm.requireTemplates(); // else refused at the first template, after the POS baseline was sampled
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tasks pos: " + e.getMessage() + "; or measure the other"
                        + " constraints with --tasks sentiment,length", e);
            }
        }
        TaggedCorpus.Reading reading = TrainingInfo.readingFor(lm.info().training(), settings.heldout())
                .orLayout(settings.heldoutLayout()).orMultiword(settings.heldoutMultiword());
        List<TaggedSentence> pool = new ArrayList<>(TaggedCorpus.readAs(settings.heldout(), reading, err,
                LayoutOption.COMMAND_LINE).sentences().stream()
                .filter(s -> s.size() >= settings.minLength() && s.size() <= settings.maxLength()).toList());
        if (pool.isEmpty()) {
            throw new IllegalArgumentException(settings.heldout() + " has no sentence of " + settings.minLength()
                    + ".." + settings.maxLength() + " tokens");
        }
        refuseUntaggedUses(pool, settings);
        Collections.shuffle(pool, new Random(settings.seed()));
        err.printf(Locale.ROOT, "held-out: %d sentences of %d..%d tokens in %s; N = %d per row, %d steps%n",
                pool.size(), settings.minLength(), settings.maxLength(), settings.heldout(), settings.n(),
                settings.steps());
        if (pool.size() < 4 * settings.n()) { // slice() wraps around: still N sentences a row, but not disjoint ones
            err.printf(Locale.ROOT, "note: %s has %d sentences of %d..%d tokens, fewer than the %d (4 × N) of four"
                    + " disjoint slices: the slices share sentences; lower --n, or widen --min-length/--max-length%n",
                    settings.heldout(), pool.size(), settings.minLength(), settings.maxLength(), 4 * settings.n());
        }
        return pool;
    }

    /**
     * Plain text read as held-out sentences has every word tagged X: POS rows would take all-X templates,
     * which the judge never outputs (a silent 0%), and --keep would keep nothing.
     */
    private static void refuseUntaggedUses(List<TaggedSentence> pool, Settings settings) {
        if (!TaggedCorpus.untagged(pool)) {
            return;
        }
        String untagged = settings.heldout() + " has no UPOS tags (every word is X)";
        if (settings.tasks().contains(Task.POS)) {
            throw new IllegalArgumentException("--tasks pos: " + untagged + ", and the POS rows take their templates"
                    + " from its tags; give a CoNLL-U or word<TAB>UPOS file with --heldout, or measure the other"
                    + " constraints with --tasks sentiment,length");
        }
        if (settings.tasks().contains(Task.REWRITE) && !settings.keep().isEmpty()) {
            throw new IllegalArgumentException("--keep: " + untagged + ", and rewrites keep words by its tags: they"
                    + " would keep none; give a tagged --heldout file, or leave --keep out");
        }
    }

    // ---------------------------------------------------------------- POS templates

    private void posControl(List<TaggedSentence> sources) {
        int n = sources.size();
        List<List<Upos>> templates = sources.stream().map(TaggedSentence::tags).toList();
        List<List<String>> heldout = words(sources);
        Ratio reference = Ratio.ZERO;
        for (TaggedSentence s : sources) {
            reference = reference.plus(Metrics.tagAccuracy(s.tags(), posJudge.tag(s.words())));
        }
        Timed base = sample("POS: unconditioned, template lengths", n,
                i -> lm.generate(1, Constraints.none(), options(i).toBuilder().length(templates.get(i).size()).build())
                        .get(0));
        Ratio baseline = accuracy(templates, base.out, "unconditioned (baseline)", null);
        for (double g : settings.guidances()) {
            String what = "POS: template, guidance " + fmt(g);
            Timed t = sample(what, n, i -> lm.generate(1, constrained().withTemplate(templates.get(i))
                    .withGuidance(g), options(i)).get(0));
            Ratio acc = accuracy(templates, t.out, "template" + lexical(), g);
            long lengthOk = 0;
            for (int i = 0; i < n; i++) {
                lengthOk += t.out.get(i).size() == templates.get(i).size() ? 1 : 0;
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("positions", acc.total());
            extra.put("exactLengthRate", (double) lengthOk / n);
            extra.put("baselineRepetition", Metrics.repetition(base.out).value());
            extra.put("baselineEntropy", TextStatistics.unigramEntropy(base.out));
            addRow("POS template", "template" + lexical(), g, n, "tag accuracy", acc.value(), baseline.value(),
                    reference.value(), null, t, heldout, extra);
        }
    }

    /** The POS template task's tag accuracy of {@code outs}, each judged against its template; records the samples. */
    private Ratio accuracy(List<List<Upos>> templates, List<List<String>> outs, String condition, Double g) {
        Ratio r = Ratio.ZERO;
        for (int i = 0; i < outs.size(); i++) {
            List<Upos> judged = posJudge.tag(outs.get(i));
            r = r.plus(Metrics.tagAccuracy(templates.get(i), judged));
            samples.add(new Sample("POS template", condition, g, i, tags(templates.get(i)),
                    String.join(" ", outs.get(i)), tags(judged)));
        }
        return r;
    }

    // ---------------------------------------------------------------- sentiment

    private void sentimentRewrite(List<TaggedSentence> inputs) {
        int n = inputs.size();
        List<List<String>> heldout = words(inputs);
        List<Integer> inputClasses = judge("sentiment judge: unchanged inputs", heldout);
        Timed base = sample("rewrite: no label (baseline)", n, i -> rewrite(inputs.get(i), Constraints.none(), i));
        List<Integer> baseClasses = judge("sentiment judge: rewrites without a label", base.out);
        record(base.out, baseClasses, heldout, "sentiment rewrite", "no label (baseline)", null);
        Ratio baseKept = contentKept(inputs, base.out);
        for (double g : settings.guidances()) {
            for (int k : settings.candidates()) {
                for (Sentiment target : List.of(Sentiment.POSITIVE, Sentiment.NEGATIVE)) {
                    if (!settings.labels().contains(target)) {
                        continue;
                    }
                    String condition = "rewrite → " + target + bestOf(k) + lexical();
                    Timed t = sample(condition + ", guidance " + fmt(g), n, i -> rewrite(inputs.get(i),
                            constrained().withSentiment(target).withGuidance(g).withCandidates(k), i));
                    List<Integer> classes = judge("sentiment judge: " + condition, t.out);
                    record(t.out, classes, heldout, "sentiment rewrite", condition, g);
                    Ratio kept = contentKept(inputs, t.out);
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("classHistogram", histogram(classes));
                    extra.put("baselineClassHistogram", histogram(baseClasses));
                    extra.put("inputClassHistogram", histogram(inputClasses));
                    extra.put("baselineContentKept", baseKept.value());
                    extra.put("contentWords", kept.total());
                    extra.put("baselineRepetition", Metrics.repetition(base.out).value());
                    extra.put("baselineEntropy", TextStatistics.unigramEntropy(base.out));
                    addRow("sentiment rewrite", condition + " (strength " + fmt(settings.strength()) + ")", g, n,
                            "judged " + target, Metrics.judgedAs(classes, target).value(),
                            Metrics.judgedAs(baseClasses, target).value(),
                            Metrics.judgedAs(inputClasses, target).value(), kept.value(), t, heldout, extra);
                }
            }
        }
    }

    /** Of the inputs' content words, the share found in the outputs (pooled over sentences). */
    private static Ratio contentKept(List<TaggedSentence> inputs, List<List<String>> outputs) {
        Ratio kept = Ratio.ZERO;
        for (int i = 0; i < inputs.size(); i++) {
            kept = kept.plus(Metrics.contentWordsKept(inputs.get(i).words(), inputs.get(i).tags(), outputs.get(i)));
        }
        return kept;
    }

    /** Rewrites {@code input}, keeping verbatim its words whose own tag is in {@link Settings#keep}. */
    private List<String> rewrite(TaggedSentence input, Constraints c, int i) {
        boolean[] keep = new boolean[input.words().size()];
        for (int k = 0; k < keep.length; k++) {
            keep[k] = settings.keep().contains(input.tags().get(k));
        }
        return lm.rewriteAll(List.of(input.words()), Collections.singletonList(keep), settings.strength(), c,
                options(i)).get(0);
    }

    private void sentimentGeneration(List<TaggedSentence> reference) {
        int n = reference.size();
        List<List<String>> heldout = words(reference);
        List<Integer> refClasses = judge("sentiment judge: held-out sentences", heldout);
        int[] lengths = settings.heldoutLengths() ? reference.stream().mapToInt(TaggedSentence::size).toArray() : null;
        // only here: the POS and length rows fix their lengths, which drawLength true is refused with
        IntFunction<SamplingOptions> optionsOf = i -> lengths == null ? freeLengthOptions(i)
                : options(i).toBuilder().length(lengths[i]).build();
        String lengthNote = " (" + generationLengths() + " lengths)";
        Timed base = sample("generate: no label (baseline)", n,
                i -> lm.generate(1, Constraints.none(), optionsOf.apply(i)).get(0));
        freeGenerations = lengths == null ? base.out : null;
        List<Integer> baseClasses = judge("sentiment judge: generations without a label", base.out);
        record(base.out, baseClasses, null, "sentiment generate", "no label (baseline)", null);
        Map<Sentiment, Judged> atLabelLengths = baselinesAtLabelLengths(n, lengths == null);
        for (double g : settings.guidances()) {
            for (int k : settings.candidates()) {
                for (Sentiment label : settings.labels()) {
                    Judged matched = atLabelLengths.get(label);
                    List<List<String>> baseOut = matched == null ? base.out : matched.out();
                    List<Integer> baseJudged = matched == null ? baseClasses : matched.classes();
                    String condition = "generate " + label + bestOf(k) + lexical();
                    Constraints c = constrained().withSentiment(label).withGuidance(g).withCandidates(k);
                    Timed t = sample(condition + ", guidance " + fmt(g), n,
                            i -> lm.generate(1, c, optionsOf.apply(i)).get(0));
                    List<Integer> classes = judge("sentiment judge: " + condition, t.out);
                    record(t.out, classes, null, "sentiment generate", condition, g);
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("classHistogram", histogram(classes));
                    extra.put("baselineClassHistogram", histogram(baseJudged));
                    extra.put("heldoutClassHistogram", histogram(refClasses));
                    extra.put("meanLength", t.out.stream().mapToInt(List::size).average().orElse(0));
                    extra.put("baselineMeanLength", baseOut.stream().mapToInt(List::size).average().orElse(0));
                    extra.put("baselineRepetition", Metrics.repetition(baseOut).value());
                    extra.put("baselineEntropy", TextStatistics.unigramEntropy(baseOut));
                    addRow("sentiment generate", condition + lengthNote, g, n, "judged " + label,
                            Metrics.judgedAs(classes, label).value(), Metrics.judgedAs(baseJudged, label).value(),
                            Metrics.judgedAs(refClasses, label).value(), null, t, heldout, extra);
                }
            }
        }
    }

    private record Judged(List<List<String>> out, List<Integer> classes) {}

    // ---------------------------------------------------------------- the labeller against the judge

    /**
     * How far the judge agrees with the training data's labeller on real text: of the generation rows' own held-out
     * reference sentences, those AFINN-165 gives each label, and the share of them the judge calls so. A model that
     * wrote exactly the real text of a label would be judged about this often on that label's generation row, so it
     * is the ceiling of following the label, as the POS rows' held-out figure is of following a template: a row
     * above it wins by writing text more marked than real text of its label. No model output: the row's
     * "model" figure is the labelled held-out text's, its "held-out" one every reference sentence's.
     */
    private void labellerAgainstJudge(List<TaggedSentence> reference) {
        List<List<String>> heldout = words(reference);
        List<Integer> classes = judge("sentiment judge: held-out sentences", heldout);
        SentimentLabeller labeller = SentimentLabeller.afinn();
        for (Sentiment label : settings.labels()) {
            List<List<String>> labelled = new ArrayList<>();
            List<Integer> judged = new ArrayList<>();
            for (int i = 0; i < heldout.size(); i++) {
                if (labeller.label(heldout.get(i)) == label) {
                    labelled.add(heldout.get(i));
                    judged.add(classes.get(i));
                }
            }
            if (labelled.isEmpty()) {
                err.printf(Locale.ROOT, "labeller: none of the %d held-out sentences is labelled %s: no row%n",
                        heldout.size(), label);
                continue;
            }
            String condition = "held-out text labelled " + label + " by AFINN-165 (no model)";
            record(labelled, judged, null, "labeller", condition, null);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("classHistogram", histogram(judged));
            extra.put("heldoutClassHistogram", histogram(classes));
            extra.put("meanLength", labelled.stream().mapToInt(List::size).average().orElse(0));
            addRow("labeller against judge", condition, null, labelled.size(), "judged " + label,
                    Metrics.judgedAs(judged, label).value(), null, Metrics.judgedAs(classes, label).value(), null,
                    new Timed(labelled, 0), heldout, extra);
        }
    }

    /**
     * Where a labelled sentence draws its length from its label's training rows, the unconditioned baseline of each
     * label at the very lengths the labelled row draws (sentence i: the length its seed draws from the label's rows):
     * a label goes with length (positive rows are longer than neutral ones), and a longer sentence holds more of any
     * label's words, so the all-rows baseline would credit the label with what its lengths did. Empty where the
     * lengths are the held-out ones or the model's, or drawn from all rows alike.
     */
    private Map<Sentiment, Judged> baselinesAtLabelLengths(int n, boolean free) {
        Map<Sentiment, Judged> byLabel = new EnumMap<>(Sentiment.class);
        TrainingInfo training = lm.info().training();
        if (!free || !lm.drawsFreeLengths(freeLengthOptions(0)) || training == null
                || training.rowLengthsByLabel() == null) {
            return byLabel;
        }
        for (Sentiment label : settings.labels()) {
            LengthPrior prior = LengthPrior.of(training.rowLengthsFor(label));
            String condition = "no label, " + label + " lengths (baseline)";
            Timed t = sample("generate: " + condition, n, i -> {
                SamplingOptions o = options(i);
                return lm.generate(1, Constraints.none(), o.toBuilder().length(prior.draw(o.seed())).build()).get(0);
            });
            List<Integer> classes = judge("sentiment judge: generations without a label at " + label + " lengths",
                    t.out);
            record(t.out, classes, null, "sentiment generate", condition, null);
            byLabel.put(label, new Judged(t.out, classes));
        }
        return byLabel;
    }

    private static String bestOf(int k) {
        return k == 1 ? "" : ", best of " + k;
    }

    /** Where a constrained row starts: nothing asked yet, lexical constraints as the settings say. */
    private Constraints constrained() {
        return Constraints.none().withLexical(settings.lexical());
    }

    private String lexical() {
        return settings.lexical() ? ", lexical" : "";
    }

    private void record(List<List<String>> outs, List<Integer> classes, List<List<String>> inputs, String task,
            String condition, Double g) {
        for (int i = 0; i < outs.size(); i++) {
            samples.add(new Sample(task, condition, g, i, inputs == null ? "" : String.join(" ", inputs.get(i)),
                    String.join(" ", outs.get(i)), String.valueOf(classes.get(i))));
        }
    }

    // ---------------------------------------------------------------- length

    private void lengthControl(List<TaggedSentence> sources) {
        int n = sources.size();
        List<List<String>> heldout = words(sources);
        int[] lengths = sources.stream().mapToInt(TaggedSentence::size).toArray();
        Timed t = sample("length: given lengths", n,
                i -> lm.generate(1, Constraints.none(), options(i).toBuilder().length(lengths[i]).build()).get(0));
        long exact = 0;
        long absError = 0;
        for (int i = 0; i < n; i++) {
            int got = t.out.get(i).size();
            exact += got == lengths[i] ? 1 : 0;
            absError += Math.abs(got - lengths[i]);
            samples.add(new Sample("length", "given length", null, i, String.valueOf(lengths[i]),
                    String.join(" ", t.out.get(i)), String.valueOf(got)));
        }
        Double baseline = null;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("meanAbsLengthError", (double) absError / n);
        if (freeGenerations != null && freeGenerations.size() == n) {
            long chance = 0;
            for (int i = 0; i < n; i++) {
                chance += freeGenerations.get(i).size() == lengths[i] ? 1 : 0;
            }
            baseline = (double) chance / n;
            extra.put("baselineMeanLength", freeGenerations.stream().mapToInt(List::size).average().orElse(0));
        }
        extra.put("heldoutMeanLength", (double) java.util.Arrays.stream(lengths).sum() / n);
        addRow("length", "given length", null, n, "exact length", (double) exact / n, baseline, null, null, t,
                heldout, extra);
    }

    // ---------------------------------------------------------------- helpers

    private record Timed(List<List<String>> out, double seconds) {}

    private void addRow(String task, String condition, Double g, int n, String measure, double value, Double baseline,
            Double reference, Double contentKept, Timed t, List<List<String>> heldout, Map<String, Object> extra) {
        Row row = new Row(task, condition, g, n, measure, value, baseline, reference, contentKept,
                Metrics.repetition(t.out).value(), TextStatistics.unigramEntropy(t.out),
                Metrics.repetition(heldout).value(), TextStatistics.unigramEntropy(heldout), t.seconds, extra);
        rows.add(row);
        err.printf(Locale.ROOT, "%s | %s%s: %s %.1f%% (baseline %s, held-out %s)%n", task, condition,
                g == null ? "" : ", guidance " + fmt(g), measure, 100 * value, pct(baseline), pct(reference));
    }

    /** Row i's options at a free length: with the --[no-]draw-length asked for, if any. */
    private SamplingOptions freeLengthOptions(int i) {
        return options(i).toBuilder().optDrawLength(settings.drawLength()).build();
    }

    /** Sentence {@code i}'s seed in a run of seed {@code seed}, one sentence a call (see the class comment). */
    static long sentenceSeed(long seed, int i) {
        return i + seed * SamplingOptions.SENTENCE_STRIDE;
    }

    private SamplingOptions options(int i) {
        return SamplingOptions.builder().steps(settings.steps()).seed(sentenceSeed(settings.seed(), i))
                .batchSize(settings.batch())
                .temperature(settings.temperature()).x0Temperature(settings.x0Temperature())
                .ngramWeight(settings.ngramWeight()).guideLength(settings.guideLength()).build();
    }

    /**
     * Runs job(i) for i in [0, count) from {@code batch} threads; DiffusionLM's request batcher turns the
     * concurrent one-sentence calls into batched sampling runs.
     */
    private Timed sample(String what, int count, IntFunction<List<String>> job) {
        err.println(what + " ...");
        Progress progress = new Progress(err, what, count);
        List<List<String>> out = inParallel(count, settings.batch(), "evaluation-sampler", progress, job);
        return new Timed(out, progress.done());
    }

    /** job(i) for i in [0, count) from at most {@code threads} daemon threads; results in order of i. */
    private static <T> List<T> inParallel(int count, int threads, String threadName, Progress progress,
            IntFunction<T> job) {
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, count)), r -> {
            Thread th = new Thread(r, threadName);
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    T out = job.apply(index);
                    progress.update(done.incrementAndGet());
                    return out;
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * CoreNLP's class of each sentence. Sentences not judged before are parsed from
     * {@code judgeThreads} threads at once (the sampler is idle meanwhile; StanfordCoreNLP's
     * {@code annotate} may be called concurrently); results are cached by the sentence's text.
     */
    private List<Integer> judge(String what, List<List<String>> sentences) {
        Map<String, List<String>> todo = new LinkedHashMap<>();
        for (List<String> s : sentences) {
            String key = String.join(" ", s);
            if (!sentimentCache.containsKey(key)) {
                todo.putIfAbsent(key, s);
            }
        }
        if (!todo.isEmpty()) {
            Progress progress = new Progress(err, what, todo.size());
            List<String> keys = new ArrayList<>(todo.keySet());
            List<Integer> classes = inParallel(keys.size(), judgeThreads, "evaluation-judge", progress,
                    i -> sentimentJudge.classify(todo.get(keys.get(i))));
            for (int i = 0; i < keys.size(); i++) {
                sentimentCache.put(keys.get(i), classes.get(i));
            }
            if (todo.size() >= 50) {
                progress.done();
            }
        }
        List<Integer> out = new ArrayList<>();
        for (List<String> s : sentences) {
            out.add(sentimentCache.get(String.join(" ", s)));
        }
        return out;
    }

    private List<TaggedSentence> slice(List<TaggedSentence> pool, int k) {
        List<TaggedSentence> out = new ArrayList<>();
        for (int j = 0; j < settings.n(); j++) {
            out.add(pool.get((k * settings.n() + j) % pool.size()));
        }
        return out;
    }

    private static List<List<String>> words(List<TaggedSentence> s) {
        return s.stream().map(TaggedSentence::words).toList();
    }

    private static String tags(List<Upos> tags) {
        return tags.stream().map(Enum::name).collect(Collectors.joining(" "));
    }

    /** Counts of CoreNLP classes -1 (not judged) and 0..4. */
    private static Map<String, Long> histogram(List<Integer> classes) {
        Map<String, Long> h = new LinkedHashMap<>();
        for (int c = -1; c <= 4; c++) {
            int cc = c;
            long k = classes.stream().filter(x -> x == cc).count();
            if (c >= 0 || k > 0) {
                h.put(String.valueOf(c), k);
            }
        }
        return h;
    }

    /**
     * The run's settings as its .json records them. A labeller-only run samples nothing and tags nothing: it records
     * N, the seed that shuffled the held-out sentences, the labels and the sentiment judge, and none of the sampling
     * settings or the POS judge, which would claim steps, temperatures and guidance it never used.
     */
    private Map<String, Object> header(double wall) {
        Map<String, Object> h = Report.modelHeader(lm.info());
        boolean sampled = settings.tasks().stream().anyMatch(t -> t != Task.LABELLER);
        if (sampled) {
            h.put("steps", settings.steps());
        }
        h.put("n", settings.n());
        h.put("seed", settings.seed());
        if (sampled) {
            h.put("sentenceSeeds", SENTENCE_SEEDS);
            h.put("temperature", settings.temperature());
            h.put("x0Temperature", settings.x0Temperature());
            h.put("ngramWeight", settings.ngramWeight());
            h.put("guideLength", settings.guideLength());
            h.put("guidances", settings.guidances());
            h.put("candidates", settings.candidates());
            h.put("rewriteStrength", settings.strength());
            h.put("rewriteKeeps", settings.keep().stream().map(Upos::name).toList());
            h.put("batch", settings.batch());
        }
        h.put("heldout", ResultPaths.shown(settings.heldout()));
        h.put("heldoutLengths", settings.minLength() + ".." + settings.maxLength());
        h.put("quick", settings.quick());
        h.put("sentimentLabels", settings.labels().stream().map(Sentiment::toString).toList());
        if (sampled) {
            h.put("lexical", settings.lexical());
            h.put("generationLengths", generationLengths());
            if ("drawn".equals(generationLengths())) { // files written before the counts by label lack the entry
                h.put("lengthsByLabel", lm.info().training().rowLengthsByLabel() != null);
            }
            if (settings.lexical()) {
                h.put("lexicalTagShare", Constraints.LEXICAL_TAG_SHARE);
            }
        }
        h.put("tasks", settings.tasks().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
        if (sampled) {
            h.put("posJudge", posJudge.describe());
        }
        h.put("sentimentJudge", sentimentJudge.describe());
        h.put("wallSeconds", Math.round(wall * 10) / 10.0);
        h.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        h.put("processors", Runtime.getRuntime().availableProcessors());
        h.put("judgeThreads", judgeThreads);
        return h;
    }

    /**
     * Refuses --draw-length for a model that records no training row lengths: in the option's words, and before any
     * row is sampled rather than at the first generation row, in the library's.
     */
    static void requireRowLengths(DiffusionLM lm, Settings settings) {
        if (Boolean.TRUE.equals(settings.drawLength()) && !lm.info().recordsRowLengths()) {
            throw new IllegalArgumentException(LengthPrior.notRecorded("--draw-length",
                    ResultPaths.shown(lm.info().directory()), ", or leave --draw-length out"));
        }
    }

    /**
     * Which lengths the generation rows used: "held-out" (--heldout-lengths), "drawn" (from the model's training rows'
     * lengths) or "the model's" (chosen by generating padding), as {@link DiffusionLM#drawsFreeLengths} says for
     * the rows' options. Result files written before lengths were drawn by default say "free": the model's.
     */
    private String generationLengths() {
        if (settings.heldoutLengths()) {
            return "held-out";
        }
        return lm.drawsFreeLengths(freeLengthOptions(0)) ? "drawn" : "the model's";
    }

    static String fmt(double x) {
        return Numbers.written(x);
    }

    static String pct(Double x) {
        return x == null ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }
}
