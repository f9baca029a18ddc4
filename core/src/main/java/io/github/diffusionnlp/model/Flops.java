package io.github.diffusionnlp.model;

/**
 * Floating-point operations of the denoiser's matrix products (2 per multiply-add), the work that
 * dominates its cost; element-wise operations and norms are left out, so achieved-FLOP/s figures
 * computed from these counts are slight underestimates.
 */
public final class Flops {
    private Flops() {}

    /**
     * One forward pass over {@code batch} rows of {@code len} positions, with logits at
     * {@code logitRows} positions.
     */
    public static double forward(ModelConfig c, long batch, long len, long logitRows) {
        double tokens = (double) batch * len;
        double d = c.dim();
        double perLayer = tokens * (2 * d * 3 * d + 2 * d * d + 2 * 2 * d * c.ffnMultiplier() * d)
                + batch * 2.0 * 2 * len * len * d // scores and weighted values
                + batch * 2.0 * c.noiseDim() * 6 * d;
        double io = tokens * (2 * 2 * d * d + 2 * d * d); // input projection from [x; x̂₀], output projection
        return c.layers() * perLayer + io + logits(c, logitRows);
    }

    /** The tied output layer at {@code rows} positions. */
    public static double logits(ModelConfig c, long rows) {
        return 2.0 * rows * c.dim() * c.vocabSize();
    }

    /** The expected embedding softmax(logits)·E at {@code rows} positions (self-conditioning, sampling). */
    public static double expectedEmbedding(ModelConfig c, long rows) {
        return logits(c, rows);
    }

    /**
     * One sampling call of {@code steps} steps on {@code batch} rows of {@code len} positions, every position
     * generated: a forward pass each step, and the expected embedding after every step but the last, whose
     * logits are turned into words (their argmax) instead ({@code sample/Sampler#denoise}).
     */
    public static double sampling(ModelConfig c, long batch, long len, int steps) {
        long positions = batch * len;
        return steps * forward(c, batch, len, positions) + (steps - 1) * expectedEmbedding(c, positions);
    }
}
