package io.github.diffusionnlp.sample;

import io.github.diffusionnlp.model.Numbers;
import java.util.Objects;

/**
 * Plug-and-play guidance settings: after each Euler step, {@code gradientSteps} steps of gradient ascent
 * on {@code weight · score(x) − fluency · ‖x − μ‖² / 2σ²}, where μ is the unguided step's result; each
 * moves x by {@code stepSize · σ²} times the gradient (the σ² of classifier guidance: a score gradient
 * at noise σ shifts the denoised estimate by σ²·∇). The fluency term keeps x near where the language
 * model put it. Weight 0 leaves sampling exactly as without guidance.
 *
 * <p>The scorer runs inside the call it steers, possibly on a request-batching thread: what it may do
 * with that model (call it, not close it) is on {@link GuidanceScorer}.
 */
public record PlugAndPlay(GuidanceScorer scorer, double weight, int gradientSteps, double stepSize, double fluency) {
    public PlugAndPlay {
        Objects.requireNonNull(scorer, "scorer");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("guidance weight must be a number >= 0, got " + Numbers.written(weight));
        }
        if (gradientSteps < 1) {
            throw new IllegalArgumentException("gradient steps must be >= 1, got " + gradientSteps);
        }
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
            throw new IllegalArgumentException("step size must be a number > 0, got " + Numbers.written(stepSize));
        }
        if (!(fluency >= 0) || Double.isInfinite(fluency)) {
            throw new IllegalArgumentException("fluency weight must be a number >= 0, got " + Numbers.written(fluency));
        }
    }

    /**
     * Three gradient steps of size 0.5 with fluency weight 1: each step pulls x halfway back toward
     * the unguided result and adds half a σ²-scaled score gradient.
     */
    public static PlugAndPlay of(GuidanceScorer scorer, double weight) {
        return new PlugAndPlay(scorer, weight, 3, 0.5, 1.0);
    }
}
