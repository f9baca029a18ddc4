package io.github.diffusionnlp.corpus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a CoNLL-U multiword token (a range line {@code 4-5 del} over its parts {@code 4 de ADP}, {@code 5 el DET})
 * is read. The model's words are whitespace tokens, as every input it reads is split: a Spanish, French, German
 * or Portuguese user types {@code del}, {@code au}, {@code zum}, {@code do}, never their parts, so
 * {@link #SURFACE} is the default. {@link #toString} is the name the command line takes ({@code --multiword parts}).
 */
public enum MultiwordTokens {
    /** The range's FORM is one word, tagged with its first part's UPOS; the parts are skipped. */
    SURFACE("the text's word (del), tagged as its first part"),
    /** The parts are the words, each with its UPOS (UD's syntactic words, de el); the range line is skipped. */
    PARTS("its parts (de el), each with its UPOS");

    private final String description;

    MultiwordTokens(String description) {
        this.description = description;
    }

    /** What a multiword token reads as, in the README's words. */
    public String description() {
        return description;
    }

    /**
     * The reading named {@code name} in any case ("surface", "PARTS").
     *
     * @throws IllegalArgumentException naming the readings there are
     */
    @JsonCreator // a model's config.json records its corpus's reading by these names
    public static MultiwordTokens parse(String name) {
        for (MultiwordTokens reading : values()) {
            if (reading.name().equalsIgnoreCase(name.strip())) {
                return reading;
            }
        }
        throw new IllegalArgumentException("no multiword-token reading '" + Visible.of(name) + "'; the readings are "
                + Arrays.stream(values()).map(r -> r + " (" + r.description() + ")").collect(Collectors.joining(", ")));
    }

    @Override
    @JsonValue
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
