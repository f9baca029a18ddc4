package io.github.diffusionnlp.steer;

import ai.djl.ndarray.NDArray;

/**
 * How both scorers read words from noisy embeddings: each position's word as the posterior p(w | x) ∝
 * exp(−‖x − e_w‖² / 2σ²) over the model's embedding table, under a uniform word prior. Reading words, rather than
 * pooling embeddings, is what lets a scorer's gradient move the text (docs/library.md).
 */
final class WordPosteriors {
    private WordPosteriors() {}

    /**
     * (B, L, V) for noisy embeddings {@code x} (B, L, d) at noise levels {@code sigma} (B): log p(w | x) up to a
     * constant is (x·e_w − ‖e_w‖²/2) / σ², softmaxed over the vocabulary. The product starts from {@code x}, so it
     * lands on the caller's manager.
     *
     * <p>The logits are written in place, with a graph (steering) too: two (B, L, V) arrays written instead of four,
     * the same values and gradient bit for bit. Autograd allows it, as no backward needs a value they overwrite: the
     * product's backward keeps its inputs (x and the table), not its output; the subtraction's keeps nothing; the
     * product with 1/σ², which carries no gradient, keeps only 1/σ² (PyTorch keeps the other operand only when 1/σ²
     * requires a gradient, and then a copy of it); the softmax keeps its own output. The logits are freed once read:
     * the graph holds no reference to them, so they no longer stay until the caller's scope ends.
     *
     * @param tableTransposed the embedding table, (d, V)
     * @param halfSquaredNorms ‖e_w‖² / 2, (V)
     */
    static NDArray of(NDArray x, NDArray sigma, NDArray tableTransposed, NDArray halfSquaredNorms) {
        // σ carries no gradient, so its arithmetic is safe (model/Scalars)
        NDArray inverseVariance = sigma.square().pow(-1f).reshape(-1, 1, 1);
        try (NDArray logits = x.matMul(tableTransposed)) {
            return logits.subi(halfSquaredNorms).muli(inverseVariance).softmax(2);
        }
    }

    /**
     * {@link #of} for arrays that track no gradient, times {@code weights} (B, L, 1) in place, summed over the
     * positions: (B, V). The same values bit for bit; two (B, L, V) arrays written instead of five, which on this
     * machine cost more than the arithmetic on them (docs/speed.md).
     */
    static NDArray weightedSum(NDArray x, NDArray sigma, NDArray tableTransposed, NDArray halfSquaredNorms,
            NDArray weights) {
        return of(x, sigma, tableTransposed, halfSquaredNorms).muli(weights).sum(new int[] {1});
    }
}
