package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * {@code diffusion.ngramCorpus}) ran out of memory after 9 s (audit h130, finding 4). It is refused now once the
 * sentences read would take more than the memory Java may use while a run trains on them ({@link CorpusMemory}: by
 * their words and sentences, as its text is not held), naming the line and the -Xmx that reads it; a device is refused
 * as no regular file. The rule before, a quarter of the heap in bytes of text, refused a CoNLL-U file under a heap
 * five times what its words need (audit h175).
 */
class HugeCorpusTest {
    @Test
    void aDeviceIsNoCorpus() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "a system with /dev/zero");
        IOException e = assertThrows(IOException.class,
                () -> TaggedCorpus.readAs(zero, TaggedCorpus.Reading.DEFAULT, null, LayoutOption.COMMAND_LINE));
        assertTrue(e.getMessage().startsWith("/dev/zero is not a regular file"), e.getMessage());
    }

    /**
     * Under -Xmx64m, a 100 KB gzip file of 20 MB of text (800,000 sentences of 7 words: about 160 MB held) is refused
     * by the line where it outgrows the heap, not read out of memory, and the -Xmx its message names reads it.
     */
    @Test
    void aCorpusThatOutgrowsTheHeapIsRefusedAndTheXmxItNamesReadsIt(@TempDir Path tmp) throws Exception {
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
        java.util.regex.Matcher refusal = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(gz.toString())
                + ":[0-9]+: by this line the corpus holds [0-9,]+ words in [0-9,]+ sentences, more than the [0-9]+ MB"
                + " Java may use here holds while a run trains on them \\(about 15 bytes a word and 100 a sentence\\);"
                + " the whole file would take about [0-9,]+ MB: give Java -Xmx([0-9]+)m or more \\(java -Xmx\\1m"
                + " \\.\\.\\.\\), or use a part of the corpus").matcher(run.said().strip());
        assertTrue(refusal.matches(), run.said());
        String xmx = "-Xmx" + refusal.group(1) + "m";
        ChildJvm.Run again = ChildJvm.run(ChildJvm.command(List.of(xmx), ReadCorpus.class, gz.toString()), "",
                Duration.ofSeconds(120));
        assertEquals("read", again.said().strip(), xmx);
    }

    /**
     * The same sentences take the same memory in any layout: 120,000 sentences as CoNLL-U, 21 MB of text (about 25 MB
     * held), read under -Xmx64m, where a quarter of the heap in bytes of text refused them.
     */
    @Test
    void aCorpusIsHeldByItsWordsNotItsBytes(@TempDir Path tmp) throws Exception {
        Path conllu = tmp.resolve("big.conllu");
        String[] words = {"the", "cat", "sat", "on", "the", "mat", "."};
        StringBuilder sentence = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            sentence.append(i + 1).append('\t').append(words[i]).append('\t').append(words[i])
                    .append("\tX\t_\t_\t0\tdep\t_\t_\n");
        }
        sentence.append('\n');
        byte[] bytes = sentence.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(conllu))) {
            for (int i = 0; i < 120_000; i++) {
                out.write(bytes);
            }
        }
        assertTrue(Files.size(conllu) > (64L << 20) / 4, Files.size(conllu) + " bytes");
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of("-Xmx64m"), ReadCorpus.class, conllu.toString()),
                "", Duration.ofSeconds(60));
        assertEquals("read", run.said().strip());
    }

    /**
     * A corpus over 2 GB was refused under any heap, as more than one Java array holds, by a message that told its
     * user to give Java more memory, which did not help. A 2.2 GB file (sparse: a line of text, then NUL bytes) is
     * read now, under -Xmx64m as its text is not held, its lines checked as they stream by: refused by its line 2, not
     * by its size (it needed -Xmx9g while a quarter of the heap in bytes of text was the rule).
     */
    @Test
    void aCorpusOverTwoGigabytesIsReadWhateverTheHeap(@TempDir Path tmp) throws Exception {
        Path huge = tmp.resolve("huge.txt");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.write("the cat sat on the mat .\n".getBytes(StandardCharsets.UTF_8));
            file.setLength(2_200_000_000L); // sparse: no disk used
        }
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of("-Xmx64m"), ReadCorpus.class, huge.toString()), "",
                Duration.ofSeconds(60));
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
