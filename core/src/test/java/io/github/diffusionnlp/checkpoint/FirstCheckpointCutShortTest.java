package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed while writing its first checkpoint was followed by "dropped the part of a checkpoint ...; the
 * checkpoint before it is whole" and then "holds no checkpoint to resume from yet": there was none before it, and
 * the first line now says so.
 */
class FirstCheckpointCutShortTest {
    @Test
    void aFirstCheckpointCutShortIsSaidToHaveNoneBeforeIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.txt.next"), "a\n");
        Files.writeString(dir.resolve("model.params.next"), "part");
        assertEquals("dropped the part of a checkpoint its run had written when it stopped (vocab.txt, model.params);"
                + " there was no checkpoint before it", CheckpointCommit.recover(dir, ModelCheckpoint.SET));
    }

    @Test
    void aLaterCheckpointCutShortKeepsTheOneBefore(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("model.params.next"), "part");
        assertEquals("dropped the part of a checkpoint its run had written when it stopped (model.params); the"
                + " checkpoint before it is whole", CheckpointCommit.recover(dir, ModelCheckpoint.SET));
    }
}
