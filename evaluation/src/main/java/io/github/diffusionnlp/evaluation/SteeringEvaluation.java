package io.github.diffusionnlp.evaluation;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.OptionErrors;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.eval.ResultPaths;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import io.github.diffusionnlp.steer.LexiconSentimentScorer;
import io.github.diffusionnlp.steer.NoisySentimentClassifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plug-and-play steering (docs/library.md, docs/constraints.md), measured as those pages
 * report it: N sentences of a fixed length, generated unguided, with the sentiment condition toward positive,
 * steered by {@link LexiconSentimentScorer} toward positive and toward negative at each weight and, optionally, by
 * a {@link NoisySentimentClassifier} probe trained for the run. Each row is read by the model's own {@link
 * DiffusionLM#sentimentPosterior} (which never sees a scorer) and by the AFINN-165 labeller. Sentence i of every row
 * is sampled as sentence i of one call ({@link SamplingOptions#sentenceSeed}), so rows are paired; a row's sentences
 * do not depend on how they are batched.
 */
public final class SteeringEvaluation {
    /** How a run's sentence seeds are derived from its seed (core's rule), as its report states it. */
    static final String SENTENCE_SEEDS = "seed + i × 0x" + Long.toHexString(SamplingOptions.SENTENCE_STRIDE);
    /**
     * @param n sentences per row
     * @param length tokens per sentence
     * @param posteriorSeed the noise {@link DiffusionLM#sentimentPosterior} reads each sentence through
     * @param weights the lexicon scorer's weights; two rows (toward positive, toward negative) at each
     * @param batch sentences per {@code generate} call (memory: a steered step holds a (batch, positions,
     *     vocabulary) array)
     * @param probe the probe's rows, or null for none
     * @param probeCorpus where the probe's training sentences come from (unused without a probe)
     */
    public record Settings(int n, int length, int steps, long seed, long posteriorSeed, List<Double> weights,
            int batch, Probe probe, Path probeCorpus) {
        public Settings {
            weights = List.copyOf(weights);
            if (n < 1) {
                throw new IllegalArgumentException("--n must be >= 1, got " + n);
            }
            if (length < 1) {
                throw new IllegalArgumentException("--length must be >= 1, got " + length);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
            }
            if (weights.isEmpty()) {
                throw new IllegalArgumentException("--weights: give at least one weight, e.g. 0.3,1,3");
            }
            int s = steps;
            OptionErrors.checked("--steps", () -> SamplingOptions.builder().steps(s));
            // the scorer is not needed to check a weight: PlugAndPlay refuses a bad one whatever it steers
            GuidanceScorer none = (x, sigma, generated) -> x;
            weights.forEach(w -> OptionErrors.checked("--weights", () -> PlugAndPlay.of(none, w)));
            if (probe != null) {
                OptionErrors.checked("--probe-weight", () -> PlugAndPlay.of(none, probe.weight()));
            }
            // before the model loads and the unguided rows are sampled: the first steered row was refused there
            boolean steers = weights.stream().anyMatch(w -> w > 0) || probe != null && probe.weight() > 0;
            if (steps == 1 && steers) {
                throw new IllegalArgumentException("--steps 1: steering acts between sampling steps, and 1 step has"
                        + " none; give --steps 2 or more (or only weights 0)");
            }
        }

        /** These settings with the probe's training sentences read from {@code corpus}. */
        public Settings withProbeCorpus(Path corpus) {
            return new Settings(n, length, steps, seed, posteriorSeed, weights, batch, probe, corpus);
        }
    }

    /**
     * The probe: {@code NoisySentimentClassifier.train(lm, the first sentences of the corpus, steps, seed)}, steering
     * at {@code weight}.
     *
     * @param sentences how many of the corpus's first sentences it trains on; 0 for all
     */
    public record Probe(int sentences, int steps, long seed, double weight) {
        public Probe {
            if (sentences < 0) {
                throw new IllegalArgumentException("--probe-sentences must be >= 0 (0: the whole corpus), got "
                        + sentences);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("--probe-steps must be >= 1, got " + steps);
            }
        }
    }

    /**
     * One row of the table.
     *
     * @param row what steered (unguided, the sentiment condition, the lexicon scorer, the probe)
     * @param toward the label steered toward, or null (unguided)
     * @param weight the steering weight, or null where nothing steers by a scorer
     * @param pPositive the mean of the model's p(positive | sentence) over the row
     * @param afinnPositive sentences AFINN-165 labels positive
     */
    public record Row(String row, String toward, Double weight, int n, double pPositive, double pNegative,
            int afinnPositive, int afinnNegative, double seconds) {}

    /** One output, for the samples file. */
    public record Sample(String row, String toward, Double weight, int index, String output, double pPositive,
            double pNegative, String afinn) {}

    /** Everything one run measured. */
    public record Result(Map<String, Object> header, List<Row> rows, List<Sample> samples) {}

    private final DiffusionLM lm;
    private final Settings settings;
    private final PrintStream err;
    private final SentimentLabeller afinn = SentimentLabeller.afinn();
    private final List<Row> rows = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private double probeSeconds;
    private int probeSentences;

    public SteeringEvaluation(DiffusionLM lm, Settings settings, PrintStream err) {
        this.lm = lm;
        this.settings = settings;
        this.err = err;
    }

    public Result run() throws IOException {
        long start = System.nanoTime();
        int positions = lm.info().config().maxLength();
        if (settings.length() > positions) {
            throw new IllegalArgumentException("--length " + settings.length() + " is longer than the model's "
                    + positions + " positions; give --length " + positions + " or less");
        }
        // read before sampling: a bad corpus is refused before the rows' minutes, not after them
        List<TaggedSentence> probeTraining = settings.probe() == null ? null : probeSentences();
        err.printf(Locale.ROOT, "steering: N = %d sentences of %d tokens, %d steps, seed %d; lexicon weights %s%s%n",
                settings.n(), settings.length(), settings.steps(), settings.seed(), settings.weights(),
                settings.probe() == null ? "; no probe"
                        : "; probe at weight " + ConstraintsEvaluation.fmt(settings.probe().weight()));
        measure("unguided", null, null, Constraints.none());
        measure("sentiment condition (withSentiment, guidance "
                + ConstraintsEvaluation.fmt(Constraints.DEFAULT_GUIDANCE)
                + ")", Sentiment.POSITIVE, null, Constraints.none().withSentiment(Sentiment.POSITIVE));
        try (LexiconSentimentScorer lexicon = LexiconSentimentScorer.of(lm)) {
            for (double w : settings.weights()) {
                for (Sentiment target : List.of(Sentiment.POSITIVE, Sentiment.NEGATIVE)) {
                    measure("LexiconSentimentScorer", target, w, Constraints.none()
                            .withSteering(PlugAndPlay.of(lexicon.toward(target), w)));
                }
            }
        }
        if (probeTraining != null) {
            Probe p = settings.probe();
            err.printf(Locale.ROOT, "training the probe: %d sentences, %d steps, seed %d ...%n", probeTraining.size(),
                    p.steps(), p.seed());
            long t = System.nanoTime();
            try (NoisySentimentClassifier probe = NoisySentimentClassifier.train(lm, probeTraining, p.steps(),
                    p.seed())) {
                probeSeconds = (System.nanoTime() - t) / 1e9;
                err.printf(Locale.ROOT, "  probe trained in %.1f s%n", probeSeconds);
                for (Sentiment target : List.of(Sentiment.POSITIVE, Sentiment.NEGATIVE)) {
                    measure("NoisySentimentClassifier", target, p.weight(), Constraints.none()
                            .withSteering(PlugAndPlay.of(probe.toward(target), p.weight())));
                }
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(header(wall), List.copyOf(rows), List.copyOf(samples));
    }

    private List<TaggedSentence> probeSentences() throws IOException {
        List<TaggedSentence> all = TaggedCorpus.read(settings.probeCorpus());
        int k = settings.probe().sentences();
        if (all.isEmpty()) { // with 0 (all of them) the probe's training refused it, after every row was sampled
            throw new IllegalArgumentException("--probe-corpus " + Visible.of(settings.probeCorpus()) + " holds no"
                    + " sentence to train the probe on; give a corpus of sentences, or --no-probe");
        }
        if (k > all.size()) {
            throw new IllegalArgumentException("--probe-sentences " + k + ": " + settings.probeCorpus() + " has only "
                    + all.size() + " sentences; give " + all.size() + " or fewer (0: all of them)");
        }
        probeSentences = k == 0 ? all.size() : k;
        return all.subList(0, probeSentences);
    }

    /** Samples the row in batches (progress on stderr), then reads each sentence by the posterior and AFINN. */
    private void measure(String row, Sentiment toward, Double weight, Constraints c) {
        String what = row + (toward == null ? "" : " → " + toward)
                + (weight == null ? "" : ", weight " + ConstraintsEvaluation.fmt(weight));
        err.println(what + " ...");
        Progress progress = new Progress(err, what, settings.n());
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < settings.n(); from += settings.batch()) {
            int count = Math.min(settings.batch(), settings.n() - from);
            SamplingOptions options = SamplingOptions.builder().steps(settings.steps()).seed(settings.seed())
                    .length(settings.length()).batchSize(settings.batch()).build().startingAt(from);
            out.addAll(lm.generate(count, c, options));
            progress.update(out.size());
        }
        double seconds = progress.done();
        double pPositive = 0;
        double pNegative = 0;
        int positive = 0;
        int negative = 0;
        for (int i = 0; i < out.size(); i++) {
            List<String> s = out.get(i);
            Map<Sentiment, Double> p = lm.sentimentPosterior(s, settings.posteriorSeed());
            Sentiment label = afinn.label(s);
            pPositive += p.get(Sentiment.POSITIVE);
            pNegative += p.get(Sentiment.NEGATIVE);
            positive += label == Sentiment.POSITIVE ? 1 : 0;
            negative += label == Sentiment.NEGATIVE ? 1 : 0;
            samples.add(new Sample(row, toward == null ? null : toward.toString(), weight, i, String.join(" ", s),
                    p.get(Sentiment.POSITIVE), p.get(Sentiment.NEGATIVE), label.toString()));
        }
        Row r = new Row(row, toward == null ? null : toward.toString(), weight, out.size(), pPositive / out.size(),
                pNegative / out.size(), positive, negative, seconds);
        rows.add(r);
        err.printf(Locale.ROOT, "%s: p(positive) %.3f, p(negative) %.3f, AFINN %d positive / %d negative of %d%n",
                what, r.pPositive(), r.pNegative(), positive, negative, out.size());
    }

    private Map<String, Object> header(double wall) {
        Map<String, Object> h = Report.modelHeader(lm.info());
        h.put("n", settings.n());
        h.put("length", settings.length());
        h.put("steps", settings.steps());
        h.put("seed", settings.seed());
        h.put("sentenceSeeds", SENTENCE_SEEDS);
        h.put("posteriorSeed", settings.posteriorSeed());
        h.put("weights", settings.weights());
        h.put("sentimentGuidance", Constraints.DEFAULT_GUIDANCE);
        h.put("batch", settings.batch());
        Probe p = settings.probe();
        if (p != null) {
            h.put("probeCorpus", ResultPaths.shown(settings.probeCorpus()));
            h.put("probeSentences", probeSentences);
            h.put("probeSteps", p.steps());
            h.put("probeSeed", p.seed());
            h.put("probeWeight", p.weight());
            h.put("probeTrainingSeconds", Math.round(probeSeconds * 10) / 10.0);
        }
        h.put("wallSeconds", Math.round(wall * 10) / 10.0);
        h.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        h.put("processors", Runtime.getRuntime().availableProcessors());
        return h;
    }
}
