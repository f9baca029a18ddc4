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
}
