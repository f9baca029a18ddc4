package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save that filled the disk ended "error: No space left on device", naming neither file nor step, and left its
 * staged files (model.params.next, vocab.txt.next, ...) and the temporary file it was writing on the full disk until
 * the next resume. They are deleted, and the error names the file, the directory, the step, the whole checkpoint
 * before it and the remedy.
 */
class CheckpointNotSavedTest {
    private static final CheckpointFiles.Writer DISK_FULL = tmp -> {
        Files.writeString(tmp, "the first bytes of the file"); // what a writer left when the disk filled
        throw new IOException("No space left on device");
    };

    @Test
    void aSaveThatFillsTheDiskLeavesThePreviousCheckpointAloneAndNothingElse(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"format\":\"x\",\"training\":{\"step\":10}}");
        Files.writeString(dir.resolve("model.params"), "step 10's weights");
        CheckpointCommit commit = new CheckpointCommit(dir, 20);
        commit.write("vocab.txt", tmp -> Files.writeString(tmp, "a\nb\n"));
        commit.write("model.params", tmp -> Files.writeString(tmp, "step 20's weights"));
        CheckpointNotSaved e = assertThrows(CheckpointNotSaved.class, () -> commit.write("warp.tsv", DISK_FULL));

        assertEquals(List.of("config.json", "model.params"), names(dir), "the staged and temporary files are deleted");
        assertEquals("step 10's weights", Files.readString(dir.resolve("model.params")));
        String said = "cannot save the checkpoint of step 20 in " + dir.toAbsolutePath() + ": writing warp.tsv.next"
                + " failed (No space left on device). The files of this save written so far are deleted; the"
                + " checkpoint before it (step 10) is whole";
        assertEquals(said, e.getMessage());
        assertEquals(said + ": free space on its disk (or mend what the error names) and run again with --resume to go"
                + " on from step 10", e.withRemedy("--resume").getMessage());
    }

    @Test
    void aFirstSaveThatFillsTheDiskSaysThereWasNoCheckpoint(@TempDir Path dir) throws IOException {
        CheckpointCommit commit = new CheckpointCommit(dir, 10);
        commit.write("vocab.txt", tmp -> Files.writeString(tmp, "a\nb\n"));
        CheckpointNotSaved e = assertThrows(CheckpointNotSaved.class, () -> commit.write("model.params", DISK_FULL));
        assertEquals(List.of(), names(dir));
        assertEquals("cannot save the checkpoint of step 10 in " + dir.toAbsolutePath() + ": writing model.params.next"
                + " failed (No space left on device). The files of this save written so far are deleted; the directory"
                + " held no checkpoint before it: free space on its disk (or mend what the error names) and train"
                + " again", e.withRemedy("--resume").getMessage());
    }

    /** The config, the commit point, failing as it is written: the set is dropped, as it is not committed. */
    @Test
    void aConfigThatCannotBeWrittenDropsTheSet(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"format\":\"x\",\"training\":{\"step\":10}}");
        CheckpointCommit commit = new CheckpointCommit(dir, 20);
        commit.write("model.params", tmp -> Files.writeString(tmp, "step 20's weights"));
        CheckpointNotSaved e = assertThrows(CheckpointNotSaved.class, () -> commit.commit(new FailingHeader()));
        assertEquals(List.of("config.json"), names(dir));
        assertEquals(dir.resolve("config.json.next"), e.file());
    }

    /** A header whose writing fails part-way, as a config does on a full disk. */
    static final class FailingHeader {
        public String getFormat() throws IOException {
            throw new IOException("No space left on device");
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
