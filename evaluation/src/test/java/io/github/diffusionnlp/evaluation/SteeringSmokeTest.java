package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steering} end to end on the shipped model at a tiny size (3 sentences, 2 steps, a probe of 2 steps): the
 * table's rows, and weight 0 giving exactly the unguided sentences and figures (PlugAndPlay's promise, which the
 * README's table rests on). Never the steering's strength, which depends on the checkpoint and on N.
 */
class SteeringSmokeTest {
    private static final String[] FIGURES = {"pPositive", "pNegative", "afinnPositive", "afinnNegative"};

    /** The run of the first test, whose unguided and weight-0 rows the batching test reads as well. */
    @TempDir
    static Path readmeRun;

    @BeforeAll
    static void runAsTheReadme() {
        assertEquals(0, EvaluationMain.run("steering", "--n", "3", "--steps", "2", "--weights", "0,1",
                "--probe-weight", "0", "--probe-sentences", "64", "--probe-steps", "2", "--batch", "2",
                "--out", readmeRun.toString()));
    }

    @Test
    void rowsAsTheReadmeReportsThemAndWeightZeroIsUnguided() throws Exception {
        Path out = readmeRun;
        JsonNode rows = new ObjectMapper().readTree(out.resolve("steering-64.json").toFile()).get("rows");
        List<String> names = new ArrayList<>();
        for (JsonNode row : rows) {
            names.add(row.get("row").asText() + " " + row.get("toward").asText() + " " + row.get("weight").asText());
            assertEquals(3, row.get("n").asInt(), row.toString());
            assertTrue(row.get("pPositive").asDouble() + row.get("pNegative").asDouble() <= 1 + 1e-6, row.toString());
        }
        assertEquals(List.of("unguided null null", "sentiment condition (withSentiment, guidance 1) positive null",
                "LexiconSentimentScorer positive 0.0", "LexiconSentimentScorer negative 0.0",
                "LexiconSentimentScorer positive 1.0", "LexiconSentimentScorer negative 1.0",
                "NoisySentimentClassifier positive 0.0", "NoisySentimentClassifier negative 0.0"), names);
        for (int weightZero : new int[] {2, 3, 6, 7}) {
            for (String f : FIGURES) {
                assertEquals(rows.get(0).get(f).asDouble(), rows.get(weightZero).get(f).asDouble(), 0.0,
                        f + " of " + rows.get(weightZero) + " against the unguided " + rows.get(0));
            }
        }
        Map<String, List<String>> outputs = outputs(out.resolve("steering-64-samples.tsv"));
        List<String> unguided = outputs.get("unguided  ");
        assertEquals(3, unguided.size());
        for (String row : List.of("LexiconSentimentScorer positive 0", "LexiconSentimentScorer negative 0",
                "NoisySentimentClassifier positive 0", "NoisySentimentClassifier negative 0")) {
            assertEquals(unguided, outputs.get(row), row);
        }
        String md = Files.readString(out.resolve("steering-64.md"));
        assertTrue(md.contains("| row | toward | weight | N | p(positive) | p(negative) | AFINN positive | AFINN negative"),
                md);
        assertTrue(md.contains("NoisySentimentClassifier.train(lm, the first 64 sentences"), md);
    }

    /**
     * Sentence i has one seed however the row is cut into batches, so a row's sentences are its seed's alone: a run
     * cutting each row into batches of 1 samples the rows it shares with the README's run, which cuts them into 2 + 1
     * (the same N, steps and seed), word for word. (It ran a third, --batch 3, too: the README's run is that cut.)
     */
    @Test
    void batchingLeavesTheSentencesAlone(@TempDir Path out) throws Exception {
        assertEquals(0, EvaluationMain.run("steering", "--n", "3", "--steps", "2", "--weights", "0",
                "--no-probe", "--batch", "1", "--out", out.toString(), "--name", "b1"));
        Map<String, List<String>> cutInOnes = outputs(out.resolve("b1-samples.tsv"));
        assertEquals(List.of("unguided  ", "sentiment condition (withSentiment, guidance 1) positive ",
                "LexiconSentimentScorer positive 0", "LexiconSentimentScorer negative 0"),
                List.copyOf(cutInOnes.keySet()));
        Map<String, List<String>> cutInTwoAndOne = outputs(readmeRun.resolve("steering-64-samples.tsv"));
        for (Map.Entry<String, List<String>> row : cutInOnes.entrySet()) {
            assertEquals(3, row.getValue().size(), row.getKey());
            assertEquals(cutInTwoAndOne.get(row.getKey()), row.getValue(), row.getKey());
        }
    }

