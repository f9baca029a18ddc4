package io.github.diffusionnlp.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.diffusionnlp.runtime.Autograd;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.model.Flops;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.runtime.RowChunks;
import io.github.diffusionnlp.model.TimeWarp;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.train.TrainingData.Example;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * One CDCD training step (the step of the project's {@code train.py}; {@link DiffusionTrainer} runs the steps
 * and keeps the run: checkpoints, averaging, the divergence guard, resuming, logging):
 * <ol>
 *   <li>draw a batch of rows and, per row, a conditioning mask ({@link ConditioningMask}, {@link #masks}), and drop
 *       each row's conditions with their own probabilities ({@link #dropConditions});
 *   <li>draw σ per row from the time warping, stratified over the batch: σ = exp(F⁻¹(u));
 *   <li>noise the embeddings of the generated positions: x = e + σ·ε;
 *   <li>with p = 0.5, a first pass without gradient gives x̂₀ for self-conditioning;
 *   <li>cross-entropy of the logits against the clean tokens at the generated positions;
 *   <li>clip the gradient's global norm to 1, AdamW at the step's learning rate ({@link Gradients#clipAndUpdate});
 *   <li>feed the per-row losses to the time warping.
 * </ol>
 */
final class DiffusionStep {
    private static final double SENTIMENT_DROP = 0.15;
    /**
     * Higher than the sentiment's: free infilling (no template) is the main use and must stay as good
     * as an unconditional model's, and a template also gives away the length.
     */
    private static final double UPOS_DROP = 0.5;
    /**
     * Every so many steps a batch keeps the full row width, so that the model also learns long runs
     * of padding (free-length generation ends a sentence with them). The other steps cut it to their longest row,
     * which tells a free-length row its length; giving the narrow rows' padding instead was tried and not kept
     * (root README, *Limitations*).
     */
    static final int FULL_WIDTH_EVERY = 10;

    /**
     * What one step did: its mean loss over the rows with something to generate, and its work (steps, real tokens,
     * FLOPs; its seconds are the caller's to time). A step whose gradient was not finite updated nothing:
     * {@link #SKIPPED}, a NaN loss and no work.
     */
    record Result(double loss, Throughput work) {
        static final Result SKIPPED = new Result(Double.NaN, Throughput.NONE);

        boolean updated() {
            return Double.isFinite(loss);
        }
    }

    private final NDManager manager;
    private final DiffusionTransformer network;
    private final TimeWarp warp;
    private final AdamW optimizer;
    private final PairList<String, Parameter> parameters;
    private final int batchSize;
    private final long seed;
    /** Where a skipped update is said ({@link Gradients#clipAndUpdate}). */
    private final PrintStream log;

    /**
     * Steps of {@code batchSize} rows that train {@code network} (its parameters already requiring gradients)
     * with {@code optimizer} and fit {@code warp}, their random draws made from {@code seed} and the step number,
     * so that a resumed run draws what an unbroken one does.
     */
    DiffusionStep(NDManager manager, DiffusionTransformer network, TimeWarp warp, AdamW optimizer, int batchSize,
            long seed, PrintStream log) {
        this.manager = manager;
        this.network = network;
        this.warp = warp;
        this.optimizer = optimizer;
        this.parameters = network.getParameters();
        this.batchSize = batchSize;
        this.seed = seed;
        this.log = log;
    }

    /**
     * Takes step {@code step} at learning rate {@code lr} on the rows {@code members} of {@code rows} (their
     * indices, a batch's worth): updates the network and feeds the time warping, unless the gradient was not
     * finite ({@link Gradients#clipAndUpdate}), when it changes nothing and says {@link Result#SKIPPED}.
     */
    Result take(List<Example> rows, int[] members, int step, float lr) {
        int batch = batchSize;
        Random random = stepRandom(seed, step);
        Example[] examples = new Example[batch];
        for (int k = 0; k < batch; k++) {
            examples[k] = rows.get(members[k]);
        }
        int[][] ids = ids(examples);
        float[][] given = masks(ids, step, network.config().maxLength(), random);
        int len = given[0].length;
        Example[] conditioned = dropConditions(examples, random);
        double[] sigmas = stratifiedSigmas(warp, batch, random);
        Engine.getInstance().setRandomSeed((int) (seed * 31 + step));
        boolean selfCondition = random.nextBoolean();
        double[] perRow;
        double mean;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            ParameterStore ps = new ParameterStore(manager, false);
            Batch in = Batch.of(manager, conditioned, given, sigmas);
            Autograd.COLLECTOR.lock();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray e = network.embeddings(ps, manager.getDevice(), true);
                NDArray clean = in.clean(e);
                NDArray x = in.noised(manager, clean);
                NDArray selfCond = manager.zeros(x.getShape());
                if (selfCondition) {
                    selfCond = selfConditioning(network, ps, in, x, selfCond, e, clean);
                }
                NDArray h = network.forward(ps, in.inputs(x, selfCond), true).get(0);
                NDArray rowLoss = in.rowLoss(in.pick(h), hs -> network.logits(ps, hs, e, true));
                NDArray loss = in.meanLoss(rowLoss);
                collector.backward(loss);
                perRow = toDoubles(rowLoss.toFloatArray());
                mean = loss.getFloat();
            } finally {
                Autograd.COLLECTOR.unlock();
            }
            if (!Gradients.clipAndUpdate(optimizer, parameters, step, lr, mean, log)) {
                return Result.SKIPPED;
            }
        }
        observeWarp(warp, sigmas, perRow, given);
        long tokens = 0;
        long generated = 0;
        for (int b = 0; b < batch; b++) {
            tokens += Math.min(len, Vocabulary.unpaddedLength(ids[b]));
            for (float g : given[b]) {
                generated += g == 0f ? 1 : 0;
            }
        }
        ModelConfig c = network.config();
        double graded = Flops.forward(c, batch, len, generated);
        // backward costs about twice the forward; the self-conditioning pass adds a forward and x̂₀
        double flops = 3 * graded + (selfCondition ? graded + Flops.expectedEmbedding(c, generated) : 0);
        return new Result(mean, new Throughput(1, tokens, flops, 0));
    }

    /**
     * The random source of step {@code step}: its seed mixed, because {@link Random}'s first draws from nearby seeds
     * are nearly equal, and consecutive steps' seeds are neighbours (without the mix, row 0's mask kind stayed the
     * same for hundreds of steps in a row).
     */
    static Random stepRandom(long seed, int step) {
        return new Random(new SplittableRandom(seed * 1_000_003L + step).nextLong());
    }

    /**
     * The conditioning masks of step {@code step}'s rows {@code ids} (1 = given), as wide as the step's rows: the
     * model's {@code maxLength} every {@link #FULL_WIDTH_EVERY} steps, the longest row otherwise.
     */
    static float[][] masks(int[][] ids, int step, int maxLength, Random random) {
        int len = step % FULL_WIDTH_EVERY == 0 ? maxLength : longest(ids);
        float[][] given = new float[ids.length][len];
        for (int b = 0; b < ids.length; b++) {
            ConditioningMask.draw(random, Vocabulary.unpaddedLength(ids[b]), given[b]);
        }
        return given;
    }

    /**
     * The self-conditioning input: a first pass's x̂₀, from which no gradient flows. Run with autograd
     * paused so that the pass records no graph and keeps none of its activations for backward.
     */
    private static NDArray selfConditioning(DiffusionTransformer network, ParameterStore ps, Batch in, NDArray x,
            NDArray zeros, NDArray e, NDArray clean) {
        return Autograd.withoutGraph(() -> {
            NDArray h0 = in.pick(network.forward(ps, in.inputs(x, zeros), false).get(0));
            NDArray x0 = network.expectedEmbedding(ps, h0, e);
            return DiffusionTransformer.selfCondition(x0, in.rows, clean, in.given.expandDims(2));
        });
    }

    /** Feeds F the losses of rows that had something to generate (a fully given row says nothing). */
    private static void observeWarp(TimeWarp warp, double[] sigmas, double[] losses, float[][] given) {
        List<Integer> keep = new ArrayList<>();
        for (int b = 0; b < given.length; b++) {
            for (float g : given[b]) {
                if (g == 0f) {
                    keep.add(b);
                    break;
                }
            }
        }
        warp.observe(keep.stream().mapToDouble(b -> sigmas[b]).toArray(),
                keep.stream().mapToDouble(b -> losses[b]).toArray());
    }

    /**
     * Validation loss under the same mask mix, with fixed seeds and σ spread uniformly in ln σ (not
     * through the warp, which moves), so that points are comparable across the run.
     */
    double devLoss(List<Example> devRows) {
        int len = network.config().maxLength();
        Random random = new Random(12345);
        Example[] examples = devRows.toArray(new Example[0]);
        int[][] ids = ids(examples);
        float[][] given = new float[ids.length][len];
        double[] sigmas = new double[ids.length];
        for (int b = 0; b < ids.length; b++) {
            ConditioningMask.draw(random, Vocabulary.unpaddedLength(ids[b]), given[b]);
            ModelConfig c = network.config();
            sigmas[b] = c.sigmaMin() * Math.pow(c.sigmaMax() / c.sigmaMin(), (b + 0.5) / ids.length);
        }
        Engine.getInstance().setRandomSeed(12345);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            ParameterStore ps = new ParameterStore(manager, false);
            Batch in = Batch.of(manager, dropConditions(examples, random), given, sigmas);
            NDArray e = network.embeddings(ps, manager.getDevice(), false);
            NDArray clean = in.clean(e);
            NDArray x = in.noised(manager, clean);
            NDArray selfCond = selfConditioning(network, ps, in, x, manager.zeros(x.getShape()), e, clean);
            NDArray h = network.forward(ps, in.inputs(x, selfCond), false).get(0);
            return in.rowLoss(in.pick(h), hs -> network.logits(ps, hs, e, false)).mean().getFloat();
        }
    }

    /**
     * The arrays of one batch. {@code rows} lists the flattened (B·L) positions to generate, which are
     * the only positions whose logits are computed; {@code rowOf} (B, N) maps them back to their rows.
     */
    record Batch(NDArray ids, NDArray given, NDArray sigma, NDArray sentiment, NDArray upos, NDArray rows,
            NDArray targets, NDArray rowOf, NDArray counts) {
        static Batch of(NDManager m, Example[] examples, float[][] given, double[] sigmas) {
            int[][] ids = DiffusionStep.ids(examples);
            int batch = ids.length;
            int len = given[0].length;
            long[] flat = new long[batch * len];
            long[] upos = new long[batch * len];
            long[] sentiment = new long[batch];
            float[] g = new float[batch * len];
            float[] s = new float[batch];
            List<Long> generated = new ArrayList<>();
            float[] counts = new float[batch];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < len; i++) {
                    flat[b * len + i] = i < ids[b].length ? ids[b][i] : Vocabulary.PAD_ID;
                    upos[b * len + i] = examples[b].upos()[i];
                    g[b * len + i] = given[b][i];
                    if (given[b][i] == 0f) {
                        generated.add((long) b * len + i);
                        counts[b]++;
                    }
                }
                s[b] = (float) sigmas[b];
                sentiment[b] = examples[b].sentiment();
            }
            if (generated.isEmpty()) { // every position given: generate the last one so the batch has a loss
                g[batch * len - 1] = 0f;
                generated.add((long) batch * len - 1);
                counts[batch - 1]++;
            }
            long[] rows = generated.stream().mapToLong(Long::longValue).toArray();
            long[] targets = new long[rows.length];
            float[] rowOf = new float[batch * rows.length];
            for (int n = 0; n < rows.length; n++) {
                targets[n] = flat[(int) rows[n]];
                rowOf[(int) (rows[n] / len) * rows.length + n] = 1f;
            }
            return new Batch(m.create(flat, new Shape(batch, len)), m.create(g, new Shape(batch, len)), m.create(s),
                    m.create(sentiment), m.create(upos, new Shape(batch, len)), m.create(rows), m.create(targets),
                    m.create(rowOf, new Shape(batch, rows.length)), m.create(counts));
        }

        /** The network's inputs for noisy embeddings {@code x} and self-conditioning {@code selfCond}. */
        NDList inputs(NDArray x, NDArray selfCond) {
            return new NDList(x, sigma, given, selfCond, sentiment, upos);
        }

        NDArray clean(NDArray e) {
            return DiffusionTransformer.embed(e, ids);
        }

        /** x = e + σ·ε at generated positions, the clean e at given ones. */
        NDArray noised(NDManager m, NDArray clean) {
            NDArray eps = m.randomNormal(clean.getShape());
            NDArray generated = given.neg().add(1f).expandDims(2);
            return clean.add(eps.mul(sigma.reshape(-1, 1, 1)).mul(generated));
        }

        /** The output features of the generated positions, (N, d). */
        NDArray pick(NDArray h) {
            return DiffusionTransformer.pick(h, rows);
        }

        /**
         * Mean cross-entropy over each row's generated positions: (B), from their features {@code h}
         * (N, d). The (N, V) logits are made a slice of {@link RowChunks#ROWS} rows at a time (see
         * {@link RowChunks}); the slices stay alive until backward, but are cheaper to allocate than
         * one ~100 MB array (measured: +12% training tokens/s).
         */
        NDArray rowLoss(NDArray h, java.util.function.UnaryOperator<NDArray> logitsOf) {
            NDList parts = new NDList();
            for (String range : RowChunks.ranges(h.getShape().get(0), RowChunks.ROWS)) {
                parts.add(logitsOf.apply(h.get(range)).logSoftmax(1).gather(targets.get(range).expandDims(1), 1)
                        .squeeze(1).neg());
            }
            NDArray nll = RowChunks.concat(parts);
            return rowOf.matMul(nll).div(counts.maximum(1f));
        }

        /**
         * The batch's loss: the mean of {@code rowLoss} over the rows with something to generate. The random-token
         * mask can give a short row entirely; such a row's loss is 0, and counted in the mean it would shrink its
         * batch's loss and gradient for nothing (the time warp leaves it out too, see {@code observeWarp}).
         */
        NDArray meanLoss(NDArray rowLoss) {
            // at least one row: a batch with nothing to generate anywhere has loss 0, not NaN
            return rowLoss.sum().div(counts.gt(0f).toType(DataType.FLOAT32, false).sum().maximum(1f));
        }
    }

    private static double[] stratifiedSigmas(TimeWarp warp, int batch, Random random) {
        List<Double> u = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            u.add((b + random.nextDouble()) / batch);
        }
        Collections.shuffle(u, random);
        double[] sigmas = new double[batch];
        for (int b = 0; b < batch; b++) {
            sigmas[b] = warp.inverse(u.get(b));
        }
        return sigmas;
    }

    private static int longest(int[][] ids) {
        int longest = 2;
        for (int[] row : ids) {
            longest = Math.max(longest, Vocabulary.unpaddedLength(row));
        }
        return longest;
    }

    /**
     * The examples with each condition dropped independently: the sentiment with probability
     * {@link #SENTIMENT_DROP}, the whole UPOS template with {@link #UPOS_DROP}. A dropped condition
     * teaches the unconditional model that classifier-free guidance contrasts with, and that free
     * infilling uses.
     */
    private static Example[] dropConditions(Example[] examples, Random random) {
        Example[] out = new Example[examples.length];
        for (int b = 0; b < examples.length; b++) {
            Example ex = examples[b];
            int sentiment = random.nextDouble() < SENTIMENT_DROP ? Conditioning.NONE : ex.sentiment();
            int[] upos = random.nextDouble() < UPOS_DROP ? new int[ex.upos().length] : ex.upos();
            out[b] = new Example(ex.ids(), upos, sentiment);
        }
        return out;
    }

    private static int[][] ids(Example[] examples) {
        int[][] ids = new int[examples.length][];
        for (int b = 0; b < examples.length; b++) {
            ids[b] = examples[b].ids();
        }
        return ids;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
