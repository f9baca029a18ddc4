package io.github.diffusionnlp.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.model.DiffusionTransformer;

/**
 * What turns one step's features of the generated rows into their logits: guided, the specials banned, the
 * lexical offsets added. The logits are computed a slice of rows at a time ({@link #logits(String)}): the
 * whole (N, V) product at once would not fit in memory for large batches (see {@code RowChunks}).
 *
 * @param h the generated rows' features (N, d), with their conditions
 * @param hUncond the same rows' features without conditions, or null without classifier-free guidance
 * @param w the guidance weight: logits u + w·(c − u)
 * @param guideLength whether guidance extrapolates the [PAD] logit too (the length, see {@link Schedule#guideLength});
 *     false: the words' logits only, p([PAD]) staying the conditioned pass's
 * @param e the normalised embedding table E (V, d)
 * @param banLogits (N, 2): 0 or −∞ for [PAD] and [UNK] at each row
 * @param lexical the lexical constraints' offsets, or null without them
 */
record StepLogits(DiffusionTransformer network, ParameterStore weights, NDArray h, NDArray hUncond, float w,
        boolean guideLength, NDArray e, NDArray banLogits, Lexical lexical) {

    /** Lexical constraints on the generated rows: the masks, and each row's UPOS and sentiment id (N). */
    record Lexical(WordMasks masks, NDArray upos, NDArray sentiment) {}

    /** N, the generated rows. */
    long rows() {
        return h.getShape().get(0);
    }

    /** V, the words. */
    long vocabulary() {
        return e.getShape().get(0);
    }

    /** The logits (rows of {@code range}, V) of one slice of the generated rows. */
    NDArray logits(String range) {
        // Every (rows, V) intermediate is written in place or closed once read: each is as large as the logits
        // (12 MB a 256-row slice), and the same operations in place give the same floats.
        NDArray logits = network.logits(weights, h.get(range), e, false);
        if (hUncond != null) {
            NDArray u = network.logits(weights, hUncond.get(range), e, false);
            if (guideLength) {
                NDArray conditioned = logits;
                logits = u.addi(conditioned.subi(u).muli(w)); // u + w·(c − u)
                conditioned.close();
            } else {
                NDArray scaled = logits.sub(u).muli(w); // the conditioned logits are read again for [PAD]
                NDArray guided = u.addi(scaled);
                scaled.close();
                NDArray conditioned = logits;
                logits = withPaddingOf(conditioned, guided);
                conditioned.close();
                guided.close();
            }
        }
        NDIndex specials = new NDIndex(":, 0:2");
        logits.set(specials, logits.get(specials).add(banLogits.get(range)));
        if (lexical != null) {
            NDArray offsets = lexical.masks().offsets(lexical.upos().get(range), lexical.sentiment().get(range));
            logits.addi(offsets.toType(logits.getDataType(), false));
            offsets.close();
        }
        return logits;
    }

    /**
     * {@code guided}'s words with the padding's probability of {@code conditioned}: the [PAD] logit (column 0)
     * becomes c₀ − logsumexp(c₁..) + logsumexp(g₁..), so softmax gives [PAD] the conditioned pass's share and
     * the words the rest in the guided proportions (the split {@code Sampler.estimate} makes for the x̂₀
     * temperature). Extrapolated, [PAD] carries the conditions' correlation with length to the power w.
     */
    static NDArray withPaddingOf(NDArray conditioned, NDArray guided) {
        NDIndex words = new NDIndex(":, 1:");
        // Views: each keeps its whole (N, V) array alive until closed.
        NDArray guidedWords = guided.get(words);
        NDArray conditionedWords = conditioned.get(words);
        NDArray conditionedPad = conditioned.get(new NDIndex(":, 0:1"));
        NDArray pad = conditionedPad.sub(logSumExp(conditionedWords)).add(logSumExp(guidedWords));
        NDArray out = pad.concat(guidedWords, 1);
        guidedWords.close();
        conditionedWords.close();
        conditionedPad.close();
        return out;
    }

    /** log Σ exp over each row of {@code x} (N, K): (N, 1), shifted by the row's maximum (DJL has none). */
    private static NDArray logSumExp(NDArray x) {
        NDArray max = x.max(new int[] {1}, true);
        NDArray shifted = x.sub(max);
        NDArray exp = shifted.exp();
        shifted.close();
        NDArray sum = exp.sum(new int[] {1}, true);
        exp.close();
        return sum.log().add(max);
    }
}
