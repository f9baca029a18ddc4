package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a corpus read takes of Java's memory while it is used, counted as it is read, and refused, naming the line and
 * the {@code -Xmx} to give, once it is more than the memory Java may use. What is held is the sentences (a reference
 * to a shared String and one to a tag a word, about 90 bytes of objects a sentence: 10 bytes a word and 90 a
 * sentence) and, for a training run's corpus only ({@link Held#TRAINED}), the rows the run packs from them (5 bytes a
 * word, 10 a row): 15 bytes a word and 100 a sentence, 19.3 MB for Brown's training split (968,351 words in 47,798
 * sentences), where its sentences and packed rows took 19.5 MB of heap beside its 2.5 MB of distinct spellings (used
 * heap after System.gc, as word<TAB>UPOS lines and as plain text alike). A file read beside a training corpus (its
 * dev split) is counted on top of what that corpus holds ({@link Held}), so that two files that each fit but not
 * together are refused. The text is not held ({@link TextLines}), so its size says nothing of this: the rule before,
 * a quarter of the heap in bytes of text, sized for plain text, refused a CoNLL-U file, 5 times the bytes for the same
 * words, under a heap 5 times what it needed.
 *
 * <p>Two counts refuse: {@link #checked}, a lower bound taken as the lines are checked ({@link LinesCount}), before
 * any is parsed, so that a corpus that cannot fit is refused part way through that first pass rather than after it
 * (plain text at its end, naming the line where it outgrew the memory: a later tab would make it columns, refused by
 * a line); and {@link #add}, the sentences as they are parsed. A run's context embeddings take more for a while
 * ({@code train}'s own check: docs/training.md).
 */
final class CorpusMemory {
    /** A sentence's words, held while the corpus is used. */
    static final long HELD_A_WORD = 10;
    static final long HELD_A_SENTENCE = 90;
    /** A training row's words, packed from the sentences (a sentence of at most the row length makes one row). */
    static final long PACKED_A_WORD = 5;
    static final long PACKED_A_ROW = 10;
    /** What Java, a tiny model and the rest of a run take beside the corpus, for the -Xmx a refusal names. */
    static final long BESIDE = 64L << 20;

    /**
     * What a read counts beside its own sentences: the bytes already held by corpora read before it in the same run
     * ({@code before}, from {@code what}, as a message names it; 0 and null for none) and whether the run packs rows
     * from this file's sentences.
     */
    record Held(long before, String what, boolean packed) {
        /** A file read on its own, its sentences held, no rows packed: n-gram fusion's corpus, held-out sentences. */
        static final Held READ = new Held(0, null, false);
        /** A training run's corpus: its sentences and the rows the run packs from them. */
        static final Held TRAINED = new Held(0, null, true);

        long aWord() {
            return HELD_A_WORD + (packed ? PACKED_A_WORD : 0);
        }

        long aSentence() {
            return HELD_A_SENTENCE + (packed ? PACKED_A_ROW : 0);
        }
    }

    private final Path file;
    private final long most;
    private final Held held;
    private int lines = -1;
    private long words;
    private long sentences;

    /** For {@code file}, held as {@code held} says in at most {@code most} bytes. */
    CorpusMemory(Path file, long most, Held held) {
        this.file = file;
        this.most = most;
        this.held = held;
    }

    /** For {@code file}, of {@code lines} lines, held as {@code held} says in at most {@code most} bytes. */
    CorpusMemory(Path file, int lines, long most, Held held) {
        this(file, most, held);
        this.lines = lines;
    }

    /** The memory Java may use (its -Xmx): what a corpus read here may take. */
    static long available() {
        return Runtime.getRuntime().maxMemory();
    }

    /** How many lines the file holds, once its first pass has counted them. */
    void lines(int count) {
        lines = count;
    }

    /**
     * The -Xmx in MB to name for {@code bytes} of what a run holds: a tenth more, and Java's own and the model's memory
     * beside it, rounded up to 64 MB.
     */
    static long xmx(double bytes) {
        return ((long) (bytes * 1.1 + BESIDE) / (64L << 20) + 1) * 64;
    }

    /** What {@code words} words in {@code sentences} sentences take, held as {@code held} says. */
    static long bytes(long words, long sentences, Held held) {
        return words * held.aWord() + sentences * held.aSentence();
    }

    /** What the sentences parsed so far take, with what was held before them. */
    long bytes() {
        return held.before() + bytes(words, sentences, held);
    }

    /**
     * Counts a sentence of {@code words} words, parsed from the 0-based line {@code line}.
     *
     * @throws IOException when the sentences parsed so far take more than the most allowed
     */
    void add(int words, int line) throws IOException {
        this.words += words;
        sentences++;
        long bytes = bytes(this.words, sentences, held);
        if (held.before() + bytes > most) {
            // the whole file at the rate read so far, for the remedy
            refuse(line, this.words, sentences, (double) bytes * lines / (line + 1), false);
        }
    }

    /**
     * Takes at least {@code words} words in {@code sentences} sentences, counted up to the 0-based line {@code line}
     * as the lines were checked, {@code share} of the file's bytes on disk read: refused when they already take more
     * than the most allowed, the whole file put at this share.
     */
    void checked(long words, long sentences, int line, double share) throws IOException {
        long bytes = bytes(words, sentences, held);
        if (held.before() + bytes > most) {
            refuse(line, words, sentences, bytes / Math.min(1, Math.max(share, 1e-9)), true);
        }
    }

    /**
     * Refuses a training run's corpus {@code file} read before the run ({@code words} words in {@code sentences}
     * sentences) when its sentences and the rows the run packs from them ({@link Held#TRAINED}) take more than
     * {@code most} bytes: read for its sentences alone ({@link Held#READ}) it was counted without the rows.
     */
    static void requireRoomToTrain(Path file, long words, long sentences, long most) throws IOException {
        long bytes = bytes(words, sentences, Held.TRAINED);
        if (bytes > most) {
            long xmx = xmx(bytes);
            throw new IOException(String.format(Locale.ROOT, "%s: its %,d words in %,d sentences, read before the run,"
                    + " take about %,d MB with the rows a run packs from them (about %d bytes a word and %d a"
                    + " sentence), more than the %,d MB Java may use here; give Java -Xmx%dm or more (java -Xmx%dm"
                    + " ...), or use a part of the corpus", Visible.of(file), words, sentences, bytes >> 20,
                    Held.TRAINED.aWord(), Held.TRAINED.aSentence(), most >> 20, xmx, xmx));
        }
    }

    private void refuse(int line, long words, long sentences, double whole, boolean early) throws IOException {
        long xmx = xmx(held.before() + whole);
        throw new IOException(String.format(Locale.ROOT, "%s:%d: by this line the corpus holds %s%,d words in %,d"
                + " sentences%s%s, more than the %,d MB Java may use here holds while %s (about %d bytes a word and"
                + " %d a sentence); the whole file would take about %,d MB%s: give Java -Xmx%dm or more (java -Xmx%dm"
                + " ...), or use a part of the corpus", Visible.of(file), line + 1, early ? "at least " : "", words,
                sentences,
                early ? " (counted as its lines are checked, before they are parsed)" : "",
                held.what() == null ? "" : String.format(Locale.ROOT, " beside the %,d MB held for %s",
                        held.before() >> 20, held.what()),
                most >> 20, held.packed() ? "a run trains on them" : "they are used", held.aWord(),
                held.aSentence(), (long) whole >> 20, early ? " (at the share of its bytes read so far)" : "", xmx,
                xmx));
    }
}
