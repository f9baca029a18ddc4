package io.github.diffusionnlp.corpus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a corpus file is laid out ({@link TaggedCorpus#readAs}).
 * {@link #AUTO} guesses from the file; the others say it, so that a file the guess gets wrong (plain text made
 * mostly of one-word lines reads as one word a line) can be read as meant, and a line that does not fit is named.
 * {@link #toString} is the name the command line takes ({@code --layout plain}).
 */
public enum CorpusLayout {
    /** Guessed from the lines of the file; said when under nine lines in ten agree. */
    AUTO("guessed from the file"),
    /** CoNLL-U's ten columns (FORM and UPOS read), or CoNLL-U Plus's named by its {@code global.columns} line. */
    CONLLU("CoNLL-U"),
    /** {@code word<TAB>UPOS}, a token a line. */
    COLUMNS("word<TAB>UPOS"),
    /** One word a line, untagged. */
    WORDS("one word a line"),
    /** Plain text, one whitespace-tokenized sentence a line, untagged. */
    PLAIN("plain text, one sentence a line");

    private final String description;

    CorpusLayout(String description) {
        this.description = description;
    }

    /** The layout in the README's words, e.g. "one word a line". */
    public String description() {
        return description;
    }

    /**
     * Whether a corpus read so has no tags at all (plain text, one word a line): its model cannot follow a template.
     */
    public boolean untagged() {
        return this == WORDS || this == PLAIN;
    }

    /**
     * The layout named {@code name} in any case ("plain", "CoNLLU").
     *
     * @throws IllegalArgumentException naming the layouts there are
     */
    @JsonCreator // a model's config.json records its corpus's reading by these names
    public static CorpusLayout parse(String name) {
        for (CorpusLayout layout : values()) {
            if (layout.name().equalsIgnoreCase(name.strip())) {
                return layout;
            }
        }
        throw new IllegalArgumentException("no corpus layout '" + Visible.of(name) + "'; the layouts are "
                + java.util.Arrays.stream(values()).map(CorpusLayout::toString)
                        .collect(java.util.stream.Collectors.joining(", "))
                + " (auto guesses it from the file)");
    }

    @Override
    @JsonValue
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
