package io.github.diffusionnlp.model;

import io.github.diffusionnlp.corpus.Visible;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The lengths of a model's training rows as a distribution to draw a sentence's length from before it is generated.
 * Free generation otherwise lets the network choose the length by generating padding, and every model trained here
 * writes too long and too even sentences so (README, <i>Limitations</i>); a length drawn first and the padding given
 * beyond it keeps the training data's spread by construction.
 */
public final class LengthPrior {
    /** Keeps the draw's stream apart from a {@code SplittableRandom(seed)} elsewhere: ASCII "length". */
    private static final long SALT = 0x6C656E677468L;
    private final long[] cumulative; // cumulative[i]: rows of at most i + 1 words
    private final double mean;
    private final double sd;

    private LengthPrior(long[] cumulative, double mean, double sd) {
        this.cumulative = cumulative;
        this.mean = mean;
        this.sd = sd;
    }

    /**
     * The prior of {@code counts}, element {@code i} counting rows of {@code i + 1} words.
     *
     * @throws IllegalArgumentException when {@code counts} is empty, holds a negative count or none at all
     */
    public static LengthPrior of(List<Integer> counts) {
        String wrong = whatIsWrong(counts, counts == null ? 0 : counts.size());
        if (wrong != null) {
            throw new IllegalArgumentException("row lengths " + wrong);
        }
        long[] cumulative = new long[counts.size()];
        long total = 0;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < counts.size(); i++) {
            long c = counts.get(i);
            total += c;
            cumulative[i] = total;
            sum += c * (i + 1.0);
            squares += c * (i + 1.0) * (i + 1.0);
        }
        double mean = sum / total;
        return new LengthPrior(cumulative, mean, Math.sqrt(Math.max(0, squares / total - mean * mean)));
    }

    /**
     * What is wrong with {@code counts} as the row lengths of a model of {@code positions} positions ("has 12 counts
     * for a model of 64 positions"), or null when nothing is.
     */
    public static String whatIsWrong(List<Integer> counts, int positions) {
        if (counts == null || counts.isEmpty()) {
            return "are empty";
        }
        if (counts.size() != positions) {
            return "have " + counts.size() + " counts for a model of " + positions + " positions (one for each length"
                    + " from 1 to " + positions + ")";
        }
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            Integer c = counts.get(i);
            if (c == null || c < 0) {
                return "count " + c + " rows of " + (i + 1) + (i == 0 ? " word" : " words") + "; a count must be 0 or"
                        + " more";
            }
            total += c;
        }
        return total == 0 ? "count no rows at all" : null;
    }

    /**
     * Why {@code model}, which records no lengths of its training rows, cannot draw them, in the words every front end
     * uses: {@code asked} names the setting as the caller's does ("--draw-length", "diffusion.drawLength = 'true'"),
     * and {@code rest} follows the command that records them (", or leave --draw-length out").
     */
    public static String notRecorded(String asked, String model, String rest) {
        return asked + " draws each sentence's length from the lengths of the model's training rows, and model "
                + Visible.of(model) // a path, or a library caller's name for the model
                + " records none (models trained before 2026-12-06 do not): record them with `diffusion-nlp row-lengths"
                + " --model DIR --corpus ITS_TRAINING_CORPUS`" + rest;
    }

    /**
     * A length from 1 to the model's positions, drawn with probability proportional to its count. The same seed
     * gives the same length; the draw is mixed away from the seed's other use (the noise a row samples with).
     */
    public int draw(long seed) {
        long r = new SplittableRandom(seed ^ SALT).nextLong(total());
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) { // the first length whose cumulative count exceeds r
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo + 1;
    }

    /** The rows counted. */
    public long total() {
        return cumulative[cumulative.length - 1];
    }

    /** The mean length in words. */
    public double mean() {
        return mean;
    }

    /** The standard deviation of the length in words. */
    public double sd() {
        return sd;
    }

    /** "20.1 ± 12.6 words (48,174 rows)", the shipped model's. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f ± %.1f words (%,d rows)", mean, sd, total());
    }
}
