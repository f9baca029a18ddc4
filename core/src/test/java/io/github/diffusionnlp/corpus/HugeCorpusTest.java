package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.diffusionnlp.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus is read whole ({@link TaggedCorpus#readAs}): a 474 MB file under -Xmx1g (the CoreNLP server's
 * {@code diffusion.ngramCorpus}) ran out of memory after 9 s (audit h130, finding 4). One whose text is over a quarter
 * of the heap is refused now, by its size when it is plain and once that much is read when it is gzip; a device is
 * refused as no regular file. Since its lines are decoded one at a time and its words shared (audit h151), a quarter
 * is what plain text, the densest in words, needs: Brown 30 times over, 153 MB, trains under -Xmx640m.
 */
class HugeCorpusTest {
    @Test
    void aCorpusOverAQuarterOfTheHeapIsRefusedUnread(@TempDir Path tmp) throws IOException {
        Path huge = tmp.resolve("huge.txt");
        long most = TaggedCorpus.largestCorpus();
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(most + 2); // sparse: no disk used
        }
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IOException.class,
                () -> TaggedCorpus.readAs(huge, TaggedCorpus.Reading.DEFAULT, null, LayoutOption.COMMAND_LINE)));
        assertEquals(String.format(java.util.Locale.ROOT, "%s holds %,d bytes, more than the %,d bytes a corpus may"
                + " hold here; a corpus's sentences are held in memory (plain text takes about 4 times its size in"
                + " memory): give Java more memory (java -Xmx...) or a smaller corpus", huge, most + 2, most),
                e.getMessage());
    }

    @Test
    void aDeviceIsNoCorpus() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "a system with /dev/zero");
        IOException e = assertThrows(IOException.class,
                () -> TaggedCorpus.readAs(zero, TaggedCorpus.Reading.DEFAULT, null, LayoutOption.COMMAND_LINE));
        assertTrue(e.getMessage().startsWith("/dev/zero is not a regular file"), e.getMessage());
    }

    /** Under -Xmx64m (16 MiB of corpus text), a 100 KB gzip file of 20 MB of text is refused, not read out of memory. */
    @Test
    void aGzipCorpusWhoseTextIsTooLargeIsRefused(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("big.txt.gz");
        byte[] line = "the cat sat on the mat .\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < 20_000_000 / line.length; i++) {
                out.write(line);
            }
        }
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of("-Xmx64m"), ReadCorpus.class, gz.toString()), "",
                Duration.ofSeconds(60));
        assertEquals(0, run.code(), run.said());
        assertTrue(run.said().contains(gz + " holds more than "), run.said());
        assertTrue(run.said().contains("bytes a corpus's text, decompressed, may hold here"), run.said());
    }

    /**
     * A corpus over 2 GB was refused under any heap, as more than one Java array holds, by a message that told its
     * user to give Java more memory, which did not help. Under -Xmx9g (a quarter: 2.4 GB) a 2.2 GB file (sparse: a
     * line of text, then NUL bytes) is read now, its lines checked as they stream by: refused by its line 2, not by its
     * size.
     */
    @Test
    void aCorpusOverTwoGigabytesIsReadWhenTheHeapAllowsIt(@TempDir Path tmp) throws Exception {
        Path huge = tmp.resolve("huge.txt");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.write("the cat sat on the mat .\n".getBytes(StandardCharsets.UTF_8));
            file.setLength(2_200_000_000L); // sparse: no disk used
        }
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of("-Xmx9g"), ReadCorpus.class, huge.toString()), "",
                Duration.ofSeconds(60));
        assumeTrue(run.code() == 0 || !run.said().contains("reserve"), "a system that lets a JVM reserve 9 GB");
        assertEquals(0, run.code(), run.said());
        assertEquals(huge + ":2: a NUL byte; a corpus is text, and this file is not", run.said().strip());
    }

    /** Reads the corpus its argument names and prints the error it was refused with, or "read". */
    public static final class ReadCorpus {
        public static void main(String[] args) {
            try {
                TaggedCorpus.readAs(Path.of(args[0]), TaggedCorpus.Reading.DEFAULT, null, LayoutOption.COMMAND_LINE);
                System.out.println("read");
            } catch (IOException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
