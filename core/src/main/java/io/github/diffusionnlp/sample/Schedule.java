package io.github.diffusionnlp.sample;

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
 */
public record Schedule(int steps, double temperature, double strength, double guidance, PlugAndPlay steer,
        WordMasks words) {
    public Schedule(int steps, double temperature, double strength, double guidance) {
        this(steps, temperature, strength, guidance, null, null);
    }

    public Schedule(int steps, double temperature, double strength, double guidance, PlugAndPlay steer) {
        this(steps, temperature, strength, guidance, steer, null);
    }

    public Schedule {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must be in (0, 1], got " + strength);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a number >= 0, got " + temperature);
        }
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("guidance must be a number >= 0, got " + guidance);
        }
    }

    /** A fresh sample (strength 1) without guidance beyond the conditions themselves. */
    public static Schedule of(int steps, double temperature) {
        return new Schedule(steps, temperature, 1.0, 1.0);
    }
}
