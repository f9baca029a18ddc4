package io.github.diffusionnlp.model;

import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.Visible;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Multiset;
import com.google.common.collect.HashMultiset;
import com.google.common.base.Utf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Word-level vocabulary: id 0 is {@code [PAD]}, id 1 is {@code [UNK]}, then words by falling
 * frequency (ties alphabetical, so a corpus always gives the same ids). Saved as UTF-8 text,
 * one word a line, in id order.
 *
 * <p>Text never names a special token: a literal {@code [PAD]}, {@code [UNK]} or {@code [MASK]} in a
 * corpus or an input is read as an unknown word. Otherwise a corpus prepared for a masked language
 * model would put {@code [MASK]} in the vocabulary (and infill could write it back as a filled word),
 * and a literal {@code [PAD]} would end a sentence in its middle.
 *
 * <p>Words are compared in Unicode NFC ({@link #normalized}): {@code à} typed as one code point and as {@code a}
 * plus a combining grave accent (NFD, what macOS file names and some editors write) are one word, as a reader sees
 * them. {@link #build} counts a corpus's words in NFC, {@link #id} and {@link #contains} look a word up in NFC, and
 * {@link #word} writes it in NFC; the front ends write a word the user gave back as it was typed. A vocabulary saved
 * before this (2026-12-05) from a corpus that mixed the two forms holds a word twice, once in each: the first line,
 * the more frequent in training, is the one text is read as, and the other stays a row the model may write, written
 * in NFC like the first ({@link #twinCount}).
 */
public final class Vocabulary {
    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;
    /** The infill placeholder; never a word of the vocabulary. */
    public static final String MASK = "[MASK]";
    /**
     * The most bytes (UTF-8) a word of a {@link #build built} vocabulary takes: a longer token is no word (a file
     * read in another encoding, text without spaces, a base64 blob), and it is left out, read as {@code [UNK]}. It
     * keeps a saved vocabulary within the size a load reads ({@code CheckpointReading}: 1,024 bytes a word with its
     * line end): a corpus of one 27,000-byte token trained and saved a model its own load refused as damaged.
     */
    public static final int LONGEST_WORD = 1000;

    /** The lines of vocab.txt as they were read or built, which {@link #save} writes back byte for byte. */
    private final ImmutableList<String> words;
    /** {@link #words} in NFC: what {@link #word} writes. */
    private final ImmutableList<String> written;
    /** Each word in NFC to the first id it has. */
    private final ImmutableMap<String, Integer> ids;
    private final int twins;
    /** The ids of the words that hold whitespace ({@link #unwritable()}). */
    private final int[] unwritable;

    public Vocabulary(List<String> words) {
        if (words.size() < 3 || !PAD.equals(words.get(0)) || !UNK.equals(words.get(1))) {
            throw new IllegalArgumentException("a vocabulary starts with " + PAD + " and " + UNK
                    + " and holds at least one word" + (words.isEmpty() ? "" : " (its first lines: " + words.subList(0,
                    Math.min(2, words.size())).stream().map(w -> "'" + Visible.of(w) + "'")
                    .collect(java.util.stream.Collectors.joining(", ")) + ")"));
        }
        this.words = ImmutableList.copyOf(words);
        this.written = this.words.stream().map(Vocabulary::normalized).collect(ImmutableList.toImmutableList());
        java.util.Map<String, Integer> exact = new java.util.HashMap<>(words.size() * 2);
        java.util.Map<String, Integer> b = new java.util.HashMap<>(words.size() * 2);
        int twinLines = 0;
        List<Integer> spaced = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Integer before = exact.putIfAbsent(words.get(i), i);
            if (before != null) { // a word has one id: which of the two would the model mean?
                throw new IllegalArgumentException("the word '" + Visible.of(words.get(i)) + "' is on line "
                + (before + 1)
                        + " and again on line " + (i + 1) + "; each word of a vocabulary is on one line only (the"
                        + " file was edited or damaged: restore it from the model's save)");
            }
            String unreadable = i < 2 ? null : whyNoWord(words.get(i));
            if (unreadable != null && !holdsWhitespace(words.get(i))) { // no build wrote it; infill would: a mask left
                throw new IllegalArgumentException("line " + (i + 1) + " holds '" + Visible.of(words.get(i))
                        + "', which no text can hold as a word (" + unreadable + "; no corpus gives one)");
            }
            if (unreadable != null) { // a build before 2026-12-04 kept it whole: it loads, and is never written
                spaced.add(i);
            }
            // the same word in another Unicode form (a model trained before words were read in NFC): the first,
            // more frequent line is the one text is read as
            twinLines += b.putIfAbsent(written.get(i), i) == null ? 0 : 1;
        }
        this.ids = ImmutableMap.copyOf(b);
        this.twins = twinLines;
        this.unwritable = spaced.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether a word that is not empty nor a special token holds whitespace (or a byte-order mark): a build before
     * 2026-12-04 kept a CoNLL-U FORM holding a space ("400 000", "học sinh") or a word holding a no-break space whole
     * as one word, and its models' vocab.txt holds such lines.
     */
    private static boolean holdsWhitespace(String word) {
        return !word.isEmpty() && !isReserved(word) && !TaggedCorpus.TOKEN.matcher(word).matches();
    }

    /**
     * Why {@code word} cannot be a word of a vocabulary, or null when it can: text is read as whitespace tokens
     * ({@link TaggedCorpus#TOKEN}), none empty or holding whitespace, and a special token in it is never a word.
     */
    private static String whyNoWord(String word) {
        if (word.isEmpty()) {
            return "the line is empty";
        }
        if (isReserved(word)) {
            return word + " is a special token";
        }
        return TaggedCorpus.TOKEN.matcher(word).matches() ? null : "a word is a run of characters without whitespace";
    }

    /**
     * A word as the vocabulary compares it: in Unicode NFC, so that the composed and decomposed spellings of an
     * accented letter are one word. Returns {@code word} itself when it is NFC already (all ASCII text is).
     */
    public static String normalized(String word) {
        return Normalizer.isNormalized(word, Normalizer.Form.NFC) ? word
                : Normalizer.normalize(word, Normalizer.Form.NFC);
    }

    /** The {@code maxSize - 2} most frequent words of a corpus, with the two special tokens. */
    public static Vocabulary build(Iterable<? extends List<String>> sentences, int maxSize) {
        Multiset<String> spellings = HashMultiset.create();
        for (List<String> s : sentences) {
            spellings.addAll(s);
        }
        return ofCounts(spellings, maxSize);
    }

    /**
     * As {@link #build}, from the corpus's tokens already counted, {@code spellings} holding each spelling as written
     * with its count: a trainer counts them once for its notes on the corpus too. Each spelling is put in NFC once,
     * not each token.
     */
    public static Vocabulary ofCounts(Multiset<String> spellings, int maxSize) {
        Multiset<String> counts = HashMultiset.create();
        for (Multiset.Entry<String> e : spellings.entrySet()) {
            counts.add(normalized(e.getElement()), e.getCount()); // à and a + U+0300 are one word, counted together
        }
        List<String> words = new ArrayList<>(List.of(PAD, UNK));
        counts.elementSet().stream()
                .sorted((a, b) -> {
                    int c = Integer.compare(counts.count(b), counts.count(a));
                    return c != 0 ? c : a.compareTo(b);
                })
                .filter(w -> whyNoWord(w) == null && Utf8.encodedLength(w) <= LONGEST_WORD)
                .limit(Math.max(1, maxSize - 2))
                .forEach(words::add);
        if (words.size() == 2) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "no word to learn: each of the"
                    + " corpus's distinct tokens (%,d) is a special token (%s, %s, %s) or longer than %,d bytes (a file"
                    + " read in another encoding, or text without spaces?)", counts.elementSet().size(), PAD, UNK, MASK,
                    LONGEST_WORD));
        }
        return new Vocabulary(words);
    }

    public static Vocabulary load(Path file) throws IOException {
        return fromLines(file, Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * The vocabulary of a file's {@code lines}, which {@code file} names in errors: a checkpoint load parses the
     * lines of the bytes it read once, the ones its checksum is taken over.
     */
    public static Vocabulary fromLines(Path file, List<String> lines) throws IOException {
        try {
            return new Vocabulary(lines);
        } catch (IllegalArgumentException e) {
            throw new IOException(Visible.of(file.toString()) + ": " + e.getMessage()
                    + (lines.size() > 0 ? "" : " (the file is empty)"), e);
        }
    }

    public void save(Path file) throws IOException {
        Files.write(file, words, StandardCharsets.UTF_8);
    }

    public int size() {
        return words.size();
    }

    /** Whether {@code other} holds the same words with the same ids: a model of one reads the other's ids alike. */
    public boolean sameWordsAs(Vocabulary other) {
        return written.equals(other.written);
    }

    /**
     * The word's id, whatever its Unicode form; {@link #UNK_ID} for a word outside the vocabulary or a literal
     * special token.
     */
    public int id(String word) {
        int id = ids.getOrDefault(normalized(word), UNK_ID);
        return id == PAD_ID ? UNK_ID : id;
    }

    /** Whether a token of text is spelled like a special token ({@code [PAD]}, {@code [UNK]}, {@code [MASK]}). */
    public static boolean isReserved(String token) {
        return token.equals(PAD) || token.equals(UNK) || token.equals(MASK);
    }

    /** Whether the vocabulary holds the word in any Unicode form. */
    public boolean contains(String word) {
        return ids.containsKey(normalized(word));
    }

    /** Words in a row of ids: its length without trailing {@link #PAD_ID} (a training row is padded to its width). */
    public static int unpaddedLength(int[] row) {
        int n = row.length;
        while (n > 0 && row[n - 1] == PAD_ID) {
            n--;
        }
        return n;
    }

    /** The word of an id, in NFC. */
    public String word(int id) {
        return written.get(id);
    }

    /**
     * The ids of the words that hold whitespace, which no text can give and which a sampler must not write (a filled
     * word would change its line's token count): none in a vocabulary built since 2026-12-04, when a corpus's tokens
     * began to be split at every whitespace; a model trained before may hold some ({@code "400 000"} from a CoNLL-U
     * FORM), and loads, as it did, its {@code DiffusionLM} never writing them.
     */
    public int[] unwritable() {
        return unwritable.clone();
    }

    /**
     * How many lines hold a word that an earlier line holds in another Unicode form: 0 for a vocabulary built since
     * words are counted in NFC (2026-12-05); more for one built before from a corpus that mixed NFC and NFD.
     */
    public int twinCount() {
        return twins;
    }
}
