package io.github.diffusionnlp.corpus;

import java.util.List;

/** One sentence: its tokens and, position by position, their UPOS tags. */
public record TaggedSentence(List<String> words, List<Upos> tags) {
    public TaggedSentence {
        words = List.copyOf(words);
        tags = List.copyOf(tags);
        if (words.size() != tags.size()) {
            throw new IllegalArgumentException("words and tags differ in length: " + words.size() + " vs "
                    + tags.size());
        }
    }

    public int size() {
        return words.size();
    }
}
