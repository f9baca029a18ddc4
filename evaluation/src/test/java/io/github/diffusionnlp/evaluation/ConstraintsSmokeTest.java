package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole command end to end on the shipped model with the real judges, at a tiny N and 4 steps.
 * Checks shape and ranges only, never quality (the shipped model may be an early checkpoint).
 */
class ConstraintsSmokeTest {
    @Test
    void quickModeRunsEndToEnd(@TempDir Path out) throws Exception {
        int code = EvaluationMain.run("constraints", "--quick", "--n", "4", "--steps", "4", "--guidance", "1,3",
                "--candidates", "1,2", "--keep", "NOUN,PROPN", "--out", out.toString());
        assertEquals(0, code);
        String md = Files.readString(out.resolve("constraints-quick.md"));
        assertTrue(md.contains("| task | condition |"), md);
        assertTrue(md.contains("tag accuracy") && md.contains("judged positive") && md.contains("exact length"), md);
        JsonNode json = new ObjectMapper().readTree(out.resolve("constraints-quick.json").toFile());
        assertEquals(4, json.get("settings").get("n").asInt());
        assertEquals(4, json.get("settings").get("steps").asInt());
        // POS: 2 guidances; rewrite: 2 directions x 2 guidances x 2 candidate counts; generate: 3 labels x 2 x 2;
        // length: 1
        JsonNode rows = json.get("rows");
        assertEquals(2 + 8 + 12 + 1, rows.size(), rows.toPrettyString());
        assertTrue(md.contains("rewrite → negative, best of 2") && md.contains("generate neutral, best of 2"), md);
        for (JsonNode row : rows) {
            for (String f : new String[] {"value", "repetition", "heldoutRepetition"}) {
                double v = row.get(f).asDouble();
                assertTrue(v >= 0 && v <= 1, f + " = " + v + " in " + row);
            }
            assertTrue(row.get("entropy").asDouble() >= 0 && row.get("heldoutEntropy").asDouble() > 0, row.toString());
            assertEquals(4, row.get("n").asInt());
        }
        // rewrites keep the input's nouns verbatim: a large share of its content words survives
        for (JsonNode row : rows) {
            if (row.get("task").asText().equals("sentiment rewrite")) {
                assertTrue(row.get("contentKept").asDouble() >= 0.2, row.toString());
            }
        }
        assertTrue(md.contains("keeping NOUN, PROPN words verbatim"), md);
        // held-out reference of the POS rows: OpenNLP agrees with the Brown-derived tags on real text
        assertTrue(rows.get(0).get("reference").asDouble() > 0.6, rows.get(0).toString());
        long sampleLines = Files.readAllLines(out.resolve("constraints-quick-samples.tsv")).size();
        assertTrue(sampleLines > 23 * 4, "samples: " + sampleLines);
    }

    @Test
    void labelsChooseTheSentimentRows(@TempDir Path out) throws Exception {
        int code = EvaluationMain.run("constraints", "--quick", "--n", "2", "--steps", "2", "--guidance", "3",
                "--tasks", "rewrite,generate", "--labels", "negative,neutral", "--out", out.toString());
        assertEquals(0, code);
        JsonNode rows = new ObjectMapper().readTree(out.resolve("constraints-quick.json").toFile()).get("rows");
        // neutral is not a rewrite direction: one rewrite row (negative) and two generation rows
        assertEquals(3, rows.size(), rows.toPrettyString());
        for (JsonNode row : rows) {
            assertTrue(!row.get("condition").asText().contains("positive"), row.toString());
        }
        assertEquals(1, EvaluationMain.run("constraints", "--quick", "--labels", "happy", "--out", out.toString()));
    }

    /**
     * --unguided-length reaches the sampler (other outputs than the guided length's) and the report says so. Unguided,
     * the model chooses each length, so it is set beside guided rows at the model's lengths (--no-draw-length): at the
     * default drawn lengths the baselines differed too (since lengths are drawn by default).
     */
    @Test
    void unguidedLengthRowsSayWhatTheyAre(@TempDir Path out) throws Exception {
        String[] args = {"constraints", "--quick", "--n", "4", "--steps", "4", "--guidance", "3", "--tasks", "generate",
            "--labels", "positive", "--no-draw-length", "--out", out.toString(), "--name", "guided"};
        assertEquals(0, EvaluationMain.run(args));
        String[] unguided = java.util.Arrays.copyOf(args, args.length);
        unguided[args.length - 3] = out.resolve("unguided").toString(); // --out
        unguided[args.length - 5] = "--unguided-length"; // in place of --no-draw-length: its lengths are the model's
        Files.createDirectories(out.resolve("unguided"));
        assertEquals(0, EvaluationMain.run(unguided));
        JsonNode json = new ObjectMapper().readTree(out.resolve("unguided").resolve("guided.json").toFile());
        assertFalse(json.get("settings").get("guideLength").asBoolean(), json.get("settings").toString());
        assertEquals("the model's", json.get("settings").get("generationLengths").asText());
        assertTrue(new ObjectMapper().readTree(out.resolve("guided.json").toFile()).get("settings").get("guideLength")
                .asBoolean());
        String md = Files.readString(out.resolve("unguided").resolve("guided.md"));
        assertTrue(md.contains("guidance leaves the length alone"), md);
        assertFalse(Files.readString(out.resolve("guided.md")).contains("guidance leaves the length alone"));
        // the baseline rows are unguided either way, at the model's lengths; the positive rows differ
        assertNotEquals(outputs(out.resolve("guided-samples.tsv"), "generate positive"),
                outputs(out.resolve("unguided").resolve("guided-samples.tsv"), "generate positive"));
        assertEquals(outputs(out.resolve("guided-samples.tsv"), "no label (baseline)"),
                outputs(out.resolve("unguided").resolve("guided-samples.tsv"), "no label (baseline)"));
    }

