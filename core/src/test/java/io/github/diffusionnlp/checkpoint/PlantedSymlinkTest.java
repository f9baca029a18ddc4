package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security audit h130 (finding 5): a symbolic link planted at a name a write used predictably had the write go
 * through it. {@code tag-lexicon.tsv.tmp -> victim} got the lexicon written into the victim, and
 * {@code training.lock -> victim} emptied it. Temporary files now have random names, created exclusively, and the
 * lock file is opened without following a link, which is refused by name.
 */
class PlantedSymlinkTest {
    private static final String VICTIM = "a file of the user's, not to be written\n";

    @Test
    void anAtomicWriteDoesNotGoThroughALinkAtTheOldTemporaryName(@TempDir Path tmp) throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), VICTIM);
        Path file = tmp.resolve("tag-lexicon.tsv");
        Files.createSymbolicLink(tmp.resolve("tag-lexicon.tsv.tmp"), victim);
        CheckpointFiles.writeAtomically(file, t -> Files.writeString(t, "the lexicon\n"));
        assertEquals(VICTIM, Files.readString(victim));
        assertFalse(Files.isSymbolicLink(file));
        assertEquals("the lexicon\n", Files.readString(file));
        // the link is left alone (not ours to delete), and no temporary file of the write is left
        try (Stream<Path> entries = Files.list(tmp)) {
            assertEquals(List.of("tag-lexicon.tsv", "tag-lexicon.tsv.tmp", "victim.txt"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anAtomicWriteGivesTheFileThePermissionsOfAPlainWrite(@TempDir Path tmp) throws IOException {
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "x");
        Path atomic = tmp.resolve("atomic.txt");
        CheckpointFiles.writeAtomically(atomic, t -> Files.writeString(t, "x"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("config.json");
        assertThrows(IOException.class, () -> CheckpointFiles.writeAtomically(file, t -> {
            Files.writeString(t, "half");
            throw new IOException("No space left on device");
        }));
        try (Stream<Path> entries = Files.list(tmp)) {
            assertEquals(List.of(), entries.toList());
        }
    }

    @Test
    void theTemporaryFilesAStopLeftAreFoundByTheirFilesName(@TempDir Path tmp) throws IOException {
        Path params = tmp.resolve(ModelCheckpoint.PARAMS + CheckpointCommit.STAGED);
        Path cutOff = CheckpointFiles.createTemporarySibling(params);
        Path older = Files.writeString(tmp.resolve(params.getFileName() + ".tmp"), "an older build's");
        Files.writeString(tmp.resolve(ModelCheckpoint.PARAMS + ".1.tmp"), "another file's");
        Files.writeString(tmp.resolve(params.getFileName() + ".x.tmp"), "not one");
        assertTrue(cutOff.getFileName().toString().matches("model\\.params\\.next\\.[0-9]+\\.tmp"), cutOff.toString());
        assertEquals(List.of(cutOff, older).stream().sorted().toList(), CheckpointFiles.temporarySiblings(params));
        assertEquals(params.getFileName().toString(),
                CheckpointFiles.withoutTemporarySuffix(cutOff.getFileName().toString()));
    }

    @Test
    void theLockIsNotTakenThroughALink(@TempDir Path tmp) throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), VICTIM);
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Path lockFile = dir.resolve(ModelDirectory.TRAINING_LOCK);
        Files.createSymbolicLink(lockFile, victim);
        IOException e = assertThrows(IOException.class, () -> ModelDirectory.lock(dir, "tag-lexicon", null));
        assertTrue(e.getMessage().startsWith(lockFile + " is a symbolic link, not the lock file"), e.getMessage());
        assertEquals(VICTIM, Files.readString(victim, StandardCharsets.UTF_8));
        Files.delete(lockFile);
        try (ModelDirectory.Lock lock = ModelDirectory.lock(dir, "tag-lexicon", null)) {
            assertTrue(Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void aModelDirectoryWithATemporaryFileOfAStoppedWriteIsStillTrainingsOwn(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        Path left = CheckpointFiles.createTemporarySibling(dir.resolve(ModelCheckpoint.TAG_LEXICON));
        Path staged = CheckpointFiles.createTemporarySibling(dir.resolve(ModelCheckpoint.PARAMS + CheckpointCommit.STAGED));
        ModelDirectory.requireForNewModel(dir, "train --out");
        assertEquals(2, ModelDirectory.deleteTemporaryFiles(dir));
        assertFalse(Files.exists(left) || Files.exists(staged));
    }
}
