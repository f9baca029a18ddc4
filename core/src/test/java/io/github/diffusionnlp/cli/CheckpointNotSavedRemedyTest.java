package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.MoreFiles;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The remedy each trainer adds to a checkpoint it could not save, end to end: {@code CheckpointNotSavedTest} checks the
 * message it is added to, not that {@code train} and {@code train-ar} add it under their own option's name. The save
 * is made to fail as a full disk makes it, before its commit point, by something no run leaves and a resume does not
 * clear: a directory (not empty) where the weights' staged file is to be put.
 */
@Isolated
class CheckpointNotSavedRemedyTest {
    @ParameterizedTest
    @ValueSource(strings = {"train", "train-ar"})
    void aCheckpointThatCannotBeSavedSaysToMendItAndResumeFromTheOneBefore(String command, @TempDir Path tmp)
            throws IOException {
        Path out = tmp.resolve("m");
        List<String> tiny = List.of(command, "--corpus", TestModels.devCorpus().toString(), "--out", out.toString(),
                "--size", "tiny", "--vocab", "500", "--length", "16", "--batch", "4", "--checkpoint-every", "1");
        Run first = MainTest.run("", args(tiny, "--steps", "1"));
        assertEquals(0, first.code(), first.err());

        Path staged = out.resolve("model.params.next");
        Files.writeString(Files.createDirectories(staged).resolve("in the way"), "");
        Run failed = MainTest.run("", args(tiny, "--steps", "2", "--resume"));
        assertEquals(1, failed.code(), failed.out() + failed.err());
        assertTrue(failed.err().contains("cannot save the checkpoint of step 2")
                && failed.err().contains("the checkpoint before it (step 1) is whole: free space on its disk (or mend"
                        + " what the error names) and run again with --resume to go on from step 1"), failed.err());

        MoreFiles.deleteRecursively(staged);
        Run resumed = MainTest.run("", args(tiny, "--steps", "2", "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming " + out + " at step 1"), resumed.out());
    }

    private static String[] args(List<String> common, String... more) {
        return Stream.concat(common.stream(), Arrays.stream(more)).toArray(String[]::new);
    }
}
