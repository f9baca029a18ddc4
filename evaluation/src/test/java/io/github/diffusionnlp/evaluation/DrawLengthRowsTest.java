package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.model.Sentiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code constraints --[no-]draw-length} reaches the free-length generation rows (sentence i's length is the one its
 * seed draws, as core's generate draws it; unset, the library's default), and the report says which lengths they had,
 * so a result file measured at the model's own lengths is told from one at drawn lengths.
 */
class DrawLengthRowsTest {
    private static final int N = 6;
    private static final long SEED = 11;

    /** Runs the generation rows (no label and neutral) on the tiny model; returns the run's settings and rows. */
    private static JsonNode run(Path out, String name, String... lengthOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("constraints", "--model", TestModels.tinyModel().toString(),
                "--max-length", "32", "--n", String.valueOf(N), "--steps", "2", "--seed", String.valueOf(SEED),
                "--guidance", "3", "--tasks", "generate", "--labels", "neutral", "--out", out.toString(), "--name",
                name));
        args.addAll(List.of(lengthOptions));
        assertEquals(0, EvaluationMain.run(args.toArray(String[]::new)));
        return new ObjectMapper().readTree(out.resolve(name + ".json").toFile());
    }

    /** The word counts of the outputs of the rows whose condition starts with {@code condition}, in order. */
    private static List<Integer> lengths(Path out, String name, String condition) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve(name + "-samples.tsv"));
        return lines.subList(1, lines.size()).stream().map(l -> l.split("\t", -1))
                .filter(f -> f[1].startsWith(condition)).map(f -> f[5].isEmpty() ? 0 : f[5].split(" ").length)
                .toList();
    }

    /** The share of the rows whose condition is {@code condition} that the judge read as neutral (class 2). */
    private static double judgedNeutral(Path out, String name, String condition) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve(name + "-samples.tsv"));
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split("\t", -1))
                .filter(f -> f[1].equals(condition)).toList();
        return rows.stream().filter(f -> f[6].equals("2")).count() / (double) rows.size();
    }

    @Test
    void generationRowsDrawTheirLengthsByDefaultAndSaySo(@TempDir Path out) throws Exception {
        List<Integer> drawn = new ArrayList<>();
        List<Integer> drawnNeutral = new ArrayList<>();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            LengthPrior prior = LengthPrior.of(lm.info().training().rowLengths());
            LengthPrior neutral = LengthPrior.of(lm.info().training().rowLengthsByLabel().get(Sentiment.NEUTRAL));
            for (int i = 0; i < N; i++) {
                drawn.add(prior.draw(ConstraintsEvaluation.sentenceSeed(SEED, i)));
                drawnNeutral.add(neutral.draw(ConstraintsEvaluation.sentenceSeed(SEED, i)));
            }
        }
        JsonNode byDefault = run(out, "default");
        assertEquals("drawn", byDefault.get("settings").get("generationLengths").asText());
        assertTrue(byDefault.get("settings").get("lengthsByLabel").asBoolean());
        assertEquals(drawn, lengths(out, "default", "no label (baseline)"));
        assertEquals(drawnNeutral, lengths(out, "default", "generate neutral"), "from the neutral rows' lengths");
        // the neutral row's baseline is sampled at the neutral row's own lengths, without the label
        assertEquals(drawnNeutral, lengths(out, "default", "no label, neutral lengths (baseline)"));
        assertNotEquals(drawn, drawnNeutral, "the test needs the two draws to differ");
        JsonNode row = byDefault.get("rows").get(0);
        assertEquals(judgedNeutral(out, "default", "no label, neutral lengths (baseline)"),
                row.get("baseline").asDouble(), 1e-9, row.toString());
        assertEquals(drawnNeutral.stream().mapToInt(Integer::intValue).average().orElseThrow(),
                row.get("extra").get("baselineMeanLength").asDouble(), 1e-9, row.toString());
        assertEquals("generate neutral (drawn lengths)", byDefault.get("rows").get(0).get("condition").asText());
        assertTrue(Files.readString(out.resolve("default.md")).contains("generation rows at lengths drawn from the"
                + " model's training rows' lengths, a labelled row's from the lengths of the rows of its label"));

        run(out, "asked", "--draw-length");
        assertEquals(Files.readAllLines(out.resolve("default-samples.tsv")),
                Files.readAllLines(out.resolve("asked-samples.tsv")), "--draw-length is the default");

        JsonNode chosen = run(out, "chosen", "--no-draw-length");
        assertEquals("the model's", chosen.get("settings").get("generationLengths").asText());
        assertNotEquals(drawn, lengths(out, "chosen", "generate neutral"));
        assertEquals("generate neutral (the model's lengths)", chosen.get("rows").get(0).get("condition").asText());
        assertTrue(Files.readString(out.resolve("chosen.md")).contains("generation rows at the lengths the model"
                + " chooses"));
    }
}
