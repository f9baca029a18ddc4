package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate's options that cannot be measured are refused before the model samples a sentence (a real
 * run samples for minutes), each in one error line naming the option and what it takes.
 */
class EvaluateOptionsTest {
    private static final String DEV = TestModels.devCorpus().toString();

    private static Run evaluate(String... options) {
        return evaluateModel(TestModels.tinyModel(), options);
    }

    private static Run evaluateModel(Path model, String... options) {
        String[] args = new String[options.length + 7];
        System.arraycopy(new String[] {"evaluate", "--model", model.toString(), "--heldout", DEV, "--train", "none"},
                0, args, 0, 7);
        System.arraycopy(options, 0, args, 7, options.length);
        return MainTest.run("", args);
    }

    private static void assertRefusedBeforeSampling(Run r, String... phrases) {
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error: ")).count(), r.err());
        for (String phrase : phrases) {
            assertTrue(r.err().contains(phrase), "'" + phrase + "' in " + r.err());
        }
        assertFalse(r.err().contains(" steps (part "), "nothing sampled before the error: " + r.err());
        assertFalse(r.out().contains("| task"), "no table: " + r.out());
    }

    /**
     * Without --heldout, a model trained on one's own corpus was scored on Brown's held-out split, and nothing
     * said so: the table came without the file it measured. The run names the sentences it reads, and says
     * when they are the default's.
     */
    @Test
    void theHeldOutSentencesAreNamedAndTheDefaultSaysItIsBrowns() {
        Run given = evaluate("--sentences", "1", "--step-counts", "1");
        assertEquals(0, given.code(), given.err());
        assertTrue(given.err().contains("held-out sentences: " + Path.of(DEV).toAbsolutePath().normalize()
                + System.lineSeparator()), given.err());

        // found from the model directory's parents, as from the working directory at the repository's root
        Run unsaid = MainTest.run("", "evaluate", "--model", TestModels.shippedModel().toString(), "--train", "none",
                "--sentences", "1", "--step-counts", "1");
        assertEquals(0, unsaid.code(), unsaid.err());
        assertTrue(unsaid.err().contains("held-out sentences: " + TestModels.root().resolve(
                "test-data/brown/heldout.conllu.gz").toAbsolutePath().normalize() + " (--heldout's default: the Brown corpus's held-out split; give"
                + " --heldout FILE for sentences of your own)"), unsaid.err());
    }

    /** 0 sentences made a table of NaN% (and --record would store NaN); a negative count failed in subList. */
    @Test
    void sentencesMustBePositive() {
        assertRefusedBeforeSampling(evaluate("--sentences", "0", "--step-counts", "1"),
                "--sentences must be at least 1, got 0");
        assertRefusedBeforeSampling(evaluate("--sentences", "-3", "--step-counts", "1"),
                "--sentences must be at least 1, got -3");
    }

    /** A bad step count failed after the good ones before it had sampled, in the API's words; none made an empty table. */
    @Test
    void stepCountsAreCheckedBeforeAnyIsSampled() {
        assertRefusedBeforeSampling(evaluate("--sentences", "2", "--step-counts", "1,0"),
                "--step-counts: steps must be a whole number from 1 to 10000, got 0");
        assertRefusedBeforeSampling(evaluate("--sentences", "2", "--step-counts", ","),
                "--step-counts: give at least one step count");
    }

    /** A table file in a directory that does not exist failed after all the sampling. */
    @Test
    void theTableFileIsCheckedBeforeSampling(@TempDir Path tmp) {
        Path table = tmp.resolve("missing").resolve("table.md");
        assertRefusedBeforeSampling(evaluate("--sentences", "2", "--step-counts", "1", "--out", table.toString()),
                "--out " + table + ": the directory " + table.getParent() + " does not exist");
    }

    /**
     * --record into a model a run is training (or any command writing there) was refused only when the
     * figures were to be stored, after all the sampling; it is refused when the model is loaded.
     */
    @Test
    void recordIntoALockedModelIsRefusedBeforeSampling(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("model");
        Files.createDirectories(model);
        try (var files = Files.list(TestModels.tinyModel())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        try (ModelDirectory.Lock lock = ModelDirectory.lock(model, "train --out (a test)", null)) {
            assertRefusedBeforeSampling(evaluateModel(model, "--sentences", "2", "--step-counts", "1", "--record"),
                    "--record", "train --out (a test)");
        }
    }

    /** A table file of an earlier run was replaced without a word; the run now says so when it starts. */
    @Test
    void anEarlierTableIsReplacedSayingSo(@TempDir Path tmp) throws Exception {
        Path table = tmp.resolve("table.md");
        Files.writeString(table, "an earlier run's table");
        Run r = evaluate("--sentences", "2", "--step-counts", "1", "--out", table.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("--out " + table + " holds an earlier table; this run replaces it"), r.err());
        assertTrue(Files.readString(table).startsWith("| task |"), Files.readString(table));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(table), files.toList(), "no temporary file left beside it");
        }
    }

    /**
     * --record names its metrics after a --heldout that is not the default split, so as not to write over the
     * default figures: a file of one's own that happened to be called heldout.conllu.gz was taken for Brown's split.
     */
    @Test
    void recordedMetricsNameAHeldOutFileOfOnesOwn() {
        assertEquals("", EvaluateCommand.heldoutSuffix(Path.of(EvaluateCommand.DEFAULT_HELDOUT)));
        assertEquals("", EvaluateCommand.heldoutSuffix(Path.of("./test-data/brown/heldout.conllu.gz")));
        assertEquals("_dev", EvaluateCommand.heldoutSuffix(Path.of("test-data/brown/dev.conllu.gz")));
        assertEquals("_heldout", EvaluateCommand.heldoutSuffix(Path.of("/data/mine/heldout.conllu.gz")));
    }
}
