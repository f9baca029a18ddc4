package io.github.diffusionnlp.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.runtime.Interruption;
import io.github.diffusionnlp.runtime.RowChunks;
import io.github.diffusionnlp.model.SamplingForward;
import io.github.diffusionnlp.model.Scalars;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.TimeWarp;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Euler steps of the probability-flow ODE dx/dσ = (x − x̂₀)/σ, from σ_max down to σ_min, with the
 * steps spaced uniformly in the learned warping F. Given positions hold their clean embedding at
 * every step; the previous step's x̂₀ is fed back (self-conditioning); the tokens are the argmax of
 * the last step's logits. Logits are computed only at generated positions.
 *
 * <p>The only randomness is the starting noise, drawn on the Java side from each row's own seed, so
 * a row's result depends on its seed and its input alone. Safe to use from several threads at once:
 * every call works in its own {@link NDScope} and the network is only read. A thread interrupted while
 * it samples stops at the next step with an {@link IllegalStateException}, its interrupt kept.
 */
public final class Sampler {
    private static final int WIDTH_QUANTUM = 16;
    /**
     * The x0 temperature below which {@link #estimate} takes the likeliest word's embedding, as at 0: logits
     * (at most about 10^5 in size, the lexical offsets and guidance included) divided by a smaller τ may overflow
     * float32, or τ is 0 as a float32, and the softmax was NaN (every word written as [PAD]). At this τ the softmax
     * is already one-hot unless another word's logit lies within about 100·τ of the best one's.
     */
    static final double SHARPEST_TEMPERATURE = 1e-20;

    private final DiffusionTransformer network;
    private final TimeWarp warp;
    private final NDManager manager;
    private final int rowsPerChunk;
    /** Where every pass reads its weights: the given store, or the network's own. */
    private final ParameterStore weights;
    private final SamplingForward forward;
    /** The network's normalised embedding table E; the network must not be trained while this sampler is used. */
    private final NDArray embeddings;
    private final SentimentLikelihood sentimentLikelihood;

    /**
     * A sampler whose forward passes read their weights from {@code weights} (e.g. {@link
     * io.github.diffusionnlp.model.CastWeights} for reduced precision); null: the network's own.
     */
    public Sampler(DiffusionTransformer network, TimeWarp warp, NDManager manager, ParameterStore weights) {
        this(network, warp, manager, weights, RowChunks.ROWS);
    }

