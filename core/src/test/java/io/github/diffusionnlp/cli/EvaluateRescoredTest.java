package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate --ar-model: the diffusion model's likeliest words at a single-token mask, re-ranked by an AR model. */
class EvaluateRescoredTest {
    private static final Pattern ROW = Pattern.compile("^\\| (single token[^|]*) \\| (\\d+) \\| \\d+ \\| ([0-9.]+)%");

    /**
     * The four rows come after the usual ones, on the same sentences: diffusion's first suggestion fills as one step
     * of greedy infill does, and no choice among the candidates beats the right word's being among them.
     */
    @Test
    void theRescoredRowsAgreeWithOneStepOfInfillAndAreBoundedByTheCandidates() {
        Run r = MainTest.run("", "evaluate", "--model", TestModels.shippedModel().toString(), "--train", "none",
                "--sentences", "40", "--step-counts", "1", "--ar-model",
                TestModels.root().resolve("test-data/models/brown-ar").toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Double> rows = r.out().lines().map(ROW::matcher).filter(Matcher::find)
                .collect(Collectors.toMap(m -> m.group(1).strip(), m -> Double.parseDouble(m.group(3))));
        assertEquals(5, rows.size(), r.out());
        double greedy = rows.get("single token");
        double first = rows.get("single token, one pass: diffusion's first");
        double among = rows.get("single token, one pass: the right word among diffusion's 20");
        assertEquals(greedy, first, 1e-9, r.out());
        for (String choice : List.of("the autoregressive model's choice of diffusion's 20",
                "both models' choice of diffusion's 20")) {
            assertTrue(rows.get("single token, one pass: " + choice) <= among, r.out());
        }
        assertTrue(among > first, "the candidates hold more than the first: " + r.out());
        assertTrue(r.err().contains("brown-ar"), "the autoregressive model loaded is named: " + r.err());
    }

    /**
     * Under --ngram-weight the candidates are fused suggest's: the first fills as one step of fused greedy infill
     * does, and the rows say they read the trigram too.
     */
    @Test
    void underNgramFusionTheCandidatesAreTheFusedOnes() {
        Run r = MainTest.run("", "evaluate", "--model", TestModels.shippedModel().toString(), "--train", "none",
                "--sentences", "40", "--step-counts", "1", "--ngram-weight", "0.7", "--ar-model",
                TestModels.root().resolve("test-data/models/brown-ar").toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Double> rows = r.out().lines().map(ROW::matcher).filter(Matcher::find)
                .collect(Collectors.toMap(m -> m.group(1).strip(), m -> Double.parseDouble(m.group(3))));
        assertEquals(5, rows.size(), r.out());
        assertEquals(rows.get("single token"), rows.get("single token, one pass: diffusion's (n-gram fused) first"),
                1e-9, r.out());
        assertTrue(rows.containsKey("single token, one pass: both models' choice of diffusion's (n-gram fused) 20"),
                r.out());
    }

    @Test
    void aMissingAutoregressiveModelIsRefusedBeforeSampling() {
        Run r = MainTest.run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--train", "none",
                "--heldout", TestModels.devCorpus().toString(), "--sentences", "1", "--step-counts", "1",
                "--ar-model", "no-such-ar-model");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("no-such-ar-model"), r.err());
        assertTrue(!r.err().contains(" steps (part "), "nothing sampled before the error: " + r.err());
    }

    /**
     * An autoregressive model of other words would read every suggested word it lacks as [UNK] and score them alike:
     * refused before sampling, as compare-ar refuses it (the tiny model's vocabulary is not brown-ar's).
     */
    @Test
    void anAutoregressiveModelOfOtherWordsIsRefusedBeforeSampling() {
        Run r = MainTest.run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--train", "none",
                "--heldout", TestModels.devCorpus().toString(), "--sentences", "1", "--step-counts", "1",
                "--ar-model", TestModels.root().resolve("test-data/models/brown-ar").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("another vocabulary") && r.err().contains("train-ar --vocab-from"), r.err());
        assertTrue(!r.err().contains(" steps (part "), "nothing sampled before the error: " + r.err());
    }

    /**
     * One of the same words but shorter rows could not score the longer held-out sentences: refused before sampling,
     * where it used to fail on the first such sentence once the whole table was sampled.
     */
    @Test
    void anAutoregressiveModelShorterThanTheDiffusionModelIsRefusedBeforeSampling(@TempDir Path tmp) {
        Path ar = tmp.resolve("ar");
        Run trained = MainTest.run("", "train-ar", "--corpus", TestModels.devCorpus().toString(), "--out",
                ar.toString(), "--size", "tiny", "--vocab-from", TestModels.tinyModel().toString(), "--length", "16",
                "--steps", "1", "--batch", "8");
        assertEquals(0, trained.code(), trained.err());
        Run r = MainTest.run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--train", "none",
                "--heldout", TestModels.devCorpus().toString(), "--sentences", "20", "--step-counts", "1",
                "--ar-model", ar.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("at most 16 tokens") && r.err().contains("train-ar --length 32"), r.err());
        assertTrue(!r.err().contains(" steps (part "), "nothing sampled before the error: " + r.err());
    }
}
