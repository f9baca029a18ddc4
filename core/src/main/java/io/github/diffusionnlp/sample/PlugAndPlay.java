package io.github.diffusionnlp.sample;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.diffusionnlp.runtime.Autograd;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Scalars;
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
            throw new IllegalArgumentException("the steering weight (PlugAndPlay) must be a number >= 0"
                    + " (0: no steering), got " + Numbers.written(weight));
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

    /**
     * Refuses steering on a thread where a steering scorer is running (a call made from inside the scorer, which the
     * model runs on that thread): DJL keeps one gradient collector open at a time, and would refuse a second in its own
     * words. The model's calls check it before they sample anything; {@link #apply} checks it again.
     *
     * @throws IllegalStateException saying so, and to call the model from the scorer without steering
     */
    public static void requireOutsideAScorer() {
        if (Autograd.COLLECTOR.isHeldByCurrentThread()) {
            throw new IllegalStateException("a call made from inside a steering scorer cannot steer in turn (DJL keeps"
                    + " one gradient collector open at a time, and the scorer runs inside its call's); call the model"
                    + " from the scorer without withSteering");
        }
    }

    /**
     * These settings applied after one Euler step: {@link #gradientSteps} gradient-ascent steps on the scorer plus
     * the fluency term that keeps x near the unguided step's result {@code target} (B, L, d), at the generated
     * positions ({@code generatedMask}, (B, L, 1): 1 there, 0 at given ones) only; {@code sigma} is the step's new
     * noise level. Called by {@link Sampler} inside its step's {@code NDScope}; {@code first} on a call's first step,
     * where a score whose gradient is 0 at every generated position is refused ({@link #requireSteers}).
     */
    NDArray apply(NDArray target, float sigma, NDArray generatedMask, boolean first) {
        requireOutsideAScorer();
        float s2 = sigma * sigma;
        Shape rows = new Shape(target.getShape().get(0));
        NDArray x = target;
        for (int j = 0; j < gradientSteps; j++) {
            Autograd.COLLECTOR.lock();
            // The scorer's arrays live in a manager of their own: one it closes (x.getManager()) is that, not the
            // model's, whose arrays x's would otherwise be.
            try (NDManager scorers = target.getManager().newSubManager()) {
                ScorerArguments given = ScorerArguments.of(x, sigma, generatedMask, rows, scorers);
                NDArray leaf = given.x();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray score = checkedScore(scored(given, scorers), rows).sum();
                    NDArray drift = leaf.sub(target).square().mul(generatedMask).sum();
                    NDArray objective = Scalars.times(score, (float) weight)
                            .sub(Scalars.times(drift, (float) (fluency / (2 * s2))));
                    collector.backward(objective);
                }
                NDArray grad = atGenerated(leaf.getGradient(), generatedMask);
                if (first && j == 0) {
                    requireSteers(grad, target, sigma, generatedMask, rows, scorers);
                }
                x = x.add(grad.mul((float) (stepSize * s2)));
                requireFinite(x, sigma);
            } finally {
                Autograd.COLLECTOR.unlock();
            }
        }
        return x;
    }

    /**
     * The scorer's score of {@code x}, refused when the scorer closed what it was given (an exception it threw
     * then is the refusal's cause): closing x or generated failed in DJL's words ("Native resource has been released
     * already"), and closing x's manager closed the model's.
     */
    private NDArray scored(ScorerArguments given, NDManager scorers) {
        NDArray score;
        try {
            score = scorer.score(given.x(), given.sigma(), given.generated());
        } catch (RuntimeException e) {
            String closed = closed(given, scorers);
            if (closed != null) {
                throw closedBy(closed, e);
            }
            throw e;
        }
        String closed = closed(given, scorers);
        if (closed != null) {
            throw closedBy(closed, null);
        }
        return score;
    }

    /** What of the scorer's arguments it closed, named as {@link GuidanceScorer} names them, or null. */
    private static String closed(ScorerArguments given, NDManager scorers) {
        if (!scorers.isOpen()) {
            return "x's NDManager (x.getManager())";
        }
        return given.x().isReleased() ? "x" : given.sigma().isReleased() ? "sigma"
                : given.generated().isReleased() ? "generated" : null;
    }

    /** What a scorer is given, in {@code scorers}, a manager of the step's own: it may close them, not the model's. */
    private record ScorerArguments(NDArray x, NDArray sigma, NDArray generated) {
        /** {@code x} as a fresh leaf that records its gradient (PyTorch keeps gradients across collectors). */
        static ScorerArguments of(NDArray x, float sigma, NDArray generatedMask, Shape rows, NDManager scorers) {
            NDArray leaf = x.duplicate();
            leaf.attach(scorers);
            leaf.setRequiresGradient(true);
            NDArray generated = generatedMask.duplicate();
            generated.attach(scorers);
            return new ScorerArguments(leaf, scorers.full(rows, sigma), generated);
        }
    }

    private static IllegalStateException closedBy(String closed, RuntimeException cause) {
        return new IllegalStateException("the steering scorer closed " + closed + "; the model frees what it gives a"
                + " scorer and the arrays a scorer makes when the step ends: close none of x, sigma, generated or"
                + " x.getManager() (constants of your own go into an NDManager of your own)", cause);
    }

    /**
     * Refuses a score that does not change with x, read from the call's first gradient step, where x is the unguided
     * step's result and the fluency term's gradient is exactly 0: {@code grad} is then the weight times the score's
     * own gradient. A constant score, one made from sigma or generated alone, or one cut from x (stopGradient, toType,
     * numbers read out) steered nothing, and the call gave the unsteered sentences without a word. A row with no
     * generated position has nothing to steer and no say. Where {@code grad} is 0 everywhere the score's own gradient
     * is read once more, unweighted ({@link #movesUnweighted}): a weight so small that, times that gradient, it is 0
     * in float32 is named rather than the scorer.
     */
    private void requireSteers(NDArray grad, NDArray target, float sigma, NDArray generatedMask, Shape rows,
            NDManager scorers) {
        if (grad.abs().sum().getFloat() != 0 || generatedMask.sum().getFloat() == 0) {
            return;
        }
        if (movesUnweighted(target, sigma, generatedMask, rows, scorers)) {
            throw new IllegalArgumentException("the steering weight " + Numbers.written(weight) + " is too small:"
                    + " times the scorer's gradient it is 0 in float32 at every sampled position at the first step"
                    + " (noise level σ = " + Numbers.written(sigma) + "), so it would steer nothing; give a larger"
                    + " weight, or 0 for no steering");
        }
        throw new IllegalArgumentException("the steering scorer's score does not change with x: its gradient was 0"
                + " at every sampled position at the first step (noise level σ = " + Numbers.written(sigma)
                + "), so it would steer nothing (a constant, a score of sigma or generated alone, or x cut from the"
                + " graph by stopGradient, toType or numbers read out); compute it from x with DJL operations,"
                + " which keep the gradient, and, for a score that acts only near some words, as a"
                + " log-probability at noise σ, which is nowhere flat (GuidanceScorer)");
    }

    /**
     * Whether the score's own gradient at {@code target}, unweighted, is other than 0 at some generated position: the
     * scorer called once more, on the failure path only, as {@link #apply} calls it (its arguments in {@code scorers},
     * in a gradient collector of its own; the collector's lock is still held).
     */
    private boolean movesUnweighted(NDArray target, float sigma, NDArray generatedMask, Shape rows,
            NDManager scorers) {
        ScorerArguments given = ScorerArguments.of(target, sigma, generatedMask, rows, scorers);
        NDArray leaf = given.x();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray score = checkedScore(scored(given, scorers), rows).sum();
            // + 0 · Σ x: a graph that reaches x even where the score does not (PyTorch refuses a backward without one)
            collector.backward(score.add(Scalars.times(leaf.sum(), 0f)));
        }
        return atGenerated(leaf.getGradient(), generatedMask).abs().sum().getFloat() != 0;
    }

    /**
     * {@code grad} at the generated positions, 0 at the given ones whatever it is there: they are kept, so their
     * gradient moves nothing. Multiplied by the mask, a NaN or infinite gradient there (0 · ∞ where a score of
     * ‖x − e_w‖ = √(…), masked by {@code generated}, meets a given w, at x = e_w exactly) stayed NaN, and the call
     * was refused as steering that gave NaN though every sampled position's gradient was finite.
     */
    private static NDArray atGenerated(NDArray grad, NDArray generatedMask) {
        return NDArrays.where(generatedMask.gt(0f).broadcast(grad.getShape()), grad, grad.zerosLike());
    }

    /**
     * The scorer's answer, refused unless it is one score per row: a null or an array of another shape (one score per
     * position, the whole batch's sum, x itself) was summed as if it were right, or failed in Java's words.
     */
    private static NDArray checkedScore(NDArray score, Shape rows) {
        if (score == null) {
            throw new IllegalArgumentException("the steering scorer returned null; GuidanceScorer#score returns one"
                    + " score per row, shape " + rows);
        }
        if (!score.getShape().equals(rows)) {
            throw new IllegalArgumentException("the steering scorer returned an array of shape " + score.getShape()
                    + "; GuidanceScorer#score returns one score per row, shape " + rows
                    + " (sum over positions, and over the embedding's width, within each row)");
        }
        return score;
    }

    /**
     * Refuses embeddings a gradient step made NaN or infinite (a NaN score or gradient, an infinite one, or a weight
     * so large that the step overflowed): sampled on, every word came out as padding and the sentences empty.
     */
    private void requireFinite(NDArray x, float sigma) {
        if (x.isNaN().logicalOr(x.isInfinite()).any().getBoolean()) {
            throw new IllegalStateException("steering gave NaN or infinite embeddings at noise level σ = "
                    + Numbers.written(sigma) + ": the scorer's gradient there, times weight " + Numbers.written(weight)
                    + " and step size " + Numbers.written(stepSize) + " · σ², was NaN or overflowed; check the"
                    + " scorer for NaN (0/0, the log or square root of a negative or of 0) and infinite values, or"
                    + " give a smaller weight");
        }
    }
}
