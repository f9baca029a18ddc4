package io.github.diffusionnlp.api;

import ai.djl.util.Progress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How to sample: number of steps, seed, batch size, temperatures and (for generation) length.
 * Immutable; build with {@link #builder()}. The i-th sentence of one call is sampled with seed
 * {@link #sentenceSeed(long) sentenceSeed(i)}, so the same seed and input give the same output, and calls whose seeds
 * differ share no sentence's noise. Each setter of the {@link Builder}
 * checks its value and throws {@link IllegalArgumentException} naming it and its range; the length is
 * checked against the model when a call uses it.
 */
public final class SamplingOptions {
    public static final int DEFAULT_STEPS = 32;
    /** The most Euler steps a sample may take ({@link SamplingRange#STEPS}). */
    public static final int MAX_STEPS = 10_000;
    /** The most sentences a forward pass may hold ({@link SamplingRange#BATCH_SIZE}). */
    public static final int MAX_BATCH_SIZE = 4096;
    /**
     * The largest n-gram fusion weight allowed: 0.7 was tuned for infill and a few units already let the trigram
     * decide; far above, the weighted log-probabilities leave float's range (at 1e39 infill wrote "!" for every mask).
     */
    public static final double MAX_NGRAM_WEIGHT = 100;
    /**
     * Infilling's temperature unless one is set: the mean path, whose words are the model's most
     * likely (on held-out text it fills about 2.5 times as many masks correctly as sampling does).
     */
    public static final double INFILL_TEMPERATURE = 0.0;
    /** Generation's and rewriting's temperature unless one is set: samples, so outputs vary with the seed. */
    public static final double SAMPLING_TEMPERATURE = 1.0;
    /**
     * Sentence i of a call is sampled with seed {@code seed + i × SENTENCE_STRIDE}. Sentence 0 keeps the seed, and
     * two calls whose seeds differ by a little share no sentence: with {@code seed + i}, as until 2026-12-06, seed
     * 2's sentences were seed 1's from the second on. Odd, and unlike the strides of best-of-k candidates and of
     * long sentences' windows, so that no candidate or window takes another sentence's seed.
     */
    public static final long SENTENCE_STRIDE = 0x94D049BB133111EBL;
    /** A long sentence's window from position p is sampled with its sentence's seed plus p times this. */
    static final long POSITION_STRIDE = 0xBF58476D1CE4E5B9L;

    private final int steps;
    private final long seed;
    private final int batchSize;
    private final int length;
    private final Double temperature; // null: the task's default
    private final double x0Temperature;
    private final double ngramWeight;
    private final boolean guideLength;
    private final Boolean drawLength; // null: drawn where the length is free, guided and recorded
    private final Progress progress; // null: none

    private SamplingOptions(Builder b) {
        this.steps = b.steps;
        this.seed = b.seed;
        this.batchSize = b.batchSize;
        this.length = b.length;
        this.temperature = b.temperature;
        this.x0Temperature = b.x0Temperature;
        this.ngramWeight = b.ngramWeight;
        this.guideLength = b.guideLength;
        this.drawLength = b.drawLength;
        this.progress = b.progress;
    }

    /** Every setting at its default: {@value #DEFAULT_STEPS} steps, seed 0, batches of 32, the task's temperature. */
    public static SamplingOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Euler steps (network evaluations) per sample (see {@link Builder#steps}). */
    public int steps() {
        return steps;
    }

    /** The first sentence's seed; sentence i of a call uses {@link #sentenceSeed(long) sentenceSeed(i)}. */
    public long seed() {
        return seed;
    }

    /**
     * The seed sentence {@code i} of a call is sampled with: {@code seed + i ×} {@link #SENTENCE_STRIDE}.
     *
     * @throws IllegalArgumentException when {@code i} is negative
     */
    public long sentenceSeed(long i) {
        return sentenceSeed(seed, i);
    }

    /**
     * The seed sentence {@code i} of a call of seed {@code seed} is sampled with, for a sampler that takes its seeds
     * without options (the autoregressive model's): {@code seed + i ×} {@link #SENTENCE_STRIDE}.
     *
     * @throws IllegalArgumentException when {@code i} is negative
     */
    public static long sentenceSeed(long seed, long i) {
        if (i < 0) {
            throw new IllegalArgumentException("sentenceSeed takes a sentence's index in its call, >= 0, got " + i);
        }
        return seed + i * SENTENCE_STRIDE;
    }

    /**
     * The seed of sentence {@code sentence}'s window from position {@code from}, for a sentence longer than the
     * model's length that is sampled window by window: {@code sentenceSeed(sentence) + from × } a second odd stride
     * (from 0 keeps the sentence's seed). A caller that samples such a window in a call of its own gives that call
     * this seed to draw the noise the library would.
     *
     * @throws IllegalArgumentException when {@code sentence} or {@code from} is negative
     */
    public long windowSeed(long sentence, int from) {
        if (from < 0) {
            throw new IllegalArgumentException("windowSeed takes a window's first position, >= 0, got " + from);
        }
        return sentenceSeed(sentence) + from * POSITION_STRIDE;
    }

    /**
     * These options for a call that goes on where one of {@code sentences} sentences ended: its sentence j is sampled
     * as sentence {@code sentences + j} of one call, so a run cut into calls gives what one call would.
     *
     * @throws IllegalArgumentException when {@code sentences} is negative
     */
    public SamplingOptions startingAt(long sentences) {
        if (sentences < 0) {
            throw new IllegalArgumentException("startingAt takes the number of sentences done before, >= 0, got "
                    + sentences);
        }
        return sentences == 0 ? this : toBuilder().seed(sentenceSeed(sentences)).build();
    }

    /** Sentences per forward pass (see {@link Builder#batchSize}). */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Length of generated sentences in tokens, or 0 for a free length: drawn from the model's training rows, or the
     * model's choice (it generates padding), as {@link #drawLength()} says.
     */
    public int length() {
        return length;
    }

    /**
     * Scale of the starting noise as set: 1 samples from the model, 0 follows its mean prediction
     * (greedy). Empty when not set: then infilling uses {@link #INFILL_TEMPERATURE} and generation and
     * rewriting {@link #SAMPLING_TEMPERATURE}.
     */
    public OptionalDouble temperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    /** Softmax temperature of each step's estimate of the clean words (see {@link Builder#x0Temperature}). */
    public double x0Temperature() {
        return x0Temperature;
    }

    /** The weight of the trigram in n-gram fusion, 0 for none (see {@link Builder#ngramWeight}). */
    public double ngramWeight() {
        return ngramWeight;
    }

    /** Whether guidance extrapolates the sentence length too (see {@link Builder#guideLength}). */
    public boolean guideLength() {
        return guideLength;
    }

    /**
     * Whether free generation draws each sentence's length first, as set (see {@link Builder#drawLength}); empty when
     * unset, the default: then it is drawn wherever the length is free, guided and recorded by the model.
     */
    public Optional<Boolean> drawLength() {
        return Optional.ofNullable(drawLength);
    }

    /** Where a call reports how far it is (see {@link Builder#optProgress}); empty for none. */
    public Optional<Progress> progress() {
        return Optional.ofNullable(progress);
    }

    /** These options with {@code temperature} when none is set. */
    public SamplingOptions withDefaultTemperature(double temperature) {
        return this.temperature != null ? this : toBuilder().temperature(temperature).build();
    }

    /**
     * Equal when every setting is: steps, seed, batch size, length, temperature (set or not), x̂₀ temperature,
     * n-gram weight, guided length, drawn length, and the same {@link Builder#optProgress progress} object (a
     * progress is a sink, not a value).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SamplingOptions other && steps == other.steps && seed == other.seed
                && batchSize == other.batchSize && length == other.length
                && Objects.equals(temperature, other.temperature)
                && Double.compare(x0Temperature, other.x0Temperature) == 0
                && Double.compare(ngramWeight, other.ngramWeight) == 0 && guideLength == other.guideLength
                && Objects.equals(drawLength, other.drawLength) && progress == other.progress;
    }

    @Override
    public int hashCode() {
        return Objects.hash(steps, seed, batchSize, length, temperature, x0Temperature, ngramWeight, guideLength,
                drawLength, System.identityHashCode(progress));
    }

    /** Every setting, for a log line: {@code SamplingOptions[steps=32, seed=0, ..., temperature=default, ...]}. */
    @Override
    public String toString() {
        return "SamplingOptions[steps=" + steps + ", seed=" + seed + ", batchSize=" + batchSize + ", length=" + length
                + ", temperature=" + (temperature == null ? "default" : temperature) + ", x0Temperature="
                + x0Temperature + ", ngramWeight=" + ngramWeight + ", guideLength=" + guideLength + ", drawLength="
                + (drawLength == null ? "default" : drawLength) + ", progress=" + progress + "]";
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return builder().steps(steps).seed(seed).batchSize(batchSize).length(length).optTemperature(temperature)
                .x0Temperature(x0Temperature).ngramWeight(ngramWeight).guideLength(guideLength)
                .optDrawLength(drawLength).optProgress(progress);
    }

    public static final class Builder {
        private int steps = DEFAULT_STEPS;
        private long seed;
        private int batchSize = 32;
        private int length;
        private Double temperature;
        private double x0Temperature = 1.0;
        private double ngramWeight;
        private boolean guideLength = true;
        private Boolean drawLength;
        private Progress progress;

        private Builder() {}

        /**
         * Scale of the starting noise, in [0, 1] (NaN refused). 1 samples from the model; lower values start nearer
         * the mean and give the model's most likely words more often (0: deterministic whatever the
         * seed). Unset, infilling uses 0 (one best answer is wanted) and generation and rewriting 1.
         */
        public Builder temperature(double temperature) {
            this.temperature = SamplingRange.TEMPERATURE.check(temperature, "temperature");
            return this;
        }

        /** {@link #temperature(double)} when {@code temperature} is not null; null leaves the task's default. */
        public Builder optTemperature(Double temperature) {
            return temperature == null ? this : temperature(temperature);
        }

        /**
         * Softmax temperature τ of each step's estimate of the clean words, x̂₀ = softmax(logits / τ)·E
         * over the words, the padding keeping the model's share (default 1, the model's own expectation).
         * Below 1 every step leans toward the words the model finds likelier: generated text reads more
         * fluently and varies less (shipped model, 32 steps: AR-NLL +46.5% / +27.7% / +11.7% over held-out
         * text and unigram entropy −2.7% / −12.0% / −25.0% at τ = 1 / 0.8 / 0.5;
         * docs/diffusion-vs-autoregression.md, *Sharper sampling*). 0 puts the words' part of x̂₀ on the likeliest
         * word's embedding (Diffusion-LM's clamping), as does any τ below 1e-20. Single-step infilling is the same
         * at any τ (its one step is an argmax).
         */
        public Builder x0Temperature(double x0Temperature) {
            this.x0Temperature = SamplingRange.X0_TEMPERATURE.check(x0Temperature, "x0 temperature");
            return this;
        }

        /**
         * N-gram fusion with a Kneser–Ney trigram counted from a corpus ({@link
         * DiffusionLM.Builder#optNgramCorpus}; default the model's training corpus): at every step the
         * network's likeliest words gain λ · log p_trigram, and the last step chooses each generated word
         * among them by log p_network + λ · log p_trigram ({@code sample/NgramFusion}). 0 (the default)
         * turns it off. On the shipped model at λ = 0.7 (the best of 0.5 / 0.7 / 1 on 1,000 dev sentences),
         * greedy infill of 1,000 held-out sentences at 16 steps fills 20.8% of single words (18.7% without)
         * and 16.7% of 3-token spans' words (15.2%), for about 1.2 times the time (docs/default-model.md).
         */
        public Builder ngramWeight(double ngramWeight) {
            this.ngramWeight = SamplingRange.NGRAM_WEIGHT.check(ngramWeight, "the n-gram weight");
            return this;
        }

        /**
         * Whether classifier-free guidance ({@link Constraints#guidance()} ≠ 1) extrapolates the padding's logit
         * with the words': true (the default) guides every column; false guides the words only and gives the
         * padding the probability the conditioned pass gives it. The padding is how free generation chooses its
         * length, and the sentiment labels correlate with length (a longer sentence more often holds an AFINN
         * word), so guiding it lengthens positive and shortens neutral sentences beyond what the condition
         * alone does (shipped model, 64 sentences, 16 steps, guidance 3: mean tokens 54.5 / 41.6 / 12.1 for
         * positive / negative / neutral, 34.4 / 28.9 / 19.2 with false; 26.1 with no condition;
         * docs/constraints.md). The default stays true, the behaviour the README's constraint table was
         * measured with. Nothing changes at guidance 1, with a fixed or drawn length, or where the padding is banned;
         * but with {@link #drawLength} unset, false asks for the model's own choice of length (the choice it leaves
         * unguided) instead of a drawn one, and {@link #build()} refuses it with {@code drawLength(true)}.
         */
        public Builder guideLength(boolean guideLength) {
            this.guideLength = guideLength;
            return this;
        }

        /**
         * Whether free generation (no {@link #length}, no POS template) draws each sentence's length before sampling
         * it, from the lengths of the model's training rows ({@code ModelInfo}'s record of them), and gives the
         * padding beyond it. Left unset (the default) the length is drawn wherever it is free, the model records its
         * rows' lengths (every model trained since 2026-12-06, and the shipped one) and {@link #guideLength} is true;
         * otherwise the model chooses, by generating padding. {@code false} always lets the model choose. Left to
         * choose, every model trained here writes too long and too even sentences (shipped model: 26.7 ± 8.6 words,
         * 1% of them 10 words or fewer, against held-out text's 20.4 ± 12.2 and 24%; drawn 19.2 ± 12.0 and 25%, and
         * they read better to the autoregressive model: docs/limitations.md). A sentence generated with a sentiment
         * label draws from the lengths of that label's rows, where the model records them by label (since 2026-12-06;
         * the labels go with length). Sentence i's length is drawn with its seed ({@link
         * SamplingOptions#sentenceSeed}), so the same seed gives the same lengths. Ignored by infill and rewrite,
         * which keep their sentences' lengths. Set to {@code true}, {@link DiffusionLM#generate} refuses it with a
         * length or a template (each sets the length) and for a model whose config records no row lengths (trained
         * before they were recorded: the command line's {@code row-lengths} records them), and {@link #build()}
         * refuses it with {@code guideLength(false)}, which asks for the model's own choice of length: a drawn length
         * leaves the model no choice to leave unguided, so the pair would sample exactly as {@code drawLength(true)}
         * alone (as the command line refuses {@code --draw-length} with {@code --unguided-length}).
         */
        public Builder drawLength(boolean drawLength) {
            this.drawLength = drawLength;
            return this;
        }

        /** {@link #drawLength(boolean)} when {@code drawLength} is not null; null leaves it unset (the default). */
        public Builder optDrawLength(Boolean drawLength) {
            this.drawLength = drawLength;
            return this;
        }

        /**
         * Euler steps (network evaluations) per sample, 1 to {@value SamplingOptions#MAX_STEPS} (default
         * {@value SamplingOptions#DEFAULT_STEPS}); more is slower and usually better.
         */
        public Builder steps(int steps) {
            this.steps = SamplingRange.STEPS.check(steps, "steps");
            return this;
        }

        /** The first sentence's seed (default 0); any value. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sentences per forward pass, 1 to {@value SamplingOptions#MAX_BATCH_SIZE} (default 32); larger batches are
         * faster per sentence and use more memory.
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = SamplingRange.BATCH_SIZE.check(batchSize, "batch size");
            return this;
        }

        /**
         * Generated sentence length, >= 0; 0 (the default) is a free length, drawn or the model's choice as {@link
         * #drawLength} says. Checked against the model on use: {@link DiffusionLM#generate} refuses one longer than
         * the model's positions. Infill and rewrite keep their sentences' lengths and ignore it.
         */
        public Builder length(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("length must be >= 0 (0 = a free length), got " + length);
            }
            this.length = length;
            return this;
        }

        /**
         * Reports the progress of each call made with these options, in DJL's way (as {@code
         * Criteria.Builder#optProgress} does for loading): {@code new ai.djl.training.util.ProgressBar()} draws a
         * bar on the console. A call resets it with the number of rows it samples (one a sentence, or a window of
         * a sentence longer than the model; times {@link Constraints#candidates()}), updates it with the rows done,
         * and ends it when they all are (a call that fails leaves it where it stopped). On a model without request
         * batching ({@link DiffusionLM.Builder#optBatching optBatching(0, ...)}, as the command-line tools load it)
         * the rows are counted as each batch of {@link #batchSize} rows runs its steps: after every step, the share
         * of the batch's row-steps done, as whole rows (a batch of 1,000 rows at 32 steps moves about every 31 rows).
         * With request batching (the builder's default), whose lanes merge concurrent callers' rows into batches of
         * their own, only as each batch of {@link #batchSize} rows is done. A progress is not made for concurrent
         * calls: give each thread its own options. Null: none (the default).
         */
        public Builder optProgress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /**
         * The options as set.
         *
         * @throws IllegalArgumentException for {@code drawLength(true)} with {@code guideLength(false)} (see {@link
         *     #drawLength}), which ask for a drawn length and for the model's own choice of it
         */
        public SamplingOptions build() {
            if (Boolean.TRUE.equals(drawLength) && !guideLength) {
                throw new IllegalArgumentException("drawLength(true) draws each sentence's length before sampling, and"
                        + " guideLength(false) asks for the model's own choice of length, left out of guidance; a"
                        + " drawn length leaves the model no choice, so give one or the other");
            }
            return new SamplingOptions(this);
        }
    }
}
