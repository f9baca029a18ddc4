package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a corpus read takes of Java's memory while a run trains on it, counted sentence by sentence as it is read, and
 * refused, naming the line and the {@code -Xmx} to give, once it is more than the memory Java may use. What is held is
 * the sentences (a reference to a shared String and one to a tag a word, about 90 bytes of objects a sentence) and the
 * rows a run packs from them (5 bytes a word, 5 a row): 15 bytes a word and 100 a sentence, 19.3 MB for Brown's
 * training split (968,351 words in 47,798 sentences), where its sentences and packed rows took 19.5 MB of heap beside
 * its 2.5 MB of distinct spellings (used heap after System.gc, as word<TAB>UPOS lines and as plain text alike). The
 * text is not held ({@link TextLines}), so its size says nothing of this: the rule before, a quarter of the heap in
 * bytes of text, sized for plain text, refused a CoNLL-U file, 5 times the bytes for the same words, under a heap 5
 * times what it needed. A run's context embeddings take more for a while (4 bytes a word and up to 400 MB of word
 * pairs: docs/training.md).
 */
final class CorpusMemory {
    static final long BYTES_A_WORD = 15;
    static final long BYTES_A_SENTENCE = 100;
    /** What Java, a tiny model and the rest of a run take beside the corpus, for the -Xmx a refusal names. */
    private static final long BESIDE = 64L << 20;

    private final Path file;
    private final int lines;
    private final long most;
    private long words;
    private long sentences;

    /** For {@code file}, of {@code lines} lines, held in at most {@code most} bytes. */
    CorpusMemory(Path file, int lines, long most) {
        this.file = file;
        this.lines = lines;
        this.most = most;
    }

    /** The memory Java may use (its -Xmx): what a corpus read here may take. */
    static long available() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Counts a sentence of {@code words} words, read by the 0-based line {@code line}.
     *
     * @throws IOException when the sentences read so far take more than the most allowed
     */
    void add(int words, int line) throws IOException {
        this.words += words;
        sentences++;
        long bytes = bytes();
        if (bytes > most) {
            // the whole file at the rate read so far, for the remedy; Java's own and the model's memory beside it
            double whole = (double) bytes * lines / (line + 1);
            long xmx = ((long) (whole * 1.1 + BESIDE) / (64L << 20) + 1) * 64; // MB, rounded up to 64
            throw new IOException(String.format(Locale.ROOT, "%s:%d: by this line the corpus holds %,d words in %,d"
                    + " sentences, more than the %,d MB Java may use here holds while a run trains on them (about %d"
                    + " bytes a word and %d a sentence); the whole file would take about %,d MB: give Java -Xmx%dm or"
                    + " more (java -Xmx%dm ...), or use a part of the corpus", file, line + 1, this.words, sentences,
                    most >> 20, BYTES_A_WORD, BYTES_A_SENTENCE,
                    (long) whole >> 20, xmx, xmx));
        }
    }

    private long bytes() {
        return words * BYTES_A_WORD + sentences * BYTES_A_SENTENCE;
    }
}
