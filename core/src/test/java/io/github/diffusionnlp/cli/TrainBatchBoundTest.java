package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.diffusionnlp.cli.MainTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code train --batch 100000000} (a typo's extra zeros) on a corpus of 90 sentences read the corpus, built the model
 * and then ran out of Java heap packing the first batch, with a stack trace of 30 lines (audit h244). The rows of one
 * step are bounded as a sampling batch is (1 to 4096), refused before anything is read or made.
 */
@Isolated
class TrainBatchBoundTest {
    @Test
    void aBatchAboveTheBoundIsRefusedBeforeAnythingIsMade(@TempDir Path tmp) throws Exception {
        Path corpus = Files.writeString(tmp.resolve("small.txt"), "the cat sat on the mat .\n".repeat(30));
        for (String command : new String[] {"train", "train-ar"}) {
            Path out = tmp.resolve(command);
            Run r = MainTest.run("", command, "--corpus", corpus.toString(), "--out", out.toString(), "--size", "tiny",
                    "--steps", "2", "--batch", "100000000");
            assertEquals(1, r.code(), r.err());
            assertEquals("error: rows per step (" + command + " --batch) must be at most 4096, got 100000000\n",
                    r.err());
            assertFalse(Files.exists(out), "nothing made");
        }
    }
}
