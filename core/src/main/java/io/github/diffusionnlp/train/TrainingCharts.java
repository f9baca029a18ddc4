package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.model.TimeWarp;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG plots of a training run: the loss curve and the learned time warping F. */
public final class TrainingCharts {
    /** The warping plot a training run writes beside its checkpoint. */
    static final String WARP_PLOT = ModelDirectory.WARP_PLOT;
    private TrainingCharts() {}

    static {
        // ImageIO encodes through a temporary cache file by default, whose first use registers a JVM shutdown hook:
        // a run stopped by Ctrl-C or SIGTERM before its first plot (train's StopOnSignal saves the step then) failed
        // with "Shutdown in progress". A 900x500 PNG is encoded in memory as well.
        javax.imageio.ImageIO.setUseCache(false);
    }

    /** One logged point of the loss curve. */
    public record LossPoint(int step, double trainLoss, double devLoss) {}

    public static void writeLossCurve(Path png, List<LossPoint> points) throws IOException {
        save(png, lossChart(points));
    }

    static JFreeChart lossChart(List<LossPoint> points) {
        XYSeries train = new XYSeries("train (smoothed)");
        XYSeries dev = new XYSeries("dev");
        for (LossPoint p : points) {
            train.add(p.step(), p.trainLoss());
            if (Double.isFinite(p.devLoss())) {
                dev.add(p.step(), p.devLoss());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection(train);
        if (!dev.isEmpty()) { // a run without --dev: no legend entry for a line that is not drawn
            data.addSeries(dev);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Training loss", "step",
                "cross-entropy per generated token (nats)", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        return chart;
    }

    public static void writeWarp(Path png, TimeWarp warp) throws IOException {
        XYSeries f = new XYSeries("F (normalised)");
        XYSeries loss = new XYSeries("mean loss per bin / max");
        double[] cdf = warp.cdf();
        double[] means = warp.lossMeans();
        double[] weights = warp.weights();
        double max = 1e-9;
        for (double m : means) {
            max = Math.max(max, m);
        }
        for (int i = 0; i <= warp.bins(); i++) {
            f.add(warp.binEdgeSigma(i), cdf[i]);
        }
        for (int i = 0; i < warp.bins(); i++) {
            if (weights[i] > 0) {
                loss.add(Math.sqrt(warp.binEdgeSigma(i) * warp.binEdgeSigma(i + 1)), means[i] / max);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection(f);
        data.addSeries(loss);
        JFreeChart chart = ChartFactory.createXYLineChart("Learned time warping F(ln σ)", "σ",
                "F", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        LogAxis axis = new LogAxis("σ (log scale)");
        plot.setDomainAxis(axis);
        save(png, chart);
    }

    /**
     * Through a temporary sibling and an atomic rename: the plots are redrawn at every checkpoint, and one
     * written in place would be half a PNG while it is drawn (for good, if the run is killed meanwhile).
     */
    private static void save(Path png, JFreeChart chart) throws IOException {
        CheckpointFiles.writeAtomically(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 900, 500));
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
}
