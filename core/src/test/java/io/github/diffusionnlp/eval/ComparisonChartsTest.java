package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.diffusionnlp.eval.ArComparison.Results;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare-ar} redraws its plots over those of an earlier run in the same {@code --out}: each replaces
 * the old one whole, so a run killed while drawing, or a viewer reading the plot meanwhile, never finds half
 * a PNG (as {@code TrainingChartsTest} checks of the training plots).
 */
class ComparisonChartsTest {
    private interface Chart {
        void draw(Path png, Results r) throws IOException;
    }

    @Test
    void aRedrawnPlotReplacesTheOldOneWhole(@TempDir Path dir) throws IOException {
        Results first = ReportsTest.results(new int[] {8, 16}, new double[] {12, 30});
        Results second = ReportsTest.results(new int[] {4, 8, 16, 32}, new double[] {10, 20});
        List<String> names = List.of("quality.png", "infill.png", "time.png");
        List<Chart> charts = List.of(ComparisonCharts::quality, ComparisonCharts::infill, ComparisonCharts::time);
        for (int i = 0; i < charts.size(); i++) {
            Path png = dir.resolve(names.get(i));
            charts.get(i).draw(png, first);
            byte[] before = Files.readAllBytes(png);
            try (InputStream reader = Files.newInputStream(png)) {
                charts.get(i).draw(png, second);
                // written in place, the file would have been truncated under the reader
                assertArrayEquals(before, reader.readAllBytes(), names.get(i));
            }
            assertNotNull(ImageIO.read(png.toFile()), names.get(i) + " is a PNG");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(names.stream().sorted().toList(), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
