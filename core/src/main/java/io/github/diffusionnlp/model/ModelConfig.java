package io.github.diffusionnlp.model;

/**
 * The shape of a model: everything needed to rebuild its network before loading weights.
 *
 * @param vocabSize words including {@code [PAD]} and {@code [UNK]}
 * @param dim embedding and transformer width d
 * @param layers transformer blocks
 * @param heads attention heads (dim must divide by it)
 * @param ffnMultiplier feed-forward width as a multiple of dim
 * @param noiseDim width of the noise-level conditioning vector fed to every block
 * @param maxLength positions per row; shorter sentences are right-padded with {@code [PAD]}
 * @param sigmaMin smallest noise level
 * @param sigmaMax largest noise level
 * @param relativePositions whether attention adds a learnt bias per head and relative offset (T5-style)
 *     to its scores; absent (false) in models saved before it existed
 */
public record ModelConfig(
        int vocabSize, int dim, int layers, int heads, int ffnMultiplier, int noiseDim, int maxLength,
        double sigmaMin, double sigmaMax, boolean relativePositions) {
    /**
     * The longest row a model may have: attention is quadratic in it, so longer rows only cost (training
     * refuses more, and loading takes more for a damaged file).
     */
    public static final int MAX_LENGTH = 512;

    public ModelConfig(int vocabSize, int dim, int layers, int heads, int ffnMultiplier, int noiseDim, int maxLength,
            double sigmaMin, double sigmaMax) {
        this(vocabSize, dim, layers, heads, ffnMultiplier, noiseDim, maxLength, sigmaMin, sigmaMax, false);
    }

    /**
     * The network in words for log lines and {@code info}: "4 layers, width 256, 4 heads with relative-position
     * bias, 64 positions" (the record's toString, "ModelConfig[vocabSize=..., ...]", opened train's log).
     */
    public String describe() {
        return layers + " layers, width " + dim + ", " + heads + " heads"
                + (relativePositions ? " with relative-position bias" : "") + ", " + maxLength + " positions";
    }

    public ModelConfig {
        require(vocabSize > 2, "vocabSize", vocabSize, "> 2");
        require(dim > 0 && heads > 0 && dim % heads == 0, "dim/heads", dim + "/" + heads, "dim divisible by heads");
        require(dim % 2 == 0, "dim", dim, "an even number");
        require(layers > 0, "layers", layers, "> 0");
        require(ffnMultiplier > 0, "ffnMultiplier", ffnMultiplier, "> 0");
        require(noiseDim > 0 && noiseDim % 2 == 0, "noiseDim", noiseDim, "an even number > 0");
        require(maxLength > 1, "maxLength", maxLength, "> 1");
        require(sigmaMin > 0 && sigmaMax > sigmaMin && Double.isFinite(sigmaMax), "sigma range",
                sigmaMin + ".." + sigmaMax, "0 < sigmaMin < sigmaMax < infinity");
    }

    private static void require(boolean ok, String what, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("invalid model " + what + " = " + value + "; must be " + allowed);
        }
    }

    /** Named sizes for {@code train --size}. */
    public static ModelConfig ofSize(String size, int vocabSize, int maxLength) {
        return switch (size) {
            case "tiny" -> new ModelConfig(vocabSize, 64, 2, 2, 2, 32, maxLength, 1.0, 300.0);
            case "small" -> new ModelConfig(vocabSize, 256, 4, 4, 4, 128, maxLength, 1.0, 300.0);
            case "base" -> new ModelConfig(vocabSize, 384, 6, 6, 4, 128, maxLength, 1.0, 300.0);
            default ->
                    throw new IllegalArgumentException("unknown model size '" + size + "'; allowed: tiny, small, base");
        };
    }

    /** This shape with relative-position attention bias switched on. */
    public ModelConfig withRelativePositions() {
        return new ModelConfig(vocabSize, dim, layers, heads, ffnMultiplier, noiseDim, maxLength, sigmaMin, sigmaMax,
                true);
    }

    /** This shape with {@code layers} transformer blocks. */
    public ModelConfig withLayers(int layers) {
        return new ModelConfig(vocabSize, dim, layers, heads, ffnMultiplier, noiseDim, maxLength, sigmaMin, sigmaMax,
                relativePositions);
    }

    /** Each attention head's width, d / heads (d divides by heads). */
    public int headDim() {
        return dim / heads;
    }

    /**
     * A lower bound on the network's weight count: its embedding tables and matrices, without the biases
     * and norms. Computed in doubles, as absurd shapes overflow a long; a loader compares it with the size
     * of the weight file before building the network, so that a damaged config.json cannot make it allocate
     * more than the file could hold.
     */
    public double minimumWeights() {
        double d = dim;
        double perLayer = d * 3 * d + d * d + 2.0 * ffnMultiplier * d * d + 6.0 * noiseDim * d
                + (relativePositions ? (2.0 * maxLength - 1) * heads : 0);
        return (double) vocabSize * d + (double) maxLength * d + 2 * d * d + 2.0 * noiseDim * noiseDim
                + (double) layers * perLayer;
    }
}
