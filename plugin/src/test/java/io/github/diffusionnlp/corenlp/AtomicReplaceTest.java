package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's main writes each document's file through {@link AtomicReplace}: CoreNLP's loop opened the file and then
 * wrote it, so a write that failed part-way (a full disk) left half a file, over the earlier run's whole one.
 */
class AtomicReplaceTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsPartWayLeavesTheEarlierFileAndNoOther() throws IOException {
        Path out = Files.writeString(dir.resolve("d1.txt.out"), "the earlier run's whole output\n");
        IOException full = assertThrows(IOException.class, () -> AtomicReplace.write(out, stream -> {
            stream.write("half of the new ".getBytes(StandardCharsets.UTF_8));
            stream.flush();
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", full.getMessage());
        assertEquals("the earlier run's whole output\n", Files.readString(out));
        assertEquals(List.of(out), files(), "no temporary file left");

        Path fresh = dir.resolve("d2.txt.out");
        assertThrows(IOException.class, () -> AtomicReplace.write(fresh, stream -> {
            stream.write('x');
            throw new IOException("No space left on device");
        }));
        assertEquals(List.of(out), files(), "no half file where there was none");
    }

    @Test
    void aWholeWriteReplacesTheFileWithANewFilesPermissions() throws IOException {
        Path out = Files.writeString(dir.resolve("d1.txt.out"), "old\n");
        AtomicReplace.write(out, stream -> stream.write("new\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new\n", Files.readString(out));
        Path fresh = dir.resolve("d2.txt.out");
        AtomicReplace.write(fresh, stream -> stream.write("made\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("made\n", Files.readString(fresh));
        assertEquals(List.of(out, fresh), files());
        Path plain = Files.writeString(dir.resolve("plain"), "");
        // as a file written in place gets them (the umask's), not a temporary file's owner-only rw-------
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }
}
