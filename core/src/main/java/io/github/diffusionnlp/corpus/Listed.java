package io.github.diffusionnlp.corpus;

import java.util.List;

/**
 * Items listed as a reader writes them in a message: "a", "a and b", "a, b and c"; not Java's "[a, b, c]". Public for
 * the library's messages as well as the tools'.
 */
public final class Listed {
    private Listed() {}

    /** {@code items} in words; empty for none. */
    public static String of(List<String> items) {
        return joined(items, " and ");
    }

    /** {@code items} as alternatives, "a, b or c"; empty for none. */
    public static String or(List<String> items) {
        return joined(items, " or ");
    }

    private static String joined(List<String> items, String lastSeparator) {
        int last = items.size() - 1;
        return last < 1 ? String.join("", items)
                : String.join(", ", items.subList(0, last)) + lastSeparator + items.get(last);
    }
}
