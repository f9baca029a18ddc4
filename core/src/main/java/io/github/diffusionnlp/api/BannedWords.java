package io.github.diffusionnlp.api;

import com.google.common.io.Resources;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The words a {@link DiffusionLM} never writes: the default list (a resource beside this class), and their ids. */
final class BannedWords {
    static final Set<String> DEFAULT = read("banned-words.txt");

    private BannedWords() {
    }

    private static Set<String> read(String resource) {
        try {
            return Resources.readLines(Resources.getResource(BannedWords.class, resource), StandardCharsets.UTF_8)
                    .stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default banned words, " + resource + " in the jar", e);
        }
    }

    /** The ids of the vocabulary's words that match {@code words} ignoring case. */
    static int[] ids(Set<String> words, Vocabulary vocabulary) {
        Set<String> lower = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return IntStream.range(0, vocabulary.size())
                .filter(id -> lower.contains(vocabulary.word(id).toLowerCase(Locale.ROOT))).toArray();
    }
}
