package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run its time budget stopped, resumed with {@code --steps} below the step it reached, has nothing to do: it said
 * so, and then also "stopped by the time budget at step N of M", as the record it returns is the old checkpoint's,
 * unfinished. This run was stopped by nothing; only the first line is true.
 */
class ResumeWithFewerStepsTest {
    @Test
    void nothingToDoIsNotSaidToBeStoppedByTheTimeBudget(@TempDir Path tmp) {
        String out = tmp.resolve("m").toString();
        String corpus = TestModels.devCorpus().toString();
        Run stopped = MainTest.run("", "train", "--corpus", corpus, "--out", out, "--size", "tiny", "--vocab", "2000",
                "--length", "32", "--batch", "8", "--steps", "1000000", "--time-budget", "1s");
        assertEquals(0, stopped.code(), stopped.err());
        assertTrue(stopped.out().contains("stopped by the time budget at step "), stopped.out());

        Run resumed = MainTest.run("", "train", "--corpus", corpus, "--out", out, "--resume", "--steps", "1");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("nothing to do: "), resumed.out());
        assertFalse(resumed.out().contains("stopped by the time budget"), resumed.out());
    }

    /**
     * A finished model resumed with no more steps than it has was read its corpus and dev split first, minutes for a
     * real corpus, before it said there was nothing to do; and one whose recorded corpus had moved away since was
     * refused for it. Both trainers now say so at once, from the checkpoint's record alone.
     */
    @Test
    void nothingToDoReadsNoCorpus(@TempDir Path tmp) throws Exception {
        Path corpus = java.nio.file.Files.copy(TestModels.devCorpus(), tmp.resolve("corpus.conllu.gz"));
        for (String command : new String[] {"train", "train-ar"}) {
            String out = tmp.resolve(command).toString();
            Run trained = MainTest.run("", command, "--corpus", corpus.toString(), "--out", out, "--size", "tiny",
                    "--vocab", "500", "--length", "16", "--batch", "4", "--steps", "2");
            assertEquals(0, trained.code(), trained.err());
        }
        java.nio.file.Files.delete(corpus);
        for (String command : new String[] {"train", "train-ar"}) {
            String out = tmp.resolve(command).toString();
            Run resumed = MainTest.run("", command, "--out", out, "--resume");
            assertEquals(0, resumed.code(), command + ": " + resumed.err());
            assertTrue(resumed.out().contains("nothing to do: " + out + " has already trained 2 of 2 steps"),
                    command + ": " + resumed.out());
        }
    }
}
