package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.model.TimeWarp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warp saved with a checkpoint and loaded back went on unlike the one never saved: the table held each bin's mean
 * loss, and the sum rebuilt as mean × weight differed in its last digit, so a resumed {@code --reproducible} run's
 * warp.tsv (and the noise levels it drew) left the unbroken run's. The sums are saved and restored exactly.
 */
class WarpRestoredExactlyTest {
    @Test
    void aWarpSavedAndLoadedGoesOnAsTheUnbrokenOneBitForBit(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded tiny = ModelCheckpoint.load(TestModels.tinyModel(), manager);
            double sigmaMin = tiny.header().model().sigmaMin();
            double sigmaMax = tiny.header().model().sigmaMax();
            TimeWarp live = new TimeWarp(sigmaMin, sigmaMax, 100, 0.995);
            Random data = new Random(11);
            for (int step = 0; step < 60; step++) {
                observe(live, data, sigmaMin, sigmaMax);
            }
            Path saved = Files.createDirectory(dir.resolve("saved"));
            ModelCheckpoint.save(saved, tiny.network(), tiny.vocabulary(), live, tiny.header().training(), null);
            TimeWarp resumed = ModelCheckpoint.load(saved, manager).warp();
            assertArrayEquals(live.cdf(), resumed.cdf(), "the fit loaded");
            for (int step = 0; step < 40; step++) {
                long seed = data.nextLong();
                observe(live, new Random(seed), sigmaMin, sigmaMax);
                observe(resumed, new Random(seed), sigmaMin, sigmaMax);
            }
            // no tolerance: equal doubles, as a resumed --reproducible run's warp.tsv must be the unbroken run's
            assertArrayEquals(live.lossSums(), resumed.lossSums());
            assertArrayEquals(live.weights(), resumed.weights());
            assertArrayEquals(live.cdf(), resumed.cdf());
        }
    }

    /** A warping table of an older checkpoint (no loss_sum column) still loads, its sums rebuilt from the means. */
    @Test
    void aTableWithoutSumsStillLoads() throws IOException {
        Path shipped = TestModels.shippedModel();
        assertTrue(!Files.readAllLines(shipped.resolve(ModelCheckpoint.WARP)).get(0).contains("loss_sum"),
                "the shipped model is of the older format");
        try (NDManager manager = NDManager.newBaseManager()) {
            TimeWarp warp = ModelCheckpoint.load(shipped, manager).warp();
            assertTrue(warp.weights()[50] > 0 && warp.lossSums()[50] > 0, "sums rebuilt from the means");
        }
    }

    private static void observe(TimeWarp warp, Random data, double sigmaMin, double sigmaMax) {
        double[] sigmas = new double[16];
        double[] losses = new double[16];
        for (int i = 0; i < sigmas.length; i++) {
            sigmas[i] = sigmaMin * Math.exp(data.nextDouble() * Math.log(sigmaMax / sigmaMin));
            losses[i] = 1 + 6 * data.nextDouble();
        }
        warp.observe(sigmas, losses);
    }
}
