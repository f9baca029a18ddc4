package io.github.diffusionnlp.corpus;

/**
 * A count with its noun in a message: "1 token", "3 tokens", not "1 tokens". Public for the library's messages as
 * well as the tools'.
 */
public final class Counted {
    private Counted() {}

    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The 0-based indexes of {@code n} items, for a message: "0-based index 0", "0-based indexes up to 4". */
    public static String indexes(int n) {
        return n == 1 ? "0-based index 0" : "0-based indexes up to " + (n - 1);
    }
}