    /**
     * Without --name a run is named as the committed run of the defaults, steering-64, and refused beside it: its own
     * default, "steering", left files in evaluation/results that git did not know.
     */
    @Test
    void refusesABadWeightAndAnEarlierRunBeforeLoadingTheModel(@TempDir Path out) throws Exception {
        String err = refused("--weights", "1,-1", "--out", out.toString());
        assertTrue(err.contains("--weights: the steering weight (PlugAndPlay) must be a number >= 0 (0: no steering),"
                + " got -1"), err);
        Files.writeString(out.resolve("steering-64.md"), "an earlier run");
        err = refused("--no-probe", "--n", "1", "--steps", "1", "--weights", "0", "--out", out.toString());
        assertTrue(err.contains(out.resolve("steering-64.md") + " holds the results of an earlier run"), err);
        assertEquals("an earlier run", Files.readString(out.resolve("steering-64.md")));
        try (var files = Files.list(out)) {
            assertEquals(List.of(out.resolve("steering-64.md")), files.toList());
        }
    }

    /**
     * Run outside the repository (the default --probe-corpus is looked for above the working directory), a bad
     * --weights, --n or --steps was reported as "cannot find test-data/brown/train.conllu.gz": the search ran before
     * the settings were checked. The options are checked first; the corpus is then said missing for a good run.
     */
    @Test
    void outsideTheRepositoryABadSettingIsNamedBeforeTheMissingProbeCorpus(@TempDir Path elsewhere) throws Exception {
        for (List<String> bad : List.of(List.of("--weights", "-1"), List.of("--n", "0"), List.of("--steps", "0"))) {
            String said = inDirectory(elsewhere, bad);
            assertTrue(said.startsWith("error: " + bad.get(0) + " ") || said.startsWith("error: " + bad.get(0) + ":"),
                    said);
        }
        String said = inDirectory(elsewhere, List.of("--n", "1"));
        assertTrue(said.startsWith("error: cannot find test-data/brown/train.conllu.gz above "), said);
    }

    private static String inDirectory(Path dir, List<String> options) throws Exception {
        List<String> args = new ArrayList<>(List.of("steering"));
        args.addAll(options);
        ProcessBuilder builder = io.github.diffusionnlp.ChildJvm.command(List.of(), EvaluationMain.class,
                args.toArray(String[]::new));
        builder.directory(dir.toFile());
        io.github.diffusionnlp.ChildJvm.Run r = io.github.diffusionnlp.ChildJvm.run(builder, "",
                java.time.Duration.ofSeconds(60));
        assertEquals(1, r.code(), r.said());
        return r.said();
    }

