package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestCorpora;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code constraints} cannot measure is refused before it samples (a real run samples for an hour),
 * naming the option; an earlier run's results are not replaced unasked.
 */
class ConstraintsOptionsTest {
    @TempDir
    static Path shared;
    private static Path untagged;

    /** A tiny model trained for 3 steps on plain text: its tag lexicon holds only X. */
    @BeforeAll
    static void trainUntaggedModel() throws Exception {
        Path corpus = shared.resolve("plain.txt");
        Files.writeString(corpus, "The cat sat on the mat .\nA dog ran home .\n".repeat(20));
        untagged = shared.resolve("untagged");
        new DiffusionTrainer(TrainOptions.builder(corpus, untagged).size("tiny").steps(3).maxLength(16).batchSize(8)
                .build(), new PrintStream(PrintStream.nullOutputStream())).run();
    }

    private record Run(int code, String err) {}

    private static Run constraints(Path out, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "constraints";
        args[1] = "--out";
        args[2] = out.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        PrintStream err = System.err;
        PrintStream stdout = System.out;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(PrintStream.nullOutputStream()));
            return new Run(EvaluationMain.run(args), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            System.setOut(stdout);
        }
    }

    private static void assertRefusedBeforeSampling(Run r, String... phrases) {
        assertEquals(1, r.code(), r.err());
        for (String phrase : phrases) {
            assertTrue(r.err().contains(phrase), "'" + phrase + "' in " + r.err());
        }
        // each phase announces itself with "WHAT ..." (the judges' loading is not one)
        assertFalse(r.err().lines().anyMatch(l -> l.endsWith(" ...") && !l.startsWith("loading the judges")),
                "nothing sampled before the error: " + r.err());
    }

    /** The POS rows' baseline was sampled before the untagged model refused the first template. */
    @Test
    void anUntaggedModelIsRefusedPosRowsBeforeSampling(@TempDir Path out) {
        assertRefusedBeforeSampling(constraints(out, "--model", untagged.toString(), "--n", "2", "--steps", "1",
                "--max-length", "16"), "--tasks pos:", "trained without UPOS tags", "--tasks sentiment,length");
    }

    /** A run refused once its model had loaded left the --out directory it had made before, empty. */
    @Test
    void aRunRefusedAfterLoadingLeavesNoOutputDirectory(@TempDir Path dir) {
        Path out = dir.resolve("results").resolve("first");
        assertRefusedBeforeSampling(constraints(out, "--model", untagged.toString(), "--n", "2", "--steps", "1",
                "--max-length", "16"), "--tasks pos:", "trained without UPOS tags");
        assertFalse(Files.exists(dir.resolve("results")), "left behind: " + dir.resolve("results"));
    }

    /** Rewrites are measured toward positive and negative only: --labels neutral made an empty table. */
    @Test
    void rewritesWithoutAPolarLabelAreRefused(@TempDir Path out) {
        assertRefusedBeforeSampling(constraints(out, "--model", untagged.toString(), "--n", "2", "--steps", "1",
                "--max-length", "16", "--tasks", "rewrite", "--labels", "neutral"),
                "--tasks rewrite", "--labels", "positive or negative");
    }

    /** Sampling options were checked by the API at the first sentence, in its words, after the judges loaded. */
    @Test
    void samplingOptionsNameTheirOption(@TempDir Path out) {
        assertRefusedBeforeSampling(constraints(out, "--quick", "--steps", "0"),
                "--steps: steps must be a whole number from 1 to 10000, got 0");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--guidance", "1,-1"),
                "--guidance -1 is out of range; allowed: a number from 0 to 100 (0 ignores the constraints, 1 conditions"
                        + " plainly, above 1 pushes harder)");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--candidates", "1,65"),
                "--candidates 65 is out of range; allowed: a whole number from 1 to 64");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--strength", "1.5"),
                "--strength 1.5 is out of range; allowed: a number in (0, 1] (more than 0, at most 1)");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--temperature", "2"),
                "--temperature: temperature must be a number in [0, 1], got 2");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--keep", "NOUNS"), "--keep: unknown UPOS tag 'NOUNS'");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--tasks", "pos,length", "--unguided-length"),
                "--unguided-length", "--tasks [pos, length] has no free-length generation");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--tasks", "generate", "--heldout-lengths",
                "--unguided-length"), "--heldout-lengths fixes the generation rows' lengths");
        assertRefusedBeforeSampling(constraints(out, "--model", untagged.toString(), "--quick"),
                "--max-length 40 is longer than the model's 16 positions; give --max-length 16 or less");
    }

    /**
     * A held-out file that cannot serve (no sentence in the length range; plain text for the POS rows) was read only
     * after the judges' half minute of loading: refused now once the model has loaded, the judges never loaded.
     */
    @Test
    void aHeldoutFileThatCannotServeIsRefusedBeforeTheJudgesLoad(@TempDir Path out) throws Exception {
        Path empty = Files.writeString(out.resolve("empty.conllu"), "# a comment, no sentence\n");
        Run none = constraints(out, "--quick", "--heldout", empty.toString());
        assertRefusedBeforeSampling(none, empty + " has no sentence of ");
        Path plain = Files.writeString(out.resolve("plain.txt"), "The cat sat on the mat all day long .\n".repeat(8));
        Run untaggedPos = constraints(out, "--quick", "--heldout", plain.toString(), "--layout", "plain", "--tasks",
                "pos");
        assertRefusedBeforeSampling(untaggedPos, "--tasks pos: " + plain + " has no UPOS tags (every word is X)");
        for (Run r : List.of(none, untaggedPos)) {
            assertFalse(r.err().contains("loading the judges"), r.err());
        }
    }

    /** --draw-length where nothing is drawn is refused in the command's words, before the model loads. */
    @Test
    void drawLengthWhereTheLengthIsNotFreeIsRefused(@TempDir Path out) {
        Run heldout = constraints(out, "--quick", "--tasks", "generate", "--heldout-lengths", "--draw-length");
        assertRefusedBeforeSampling(heldout, "--draw-length draws each generation row's lengths, and --heldout-lengths"
                + " fixes them; give one or the other");
        Run unguided = constraints(out, "--quick", "--tasks", "generate", "--unguided-length", "--draw-length");
        assertRefusedBeforeSampling(unguided, "--draw-length draws each sentence's length before sampling, and"
                + " --unguided-length asks for the model's own choice of length; give one or the other");
        Run noGeneration = constraints(out, "--quick", "--tasks", "pos,length", "--draw-length");
        assertRefusedBeforeSampling(noGeneration, "--draw-length draws the lengths of free-length generation, and"
                + " --tasks [pos, length] has none; add generate to --tasks, or leave --draw-length out");
        for (Run r : List.of(heldout, unguided, noGeneration)) {
            assertFalse(r.err().contains("loading the judges"), r.err());
        }
    }

    /** A model that records no training row lengths is refused --draw-length before the judges load. */
    @Test
    void drawLengthOnAModelWithoutRowLengthsSaysHowToRecordThem(@TempDir Path out) throws Exception {
        Path model = TestModels.copyOfTinyModelWithoutRowLengths(out);
        Run r = constraints(out, "--model", model.toString(), "--quick", "--max-length", "32", "--tasks", "generate",
                "--draw-length");
        assertRefusedBeforeSampling(r, "--draw-length draws each sentence's length from the lengths of the model's"
                + " training rows", "diffusion-nlp row-lengths", "or leave --draw-length out");
        assertFalse(r.err().contains("loading the judges"), r.err());
    }

    /**
     * --batch above the sampler's largest batch passed the command's own check (only below 1 was refused) and failed at
     * the first sentence sampled, in the API's words, after the judges loaded.
     */
    @Test
    void aBatchLargerThanTheSamplerTakesIsRefusedBeforeSampling(@TempDir Path out) {
        assertRefusedBeforeSampling(constraints(out, "--quick", "--batch", "4097"),
                "--batch: batch size must be a whole number from 1 to 4096, got 4097");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--batch", "0"),
                "--batch: batch size must be a whole number from 1 to 4096, got 0");
    }

    /** A finished run's files are not replaced by the next run of the same --name unless --overwrite says so. */
    @Test
    void anEarlierRunsResultsAreNotReplacedUnasked(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("mine.md"), "an hour's table");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--name", "mine"),
                out.resolve("mine.md") + " holds the results of an earlier run", "--overwrite", "another --name");
        assertEquals("an hour's table", Files.readString(out.resolve("mine.md")));
    }

    /**
     * An --out that cannot hold the files (a file there, or a --name that is a path into a directory that does not
     * exist) was found only when the files were written: after the whole run, whose samples were lost.
     */
    @Test
    void anOutputThatCannotHoldTheFilesIsRefusedBeforeSampling(@TempDir Path out) throws Exception {
        Path file = out.resolve("a-file");
        Files.writeString(file, "not a directory");
        assertRefusedBeforeSampling(constraints(file, "--quick", "--tasks", "length"),
                "--out " + file + " is a file, not a directory");
        assertEquals("not a directory", Files.readString(file));
        assertRefusedBeforeSampling(constraints(out, "--quick", "--tasks", "length", "--name", "runs/first"),
                "--name runs/first is not a file name", "--out");
    }

    /** A --model that is not one was refused only after the judges had loaded (CoreNLP's parser: seconds of log). */
    @Test
    void aModelDirectoryThatIsNotOneIsRefusedBeforeTheJudgesLoad(@TempDir Path out) {
        Path missing = out.resolve("no-model");
        Run r = constraints(out, "--quick", "--model", missing.toString());
        assertRefusedBeforeSampling(r, missing + " is not a model directory: it does not exist");
        assertFalse(r.err().contains("loading the judges"), r.err());
    }

    /** A --heldout file that is not there was found only once the model and the judges had loaded. */
    @Test
    void aMissingHeldOutFileIsRefusedBeforeTheModelAndJudgesLoad(@TempDir Path out) {
        Path missing = out.resolve("heldout.conllu");
        Run r = constraints(out, "--quick", "--heldout", missing.toString());
        assertRefusedBeforeSampling(r, missing + ": corpus file not found");
        assertFalse(r.err().contains("loading the judges"), r.err());
    }

    /**
     * "--tasks ," (or "--labels ,") is an empty list: the run loaded the model and the judges, sampled nothing and
     * wrote a table without rows, its header reading "null steps", with exit code 0. Both are refused first.
     */
    @Test
    void anEmptyTaskOrLabelListIsRefusedBeforeTheModelLoads(@TempDir Path out) {
        String missing = out.resolve("no-model").toString(); // the check comes first: no model is loaded to reach it
        assertRefusedBeforeSampling(constraints(out, "--model", missing, "--tasks", ","),
                "--tasks: give at least one task, e.g. pos,sentiment,length");
        assertRefusedBeforeSampling(constraints(out, "--model", missing, "--labels", ",", "--tasks", "generate"),
                "--labels: give at least one label, e.g. negative,neutral,positive");
        assertFalse(Files.exists(out.resolve("constraints.md")));
    }

    /** "bad length range 50..10" named neither option nor what would do. */
    @Test
    void aBadHeldOutLengthRangeNamesItsOptions(@TempDir Path out) {
        assertRefusedBeforeSampling(constraints(out, "--quick", "--min-length", "50", "--max-length", "10"),
                "--min-length 50 is above --max-length 10", "give --min-length at most --max-length");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--min-length", "0"),
                "--min-length must be >= 1, got 0");
    }

    /**
     * The held-out sentences are cut into four disjoint slices of N (README): from fewer than 4 N the slices wrapped
     * around and shared sentences, unsaid.
     */
    @Test
    void aHeldOutFileTooSmallForFourDisjointSlicesIsSaid(@TempDir Path out) throws Exception {
        Path small = out.resolve("small.txt");
        Files.writeString(small, "The cat sat on the mat .\nA dog ran home .\nThe dog sat .\nA cat ran on .\n"
                + "The mat sat home .\n");
        Run r = constraints(out, "--model", untagged.toString(), "--max-length", "16", "--n", "2", "--steps", "1",
                "--tasks", "length", "--heldout", small.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("note: " + small + " has 5 sentences of 4..16 tokens, fewer than the 8 (4 × N)"
                + " of four disjoint slices: the slices share sentences; lower --n"), r.err());
        assertFalse(constraints(out, "--model", untagged.toString(), "--max-length", "16", "--n", "1", "--steps", "1",
                "--tasks", "length", "--heldout", small.toString(), "--name", "n1").err().contains("note: "));
    }

    /**
     * measure-default.sh counts a part done when its .md exists: the table is written last, so a run that
     * fails writing the numbers leaves no .md behind (it wrote the .md first).
     */
    @Test
    void theTableIsWrittenLastSoAFailedWriteLeavesNoPartDone(@TempDir Path out) throws Exception {
        Files.createDirectory(out.resolve("part.json")); // the numbers cannot be written there
        Files.writeString(out.resolve("part.json").resolve("in the way"), "");
        ConstraintsEvaluation.Result result = new ConstraintsEvaluation.Result(
                new java.util.LinkedHashMap<>(java.util.Map.of("parameters", 1)), java.util.List.of(),
                java.util.List.of());
        try {
            Report.write(result, out, "part");
        } catch (java.io.IOException expected) {
            // the directory in the way
        }
        assertFalse(Files.exists(out.resolve("part.md")), "a table beside numbers that were never written");
    }

    /**
     * A held-out file of plain text has every word tagged X: the POS rows took all-X templates (which the
     * judge never outputs: a silent 0%) and --keep kept nothing. Both are refused before sampling.
     */
    @Test
    void anUntaggedHeldOutFileIsRefusedWhereItsTagsAreUsed(@TempDir Path out) throws Exception {
        Path plain = out.resolve("plain.txt");
        Files.writeString(plain, "The committee met in the city hall .\nA dog ran home late at night .\n".repeat(10));
        assertRefusedBeforeSampling(constraints(out, "--quick", "--n", "2", "--heldout", plain.toString()),
                "--tasks pos: " + plain + " has no UPOS tags (every word is X)", "--tasks sentiment,length");
        assertRefusedBeforeSampling(constraints(out, "--quick", "--n", "2", "--heldout", plain.toString(), "--tasks",
                "rewrite", "--keep", "NOUN"), "--keep: " + plain + " has no UPOS tags (every word is X)");
    }

    /** --heldout is read in the --layout said, as every corpus core's commands read; a line that does not fit is named. */
    @Test
    void theHeldOutFileIsReadInTheLayoutSaid(@TempDir Path out) throws Exception {
        Path plain = out.resolve("plain.txt");
        Files.writeString(plain, "The committee met in the city hall .\nA dog ran home late at night .\n".repeat(10));
        assertRefusedBeforeSampling(constraints(out, "--quick", "--n", "2", "--heldout", plain.toString(), "--layout",
                "words"), plain + ":1: the line does not fit --layout words");
    }

    /**
     * --heldout is split into the model's words: the default model records no reading, so its corpus was read as
     * parts, and "Vamos del mar ." is five words (de el), none of them four long. Read as surface (the default
     * for any file before), the sentences were four words, and sampled.
     */
    @Test
    void theHeldOutFileIsReadInTheModelsWords(@TempDir Path out) throws Exception {
        Path treebank = TestCorpora.spanishTreebank(out, 4);
        assertRefusedBeforeSampling(constraints(out, "--quick", "--n", "1", "--steps", "1", "--tasks", "length",
                "--min-length", "4", "--max-length", "4", "--heldout", treebank.toString()),
                treebank + " has no sentence of 4..4 tokens");
    }
}
