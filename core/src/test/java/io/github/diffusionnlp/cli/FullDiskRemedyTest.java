package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The remedy each trainer adds to a checkpoint that did not fit on its disk, end to end: {@code CheckpointNotSavedTest}
 * checks the message it is added to, not that {@code train} and {@code train-ar} add it under their own option's name.
 * A real full disk without a tmpfs: once the first checkpoint is in place, the weights' temporary file is made a
 * symbolic link to Linux's {@code /dev/full}, on which every write fails with ENOSPC ("No space left on device"). It is
 * planted while the run goes on (a resume would delete it first, as it deletes every temporary file a stop left).
 */
@Isolated
class FullDiskRemedyTest {
    private static final Path FULL = Path.of("/dev/full");

    @ParameterizedTest
    @ValueSource(strings = {"train", "train-ar"})
    void aCheckpointThatDoesNotFitSaysToFreeSpaceAndResumeFromTheOneBefore(String command, @TempDir Path tmp)
            throws Exception {
        assumeTrue(Files.isWritable(FULL), "needs Linux's /dev/full");
        Path out = tmp.resolve("m");
        Path weights = out.resolve("model.params.next.tmp");
        List<String> tiny = List.of(command, "--corpus", TestModels.devCorpus().toString(), "--out", out.toString(),
                "--size", "tiny", "--vocab", "500", "--length", "16", "--batch", "4", "--checkpoint-every", "1");
        AtomicBoolean planted = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        Thread disk = new Thread(() -> {
            while (!ended.get() && !planted.get()) {
                try {
                    if (Files.exists(out.resolve("config.json"))) {
                        Files.createSymbolicLink(weights, FULL);
                        planted.set(true);
                    }
                } catch (IOException beingWritten) {
                    // the save of the moment has the file: the next one gets the link
                }
                Thread.onSpinWait();
            }
        });
        disk.start();
        Run full;
        try {
            full = MainTest.run("", args(tiny, "--steps", "200"));
        } finally {
            ended.set(true);
            disk.join();
        }
        assertTrue(planted.get(), "the run ended before its first checkpoint: " + full.out());
        assertEquals(1, full.code(), full.out() + full.err());
        Matcher previous = Pattern.compile("the checkpoint before it \\(step (\\d+)\\) is whole").matcher(full.err());
        assertTrue(full.err().contains("No space left on device") && previous.find(), full.err());
        assertTrue(full.err().contains("free space on its disk (or mend what the error names) and run again with"
                + " --resume to go on from step " + previous.group(1)), full.err());
        assertFalse(Files.exists(weights, LinkOption.NOFOLLOW_LINKS), "the save's files are deleted");

        Run resumed = MainTest.run("", args(tiny, "--steps", String.valueOf(Integer.parseInt(previous.group(1)) + 1),
                "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming " + out + " at step " + previous.group(1)), resumed.out());
    }

    private static String[] args(List<String> common, String... more) {
        return Stream.concat(common.stream(), Arrays.stream(more)).toArray(String[]::new);
    }
}
