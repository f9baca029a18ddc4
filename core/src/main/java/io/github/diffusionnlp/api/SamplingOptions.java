package io.github.diffusionnlp.api;

/**
 * How to sample: number of steps, seed, batch size and (for generation) length. Immutable; build
 * with {@link #builder()}. The i-th sentence of one call is sampled with seed {@code seed + i}, so
 * the same seed and input give the same output.
 */
public final class SamplingOptions {
    public static final int DEFAULT_STEPS = 32;

    private final int steps;
    private final long seed;
    private final int batchSize;
    private final int length;
    private final double temperature;

    private SamplingOptions(Builder b) {
        this.steps = b.steps;
        this.seed = b.seed;
        this.batchSize = b.batchSize;
        this.length = b.length;
        this.temperature = b.temperature;
    }

    public static SamplingOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int steps() {
        return steps;
    }

    public long seed() {
        return seed;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Length of generated sentences in tokens, or 0 to let the model choose (it generates padding). */
    public int length() {
        return length;
    }

    /** Scale of the starting noise: 1 samples from the model, 0 follows its mean prediction (greedy). */
    public double temperature() {
        return temperature;
    }

    public Builder toBuilder() {
        return builder().steps(steps).seed(seed).batchSize(batchSize).length(length).temperature(temperature);
    }

    public static final class Builder {
        private int steps = DEFAULT_STEPS;
        private long seed;
        private int batchSize = 32;
        private int length;
        private double temperature = 1.0;

        private Builder() {}

        /**
         * Scale of the starting noise, in [0, 1]. 1 (the default) samples from the model; lower values
         * start nearer the mean and give the model's most likely words more often (0: deterministic
         * whatever the seed, useful for infilling where one best answer is wanted).
         */
        public Builder temperature(double temperature) {
            if (!(temperature >= 0 && temperature <= 1)) {
                throw new IllegalArgumentException("temperature must be in [0, 1], got " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /** Euler steps (network evaluations) per sample; more is slower and usually better. */
        public Builder steps(int steps) {
            if (steps < 1 || steps > 10_000) {
                throw new IllegalArgumentException("steps must be between 1 and 10000, got " + steps);
            }
            this.steps = steps;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sentences per forward pass; larger batches are faster per sentence and use more memory. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 4096) {
                throw new IllegalArgumentException("batch size must be between 1 and 4096, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Generated sentence length; 0 (the default) lets the model choose. Checked against the model on use. */
        public Builder length(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("length must be >= 0 (0 = model chooses), got " + length);
            }
            this.length = length;
            return this;
        }

        public SamplingOptions build() {
            return new SamplingOptions(this);
        }
    }
}
