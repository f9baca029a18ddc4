package io.github.diffusionnlp.model;

import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.corpus.Visible;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How often the training corpus tagged each vocabulary word with each UPOS tag. Sampling under a POS
 * template uses it to keep a position's words to those that mostly carry the asked tag (see {@link
 * #allowed}): the model's own template conditioning gets the shape right, the lexicon stops it from
 * filling a NOUN slot with a word that is a noun once in a hundred uses.
 *
 * <p>On disk ({@code tag-lexicon.tsv} in a model directory): a header line, then one line per word
 * that has a count, {@code word TAB TAG:count TAG:count …}. Plain text; a malformed line is an
 * {@link IOException} naming the line and the problem.
 */
public final class TagLexicon {
    public static final String HEADER = "# diffusion-nlp tag lexicon 1: word, then UPOS:count as tagged in the training"
            + " corpus";
    private static final Upos[] TAGS = Upos.values();

    /**
     * The most bytes a word's line takes besides its word: a tab, and every tag with the largest count
     * ({@code PROPN:2147483647}) and a space or line end. A file's size is bounded by this and its words' length.
     */
    public static final int LARGEST_COUNTS = 1 + TAGS.length
            * (java.util.Arrays.stream(TAGS).mapToInt(t -> t.toString().length()).max().orElse(0) + 1
                    + Integer.toString(Integer.MAX_VALUE).length() + 1);

    /** counts[id][tag ordinal]. */
    private final int[][] counts;

    private TagLexicon(int[][] counts) {
        this.counts = counts;
    }

    /** Counts the tags of every in-vocabulary word of {@code corpus} (words outside it are skipped). */
    public static TagLexicon build(List<TaggedSentence> corpus, Vocabulary vocab) {
        int[][] counts = new int[vocab.size()][TAGS.length];
        for (TaggedSentence s : corpus) {
            for (int i = 0; i < s.size(); i++) {
                int id = vocab.id(s.words().get(i));
                if (id != Vocabulary.UNK_ID) {
                    counts[id][s.tags().get(i).ordinal()]++;
                }
            }
        }
        return new TagLexicon(counts);
    }

    public int count(int id, Upos tag) {
        return counts[id][tag.ordinal()];
    }

    /**
     * Whether the corpus carried no tags: every count is on X, as plain text and one-word-a-line
     * corpora are read. A model trained on such a corpus saw one template condition only and cannot
     * follow a POS template. An empty lexicon says nothing either way, so it is not untagged.
     */
    public boolean untagged() {
        boolean any = false;
        for (int[] word : counts) {
            for (Upos t : TAGS) {
                if (word[t.ordinal()] > 0) {
                    if (t != Upos.X) {
                        return false;
                    }
                    any = true;
                }
            }
        }
        return any;
    }

    /**
     * Which words (by id) may fill a {@code tag} slot: those tagged so in at least {@code minShare} of
     * their training uses. When no word reaches the share, every word ever tagged so is allowed, so a
     * rare tag never bans the whole vocabulary.
     */
    public boolean[] allowed(Upos tag, double minShare) {
        boolean[] out = new boolean[counts.length];
        boolean any = false;
        for (int id = 0; id < counts.length; id++) {
            int total = 0;
            for (int c : counts[id]) {
                total += c;
            }
            out[id] = total > 0 && counts[id][tag.ordinal()] >= minShare * total;
            any |= out[id];
        }
        if (!any) {
            for (int id = 0; id < counts.length; id++) {
                out[id] = counts[id][tag.ordinal()] > 0;
            }
        }
        return out;
    }

    public void write(Path file, Vocabulary vocab) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (int id = 0; id < counts.length; id++) {
                StringBuilder line = new StringBuilder();
                for (Upos t : TAGS) {
                    if (counts[id][t.ordinal()] > 0) {
                        line.append(line.isEmpty() ? "" : " ").append(t).append(':').append(counts[id][t.ordinal()]);
                    }
                }
                if (!line.isEmpty()) {
                    w.write(vocab.word(id) + "\t" + line + "\n");
                }
            }
        }
    }

    /**
     * The lexicon of a file's {@code lines} (a model load reads the file once, whole, with a size bound:
     * {@code CheckpointReading}), written by {@link #write} for the same vocabulary.
     */
    public static TagLexicon fromLines(List<String> lines, Vocabulary vocab) throws IOException {
        int[][] counts = new int[vocab.size()][TAGS.length];
        String header = lines.isEmpty() ? null : lines.get(0);
        if (!HEADER.equals(header)) {
            throw new IOException("line 1 is not the tag-lexicon header ('" + HEADER + "')");
        }
        int n = 1;
        for (String line : lines.subList(1, lines.size())) {
            n++;
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                throw new IOException("line " + n + " has no 'word TAB TAG:count' (the file is corrupt)");
            }
            String word = line.substring(0, tab);
            if (!vocab.contains(word)) {
                throw new IOException("line " + n + " names '" + Visible.of(word)
                        + "', which is not in the model's vocabulary (a lexicon of another model?)");
            }
            for (String field : line.substring(tab + 1).split(" ")) {
                int colon = field.indexOf(':');
                try {
                    // Java's reads any script's digits, and a '+' the lexicon is never written with
                    int count = Numbers.parseIntAsWritten(field.substring(colon + 1));
                    if (colon <= 0 || count < 0) {
                        throw new NumberFormatException();
                    }
                    // += : a vocabulary of before words were read in NFC may hold a word twice (Vocabulary#twinCount),
                    // and both lines' counts are the counts of the word text is read as
                    counts[vocab.id(word)][Upos.parse(field.substring(0, colon)).ordinal()] += count;
                } catch (IllegalArgumentException e) { // also a bad tag
                    throw new IOException("line " + n + ": '" + Visible.of(field) + "' is not TAG:count with a UPOS"
                            + " tag and a count >= 0 " + Numbers.IN_ASCII_DIGITS + ", without a '+'", e);
                }
            }
        }
        return new TagLexicon(counts);
    }
}
