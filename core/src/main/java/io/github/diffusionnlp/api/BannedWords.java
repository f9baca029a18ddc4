package io.github.diffusionnlp.api;

import com.google.common.collect.ImmutableSet;
import com.google.common.io.Resources;
import io.github.diffusionnlp.corpus.Utf8Lines;
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
 * the same format ({@link DiffusionLM.Builder#optBannedWords(Path)}), and their ids. The format is read here
 * only: UTF-8, one word a line; blank lines and lines starting with {@code #} are ignored.
 */
final class BannedWords {
    private static final String RESOURCE = "banned-words.txt";
    private static final Pattern SPACE = Pattern.compile("\\s");
    private static final String FORMAT = "a banned-words file holds one word a line in UTF-8, '#' starting a comment"
            + " line, and an empty one bans none";
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
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the banned-words file " + file + " does not exist; name an existing"
                    + " file (" + FORMAT + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the banned-words file " + file + " (" + e + "); name a"
                    + " readable file (" + FORMAT + ")", e);
        }
    }

    private static Set<String> parse(InputStream in, String source) throws IOException {
        Utf8Lines lines = new Utf8Lines(in);
        ImmutableSet.Builder<String> words = ImmutableSet.builder();
        for (Utf8Lines.Line line = lines.nextLine(); line != null; line = lines.nextLine()) {
            if (line.text() == null) {
                throw new IllegalArgumentException(source + ":" + line.number() + ": not valid UTF-8; convert the"
                        + " file to UTF-8 (e.g. iconv -f latin1 -t utf-8)");
            }
            String word = line.text().strip();
            if (word.isEmpty() || word.startsWith("#")) {
                continue;
            }
            if (SPACE.matcher(word).find()) {
                // a model's words hold no space: such a line could never match, and was likely meant as two
                throw new IllegalArgumentException(source + ":" + line.number() + ": '" + word + "' is more than"
                        + " one word; " + FORMAT + ", so put each word on a line of its own");
            }
            words.add(word);
        }
        return words.build();
    }

    /**
     * The words of a collection given in code, checked as a file's lines are: each one word.
     *
     * @throws IllegalArgumentException naming the entry (from 0) that is null, empty or more than one word
     */
    static Set<String> of(Collection<String> words) {
        int i = 0;
        for (String word : words) { // before Set.copyOf, whose NullPointerException names nothing
            String where = "optBannedWords entry " + i++;
            if (word == null) {
                throw new IllegalArgumentException(where + " is null; give words only (an empty collection bans none)");
            }
            if (word.isBlank()) {
                throw new IllegalArgumentException(where + " is '" + word + "', no word; give words only (an empty"
                        + " collection bans none)");
            }
            if (SPACE.matcher(word).find()) {
                throw new IllegalArgumentException(where + ": '" + word + "' is " + (SPACE.matcher(word.strip()).find()
                        ? "more than one word" : "a word with white space around it") + "; a model's words hold no"
                        + " space, so give each word as an entry of its own, without spaces");
            }
        }
        return Set.copyOf(words);
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
