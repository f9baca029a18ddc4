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
 * @param e the normalised embedding table E (V, d)
 * @param banLogits (N, 2): 0 or −∞ for [PAD] and [UNK] at each row
 * @param lexical the lexical constraints' offsets, or null without them
 */
record StepLogits(DiffusionTransformer network, ParameterStore weights, NDArray h, NDArray hUncond, float w,
        NDArray e, NDArray banLogits, Lexical lexical) {

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
        NDArray logits = network.logits(weights, h.get(range), e, false);
        if (hUncond != null) {
            NDArray u = network.logits(weights, hUncond.get(range), e, false);
            logits = u.add(logits.sub(u).mul(w));
        }
        NDIndex specials = new NDIndex(":, 0:2");
        logits.set(specials, logits.get(specials).add(banLogits.get(range)));
        if (lexical != null) {
            NDArray offsets = lexical.masks().offsets(lexical.upos().get(range), lexical.sentiment().get(range));
            logits = logits.add(offsets.toType(logits.getDataType(), false));
        }
        return logits;
    }
}
