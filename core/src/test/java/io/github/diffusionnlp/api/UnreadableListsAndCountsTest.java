package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.diffusionnlp.TestModels;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are no list or too much to hold (audit h130, findings 4 and 8): a banned-words "file" that is a FIFO
 * blocked the read for ever and {@code /dev/zero} read until memory ran out (in the CoreNLP server, with the lock
 * every pipeline is built under held); {@code generate(Integer.MAX_VALUE, ...)} built every row before sampling and
 * ran out of memory after 17 s. Each is now refused at once, saying why.
 */
class UnreadableListsAndCountsTest {
    @TempDir
    Path dir;

    @Test
    void aBannedWordsFileThatIsADeviceIsRefusedUnread() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "a system with /dev/zero");
        String message = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IllegalArgumentException.class, () -> BannedWords.read(zero))).getMessage();
        assertEquals("the banned-words file /dev/zero is not a regular file (a FIFO, a device or a socket, which could"
                + " block the read or never end); give a banned-words file (a banned-words file holds one word a line"
                + " in UTF-8, '#' starting a comment line, and an empty one bans none)", message);
    }

    @Test
    void aBannedWordsFileThatIsAFifoIsRefusedUnread() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "a system with mkfifo");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "a FIFO made");
        String message = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IllegalArgumentException.class, () -> BannedWords.read(fifo))).getMessage();
        assertTrue(message.startsWith("the banned-words file " + fifo + " is not a regular file"), message);
    }

    @Test
    void aBannedWordsFileOfMoreThan16MiBIsRefusedUnread() throws Exception {
        Path huge = dir.resolve("huge.txt");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength((1 << 24) + 2); // sparse: no disk used
        }
        String message = assertThrows(IllegalArgumentException.class, () -> BannedWords.read(huge)).getMessage();
        assertEquals("the banned-words file " + huge + " holds 16,777,218 bytes, more than the 16,777,216 bytes a"
                + " banned-words file may hold here; a list that long is no list of words (a banned-words file holds"
                + " one word a line in UTF-8, '#' starting a comment line, and an empty one bans none)", message);
    }

    @Test
    void aDirectoryIsNamedAsOne() {
        String message = assertThrows(IllegalArgumentException.class, () -> BannedWords.read(dir)).getMessage();
        assertTrue(message.startsWith("the banned-words file " + dir + " is a directory; give a banned-words file ("),
                message);
    }

    @Test
    void aCountWhoseRowsCannotBeHeldIsRefusedAtOnce() throws Exception {
        SamplingOptions options = SamplingOptions.builder().steps(1).seed(0).build();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            String message = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                    IllegalArgumentException.class, () -> lm.generate(Integer.MAX_VALUE, options))).getMessage();
            assertTrue(message.startsWith("count 2,147,483,647: its rows and sentences would take at least"), message);
            assertTrue(message.contains("MB this Java may use (-Xmx); generate them in calls of fewer"), message);
            assertEquals(3, lm.generate(3, options).size(), "a count that fits is generated");
        }
    }
}
