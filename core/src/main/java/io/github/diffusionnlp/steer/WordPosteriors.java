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
     * @param tableTransposed the embedding table, (d, V)
     * @param halfSquaredNorms ‖e_w‖² / 2, (V)
     */
    static NDArray of(NDArray x, NDArray sigma, NDArray tableTransposed, NDArray halfSquaredNorms) {
        // σ carries no gradient, so its arithmetic is safe (model/Scalars)
        NDArray inverseVariance = sigma.square().pow(-1f).reshape(-1, 1, 1);
        return x.matMul(tableTransposed).sub(halfSquaredNorms).mul(inverseVariance).softmax(2);
    }

    /**
     * {@link #of} for arrays that track no gradient, the vocabulary-sized steps done in place, and times {@code
     * weights} (B, L, 1), summed over the positions: (B, V). The same values bit for bit; two (B, L, V) arrays
     * written instead of five, which on this machine cost more than the arithmetic on them (docs/speed.md).
     */
    static NDArray weightedSum(NDArray x, NDArray sigma, NDArray tableTransposed, NDArray halfSquaredNorms,
            NDArray weights) {
        return withoutGraph(x, sigma, tableTransposed, halfSquaredNorms).muli(weights).sum(new int[] {1});
    }

    /**
     * {@link #of} for arrays that track no gradient (PyTorch's grad mode off), its vocabulary-sized steps done in
     * place: the same values bit for bit, two (B, L, V) arrays written instead of four.
     */
    static NDArray withoutGraph(NDArray x, NDArray sigma, NDArray tableTransposed, NDArray halfSquaredNorms) {
        NDArray inverseVariance = sigma.square().pow(-1f).reshape(-1, 1, 1);
        try (NDArray logits = x.matMul(tableTransposed)) {
            return logits.subi(halfSquaredNorms).muli(inverseVariance).softmax(2);
        }
    }
}
