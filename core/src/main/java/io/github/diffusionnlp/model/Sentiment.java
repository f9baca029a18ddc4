package io.github.diffusionnlp.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The sentence-level sentiment labels a model is conditioned on. */
public enum Sentiment {
    NEGATIVE, NEUTRAL, POSITIVE;

    /** Parses {@code negative}, {@code neutral} or {@code positive} (any case), naming them when it fails. */
    @JsonCreator // a model's config.json records its row lengths by label under these names
    public static Sentiment parse(String label) {
        try {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            // in words, not a list's toString ("[negative, neutral, positive]")
            throw new IllegalArgumentException("unknown sentiment '" + label + "'; allowed: negative, neutral or"
                    + " positive");
        }
    }

    @Override
    @JsonValue
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
