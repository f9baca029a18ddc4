package io.github.diffusionnlp.corpus;

/** The 17 Universal Dependencies part-of-speech tags (UD v2 UPOS). */
public enum Upos {
    ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X;

    /** Parses a tag name, naming the allowed values when it is not one. */
    public static Upos parse(String tag) {
        try {
            return valueOf(tag.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown UPOS tag '" + tag + "'; allowed: " + names());
        }
    }

    /**
     * The tags for a message, "ADJ, ADP, ..., X": a list's toString ("[ADJ, ADP, ...]") reads as a Java
     * object, not as what one may type.
     */
    public static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Enum::name).toList());
    }
}