    /** The outputs of the rows whose condition starts with {@code condition}, in order. */
    private static java.util.List<String> outputs(Path samples, String condition) throws java.io.IOException {
        java.util.List<String> lines = Files.readAllLines(samples);
        return lines.subList(1, lines.size()).stream().map(l -> l.split("\t", -1))
                .filter(f -> f[1].startsWith(condition)).map(f -> f[5]).toList();
    }

    @Test
    void lexicalRowsAtHeldOutLengthsSayWhatTheyAre(@TempDir Path out) throws Exception {
        int code = EvaluationMain.run("constraints", "--quick", "--n", "3", "--steps", "2", "--guidance", "3",
                "--tasks", "generate", "--labels", "neutral", "--lexical", "--heldout-lengths", "--out",
                out.toString());
        assertEquals(0, code);
        JsonNode json = new ObjectMapper().readTree(out.resolve("constraints-quick.json").toFile());
        JsonNode row = json.get("rows").get(0);
        assertEquals("generate neutral, lexical (held-out lengths)", row.get("condition").asText(), row.toString());
        assertEquals("held-out", json.get("settings").get("generationLengths").asText());
        String md = Files.readString(out.resolve("constraints-quick.md"));
        assertTrue(md.contains("lexical constraints on the rows marked so") && md.contains("held-out reference"), md);
        // every output has its reference sentence's length: the samples file gives input "" for generation,
        // so compare with the baseline, which used the same lengths
        java.util.List<String> lines = Files.readAllLines(out.resolve("constraints-quick-samples.tsv"));
        java.util.Map<String, java.util.List<Integer>> lengths = new java.util.HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            lengths.computeIfAbsent(f[1], k -> new java.util.ArrayList<>()).add(f[5].isEmpty() ? 0 : f[5].split(" ").length);
        }
        assertEquals(lengths.get("no label (baseline)"), lengths.get("generate neutral, lexical"), lengths.toString());
    }

    /**
     * The labeller rows judge held-out text only: each label's row holds the reference sentences AFINN-165 gives it
     * (every sentence in exactly one row), and its held-out figure is the generation rows' own, the same sentences.
     */
    @Test
    void labellerRowsSplitTheGenerationReferenceByLabel(@TempDir Path out) throws Exception {
        int code = EvaluationMain.run("constraints", "--quick", "--n", "8", "--steps", "2", "--guidance", "3",
                "--tasks", "generate,labeller", "--out", out.toString());
        assertEquals(0, code);
        JsonNode rows = new ObjectMapper().readTree(out.resolve("constraints-quick.json").toFile()).get("rows");
        int labelled = 0;
        int labellerRows = 0;
        for (JsonNode row : rows) {
            if (!row.get("task").asText().equals("labeller against judge")) {
                continue;
            }
            labellerRows++;
            labelled += row.get("n").asInt();
            String label = row.get("measure").asText().substring("judged ".length());
            assertTrue(row.get("condition").asText().contains("labelled " + label), row.toString());
            assertTrue(row.get("baseline").isNull(), row.toString());
            for (JsonNode generated : rows) {
                if (generated.get("condition").asText().startsWith("generate " + label)) {
                    assertEquals(generated.get("reference").asDouble(), row.get("reference").asDouble(), 1e-12,
                            "the same reference sentences: " + row + " / " + generated);
                }
            }
        }
        assertTrue(labellerRows >= 1, rows.toPrettyString());
        assertEquals(8, labelled, "every reference sentence in one labeller row: " + rows.toPrettyString());
        assertTrue(Files.readString(out.resolve("constraints-quick-samples.tsv")).contains("labeller\t"));
        // alone, the task samples nothing, and its report names no sampling settings
        assertEquals(0, EvaluationMain.run("constraints", "--quick", "--n", "8", "--tasks", "labeller", "--out",
                out.toString(), "--name", "labeller-only"));
        String md = Files.readString(out.resolve("labeller-only.md"));
        assertTrue(md.contains("nothing sampled") && !md.contains("- sampling:") && !md.contains("guidance weights"),
                md);
        assertTrue(md.contains("| labeller against judge | held-out text labelled "), md);
        // nor does its .json: the seed stays (it shuffled the held-out sentences), nothing that only sampling uses
        JsonNode settings = new ObjectMapper().readTree(out.resolve("labeller-only.json").toFile()).get("settings");
        for (String unused : new String[] {"steps", "temperature", "x0Temperature", "ngramWeight", "guideLength",
            "guidances", "candidates", "rewriteStrength", "rewriteKeeps", "batch", "sentenceSeeds", "lexical",
            "generationLengths", "posJudge"}) {
            assertFalse(settings.has(unused), unused + " in " + settings);
        }
        assertEquals(8, settings.get("n").asInt());
        assertTrue(settings.has("seed") && settings.has("sentimentJudge"), settings.toString());
    }
}
