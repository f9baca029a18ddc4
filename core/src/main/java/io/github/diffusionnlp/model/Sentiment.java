package io.github.diffusionnlp.model;

import java.util.Arrays;
import java.util.Locale;

/** The sentence-level sentiment labels a model is conditioned on. */
public enum Sentiment {
    NEGATIVE, NEUTRAL, POSITIVE;

    /** Parses {@code negative}, {@code neutral} or {@code positive} (any case), naming them when it fails. */
    public static Sentiment parse(String label) {
        try {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown sentiment '" + label + "'; allowed: "
                    + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
