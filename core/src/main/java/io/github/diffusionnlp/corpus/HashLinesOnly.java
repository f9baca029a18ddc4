package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Internal (the readers that refuse a corpus without a sentence: train, train-ar and their dev split, the benchmark,
 * n-gram fusion, tag-lexicon, row-lengths; no compatibility promise), though public for them. A corpus of nothing
 * but {@code #} lines, its layout guessed (the guess counts no {@code #} line) or said to be of columns, reads as no
 * sentences, every {@code #} line a comment; plain text reads a line such as {@code #MeToo is trending} as a
 * sentence, so "every line is blank or a # comment" alone named no way to read it: the refusal says what plain text
 * reads and how to ask for it.
 */
public final class HashLinesOnly {
    private HashLinesOnly() {}

    /**
     * The refusal of {@code file}, {@code named} as its caller names it, read as {@code read} into no sentences, when
     * it was read in a layout of columns and plain text reads sentences in it: how many, the first (shown visibly),
     * and {@code givePlain}, the caller's setting for plain text ({@code --layout plain}); else null (read as plain
     * text already, no regular file, which is not read twice, or no sentence read as plain text either).
     */
    public static String refusal(String named, Path file, TaggedCorpus.Reading read, String givePlain)
            throws IOException {
        if (read.layout() == CorpusLayout.PLAIN || !Files.isRegularFile(file)) {
            return null;
        }
        List<TaggedSentence> plain = TaggedCorpus.readAs(file, new TaggedCorpus.Reading(CorpusLayout.PLAIN,
                read.multiword()), null, LayoutOption.COMMAND_LINE).sentences();
        if (plain.isEmpty()) {
            return null;
        }
        return named + " holds no sentences (every line is blank or a # comment), but read as plain text it holds "
                + Counted.of(plain.size(), "sentence", "sentences") + ", lines that start with # and go on, the first "
                + Visible.of(String.join(" ", plain.get(0).words())) + " (in plain text a comment is # alone or"
                + " followed by white space; in the layouts of columns every # line is one): give " + givePlain
                + " to read it as plain text, one sentence a line";
    }
}
