package io.github.diffusionnlp.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.runtime.Interruption;
import io.github.diffusionnlp.runtime.RowChunks;
import io.github.diffusionnlp.model.SamplingForward;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.TimeWarp;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The model read as a classifier of its own sentiment condition: for each row and label (in {@link
 * Sentiment} order), log p(row | label) up to a constant shared by the row's labels. It is the
 * log-probability the network gives each word at a position that is not given (padding of a
 * free length included) when that position is noised, summed over the positions and averaged over
 * {@link #QUANTILES} noise levels; the noise is drawn from the row's seed. Softmax over
 * the labels gives the model's posterior (uniform prior). Best-of-k ranks candidates with it where
 * the AFINN lexicon cannot tell them apart. It never samples: one denoising pass per label and noise level.
 * Built by {@link Sampler}, whose forward pass and embedding table it shares.
 */
final class SentimentLikelihood {
    /** Where in the warped schedule (F) the words are noised. */
    private static final double[] QUANTILES = {0.25, 0.5, 0.75};
    /** Rows per network pass. */
    private static final int BATCH = 32;

    private final DiffusionTransformer network;
    private final TimeWarp warp;
    private final NDManager manager;
    private final ParameterStore weights;
    private final SamplingForward forward;
    /** The network's normalised embedding table E. */
    private final NDArray embeddings;
    private final int rowsPerChunk;

    SentimentLikelihood(DiffusionTransformer network, TimeWarp warp, NDManager manager, ParameterStore weights,
            SamplingForward forward, NDArray embeddings, int rowsPerChunk) {
        this.network = network;
        this.warp = warp;
        this.manager = manager;
        this.weights = weights;
        this.forward = forward;
        this.embeddings = embeddings;
        this.rowsPerChunk = rowsPerChunk;
    }

    /**
     * (B, labels): each row's log p(row | label), computed by width as the sampler computes it ({@link Sampler#width});
     * throws {@link IllegalStateException} between passes once {@code interrupted} is true.
     */
    double[][] of(SampleRows rows, BooleanSupplier interrupted) {
        double[][] out = new double[rows.size()][Sentiment.values().length];
        double[] sigmas = new double[QUANTILES.length];
        for (int q = 0; q < sigmas.length; q++) {
            sigmas[q] = warp.inverse(QUANTILES[q]);
        }
        Sampler.byWidth(rows).forEach((width, members) -> {
            for (int from = 0; from < members.size(); from += BATCH) {
                List<Integer> part = members.subList(from, Math.min(members.size(), from + BATCH));
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    scoreLabels(part, width, rows, sigmas, out, interrupted);
                }
            }
        });
        return out;
    }

    private void scoreLabels(List<Integer> members, int len, SampleRows in, double[] sigmas, double[][] out,
            BooleanSupplier interrupted) {
        int batch = members.size();
        int dim = network.config().dim();
        // The positions not given, scored as they stand; their noise differs from the sampler's for the same seed.
        FlatRows flat = FlatRows.of(in, members, len, dim, true, 0x5DEECE66DL);
        long[] ids = flat.ids();
        List<Long> scored = flat.generated();
        if (scored.isEmpty()) {
            return;
        }
        long[] targets = scored.stream().mapToLong(p -> ids[(int) (long) p]).toArray();
        NDArray givenArr = manager.create(flat.given(), new Shape(batch, len));
        NDArray generatedMask = givenArr.expandDims(2).neg().add(1f);
        NDArray clean = DiffusionTransformer.embed(embeddings, manager.create(ids, new Shape(batch, len)));
        NDArray eps = manager.create(flat.noise(), new Shape(batch, len, dim)).mul(generatedMask);
        NDArray uposArr = manager.create(flat.upos(), new Shape(batch, len));
        NDArray rowsIdx = manager.create(scored.stream().mapToLong(Long::longValue).toArray());
        NDArray target = manager.create(targets).reshape(-1, 1);
        NDArray selfCond = manager.zeros(clean.getShape());
        int n = scored.size();
        for (Sentiment label : Sentiment.values()) {
            // as sampling stops between its steps: a rating is nine passes a batch
            Interruption.stopIfCallerInterrupted("reading the sentiment", interrupted);
            float[] logp;
            try (NDScope labelScope = new NDScope()) { // the label's conditions and running sum
                labelScope.suppressNotUsedWarning();
                NDArray sentiment = manager.full(new Shape(batch), (long) Conditioning.sentimentId(label));
                SamplingForward.Call pass = forward.start(sigmas, givenArr, sentiment, uposArr);
                NDArray total = manager.zeros(new Shape(n));
                for (int q = 0; q < sigmas.length; q++) {
                    total = total.add(passLogProbabilities(pass, q, (float) sigmas[q], clean, eps, selfCond, rowsIdx,
                            target, n));
                }
                logp = total.toFloatArray();
            }
            for (int r = 0; r < n; r++) {
                out[members.get((int) (scored.get(r) / len))][label.ordinal()] += logp[r] / sigmas.length;
            }
        }
    }

    /**
     * One pass's log-probability of each scored position's word (n), in the caller's scope. The pass's own arrays
     * (every layer's activations, B·L rows wide) die in a scope of their own before it returns: left to the
     * caller's, the nine passes of a batch (three labels, three noise levels) all lived until the batch ended: the
     * rating of best of 16 at 64 positions took 1.09 GiB more resident memory at its peak, pass by pass 0.22 GiB.
     */
    private NDArray passLogProbabilities(SamplingForward.Call pass, int q, float sigma, NDArray clean, NDArray eps,
            NDArray selfCond, NDArray rowsIdx, NDArray target, int n) {
        NDArray logp;
        try (NDScope passScope = new NDScope()) {
            passScope.suppressNotUsedWarning();
            NDArray h = DiffusionTransformer.pick(pass.features(q, clean.add(eps.mul(sigma)), selfCond), rowsIdx);
            logp = RowChunks.map(n, rowsPerChunk, range -> network.logits(weights, h.get(range), embeddings, false)
                    .toType(DataType.FLOAT32, false).logSoftmax(1).gather(target.get(range), 1).reshape(-1));
            NDScope.unregister(logp);
        }
        NDScope.register(logp);
        return logp;
    }
}
