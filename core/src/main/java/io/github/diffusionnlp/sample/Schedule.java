package io.github.diffusionnlp.sample;

import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.model.Numbers;

/**
 * How rows are sampled: the same for every row of one batched call.
 *
 * @param steps Euler steps (network evaluations, doubled when guidance is not 1)
 * @param temperature scale of the starting noise: 1 samples from the model, 0 starts at the mean
 * @param strength in (0, 1]: below 1 a rewrite, starting from the rows' own words noised to the level
 *     where the learned warping F equals it; 1 starts from pure noise
 * @param guidance classifier-free guidance weight w on the conditions: logits = u + w·(c − u), with
 *     c and u the conditioned and unconditioned predictions; 1 uses c alone (one pass), 0 ignores the
 *     conditions, above 1 pushes harder toward them
 * @param steer plug-and-play guidance by a differentiable scorer, or null
 * @param words lexical constraints on each position's words by its tag and sentiment, or null for none
 * @param x0Temperature softmax temperature of each step's estimate of the clean words, x̂₀ =
 *     softmax(logits / τ)·E over the words (the padding keeps the share the model gives it, so the
 *     length of free generation is not changed by it): 1 is the model's own expectation (the CDCD
 *     recipe); below 1 each step leans toward the likelier words, which reads more fluently and varies
 *     less; 0 puts the words' part of x̂₀ on the likeliest word's embedding (Diffusion-LM's clamping).
 *     The last step's argmax is the same at any τ.
 * @param fusion n-gram fusion: a count-based model that shapes every step's x̂₀ and the last step's
 *     choice of words beside the network, or null for the network alone
 * @param guideLength whether guidance (w ≠ 1) extrapolates the [PAD] logit with the words' (true, the
 *     default): [PAD] is how free generation chooses its length, and the conditions correlate with length
 *     (a longer sentence more often holds an AFINN word), so guidance lengthens or shortens sentences by
 *     that correlation to the power w. False guides the words only and gives [PAD] the conditioned pass's
 *     probability. Nothing changes at w = 1 (one pass) or where [PAD] is banned.
 */
public record Schedule(int steps, double temperature, double strength, double guidance, PlugAndPlay steer,
        WordMasks words, double x0Temperature, NgramFusion fusion, boolean guideLength) {
    /** Without steering, lexical masks or n-gram fusion, at x0 temperature 1. */
    public Schedule(int steps, double temperature, double strength, double guidance) {
        this(steps, temperature, strength, guidance, null, null, 1.0, null);
    }

    /** Guidance extrapolating the length too (the default, {@link #guideLength}). */
    public Schedule(int steps, double temperature, double strength, double guidance, PlugAndPlay steer,
            WordMasks words, double x0Temperature, NgramFusion fusion) {
        this(steps, temperature, strength, guidance, steer, words, x0Temperature, fusion, true);
    }

    /**
     * Whether sampling runs the steering scorer: user code, which may call the model again, on its own
     * thread or on others it waits for (see {@link GuidanceScorer}).
     */
    public boolean callsAScorer() {
        return steer != null && steer.weight() > 0;
    }

    public Schedule {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        SamplingRange.STRENGTH.check(strength, "strength");
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a number >= 0,"
                    + " got " + Numbers.written(temperature));
        }
        SamplingRange.GUIDANCE.check(guidance, "guidance");
        if (!(x0Temperature >= 0) || Double.isInfinite(x0Temperature)) {
            throw new IllegalArgumentException("x0 temperature must be a number >= 0,"
                    + " got " + Numbers.written(x0Temperature));
        }
    }
}
