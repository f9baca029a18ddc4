package io.github.diffusionnlp.api;

import ai.djl.util.Progress;
import io.github.diffusionnlp.runtime.Lifecycle;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.sample.NgramFusion;
import io.github.diffusionnlp.sample.SampleRows;
import io.github.diffusionnlp.sample.Sampler;
import io.github.diffusionnlp.sample.Schedule;
import io.github.diffusionnlp.sample.WordMasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Samples a call's model rows on the model and puts each row's result in it: batch by batch, under the
 * schedule that the call's options and constraints make (lexical masks, n-gram fusion, guidance), best of k
 * candidates where the constraints ask for it.
 *
 * <p>Thread-safe, one per model, shared by all its calls: it holds no state of its own (the lazily built
 * masks and trigrams are guarded by {@link LexicalMasks} and {@link NgramCorpus}), and it touches the
 * model's native memory only inside the model's {@link Lifecycle#whileOpen}, so that close waits for it. With
 * request batching, rows are sampled on the batcher's lanes and rated on the model's {@link RatingThreads}, so that
 * the native memory they take is held by those few threads, not by every caller's.
 */
final class RowSampler {
    private final Sampler sampler;
    /** Gathers concurrent calls' batches; null when the model samples each call on its own thread. */
    private final RequestBatcher batcher;
    /** Where candidates are rated; null when the model rates on each caller's thread (no batching). */
    private final RatingThreads ratings;
    private final Lifecycle lifecycle;
    private final LexicalMasks lexicalMasks;
    private final NgramCorpus ngramCorpus;
    private final Vocabulary vocabulary;

    RowSampler(Sampler sampler, RequestBatcher batcher, RatingThreads ratings, Lifecycle lifecycle,
            LexicalMasks lexicalMasks, NgramCorpus ngramCorpus, Vocabulary vocabulary) {
        this.sampler = sampler;
        this.batcher = batcher;
        this.ratings = ratings;
        this.lifecycle = lifecycle;
        this.lexicalMasks = lexicalMasks;
        this.ngramCorpus = ngramCorpus;
        this.vocabulary = vocabulary;
    }

    /**
     * Samples the rows; with {@code constraints.candidates()} = k > 1, samples each row k times (candidate
     * j with seed {@code seed + j * BestOf.SEED_STRIDE}, so candidate 0 is the single-sample output) and
     * keeps the candidate the sentiment lexicon rates furthest toward the row's label.
     */
    List<ModelRow> run(List<ModelRow> rows, SamplingOptions options, double strength, Constraints constraints) {
        int k = constraints.candidates();
        if (k == 1) {
            return sampleRows(rows, options, strength, constraints);
        }
        List<ModelRow> all = new ArrayList<>();
        for (ModelRow row : rows) { // each has a label: CallArguments.checkConstraints refused candidates without one
            for (int j = 0; j < k; j++) {
                all.add(j == 0 ? row : row.candidate(row.seed + j * BestOf.SEED_STRIDE));
            }
        }
        sampleRows(all, options, strength, constraints);
        double[][] posteriors = labelPosteriors(all);
        for (int r = 0; r < rows.size(); r++) {
            ModelRow best = rows.get(r);
            double bestToward = Double.NEGATIVE_INFINITY;
            double bestPosterior = Double.NEGATIVE_INFINITY;
            for (int j = r * k; j < (r + 1) * k; j++) {
                ModelRow c = all.get(j);
                double toward = BestOf.toward(c.label, c.outcome(vocabulary));
                double posterior = posteriors[j][c.label.ordinal()];
                if (toward > bestToward || (toward == bestToward && posterior > bestPosterior)) {
                    best = c;
                    bestToward = toward;
                    bestPosterior = posterior;
                }
            }
            rows.get(r).result = best.result;
        }
        return rows;
    }

    /**
     * Each sampled row's log posterior of each label (in {@link Sentiment} order) under the model read
     * as a classifier ({@link Sampler#sentimentLogLikelihoods}): log p(label | row), uniform prior.
     */
    double[][] labelPosteriors(List<ModelRow> rows) {
        SampleRows in = inputs(rows, r -> r.result);
        Thread caller = Thread.currentThread();
        double[][] ll = lifecycle.whileOpen(ratings == null
                ? () -> sampler.sentimentLogLikelihoods(in, caller::isInterrupted)
                : () -> ratings.run(interrupted -> lifecycle.onBehalfOfACall( // the call holds the model open
                        () -> sampler.sentimentLogLikelihoods(in, interrupted))));
        for (double[] row : ll) {
            double max = Arrays.stream(row).max().orElseThrow();
            double norm = max + Math.log(Arrays.stream(row).map(v -> Math.exp(v - max)).sum());
            for (int j = 0; j < row.length; j++) {
                row[j] -= norm;
            }
        }
        return ll;
    }

    /**
     * Each row's likeliest words at its generated positions ({@link Sampler#topWords}) under the rows' conditions,
     * {@code constraints}' guidance and lexical constraints, fused with the n-gram model at {@code ngramWeight} (0:
     * not); null at given ones.
     */
    Sampler.TopWords[][] topWords(List<ModelRow> rows, int k, Constraints constraints, double ngramWeight) {
        SampleRows in = inputs(rows, r -> r.ids);
        Supplier<Sampler.TopWords[][]> read = () -> sampler.topWords(in, k, constraints.guidance(),
                constraints.lexical() ? lexicalMasks.forRows(rows) : null,
                ngramWeight > 0 ? new NgramFusion(ngramCorpus.trigram(), ngramWeight) : null);
        return lifecycle.whileOpen(ratings == null ? read
                : () -> ratings.run(interrupted -> lifecycle.onBehalfOfACall(read))); // as labelPosteriors: few threads
    }

    /**
     * Samples the rows a batch of {@code options.batchSize()} at a time, telling the options' progress (reset to the
     * rows, started at 0, ended at the end) the rows done: without request batching after every Euler step, the
     * share of the batch's row-steps done as whole rows ({@link Sampler#sample(SampleRows, Schedule,
     * java.util.function.BooleanSupplier, java.util.function.DoubleConsumer)}); with it, whose lanes merge callers'
     * rows into batches of their own, as each batch is done.
     */
    private List<ModelRow> sampleRows(List<ModelRow> rows, SamplingOptions options, double strength,
            Constraints constraints) {
        Progress progress = options.progress().orElse(null);
        return lifecycle.whileOpen(() -> {
            WordMasks words = constraints.lexical() ? lexicalMasks.forRows(rows) : null;
            NgramFusion fusion = options.ngramWeight() > 0
                    ? new NgramFusion(ngramCorpus.trigram(), options.ngramWeight()) : null;
            if (progress != null) {
                progress.reset("Sampling", rows.size());
                progress.start(0);
            }
            Reported reported = new Reported(progress);
            for (int from = 0; from < rows.size(); from += options.batchSize()) {
                List<ModelRow> batch = rows.subList(from, Math.min(rows.size(), from + options.batchSize()));
                SampleRows in = inputs(batch, r -> r.ids);
                Schedule schedule = new Schedule(options.steps(),
                        options.temperature().orElse(SamplingOptions.SAMPLING_TEMPERATURE), strength,
                        constraints.guidance(), constraints.steer(), words, options.x0Temperature(), fusion,
                        options.guideLength());
                int[][] result;
                if (batcher != null) {
                    // a call from a steering scorer (nested on its lane, or on a thread it waits for) the batcher
                    // samples in place: queued, it would wait for the lane that waits for it. Its lanes merge
                    // callers' rows into batches of their own: this call's progress is told per batch, below.
                    result = batcher.sample(in, schedule);
                } else if (progress == null) {
                    result = sampler.sample(in, schedule);
                } else {
                    // step by step: the share of the batch's row-steps done, as whole rows
                    long at = from;
                    int n = batch.size();
                    result = sampler.sample(in, schedule, () -> true,
                            share -> reported.to(at + (long) Math.floor(share * n)));
                }
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result = result[i];
                }
                if (progress != null) {
                    reported.to(from + batch.size());
                }
            }
            if (progress != null) {
                progress.end();
            }
            return rows;
        });
    }

    /** A call's progress told each count of rows done once, and only a count above the last one told. */
    private static final class Reported {
        private final Progress progress;
        private long last;

        Reported(Progress progress) {
            this.progress = progress;
        }

        void to(long rows) {
            if (rows > last) {
                last = rows;
                progress.update(rows);
            }
        }
    }

    /** The rows as the sampler takes them, with {@code ids} as their token ids (inputs or results). */
    private static SampleRows inputs(List<ModelRow> rows, Function<ModelRow, int[]> ids) {
        return new SampleRows(rows.stream().map(ids).toArray(int[][]::new),
                rows.stream().map(r -> r.given).toArray(boolean[][]::new),
                rows.stream().map(r -> r.allowPad).toArray(boolean[][]::new),
                rows.stream().mapToInt(r -> r.sentiment).toArray(),
                rows.stream().map(r -> r.upos).toArray(int[][]::new),
                rows.stream().mapToLong(r -> r.seed).toArray());
    }
}