    Sampler(DiffusionTransformer network, TimeWarp warp, NDManager manager, ParameterStore weights,
            int rowsPerChunk) {
        this.network = network;
        this.warp = warp;
        this.manager = manager;
        this.weights = weights != null ? weights : new ParameterStore(manager, false);
        this.rowsPerChunk = rowsPerChunk;
        this.forward = new SamplingForward(network, this.weights);
        // E is fixed while sampling: normalised once here rather than in every call (three
        // vocabulary-sized passes, a large share of a short call's time).
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            this.embeddings = network.embeddings(new ParameterStore(manager, false), manager.getDevice(), false);
            NDScope.unregister(embeddings);
        }
        this.sentimentLikelihood = new SentimentLikelihood(network, warp, manager, this.weights, forward, embeddings,
                rowsPerChunk);
    }

    /**
     * Samples a batch of rows.
     *
     * @return (B, L) token ids, equal to the rows' ids at given positions; {@code [UNK]} generated only where a
     *     rewrite (strength below 1) started from {@code [UNK]}, meaning the unknown input word stays; {@code
     *     [PAD]} only where {@link SampleRows#allowPad()} says so
     */
    public int[][] sample(SampleRows rows, Schedule schedule) {
        return sample(rows, schedule, () -> true);
    }

    /**
     * Samples as {@link #sample(SampleRows, Schedule)} does (the same words), but stops between steps, with
     * {@link IllegalStateException}, once {@code wanted} says no caller waits for the rows any more: a request
     * batching lane runs its callers' rows on its own thread, so their giving up interrupts no thread here.
     */
    public int[][] sample(SampleRows rows, Schedule schedule, BooleanSupplier wanted) {
        return sample(rows, schedule, wanted, share -> { });
    }

    /**
     * Samples as {@link #sample(SampleRows, Schedule, BooleanSupplier)} does (the same words), telling {@code done}
     * after every Euler step the share of the call's row-steps done (rows × {@link Schedule#steps()} in all), from
     * above 0 to exactly 1 at the end, never lower than the share before it. The rows are sampled a width at a time
     * ({@link #width}), one group after another, each group's rows counting a step each per step; a row with nothing
     * to generate counts as done from the start (said at once, before the first step). {@code done} runs on the
     * sampling thread, between the steps' native calls: it reads nothing of the device, so it adds no wait for one.
     */
    public int[][] sample(SampleRows rows, Schedule schedule, BooleanSupplier wanted, DoubleConsumer done) {
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(done, "done");
        int[][] out = new int[rows.size()][];
        for (int b = 0; b < rows.size(); b++) {
            out[b] = rows.ids()[b].clone();
        }
        Map<Integer, List<Integer>> groups = byWidth(rows);
        Map<Integer, Long> generating = new TreeMap<>(); // of each group, the rows with something to generate
        groups.forEach((width, members) -> generating.put(width,
                members.stream().filter(b -> generates(rows, b, width)).count()));
        long steps = schedule.steps();
        long total = rows.size() * steps;
        long idle = rows.size() - generating.values().stream().mapToLong(Long::longValue).sum();
        long[] before = {idle * steps}; // row-steps done before the group being sampled
        if (before[0] > 0) {
            done.accept((double) before[0] / total);
        }
        groups.forEach((width, members) -> {
            long busy = generating.get(width);
            if (busy == 0) {
                return;
            }
            sampleRows(members, width, rows, schedule, wanted, out,
                    k -> done.accept((double) (before[0] + busy * k) / total));
            before[0] += busy * steps;
        });
        return out;
    }

    /** Whether row {@code b} has a position to generate at {@code width}: one of its first that many not given. */
    private static boolean generates(SampleRows rows, int b, int width) {
        for (int i = 0; i < width; i++) {
            if (!rows.given()[b][i]) {
                return true;
            }
        }
        return false;
    }

    /** The rows by the width they are computed at ({@link #width}). */
    static Map<Integer, List<Integer>> byWidth(SampleRows rows) {
        Map<Integer, List<Integer>> byWidth = new TreeMap<>();
        for (int b = 0; b < rows.size(); b++) {
            byWidth.computeIfAbsent(width(rows.ids()[b], rows.given()[b]), w -> new ArrayList<>()).add(b);
        }
        return byWidth;
    }

    /**
     * The width a row is computed at: its positions up to the last one that is not given padding,
     * rounded up to a multiple of {@link #WIDTH_QUANTUM}. It depends on the row alone, so a row's
     * result does not depend on the other rows of its batch; and a row is computed at about the
     * width it was trained at (training batches are cut to their longest sentence).
     */
    static int width(int[] ids, boolean[] given) {
        int end = ids.length;
        while (end > 0 && given[end - 1] && ids[end - 1] == Vocabulary.PAD_ID) {
            end--;
        }
        return Math.min(ids.length, Math.max(WIDTH_QUANTUM, (end + WIDTH_QUANTUM - 1) / WIDTH_QUANTUM * WIDTH_QUANTUM));
    }

    /** Samples the rows {@code members} at width {@code len}, telling {@code stepsDone} each step's number from 1. */
    private void sampleRows(List<Integer> members, int len, SampleRows in, Schedule schedule, BooleanSupplier wanted,
            int[][] out, IntConsumer stepsDone) {
        int batch = members.size();
        // A rewrite starts from the input's words; a sample from noise alone reads none of them.
        FlatRows flat = FlatRows.of(in, members, len, network.config().dim(), schedule.strength() < 1, 0);
        List<Long> generated = flat.generated();
        if (generated.isEmpty()) {
            return;
        }
        List<Boolean> padAllowed = padAllowed(in, members, generated, len);
        long[] tokens;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            tokens = denoise(flat, generated, padAllowed, batch, len, schedule, wanted, stepsDone, logits ->
                    schedule.fusion() == null
                            ? vocabularySide(logits, true, 1.0).toLongArray()
                            : FusionStep.words(schedule.fusion(), logits, rowsPerChunk, flat.ids(), generated, len));
        }
        for (int r = 0; r < tokens.length; r++) {
            long p = generated.get(r);
            out[members.get((int) (p / len))][(int) (p % len)] = (int) tokens[r];
        }
    }

    private static List<Boolean> padAllowed(SampleRows in, List<Integer> members, List<Long> generated, int len) {
        List<Boolean> padAllowed = new ArrayList<>();
        for (long p : generated) {
            padAllowed.add(in.allowPad()[members.get((int) (p / len))][(int) (p % len)]);
        }
        return padAllowed;
    }

    /** The likeliest words at one position, best first: their ids and probabilities. */
    public record TopWords(int[] ids, float[] probabilities) {}

    /**
     * Each generated position's {@code k} likeliest words as the network reads the given words in one pass at the
     * highest noise level, every generated position starting at the mean (no noise) and so unknown to the others:
     * the distribution whose argmax greedy infill's first step takes, what a masked language model's fill-mask
     * gives. The rows' conditions apply, with classifier-free guidance {@code guidance} and lexical constraints
     * {@code words} as a sampling step applies them. What sampling never writes there ([PAD] and [UNK] where banned,
     * the model's banned words, the words lexical constraints forbid) is left out: fewer than k words only when k
     * passes the words allowed.
     *
     * <p>Under n-gram fusion the words are those of {@link NgramFusion}'s last step, as one fused greedy step
     * chooses them: the network's {@code max(k, }{@link NgramFusion#CANDIDATES}{@code )} likeliest words ranked by
     * log p_network + λ · log p_trigram (the other generated positions read at their fused choices), the
     * probabilities renormalised over those candidates; the first word is the one that step writes.
     *
     * @param words lexical constraints, or null for none
     * @param fusion n-gram fusion, or null for none
     * @return (B, L) arrays: each row's generated positions' words, null at given positions
     */
    public TopWords[][] topWords(SampleRows rows, int k, double guidance, WordMasks words, NgramFusion fusion) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int read = fusion == null ? k : Math.max(k, NgramFusion.CANDIDATES);
        Schedule firstStep = new Schedule(1, 0, 1, guidance, null, words, 1.0, null);
        TopWords[][] out = new TopWords[rows.size()][];
        for (int b = 0; b < rows.size(); b++) {
            out[b] = new TopWords[rows.ids()[b].length];
        }
        byWidth(rows).forEach((len, members) -> {
            FlatRows flat = FlatRows.of(rows, members, len, network.config().dim(), false, 0);
            List<Long> generated = flat.generated();
            if (generated.isEmpty()) {
                return;
            }
            FusionStep.Candidates top;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                top = denoise(flat, generated, padAllowed(rows, members, generated, len), members.size(), len,
                        firstStep, () -> true, done -> { }, logits -> FusionStep.candidates(logits, rowsPerChunk, read,
                                false));
            }
            if (fusion != null) {
                top = FusionStep.fused(fusion, top, flat.ids(), generated, len, DiffusionTransformer.UNWRITABLE / 2);
            }
            for (int r = 0; r < generated.size(); r++) {
                long p = generated.get(r);
                out[members.get((int) (p / len))][(int) (p % len)] = allowed(top, r, k);
            }
        });
        return out;
    }

    /**
     * Row r's first {@code most} candidates less the ones sampling never writes there: [PAD] and [UNK] (at −∞) and
     * the model's banned words ({@link DiffusionTransformer#UNWRITABLE} below the others), as ids and probabilities.
     */
    private static TopWords allowed(FusionStep.Candidates top, int r, int most) {
        int k = top.k();
        int n = 0;
        while (n < Math.min(most, k) && top.logProb()[r * k + n] > DiffusionTransformer.UNWRITABLE / 2) {
            n++; // best first: the ones never written come last
        }
        int[] ids = new int[n];
        float[] probabilities = new float[n];
        for (int c = 0; c < n; c++) {
            ids[c] = (int) top.ids()[r * k + c];
            probabilities[c] = (float) Math.exp(top.logProb()[r * k + c]);
        }
        return new TopWords(ids, probabilities);
    }

    /**
     * The model read as a classifier of its own sentiment condition: for each row and label (in {@link Sentiment}
     * order), log p(row | label) up to a constant shared by the row's labels; see {@link SentimentLikelihood}.
     */
    public double[][] sentimentLogLikelihoods(SampleRows rows) {
        return sentimentLogLikelihoods(rows, () -> false);
    }

    /**
     * As {@link #sentimentLogLikelihoods(SampleRows)}, stopping between its network passes ("interrupted while
     * reading the sentiment") once {@code interrupted} is true: the caller it is for was interrupted, though it may
     * run on another thread (a model that batches requests rates on threads of its own).
     */
    public double[][] sentimentLogLikelihoods(SampleRows rows, BooleanSupplier interrupted) {
        return sentimentLikelihood.of(rows, interrupted);
    }

    private StepLogits.Lexical lexical(WordMasks masks, FlatRows in, List<Long> generated, int len) {
        long[] tags = new long[generated.size()];
        long[] labels = new long[generated.size()];
        for (int r = 0; r < tags.length; r++) {
            int p = (int) (long) generated.get(r);
            tags[r] = in.upos()[p];
            labels[r] = in.sentiment()[p / len];
        }
        return new StepLogits.Lexical(masks, manager.create(tags), manager.create(labels));
    }

    /**
     * Whether a generated position that starts from {@code inputId} may come out as {@code [UNK]}: only in a rewrite
     * below strength 1 of a word the model does not know, where it means "leave that word as it was" (the caller
     * writes the input word back). Banned there, every name and number of a light rewrite was replaced by some
     * known word while the known words around it stayed. At strength 1 the sample starts from noise alone and
     * nothing of the input is left to keep, and elsewhere (infill, generation) [UNK] is never an answer. Nor under
     * lexical constraints: they forbid words the lexicons contradict, and an unknown word cannot be checked (an
     * AFINN-165 word outside the vocabulary, rated against the sentiment, would come through).
     */
    private static boolean keepsUnknown(long inputId, Schedule schedule) {
        return schedule.strength() < 1 && schedule.words() == null && inputId == Vocabulary.UNK_ID;
    }

    /**
     * Runs the schedule's steps on the generated positions and returns what {@code lastStep} makes of the last
     * step's logits (the words, or the likeliest words' probabilities), telling {@code stepsDone} the number of
     * steps done (from 1) after each step, the last one's {@code lastStep} included.
     */
    private <T> T denoise(FlatRows in, List<Long> generated, List<Boolean> padAllowed, int batch, int len,
            Schedule schedule, BooleanSupplier wanted, IntConsumer stepsDone, Function<StepLogits, T> lastStep) {
        int dim = network.config().dim();
        int n = generated.size();
        int steps = schedule.steps();
        double[] sigmas = warp.samplingSigmas(steps, schedule.strength());
        // Guidance runs every row twice in one batch: with its conditions (first half) and without.
        boolean guided = schedule.guidance() != 1.0;
        float w = (float) schedule.guidance();
        // [PAD] (id 0) only where the length is free; [UNK] (id 1) only where a rewrite started from it (see
        // keepsUnknown). Only these two columns of the logits are touched (adding a dense (N, V) mask cost as
        // much as the softmax).
        float[] ban = new float[n * 2];
        for (int r = 0; r < n; r++) {
            ban[2 * r] = padAllowed.get(r) ? 0f : Float.NEGATIVE_INFINITY;
            ban[2 * r + 1] = keepsUnknown(in.ids()[(int) (long) generated.get(r)], schedule)
                    ? 0f : Float.NEGATIVE_INFINITY;
        }
        NDArray e = embeddings;
        // Free generation: every position is generated, so rows are the flattened positions in order.
        boolean allGenerated = n == batch * len;
        NDArray rows = manager.create(generated.stream().mapToLong(Long::longValue).toArray());
        NDArray givenArr = manager.create(in.given(), new Shape(batch, len));
        NDArray givenMask = givenArr.expandDims(2);
        NDArray clean = DiffusionTransformer.embed(e, manager.create(in.ids(), new Shape(batch, len)));
        NDArray sentiment = manager.create(in.sentiment());
        NDArray upos = manager.create(in.upos(), new Shape(batch, len));
        NDArray uncondRows = rows;
        if (guided) {
            givenArr = givenArr.concat(givenArr, 0);
            sentiment = sentiment.concat(sentiment.zerosLike(), 0);
            upos = upos.concat(upos.zerosLike(), 0);
            uncondRows = rows.add((long) batch * len);
        }
        SamplingForward.Call pass = forward.start(Arrays.copyOf(sigmas, steps), givenArr, sentiment, upos);
        NDArray banLogits = manager.create(ban, new Shape(n, 2));
        StepLogits.Lexical lexical = schedule.words() == null ? null : lexical(schedule.words(), in, generated, len);
        NDArray generatedMask = givenMask.neg().add(1f);
        // A rewrite starts from the input's own embeddings, noised; a fresh sample from noise alone.
        NDArray start = schedule.strength() < 1 ? clean : clean.mul(givenMask);
        NDArray x = manager.create(in.noise(), new Shape(batch, len, dim))
                .mul((float) (sigmas[0] * schedule.temperature()))
                .mul(generatedMask).add(start);
        NDArray selfCond = manager.zeros(clean.getShape()); // as in training's passes without self-conditioning
        for (int k = 0; ; k++) {
            // Each step's temporaries die with its scope; only the next x and x̂₀ are carried over.
            try (NDScope step = new NDScope()) {
                step.suppressNotUsedWarning();
                // this step is the last to read x and selfCond; registered first, they close with it whatever
                // fails in it (the report of the step before included)
                NDScope.register(x);
                NDScope.register(selfCond);
                if (k > 0) {
                    stepsDone.accept(k);
                }
                float sigma = (float) sigmas[k];
                NDArray xs = guided ? x.concat(x, 0) : x;
                NDArray sc = guided ? selfCond.concat(selfCond, 0) : selfCond;
                NDArray h = pass.features(k, xs, sc);
                NDArray hRows;
                NDArray hUncond;
                if (allGenerated) {
                    hRows = guided ? h.get(":" + n) : h;
                    hUncond = guided ? h.get(n + ":") : null;
                } else {
                    hRows = DiffusionTransformer.pick(h, rows);
                    hUncond = guided ? DiffusionTransformer.pick(h, uncondRows) : null;
                }
                Interruption.stopIfInterrupted("sampling", wanted);
                StepLogits logits = new StepLogits(network, weights, hRows, hUncond, w, schedule.guideLength(), e,
                        banLogits, lexical);
                if (k == steps - 1) {
                    T last = lastStep.apply(logits);
                    stepsDone.accept(steps);
                    return last;
                }
                NDArray x0Rows = schedule.fusion() == null
                        ? vocabularySide(logits, false, schedule.x0Temperature())
                        : FusionStep.estimate(schedule.fusion(), logits, rowsPerChunk, manager, in.ids(), generated,
                                len, schedule.x0Temperature());
                NDArray x0 = allGenerated ? x0Rows.reshape(batch, len, dim)
                        : DiffusionTransformer.selfCondition(x0Rows, rows, clean, givenMask);
                // Euler step; at given positions x = x̂₀ = e, so they stay put.
                NDArray next = x.add(x.sub(x0).mul((float) ((sigmas[k + 1] - sigma) / sigma)));
                if (schedule.callsAScorer()) {
                    next = schedule.steer().apply(next, (float) sigmas[k + 1], generatedMask, k == 0);
                }
                NDScope.unregister(next, x0);
                x = next;
                selfCond = x0;
            }
        }
    }

    /**
     * The vocabulary side of one step without n-gram fusion: the generated rows' {@link StepLogits}, then either
     * their argmax (N) or x̂₀ = softmax(logits / {@code x0Temperature})·E (N, d), a slice of rows at a time (see
     * {@link RowChunks} for why).
     */
    private NDArray vocabularySide(StepLogits step, boolean argMax, double x0Temperature) {
        return RowChunks.map(step.rows(), rowsPerChunk, range -> {
            NDArray logits = step.logits(range);
            return argMax ? logits.argMax(1).toType(DataType.INT64, false) : estimate(logits, step.e(), x0Temperature);
        });
    }

    /**
     * x̂₀ of {@code logits} (N, V) with the choice among words sharpened by {@code tau} (softmax(logits/τ)
     * over the words; at 0 the likeliest word's own embedding) and the padding's share left as the model
     * gives it. Sharpening the padding too would end free-length sentences early: early in sampling the
     * padding is the likeliest token at most late positions (on the shipped model at τ = 0.5, mean length
     * 5.4 words against 20.7 at 1). Where the padding is banned its share is 0 and this is the plain formula.
     * A τ below {@link #SHARPEST_TEMPERATURE} is taken as 0.
     */
    private static NDArray estimate(NDArray logits, NDArray e, double tau) {
        return estimate(logits, e, tau, null);
    }

    /** As above, with {@code wordOffsets} (N, V) added to the words' logits (not to the padding's share), or null. */
    static NDArray estimate(NDArray logits, NDArray e, double tau, NDArray wordOffsets) {
        if (tau == 1 && wordOffsets == null) {
            return logits.softmax(1).matMul(e);
        }
        // Each (N, V) temporary is closed once read (a view of one too: it keeps the whole array alive).
        NDArray probs = logits.softmax(1);
        NDArray padView = probs.get(new NDIndex(":, 0:1"));
        NDArray pad = padView.duplicate(); // (N, 1)
        padView.close();
        probs.close();
        NDArray offset = wordOffsets == null ? logits : logits.add(wordOffsets);
        NDArray wordLogits = offset.get(new NDIndex(":, 1:"));
        NDArray words = e.get(new NDIndex("1:")); // rows 1.. of E, in the order of wordLogits' columns
        NDArray wordEstimate;
        if (tau < SHARPEST_TEMPERATURE) {
            wordEstimate = words.get(new NDIndex("{}", wordLogits.argMax(1).toType(DataType.INT64, false)));
        } else {
            NDArray sharpened = Scalars.over(wordLogits, tau);
            NDArray wordProbs = sharpened.softmax(1);
            sharpened.close();
            wordEstimate = wordProbs.matMul(words);
            wordProbs.close();
        }
        wordLogits.close();
        if (offset != logits) {
            offset.close();
        }
        return wordEstimate.mul(pad.neg().add(1f)).add(pad.matMul(e.get(new NDIndex("0:1"))));
    }
}
