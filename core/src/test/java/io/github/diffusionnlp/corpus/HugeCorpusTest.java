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
 * five times what its words need (audit h175). The refusal comes in the pass that checks the lines, not after it
 * (audit h180).
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
     * Under -Xmx64m, a 100 KB gzip file of 20 MB of text (800,000 sentences of 7 words: about 130 MB held) is refused
     * by the line where it outgrows the heap, not read out of memory, and the -Xmx its message names reads it. The
     * refusal comes as the lines are checked, before any is parsed, from the fewest words they can make, the whole
     * file put at the share of its bytes on disk read so far.
     */
    @Test
    void aCorpusThatOutgrowsTheHeapIsRefusedAndTheXmxItNamesReadsIt(@TempDir Path tmp) throws Exception {
        Path gz = sevenWordLines(tmp.resolve("big.txt.gz"), 20_000_000, "");
        java.util.regex.Matcher refusal = refusalUnder64m(gz);
        assertTrue(refusal.group(1).startsWith(gz.toString()), refusal.group());
        String xmx = "-Xmx" + refusal.group(2) + "m";
        ChildJvm.Run again = ChildJvm.run(ChildJvm.command(List.of(xmx), ReadCorpus.class, gz.toString()), "",
                Duration.ofSeconds(120));
        assertEquals("read", again.said().strip(), xmx);
    }

    /**
     * The refusal comes in the pass that checks the lines, at the line where they outgrow the heap, not after a whole
     * pass: a file of a million one-word sentences of word<TAB>UPOS (about 100 MB held) with a NUL byte on its last
     * line is refused for its memory, by a line two thirds of the way, where the check's pass had to reach the end
     * (and refused the NUL byte) before the memory was counted (audit h180). The file was plain text until audit h200:
     * plain text is now refused for its memory only at the end of that pass (a tab there would make its first line the
     * refusal: {@link #plainTextWithATabAfterTheMemoryLimitIsRefusedByItsBadLine}), so its NUL byte is named first.
     */
    @Test
    void aCorpusThatOutgrowsTheHeapIsRefusedBeforeItsLinesAreAllChecked(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("big.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            byte[] sentence = "word\tNOUN\n\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 1_000_000; i++) {
                out.write(sentence);
            }
            out.write("the\t\0\n".getBytes(StandardCharsets.UTF_8));
        }
        java.util.regex.Matcher refusal = refusalUnder64m(gz);
        int line = Integer.parseInt(refusal.group(1).substring(gz.toString().length() + 1).replace(":", ""));
        assertTrue(line < 1_600_000, refusal.group()); // of 2,000,001 lines: about 64 MB of 100

        Path plain = sevenWordLines(tmp.resolve("big.txt.gz"), 20_000_000, "the end \0\n");
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of("-Xmx64m"), ReadCorpus.class, plain.toString()), "",
                Duration.ofSeconds(60));
        assertEquals(plain + ":800001: a NUL byte; a corpus is text, and this file is not", run.said().strip());
    }

    /** What a child JVM reading {@code gz} under -Xmx64m says, matched as a {@link #REFUSAL}. */
    private static java.util.regex.Matcher refusalUnder64m(Path gz) throws Exception {
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of("-Xmx64m"), ReadCorpus.class, gz.toString()), "",
                Duration.ofSeconds(60));
        assertEquals(0, run.code(), run.said());
        java.util.regex.Matcher refusal = REFUSAL.matcher(run.said().strip());
        assertTrue(refusal.matches(), run.said());
        return refusal;
    }

    /** The refusal's form: group 1 the file and line ("file:123:"), group 2 the -Xmx in MB. */
    private static final java.util.regex.Pattern REFUSAL = java.util.regex.Pattern.compile("(\\S+:[0-9]+:) by this"
            + " line the corpus holds at least [0-9,]+ words in [0-9,]+ sentences \\(counted as its lines are checked,"
            + " before they are parsed\\), more than the [0-9]+ MB Java may use here holds while they are used \\(about"
            + " 10 bytes a word and 90 a sentence\\); the whole file would take about [0-9,]+ MB \\(at the share of its"
            + " bytes read so far\\): give Java -Xmx([0-9]+)m or more \\(java -Xmx\\2m \\.\\.\\.\\), or use a part"
            + " of the corpus");

    /** {@code gz}: "the cat sat on the mat ." lines to about {@code bytes} bytes of text, then {@code last}. */
    static Path sevenWordLines(Path gz, int bytes, String last) throws IOException {
        byte[] line = "the cat sat on the mat .\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < bytes / line.length; i++) {
                out.write(line);
            }
            out.write(last.getBytes(StandardCharsets.UTF_8));
        }
        return gz;
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

    /**
     * A file of word<TAB>UPOS lines (800,000 of them: about 12 MB held as columns, 88 MB counted as plain text) whose
     * second line holds several words and no tab was refused under -Xmx64m for its memory, by a line near 600,000,
     * counted as plain text from the bad line on; the file is read as columns, and refused by that line, which is
     * named first now.
     */
    @Test
    void aFileOfColumnsIsRefusedByItsBadLineNotForItsMemory(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("columns.tsv.gz");
        byte[] sentence = "word\tNOUN\n".repeat(19).concat("\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("The\tDET\nthe cat sat on the mat .\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 800_000 / 20; i++) {
                out.write(sentence);
            }
        }
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of("-Xmx64m"), ReadCorpus.class, gz.toString()), "",
                Duration.ofSeconds(60));
        assertEquals(0, run.code(), run.said());
        assertTrue(run.said().startsWith(gz + ":2: several tokens and no tab, in a file read as"), run.said());
    }

    /**
     * Plain text, 800,000 lines of seven words (about 130 MB held as plain text), with one word<TAB>UPOS line at its
     * end: the tab makes the guess read the file as columns, which refuses its line 1 (several tokens and no tab).
     * Under -Xmx64m it was refused for its memory, as plain text, by a line near 420,000, before the tab was met
     * (audit h200); the bad line is named first now, as in a file of columns.
     */
    @Test
    void plainTextWithATabAfterTheMemoryLimitIsRefusedByItsBadLine(@TempDir Path tmp) throws Exception {
        Path gz = sevenWordLines(tmp.resolve("stray-tab.txt.gz"), 20_000_000, "word\tNOUN\n");
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of("-Xmx64m"), ReadCorpus.class, gz.toString()), "",
                Duration.ofSeconds(120));
        assertEquals(0, run.code(), run.said());
        assertTrue(run.said().startsWith(gz + ":1: several tokens and no tab, in a file read as word<TAB>UPOS, as its"
                + " line 800001 holds a tab"), run.said());
    }

    /**
     * A CoNLL-U Plus file without an ID column (FORM UPOS) whose line 3 has one column, not the two its header names,
     * then a million one-word sentences (about 100 MB held): its count went on past that line, each line a word, and
     * refused it under -Xmx64m for the memory of lines the parse never reaches (audit h200); it is refused by the line.
     */
    @Test
    void aConlluPlusFileWithoutIdsIsRefusedByItsBadLineNotForItsMemory(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("no-ids.conllup.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("# global.columns = FORM UPOS\nThe\tDET\nthe cat sat\n\n".getBytes(StandardCharsets.UTF_8));
            byte[] sentence = "word\tNOUN\n\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 1_000_000; i++) {
                out.write(sentence);
            }
        }
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of("-Xmx64m"), ReadCorpus.class, gz.toString()), "",
                Duration.ofSeconds(120));
        assertEquals(0, run.code(), run.said());
        assertTrue(run.said().startsWith(gz + ":3: 1 tab-separated column, where the global.columns line names 2"),
                run.said());
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
