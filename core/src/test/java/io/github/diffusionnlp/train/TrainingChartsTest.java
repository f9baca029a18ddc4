package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.diffusionnlp.model.TimeWarp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plots a run redraws at every checkpoint replace the old ones whole: a run killed while drawing, or a
 * viewer reading the plot meanwhile, never finds half a PNG.
 */
class TrainingChartsTest {
    private static List<TrainingCharts.LossPoint> points(int steps) {
        List<TrainingCharts.LossPoint> points = new ArrayList<>();
        for (int step = 1; step <= steps; step++) {
            points.add(new TrainingCharts.LossPoint(step, 8.0 / step, step % 5 == 0 ? 9.0 / step : Double.NaN));
        }
        return points;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A run without --dev has no dev loss: its plot showed a "dev" entry in the legend for a line that is
     * not there. The dev series is drawn, legend entry and all, only when there is a dev loss to draw.
     */
    @Test
    void theDevLossIsInTheLegendOnlyWhenThereIsOne() {
        List<TrainingCharts.LossPoint> noDev = List.of(new TrainingCharts.LossPoint(10, 8.0, Double.NaN),
                new TrainingCharts.LossPoint(20, 7.0, Double.NaN));
        XYDataset trainOnly = TrainingCharts.lossChart(noDev).getXYPlot().getDataset();
        assertEquals(1, trainOnly.getSeriesCount());
        assertEquals("train (smoothed)", trainOnly.getSeriesKey(0));
        XYDataset both = TrainingCharts.lossChart(points(10)).getXYPlot().getDataset();
        assertEquals(List.of("train (smoothed)", "dev"), List.of(both.getSeriesKey(0), both.getSeriesKey(1)));
    }

    /**
     * The old plot is replaced, not rewritten in place: a reader that opened it before the redraw reads it
     * to its end unchanged (written in place, it would have been truncated under the reader), and what
     * the name then holds is a whole PNG, with no temporary file left beside it.
     */
    @Test
    void aRedrawnLossCurveReplacesTheOldOneWhole(@TempDir Path dir) throws IOException {
        Path png = dir.resolve(TrainingLog.LOSS_PLOT);
        TrainingCharts.writeLossCurve(png, points(10));
        byte[] before = Files.readAllBytes(png);
        try (InputStream reader = Files.newInputStream(png)) {
            TrainingCharts.writeLossCurve(png, points(40));
            assertArrayEquals(before, reader.readAllBytes());
        }
        assertNotNull(ImageIO.read(png.toFile()), "loss.png is a PNG");
        assertEquals(List.of(TrainingLog.LOSS_PLOT), names(dir));
    }

    @Test
    void aRedrawnWarpPlotReplacesTheOldOneWhole(@TempDir Path dir) throws IOException {
        Path png = dir.resolve(TrainingCharts.WARP_PLOT);
        TimeWarp warp = new TimeWarp(1, 300, 100, 0.995);
        TrainingCharts.writeWarp(png, warp);
        byte[] before = Files.readAllBytes(png);
        warp.observe(new double[] {2, 20, 200}, new double[] {1, 4, 7});
        try (InputStream reader = Files.newInputStream(png)) {
            TrainingCharts.writeWarp(png, warp);
            assertArrayEquals(before, reader.readAllBytes());
        }
        assertNotNull(ImageIO.read(png.toFile()), "warp.png is a PNG");
        assertEquals(List.of(TrainingCharts.WARP_PLOT), names(dir));
    }
}
