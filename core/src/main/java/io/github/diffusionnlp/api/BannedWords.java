package io.github.diffusionnlp.api;

import com.google.common.collect.ImmutableSet;
import com.google.common.io.ByteStreams;
import com.google.common.io.Resources;
import io.github.diffusionnlp.corpus.InputFiles;
import io.github.diffusionnlp.corpus.Utf8Lines;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The words a {@link DiffusionLM} never writes: the default list (a resource beside this class), a list file of
 * the same format ({@link DiffusionLM.Builder#optBannedWords(Path)}), a collection
 * ({@link DiffusionLM.Builder#optBannedWords(Collection)}), and their ids.
 *
 * <p>One rule for a word, a file's line and a collection's entry alike ({@link #word}): white space around it is
 * dropped, Unicode's whole White_Space set and a byte-order mark (what splits the input's tokens,
 * {@link io.github.diffusionnlp.corpus.TaggedCorpus#TOKEN}: a no-break space too, which Java's {@code \s} does not
 * match); what remains must be one word, with none of that inside, since no model word holds it. Words match the
 * vocabulary ignoring case and Unicode form ({@link #ids}). A file is UTF-8 lines, and only its lines have two rules
 * more: a blank line, or one starting with {@code #}, is no entry (a comment), and a line starting with {@code \#}
 * is the word after its backslash ({@code \#MeToo} bans {@code #MeToo}; a backslash anywhere else is the word's);
 * a collection's blank entry is refused, as a mistake, and an entry starting with {@code #} is a word.
 */
final class BannedWords {
    private static final String RESOURCE = "banned-words.txt";
    /** White space as the input's tokens are split at it (TaggedCorpus.TOKEN): Unicode's, and a byte-order mark. */
    private static final Pattern SPACE = Pattern.compile("[\\p{IsWhite_Space}\uFEFF]");
    private static final Pattern AROUND = Pattern.compile("^" + SPACE + "+|" + SPACE + "+$");
    private static final String FORMAT = "a banned-words file holds one word a line in UTF-8, '#' starting a comment"
            + " line, and an empty one bans none";
    /** What starts a file's line that bans a word starting with {@code #}: its backslash is dropped. */
    private static final String ESCAPED_HASH = "\\#";
    /** The largest list file read: 16 MiB, over a million words, far more than any model's vocabulary holds. */
    private static final long LARGEST_FILE = 1 << 24;
    static final Set<String> DEFAULT = readDefault(); // after the constants its reading uses

    private BannedWords() {
    }

    private static Set<String> readDefault() {
        try (InputStream in = Resources.getResource(BannedWords.class, RESOURCE).openStream()) {
            return parse(in, RESOURCE + " in the jar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default banned words, " + RESOURCE + " in the jar", e);
        }
    }

    /**
     * The words of a list file.
     *
     * @throws IllegalArgumentException when the file is missing or unreadable, or a line is not UTF-8 or holds
     *     more than one word; the message names the file (and line) and says how to fix it
     */
    static Set<String> read(Path file) {
        try {
            // a FIFO blocked the read for ever, /dev/zero read until memory ran out
            InputFiles.requireRegularFile(file, "banned-words file");
            InputFiles.requireAtMost(file, Files.size(file), LARGEST_FILE, "banned-words file",
                    "a list that long is no list of words (" + FORMAT + ")");
        } catch (NoSuchFileException e) {
            throw notFound(file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the banned-words file " + Visible.inMessage(e.getMessage())
                    + (e.getMessage().endsWith(")") ? "" : " (" + FORMAT + ")"), e);
        }
        try (InputStream in = ByteStreams.limit(Files.newInputStream(file), LARGEST_FILE)) {
            return parse(in, Visible.of(file.toString()));
        } catch (Utf8Lines.LineTooLong e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + FORMAT + ")", e);
        } catch (NoSuchFileException e) {
            throw notFound(file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the banned-words file " + Visible.of(file.toString())
                    + " (" + Visible.of(e.toString()) + "); name a readable file (" + FORMAT + ")", e);
        }
    }

    /** A list file that is not there (checked, or gone by the time it was opened). */
    private static IllegalArgumentException notFound(Path file, NoSuchFileException e) {
        IllegalArgumentException missing = new IllegalArgumentException("the banned-words file "
                + Visible.of(file.toString()) + " does not exist; name an existing file (" + FORMAT + ")");
        // kept for a stack trace, not as the cause: front ends append a cause's "FILE: ... not found" to the message,
        // which says it already
        missing.addSuppressed(e);
        return missing;
    }

    private static Set<String> parse(InputStream in, String source) throws IOException {
        Utf8Lines lines = new Utf8Lines(in, source);
        ImmutableSet.Builder<String> words = ImmutableSet.builder();
        for (Utf8Lines.Line line = lines.nextLine(); line != null; line = lines.nextLine()) {
            if (line.text() == null) {
                throw new IllegalArgumentException(source + ":" + line.number() + ": not valid UTF-8; convert the"
                        + " file to UTF-8 (e.g. iconv -f latin1 -t utf-8)");
            }
            String text = AROUND.matcher(line.text()).replaceAll("");
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith(ESCAPED_HASH)) {
                text = text.substring(1); // \#MeToo bans #MeToo, which # alone would make a comment
            }
            words.add(word(text, source + ":" + line.number() + ": ",
                    FORMAT + ", so put each word on a line of its own"));
        }
        return words.build();
    }

    /**
     * The words of a collection given in code, each read by the rule a file's line is ({@link #word}).
     *
     * @throws IllegalArgumentException naming the entry (from 0) that is null, blank or more than one word
     */
    static Set<String> of(Collection<String> words) {
        ImmutableSet.Builder<String> out = ImmutableSet.builder();
        int i = 0;
        for (String word : words) {
            String where = "optBannedWords entry " + i++;
            if (word == null) {
                throw new IllegalArgumentException(where + " is null; give words only (an empty collection bans none)");
            }
            if (AROUND.matcher(word).replaceAll("").isEmpty()) {
                throw new IllegalArgumentException(where + " is '" + Visible.of(word) + "', no word; give words only"
                        + " (an empty collection bans none)");
            }
            out.add(word(word, where + ": ", "so give each word as an entry of its own"));
        }
        return out.build();
    }

    /**
     * A banned word, by the one rule of files and collections: {@code entry} without the white space around it
     * (Unicode's and a byte-order mark, as the input's tokens are split); not blank.
     *
     * @param where what the message names first ("file:3: ", "optBannedWords entry 1: ")
     * @param remedy how to give two words instead
     * @throws IllegalArgumentException when white space is left inside: a model's words hold none, so such an entry
     *     could never match, and was likely meant as two words
     */
    private static String word(String entry, String where, String remedy) {
        String word = AROUND.matcher(entry).replaceAll("");
        if (SPACE.matcher(word).find()) {
            throw new IllegalArgumentException(where + "'" + Visible.of(word) + "' is more than one word; white space"
                    + " (no-break spaces included) separates words, " + remedy);
        }
        return word;
    }

    /**
     * Refuses bans that leave the model no word to write: it would write a banned word anyway (the ban is a bias,
     * not a removal) or nothing at all.
     *
     * @param banned the ids {@link #ids} matched
     */
    static void requireWordsLeft(int[] banned, Vocabulary vocabulary) {
        int writable = vocabulary.size() - 2; // [PAD] and [UNK] are not words to write
        long bannedWords = java.util.Arrays.stream(banned).filter(id -> id >= 2).count();
        if (bannedWords >= writable) {
            throw new IllegalArgumentException("the banned words ban " + bannedWords + " of the model's " + writable
                    + " words, which leaves it no word to write; ban fewer (an empty list bans none)");
        }
    }

    /**
     * The ids of the vocabulary's words that match {@code words} ignoring case and Unicode form (NFC or NFD: a word
     * spelled with combining accents is the word, as {@link Vocabulary} reads it).
     */
    static int[] ids(Set<String> words, Vocabulary vocabulary) {
        Set<String> lower = words.stream().map(BannedWords::folded).collect(Collectors.toSet());
        return IntStream.range(0, vocabulary.size())
                .filter(id -> lower.contains(folded(vocabulary.word(id)))).toArray();
    }

    private static String folded(String word) {
        return Vocabulary.normalized(word.toLowerCase(Locale.ROOT));
    }
}
