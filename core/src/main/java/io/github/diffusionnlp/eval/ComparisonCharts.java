package io.github.diffusionnlp.eval;

import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.eval.ArComparison.Infill;
import io.github.diffusionnlp.eval.ArComparison.Quality;
import io.github.diffusionnlp.eval.ArComparison.Results;
import io.github.diffusionnlp.eval.ArComparison.Speed;
import java.awt.BasicStroke;
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
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The comparison's pictures: quality, infill accuracy and time against diffusion steps, the baselines as flat lines.
 */
final class ComparisonCharts {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x17becf), new Color(0x8c564b), new Color(0x7f7f7f)};
    /** Axis numbers with a decimal point whatever the locale: the report around them is written with dots. */
    private static final java.text.DecimalFormatSymbols ROOT_SYMBOLS =
            java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT);

    private ComparisonCharts() {}

    static void quality(Path png, Results r) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries diffusion = new XYSeries("diffusion samples");
        r.quality().stream().filter(q -> q.system().equals("diffusion")).forEach(q ->
                diffusion.add(q.steps(), q.arNll()));
        data.addSeries(diffusion);
        data.addSeries(flat("held-out sentences", r.reference().arNll(), r.settings().stepCounts()));
        for (Quality q : r.quality()) {
            if (!q.system().equals("diffusion") && !ArComparison.isSweep(q)) {
                String system = q.system().equals(ArComparison.TUNED_DIFFUSION) ? q.system() : "autoregressive";
                data.addSeries(flat(system + " " + q.setting(), q.arNll(), r.settings().stepCounts()));
            }
        }
        save(png, "Generation quality against diffusion steps", "NLL under the autoregressive model (nats/token)",
                data);
    }

    static void infill(Path png, Results r) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries diffusion = new XYSeries("diffusion (both sides)");
        for (Infill i : r.infill()) {
            if (i.steps() > 0) {
                diffusion.add(i.steps(), 100 * i.tokenAccuracy());
            } else {
                data.addSeries(flat(i.system(), 100 * i.tokenAccuracy(), r.settings().stepCounts()));
            }
        }
        data.addSeries(diffusion);
        data.addSeries(flat("most frequent word", 100 * r.infill().get(0).baseline(), r.settings().stepCounts()));
        save(png, "3-token span infilling against diffusion steps", "token accuracy (%)", data);
    }

    static void time(Path png, Results r) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int batch : r.settings().speedBatches()) {
            XYSeries diffusion = new XYSeries("diffusion, batch " + batch);
            r.speed().stream().filter(s -> s.system().equals("diffusion") && s.batch() == batch)
                    .forEach(s -> diffusion.add(s.steps(), s.seconds()));
            data.addSeries(diffusion);
            for (Speed s : r.speed()) {
                if (!s.system().equals("diffusion") && s.batch() == batch) {
                    data.addSeries(flat(s.system() + ", batch " + batch, s.seconds(), r.settings().speedSteps()));
                }
            }
        }
        JFreeChart chart = chart("Time to write 64-token sequences", "seconds (log scale)", data);
        LogAxis seconds = new LogAxis("seconds (log scale)");
        seconds.setNumberFormatOverride(new java.text.DecimalFormat("0.###", ROOT_SYMBOLS));
        chart.getXYPlot().setRangeAxis(seconds);
        save(png, chart);
    }

    private static XYSeries flat(String name, double y, int[] steps) {
        XYSeries s = new XYSeries(name);
        s.add(steps[0], y);
        s.add(steps[steps.length - 1], y);
        return s;
    }

    private static void save(Path png, String title, String yLabel, XYSeriesCollection data) throws IOException {
        save(png, chart(title, yLabel, data));
    }

    /**
     * Through a temporary sibling and an atomic rename: a rerun into the same {@code --out} replaces the old
     * plot whole, so a run killed while drawing (or a viewer reading meanwhile) never finds half a PNG.
     */
    private static void save(Path png, JFreeChart chart) throws IOException {
        CheckpointFiles.writeAtomically(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 900, 550));
    }

    private static JFreeChart chart(String title, String yLabel, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "diffusion steps (log scale)", yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        LogAxis steps = new LogAxis("diffusion steps (log scale)");
        steps.setBase(2);
        steps.setNumberFormatOverride(new java.text.DecimalFormat("0", ROOT_SYMBOLS));
        plot.setDomainAxis(steps);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            List<?> items = data.getSeries(i).getItems();
            boolean isFlat = items.size() == 2 && !data.getSeries(i).getKey().toString().startsWith("diffusion");
            renderer.setSeriesShapesVisible(i, !isFlat);
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, isFlat ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 5f}, 0f) : new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
