package io.github.diffusionnlp.ar;

import io.github.diffusionnlp.model.ModelConfig;

/**
 * The shape of an autoregressive (causal) model.
 *
 * @param vocabSize words including {@code [PAD]} (here also the start and end of a sentence) and {@code [UNK]}
 * @param dim embedding and transformer width d
 * @param layers transformer blocks
 * @param heads attention heads
 * @param ffnMultiplier feed-forward width as a multiple of dim
 * @param maxLength words per sentence; the network has maxLength + 1 positions (the start token first)
 */
public record ArConfig(int vocabSize, int dim, int layers, int heads, int ffnMultiplier, int maxLength) {

    public ArConfig {
        if (vocabSize <= 2 || dim <= 0 || heads <= 0 || dim % heads != 0 || layers <= 0 || ffnMultiplier <= 0
                || maxLength <= 1) {
            throw new IllegalArgumentException("invalid autoregressive model shape " + vocabSize + "/" + dim + "/"
                    + layers + "/" + heads + "/" + ffnMultiplier + "/" + maxLength
                    + "; need vocabSize > 2, dim divisible by heads, layers, ffnMultiplier > 0, maxLength > 1");
        }
    }

    /** The network in words for log lines: "4 layers, width 256, 4 heads, 64 positions", not the record's toString. */
    public String describe() {
        return layers + " layers, width " + dim + ", " + heads + " heads, " + maxLength + " positions";
    }

    /** Each attention head's width, d / heads (d divides by heads). */
    public int headDim() {
        return dim / heads;
    }

    /**
     * The baseline for a diffusion model: the same width, depth, heads, vocabulary and length, with the
     * feed-forward width that brings the parameter count closest to the diffusion model's. The
     * diffusion model spends about a sixth of its parameters on what a causal model has no use for
     * (noise-level modulation of every block, the input projection of [x; x̂₀]); a comparison at
     * equal width alone would hand the causal model fewer parameters.
     */
    public static ArConfig matching(ModelConfig diffusion, long diffusionParameters) {
        ArConfig best = null;
        for (int ffn = 1; ffn <= 16; ffn++) {
            ArConfig c = new ArConfig(diffusion.vocabSize(), diffusion.dim(), diffusion.layers(), diffusion.heads(),
                    ffn, diffusion.maxLength());
            if (best == null || Math.abs(c.parameters() - diffusionParameters)
                    < Math.abs(best.parameters() - diffusionParameters)) {
                best = c;
            }
        }
        return best;
    }

    /** Positions of the network: the start token and maxLength words. */
    public int positions() {
        return maxLength + 1;
    }

    /** The parameter count of {@link CausalTransformer} with this shape. */
    public long parameters() {
        long d = dim;
        long hidden = (long) ffnMultiplier * d;
        long perLayer = 2 * 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + (d * hidden + hidden) + (hidden * d + d);
        return (long) vocabSize * d + vocabSize + (long) positions() * d + layers * perLayer + 2 * d;
    }

    /**
     * {@link #parameters()} in doubles, which absurd shapes (read from a damaged config.json) cannot overflow:
     * what a loader checks the weight file's size against before it builds, and so allocates, the network.
     */
    public double minimumWeights() {
        double d = dim;
        double hidden = (double) ffnMultiplier * d;
        return (double) vocabSize * d + (double) positions() * d + (double) layers * (4 * d * d + 2 * d * hidden);
    }

    /**
     * Matrix-product FLOPs (2 per multiply-add) of a forward pass: {@code batch} rows of {@code len}
     * new positions attending to {@code past + len} keys, with logits at {@code logitRows} positions.
     */
    public double forwardFlops(long batch, long len, long past, long logitRows) {
        double tokens = (double) batch * len;
        double d = dim;
        double perLayer = tokens * (2 * d * 3 * d + 2 * d * d + 2 * 2 * d * ffnMultiplier * d)
                + batch * 2.0 * 2 * len * (past + len) * d;
        return layers * perLayer + 2.0 * logitRows * d * vocabSize;
    }
}
