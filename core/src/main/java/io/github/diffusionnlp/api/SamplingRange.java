package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Numbers;

/**
 * Internal: public for the other modules of this project; no compatibility promise. The ranges of the sampling settings
 * that every front end takes (the library, the command line, the OpenNLP tools, the CoreNLP annotator, the evaluation
 * tool): each rule, and the words that tell a user what it allows, written once, so that no front end can drift from
 * the others. A front end refuses a value in its own form, naming the option as its user spells it ({@code --strength},
 * {@code -strength}, {@code diffusion.strength}): it passes the option's name and a {@link Refusal} to
 * {@link #check(double, String, String, Refusal)}.
 */
public enum SamplingRange {
    /** Euler steps per sample ({@link SamplingOptions.Builder#steps}). */
    STEPS("a whole number from 1 to " + SamplingOptions.MAX_STEPS) {
        @Override
        public boolean allows(double n) {
            return n >= 1 && n <= SamplingOptions.MAX_STEPS && n == Math.rint(n);
        }
    },
    /** Sentences per forward pass ({@link SamplingOptions.Builder#batchSize}). */
    BATCH_SIZE("a whole number from 1 to " + SamplingOptions.MAX_BATCH_SIZE) {
        @Override
        public boolean allows(double n) {
            return n >= 1 && n <= SamplingOptions.MAX_BATCH_SIZE && n == Math.rint(n);
        }
    },
    /** The scale of the starting noise ({@link SamplingOptions.Builder#temperature}); NaN is refused. */
    TEMPERATURE("a number in [0, 1]") {
        @Override
        public boolean allows(double t) {
            return t >= 0 && t <= 1;
        }
    },
    /** The softmax temperature of each step's estimate ({@link SamplingOptions.Builder#x0Temperature}). */
    X0_TEMPERATURE("a finite number >= 0") {
        @Override
        public boolean allows(double t) {
            return t >= 0 && t < Double.POSITIVE_INFINITY;
        }
    },
    /** The trigram's weight in n-gram fusion ({@link SamplingOptions.Builder#ngramWeight}). */
    NGRAM_WEIGHT("a number from 0 to " + Numbers.written(SamplingOptions.MAX_NGRAM_WEIGHT) + " (0: off)") {
        @Override
        public boolean allows(double w) {
            return w >= 0 && w <= SamplingOptions.MAX_NGRAM_WEIGHT;
        }
    },
    /**
     * The classifier-free guidance weight ({@link Constraints#guidance()}), at most {@link Constraints#MAX_GUIDANCE}:
     * far above it the extrapolated logits leave float's range, and words a step may write fall below the offset that
     * marks the ones it may never write (suggestions came back fewer than asked from guidance 10,000, none from
     * 1e38, and at 1e39 the weight overflowed float and a mask was filled with a comma).
     */
    GUIDANCE("a number from 0 to " + Numbers.written(Constraints.MAX_GUIDANCE) + " (0 ignores the constraints, 1"
            + " conditions plainly, above 1 pushes harder)") {
        @Override
        public boolean allows(double w) {
            return w >= 0 && w <= Constraints.MAX_GUIDANCE;
        }
    },
    /** Best of k ({@link Constraints#candidates()}): how many times each sentence is sampled. */
    CANDIDATES("a whole number from 1 to " + Constraints.MAX_CANDIDATES) {
        @Override
        public boolean allows(double k) {
            return k >= 1 && k <= Constraints.MAX_CANDIDATES && k == Math.rint(k);
        }
    },
    /**
     * A rewrite's strength: the level of the learned warping F the words not kept are noised to; 1 keeps
     * nothing of them, and 0 would change nothing.
     */
    STRENGTH("a number in (0, 1] (more than 0, at most 1)") {
        @Override
        public boolean allows(double s) {
            return s > 0 && s <= 1;
        }
    };

    /**
     * How a front end words a refusal. {@code option}: the setting as its user spells it; {@code value}: the value
     * as the user wrote it; {@code allowed}: the rule's {@link #allowed()}.
     */
    @FunctionalInterface
    public interface Refusal {
        RuntimeException of(String option, String value, String allowed);
    }

    /** The library's form, that of its other settings: {@code strength must be ..., got 1.5}. */
    public static final Refusal MUST_BE = (name, value, allowed) ->
            new IllegalArgumentException(name + " must be " + allowed + ", got " + value);

    /**
     * The form of the command lines (core's and the evaluation tool's) and of the OpenNLP tools:
     * {@code --strength 1.5 is out of range; allowed: ...}.
     */
    public static final Refusal OUT_OF_RANGE = (option, value, allowed) ->
            new IllegalArgumentException(outOfRange(option, value, allowed));

    private final String allowed;

    SamplingRange(String allowed) {
        this.allowed = allowed;
    }

    /** Whether the rule allows {@code value}. */
    public abstract boolean allows(double value);

    /** What the rule allows, in the words every front end's refusal ends with. */
    public String allowed() {
        return allowed;
    }

    /** {@link #OUT_OF_RANGE}'s message, for a front end that throws its own kind of exception with it. */
    public static String outOfRange(String option, String value, String allowed) {
        return option + " " + value + " is out of range; allowed: " + allowed;
    }

    /** {@code value}, or the library's refusal naming it {@code name} ({@link #MUST_BE}). */
    public double check(double value, String name) {
        return check(value, name, MUST_BE);
    }

    /** {@code value}, or the library's refusal naming it {@code name} ({@link #MUST_BE}). */
    public int check(int value, String name) {
        return (int) check(value, Integer.toString(value), name, MUST_BE);
    }

    /** {@code value}, or {@code refusal}'s exception naming {@code option}, the value written as a person would. */
    public double check(double value, String option, Refusal refusal) {
        return check(value, Numbers.written(value), option, refusal);
    }

    /**
     * {@code value} (a -0.0 as 0.0), or {@code refusal}'s exception naming {@code option} and the value as {@code
     * written} by the user (a front end that parsed it from text passes the text: "-strength 2", not "2.0"), shown
     * through {@link Visible}: a number parser forgives the spaces and line ends around it, so the text can hold them.
     */
    public double check(double value, String written, String option, Refusal refusal) {
        if (!allows(value)) {
            throw refusal.of(option, Visible.of(written), allowed);
        }
        // a zero computed as -0.0 is the zero allowed: returned as 0.0, so that options and constraints that hold it
        // equal those given 0 (their equals, like Double.equals, tells the two zeros apart) and print as 0.0
        return value + 0.0;
    }
}
