package io.github.diffusionnlp.model;

import java.util.Arrays;

/**
 * CDCD time warping: a monotone piecewise-linear function F over t = ln σ, fitted by least squares
 * to the cross-entropy the model makes at each noise level. Normalised to [0, 1] it is a CDF:
 * training draws σ = exp(F⁻¹(u)) with u uniform, which spends training where the loss changes
 * fastest, and the sampler spaces its steps uniformly in F for the same reason.
 *
 * <p>The fit keeps, per bin of ln σ, a decaying mean of the losses seen there and makes it monotone
 * with the pool-adjacent-violators algorithm (the least-squares monotone fit); its slope is smoothed
 * over neighbouring bins and floored, which keeps F strictly increasing so every noise level keeps
 * some training.
 */
public final class TimeWarp {
    /**
     * A uniform part of F worth this share of the largest fitted loss, so that every noise level keeps
     * some training however the fit goes: with a loss rising from 0 to its top, half the σ draws. A short
     * training run needs this: the high-σ end, where a token must be guessed from its context alone
     * and the loss is flat, is where infilling is learnt.
     */
    private static final double SLOPE_FLOOR = 1.0;
    /** Half-width, in bins, of the moving average applied to F's slope. */
    private static final int SMOOTHING = 3;

    private final double tMin;
    private final double tMax;
    private final double decay;
    private final double[] lossSum;
    private final double[] weight;
    /** F at the bin edges, normalised: cdf[0] = 0, cdf[bins] = 1. */
    private double[] cdf;

