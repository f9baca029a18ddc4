package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeWarpTest {
    @Test
    void startsUniformInLogSigma() {
        TimeWarp warp = new TimeWarp(1, 300, 100, 0.99);
        assertEquals(0.5, warp.forward(Math.sqrt(300)), 1e-9);
        assertEquals(300, warp.inverse(1), 1e-6);
        assertEquals(1, warp.inverse(0), 1e-9);
    }

    @Test
    void fitsLossesIntoAMonotoneInvertibleCdf() {
        TimeWarp warp = new TimeWarp(1, 300, 50, 0.99);
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            double[] sigmas = new double[64];
            double[] losses = new double[64];
            for (int i = 0; i < 64; i++) {
                sigmas[i] = Math.exp(random.nextDouble() * Math.log(300));
                // loss rises like a sigmoid in ln σ, with noise: F must be steepest near σ = 10
                losses[i] = 8 / (1 + Math.exp(-3 * (Math.log(sigmas[i]) - Math.log(10)))) + random.nextGaussian() * 0.3;
            }
            warp.observe(sigmas, losses);
        }
        double[] cdf = warp.cdf();
        for (int i = 1; i < cdf.length; i++) {
            assertTrue(cdf[i] > cdf[i - 1], "strictly increasing at " + i);
        }
        assertEquals(0, cdf[0], 1e-12);
        assertEquals(1, cdf[cdf.length - 1], 1e-12);
        for (double u = 0.01; u < 1; u += 0.07) {
            assertEquals(u, warp.forward(warp.inverse(u)), 1e-9);
        }
        // more of F's rise around σ = 10 than near the ends
        double middle = warp.forward(20) - warp.forward(5);
        double low = warp.forward(1.0 * 4) - warp.forward(1.0);
        assertTrue(middle > 3 * low, "middle " + middle + " low " + low);
    }

    @Test
    void samplingSigmasRunFromMaxToMin() {
        double[] s = new TimeWarp(1, 300, 100, 0.99).samplingSigmas(8, 1.0);
        assertEquals(9, s.length);
        assertEquals(300, s[0], 1e-6);
        assertEquals(1, s[8], 1e-9);
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] < s[i - 1]);
        }
    }

    @Test
    void isotonicPoolsViolators() {
        double[] fit = TimeWarp.isotonic(new double[] {1, 3, 2, 4}, new double[] {1, 1, 1, 1});
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, fit, 1e-12);
    }

    @Test
    void restoreGivesTheSameWarp() {
        TimeWarp warp = new TimeWarp(1, 300, 20, 0.9);
        warp.observe(new double[] {1.5, 10, 100, 250}, new double[] {0.1, 2, 6, 7});
        TimeWarp back = TimeWarp.restoreFromSums(1, 300, 0.9, warp.lossSums(), warp.weights());
        assertArrayEquals(warp.cdf(), back.cdf(), 1e-12);
    }
}