    /**
     * Steering at one step is refused by the library (it acts between steps, and one step has none), and the run
     * ended at its first steered row, after the model loaded and the unguided rows were sampled. Refused with the
     * options now; weights of 0 alone steer nothing and pass.
     */
    @Test
    void oneStepWithAWeightAboveZeroIsRefusedWithTheOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SteeringEvaluation.Settings(2, 10, 1, 200, 1, List.of(0.0, 1.0), 8, null, null));
        assertEquals("--steps 1: steering acts between sampling steps, and 1 step has none; give --steps 2 or more"
                + " (or only weights 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SteeringEvaluation.Settings(2, 10, 1, 200, 1, List.of(0.0), 8,
                        new SteeringEvaluation.Probe(10, 5, 1, 3.0), null));
        assertTrue(e.getMessage().startsWith("--steps 1: "), e.getMessage());
        new SteeringEvaluation.Settings(2, 10, 1, 200, 1, List.of(0.0), 8, null, null);
        new SteeringEvaluation.Settings(2, 10, 2, 200, 1, List.of(1.0), 8, null, null);
    }

    /**
     * --overwrite without --name replaced the committed steering-64 files with whatever was run ({@code --n 2} wrote
     * {@code "n" : 2} there); it is refused, before the model loads, when the settings are not the defaults, and the
     * refusal names the options that differ. --overwrite with a --name of its own is not.
     */
    @Test
    void overwriteWithoutNameIsRefusedForOtherSettings(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("steering-64.md"), "the committed run");
        String err = refused("--no-probe", "--n", "2", "--weights", "0", "--overwrite", "--out", out.toString());
        assertTrue(err.contains("--overwrite without --name would replace steering-64, the committed run of the default"
                + " settings, with a run of other settings (--n, --weights, --probe); give --name NAME"), err);
        assertEquals("the committed run", Files.readString(out.resolve("steering-64.md")));
        // given its own name, the same run overwrites what it is told to
        Files.writeString(out.resolve("small.md"), "an earlier small run");
        assertEquals(0, EvaluationMain.run("steering", "--no-probe", "--n", "2", "--steps", "1", "--weights", "0",
                "--overwrite", "--out", out.toString(), "--name", "small"));
        assertTrue(Files.readString(out.resolve("small.md")).contains("| row |"));
    }

    /**
     * A --probe-corpus that is not there was found only once the model had loaded (here: a --model that is not one was
     * named instead, the corpus's error coming after it). It is checked with the options, before loading.
     */
    @Test
    void aMissingProbeCorpusIsRefusedBeforeTheModelLoads(@TempDir Path out) throws Exception {
        Path missing = out.resolve("probe.conllu");
        String err = refused("--model", out.resolve("no-model").toString(), "--probe-corpus", missing.toString(),
                "--n", "1", "--steps", "2", "--out", out.toString());
        assertTrue(err.contains(missing + ": corpus file not found"), err);
        err = refused("--model", out.resolve("no-model").toString(), "--probe-corpus", out.toString(),
                "--n", "1", "--steps", "2", "--out", out.toString());
        assertTrue(err.contains(out + " is a directory; give a corpus file"), err);
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
    }

    /**
     * A --probe-corpus that holds no sentence: with --probe-sentences 0 (all of them) every row was sampled first and
     * the probe's training then refused "sentences is empty", the rows' minutes lost; with a count, the refusal advised
     * "give 0 or fewer (0: all of them)", which fails the same way. Both are refused, before sampling, as empty.
     */
    @Test
    void aProbeCorpusWithoutSentencesIsRefusedBeforeSampling(@TempDir Path out) throws Exception {
        Path empty = Files.writeString(out.resolve("empty.conllu"), "# a comment, no sentence\n");
        for (String k : List.of("0", "5")) {
            String err = refused("--probe-corpus", empty.toString(), "--probe-sentences", k, "--probe-steps", "1",
                    "--n", "1", "--steps", "2", "--length", "2", "--name", "empty", "--out", out.toString());
            assertTrue(err.contains("error: --probe-corpus " + empty + " holds no sentence to train the probe on; give"
                    + " a corpus of sentences, or --no-probe"), err);
            assertFalse(err.contains("unguided ..."), "nothing sampled before the error: " + err);
        }
    }

    /** An --out that is a file was found when the files were written, after the whole run: its samples were lost. */
    @Test
    void refusesAnOutputThatCannotHoldTheFilesBeforeLoadingTheModel(@TempDir Path out) throws Exception {
        Path file = out.resolve("a-file");
        Files.writeString(file, "not a directory");
        String err = refused("--no-probe", "--n", "1", "--steps", "2", "--out", file.toString());
        assertTrue(err.contains("--out " + file + " is a file, not a directory"), err);
        assertEquals("not a directory", Files.readString(file));
        err = refused("--no-probe", "--n", "1", "--steps", "2", "--out", out.toString(), "--name", "runs/first");
        assertTrue(err.contains("--name runs/first is not a file name"), err);
        // a directory to be made under a file: said by the option (it was Java's bare "...: Not a directory")
        err = refused("--no-probe", "--n", "1", "--steps", "2", "--out", file.resolve("results").toString());
        assertTrue(err.contains("--out " + file.resolve("results") + " cannot be made: " + file
                + " is a file, not a directory"), err);
    }

    /** What {@code steering OPTIONS} writes on stderr, which must be a refusal (exit code 1). */
    static String refused(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "steering";
        System.arraycopy(options, 0, args, 1, options.length);
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(1, EvaluationMain.run(args));
        } finally {
            System.setErr(err);
        }
        return e.toString(StandardCharsets.UTF_8);
    }

    /** The samples file's outputs by "row toward weight", in index order. */
    private static Map<String, List<String>> outputs(Path tsv) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            out.computeIfAbsent(f[0] + " " + f[1] + " " + f[2], k -> new ArrayList<>()).add(f[4]);
        }
        return out;
    }
}