    public TimeWarp(double sigmaMin, double sigmaMax, int bins, double decay) {
        this.tMin = Math.log(sigmaMin);
        this.tMax = Math.log(sigmaMax);
        this.decay = decay;
        this.lossSum = new double[bins];
        this.weight = new double[bins];
        this.cdf = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            cdf[i] = (double) i / bins; // uniform in ln σ until losses arrive
        }
    }

    /**
     * Restores a warp exactly from its saved state ({@link #lossSums()} and {@link #weights()}): it goes on as the
     * warp never saved would, bit for bit, which a {@code --reproducible} run resumed from a checkpoint relies on.
     */
    public static TimeWarp restoreFromSums(double sigmaMin, double sigmaMax, double decay, double[] lossSums,
            double[] weights) {
        TimeWarp warp = empty(sigmaMin, sigmaMax, decay, lossSums, weights);
        System.arraycopy(weights, 0, warp.weight, 0, weights.length);
        System.arraycopy(lossSums, 0, warp.lossSum, 0, lossSums.length);
        warp.refit();
        return warp;
    }

    /**
     * Restores a warp from a table of older checkpoints, which saved each bin's mean loss instead of its sum: the sum
     * rebuilt as mean × weight may differ from the one saved in its last digit, and the fit with it.
     */
    public static TimeWarp restoreFromMeans(double sigmaMin, double sigmaMax, double decay, double[] lossMeans,
            double[] weights) {
        TimeWarp warp = empty(sigmaMin, sigmaMax, decay, lossMeans, weights);
        for (int i = 0; i < lossMeans.length; i++) {
            warp.weight[i] = weights[i];
            warp.lossSum[i] = lossMeans[i] * weights[i];
        }
        warp.refit();
        return warp;
    }

    private static TimeWarp empty(double sigmaMin, double sigmaMax, double decay, double[] losses, double[] weights) {
        if (losses.length != weights.length || losses.length < 2) {
            throw new IllegalArgumentException("warping table needs matching loss and weight columns of at least 2"
                    + " bins");
        }
        return new TimeWarp(sigmaMin, sigmaMax, losses.length, decay);
    }

    public int bins() {
        return weight.length;
    }

    /** Records the per-example losses seen at the given noise levels, then refits F. */
    public synchronized void observe(double[] sigmas, double[] losses) {
        for (int i = 0; i < lossSum.length; i++) {
            lossSum[i] *= decay;
            weight[i] *= decay;
        }
        for (int i = 0; i < sigmas.length; i++) {
            int b = bin(Math.log(sigmas[i]));
            lossSum[b] += losses[i];
            weight[b] += 1;
        }
        refit();
    }

    private int bin(double t) {
        int b = (int) ((t - tMin) / (tMax - tMin) * bins());
        return Math.max(0, Math.min(bins() - 1, b));
    }

    private void refit() {
        int n = bins();
        int[] seen = java.util.stream.IntStream.range(0, n).filter(i -> weight[i] > 0).toArray();
        if (seen.length < 2) {
            return;
        }
        double[] mean = new double[seen.length];
        double[] w = new double[seen.length];
        for (int j = 0; j < seen.length; j++) {
            w[j] = weight[seen[j]];
            mean[j] = lossSum[seen[j]] / w[j];
        }
        double[] fitSeen = isotonic(mean, w);
        // Bins never seen take the fit of the nearest seen bin before them (or the first seen bin).
        double[] fit = new double[n];
        for (int i = 0, j = 0; i < n; i++) {
            while (j + 1 < seen.length && seen[j + 1] <= i) {
                j++;
            }
            fit[i] = fitSeen[j];
        }
        // The fit sits at bin centres; F at an edge is the mean of its two neighbours.
        double[] rawRise = new double[n];
        for (int i = 0; i < n; i++) {
            double lo = i == 0 ? fit[0] : fit[i - 1];
            double hi = i == n - 1 ? fit[n - 1] : fit[i + 1];
            rawRise[i] = (hi - lo) / 2;
        }
        // Noisy, nearly flat losses make the least-squares fit a staircase whose single step would
        // draw every σ from one bin; a moving average spreads each step over its neighbourhood.
        double[] rise = new double[n];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - SMOOTHING);
            int hi = Math.min(n - 1, i + SMOOTHING);
            for (int j = lo; j <= hi; j++) {
                rise[i] += rawRise[j] / (hi - lo + 1);
            }
        }
        // The floor is a share of the loss itself, not of its rise: a flat loss gives a near-uniform F.
        double top = Math.max(Math.abs(fit[n - 1]), 1e-9);
        double floor = SLOPE_FLOOR * top / n;
        double[] next = new double[n + 1];
        for (int i = 0; i < n; i++) {
            next[i + 1] = next[i] + Math.max(0, rise[i]) + floor;
        }
        for (int i = 0; i <= n; i++) {
            next[i] /= next[n];
        }
        synchronized (this) {
            cdf = next;
        }
    }

    /** Weighted least-squares non-decreasing fit (pool adjacent violators); weights must be positive. */
    static double[] isotonic(double[] y, double[] w) {
        int n = y.length;
        double[] value = new double[n];
        double[] blockWeight = new double[n];
        int[] blockSize = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            value[blocks] = y[i];
            blockWeight[blocks] = w[i];
            blockSize[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double wSum = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * blockWeight[blocks - 2]
                        + value[blocks - 1] * blockWeight[blocks - 1]) / wSum;
                blockWeight[blocks - 2] = wSum;
                blockSize[blocks - 2] += blockSize[blocks - 1];
                blocks--;
            }
        }
        double[] out = new double[n];
        for (int b = 0, k = 0; b < blocks; b++) {
            for (int j = 0; j < blockSize[b]; j++) {
                out[k++] = value[b];
            }
        }
        return out;
    }

    /** F(ln σ) in [0, 1]. */
    public synchronized double forward(double sigma) {
        double pos = (Math.log(sigma) - tMin) / (tMax - tMin) * bins();
        pos = Math.max(0, Math.min(bins(), pos));
        int i = Math.min(bins() - 1, (int) pos);
        return cdf[i] + (cdf[i + 1] - cdf[i]) * (pos - i);
    }

    /** σ = exp(F⁻¹(u)) for u in [0, 1]. */
    public synchronized double inverse(double u) {
        double[] f = cdf;
        u = Math.max(0, Math.min(1, u));
        int i = Arrays.binarySearch(f, u);
        if (i < 0) {
            i = -i - 2;
        }
        i = Math.max(0, Math.min(bins() - 1, i));
        double span = f[i + 1] - f[i];
        double frac = span > 0 ? (u - f[i]) / span : 0;
        double t = tMin + (i + frac) / bins() * (tMax - tMin);
        return Math.exp(t);
    }

    /**
     * The noise levels of an n-step sampler that starts part-way, at F = {@code strength} (a rewrite:
     * strength 1 starts from σ_max, smaller strengths from less noise), down to σ_min, uniform in F.
     */
    public double[] samplingSigmas(int steps, double strength) {
        double[] sigmas = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            sigmas[k] = inverse(strength * (1.0 - (double) k / steps));
        }
        return sigmas;
    }

    public synchronized double[] lossMeans() {
        double[] out = new double[bins()];
        for (int i = 0; i < out.length; i++) {
            out[i] = weight[i] > 0 ? lossSum[i] / weight[i] : 0;
        }
        return out;
    }

    /** Each bin's decayed sum of losses, the state {@link #restoreFromSums} takes back (with {@link #weights()}). */
    public synchronized double[] lossSums() {
        return lossSum.clone();
    }

    public synchronized double[] weights() {
        return weight.clone();
    }

    public synchronized double[] cdf() {
        return cdf.clone();
    }

    public double decay() {
        return decay;
    }

    /** σ at the left edge of bin i (i = bins gives σ_max). */
    public double binEdgeSigma(int i) {
        return Math.exp(tMin + (double) i / bins() * (tMax - tMin));
    }
}
