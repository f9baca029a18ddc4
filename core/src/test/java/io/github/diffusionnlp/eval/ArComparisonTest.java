package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.AutoregressiveLM;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.train.ArTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison harness end to end in its smallest mode, on the tiny test models. */
class ArComparisonTest {
    private static final ArComparison.Settings SMOKE = new ArComparison.Settings("smoke", 8, new int[] {2, 4}, 8,
            new int[] {2, 4}, new int[] {1, 2}, new double[] {0.9}, 3, new double[] {0, 0.9}, new double[] {0, 0.5}, true);

    private static Path trainAr(Path dir, Path vocabFrom, int vocab) throws Exception {
        TrainOptions options = TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(vocab)
                .maxLength(32).batchSize(8).steps(10).learningRate(3e-3).warmupSteps(2).seed(7).checkpointEvery(10)
                .contextEmbeddings(false).build();
        new ArTrainer(options, vocabFrom, new PrintStream(PrintStream.nullOutputStream())).run();
        return dir;
    }

    @Test
    void runsEndToEndAndWritesTablesAndPlots(@TempDir Path tmp) throws Exception {
        Path diffusionDir = TestModels.tinyModel();
        Path arDir = trainAr(tmp.resolve("ar"), diffusionDir, 2000);
        List<TaggedSentence> heldOut = TaggedCorpus.read(TestModels.devCorpus());
        Path out = tmp.resolve("out");
        try (DiffusionLM diffusion = DiffusionLM.builder().optModel(diffusionDir).build();
                AutoregressiveLM ar = AutoregressiveLM.load(arDir, null)) {
            ArComparison comparison = new ArComparison(diffusion, ar, heldOut, SMOKE, out, line -> { });
            ArComparison.Results r = comparison.run();
            comparison.write(r, "smoke");
            assertTrue(r.fairness().sameVocabulary());
            assertEquals(2, r.quality().stream().filter(q -> q.system().equals("diffusion")).count());
            // the x̂₀ temperature is tuned over the mode's candidates, at most 32 steps; a row when one qualified
            assertTrue(r.tunedX0Temperature() == 0.9 || r.tunedX0Temperature() == 1.0, "" + r.tunedX0Temperature());
            assertEquals(r.tunedX0Temperature() == 1.0 ? 0 : 1, r.quality().stream()
                    .filter(q -> q.system().equals(ArComparison.TUNED_DIFFUSION) && q.steps() == 4).count());
            // the asked-for x̂₀ temperatures: one row each, unless already the tuned row
            assertEquals(r.tunedX0Temperature() == 0.9 ? 1 : 2, r.quality().stream()
                    .filter(q -> q.system().equals(ArComparison.X0_SWEEP) && q.steps() == 4).count());
            assertTrue(r.quality().stream().anyMatch(q -> q.setting().equals("4 steps, x̂₀ T = 0.0")), "" + r.quality());
            // the asked-for n-gram weights: one row each but 0 (the plain row)
            assertEquals(List.of("4 steps, n-gram w = 0.5"), r.quality().stream()
                    .filter(q -> q.system().equals(ArComparison.NGRAM_SWEEP)).map(ArComparison.Quality::setting).toList());
            // the drawn-lengths row, at the x̂₀ rows' step count
            assertEquals(List.of("4 steps, drawn lengths"), r.quality().stream()
                    .filter(q -> q.system().equals(ArComparison.DRAWN_LENGTHS)).map(ArComparison.Quality::setting)
                    .toList());
            assertTrue(r.quality().stream().allMatch(q -> q.samples() == 8 && Double.isFinite(q.arNll()) && q.arNll() > 0));
            assertEquals(3, r.infill().size()); // diffusion at 2 and 4 steps, and the autoregressive model
            assertEquals(2 * 2 + 2 * 2, r.speed().size());
            assertEquals(2, r.breakEvenSteps().length);
            for (String f : List.of("report.md", "results.json", "quality.png", "infill.png", "time.png", "warp.png")) {
                assertTrue(Files.size(out.resolve(f)) > 0, f);
            }
            // JSON has no NaN: the reference row has no temperature, and that is null, not the string "NaN"
            String json = Files.readString(out.resolve("results.json"), StandardCharsets.UTF_8);
            assertTrue(!json.contains("NaN"), json);
            assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("reference")
                    .path("temperature").isNull(), json);
            String report = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
            assertTrue(report.contains("| diffusion | 4 steps |") && report.contains("Break-even"), report);

            // a second run reads the stored samples back instead of sampling again
            List<String> lines = Files.readAllLines(out.resolve("samples/diffusion-2steps-n8-seed3.txt"));
            assertEquals(8, lines.size());
            List<String> messages = new java.util.ArrayList<>();
            new ArComparison(diffusion, ar, heldOut, SMOKE, out, messages::add).run();
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("reusing")), messages.toString());
        }
    }

    /**
     * A rerun into the same {@code --out} replaces {@code report.md} and {@code results.json} whole, as it does
     * the plots ({@code ComparisonChartsTest}): a reader of the old files, or a run killed while writing, never
     * finds half of one.
     */
    @Test
    void aRewrittenReportReplacesTheOldOneWhole(@TempDir Path out) throws Exception {
        ArComparison.Results first = ReportsTest.results(new int[] {8, 16}, new double[] {12, 30});
        ArComparison.Results second = ReportsTest.results(new int[] {4, 8, 16, 32}, new double[] {10, 20});
        ArComparison.writeReport(out, first, "compare-ar");
        for (String f : List.of("report.md", "results.json")) {
            byte[] before = Files.readAllBytes(out.resolve(f));
            try (java.io.InputStream reader = Files.newInputStream(out.resolve(f))) {
                ArComparison.writeReport(out, second, "compare-ar");
                // written in place, the file would have been truncated under the reader
                assertArrayEquals(before, reader.readAllBytes(), f);
            }
        }
        assertEquals(Reports.markdown(second, "compare-ar"), Files.readString(out.resolve("report.md")),
                "the second report is the one kept");
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("report.md", "results.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void refusesModelsWithDifferentVocabularies(@TempDir Path tmp) throws Exception {
        Path arDir = trainAr(tmp.resolve("ar"), null, 500);
        try (DiffusionLM diffusion = DiffusionLM.builder().optModel(TestModels.tinyModel()).build();
                AutoregressiveLM ar = AutoregressiveLM.load(arDir, null)) {
            ArComparison comparison = new ArComparison(diffusion, ar, List.of(), SMOKE, tmp.resolve("out"), line -> { });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, comparison::run);
            assertTrue(e.getMessage().contains("--vocab-from"), e.getMessage());
        }
    }
}
