package io.github.diffusionnlp.corpus;

/**
 * Text quoted in an error message or a log line, with the characters a terminal does not show written as code
 * points. Public for every module that quotes data (the CLI, the OpenNLP tools, the CoreNLP annotator, the library's
 * own messages): an ESC sequence in a token, a word of a model's vocabulary or a path was written raw, and a terminal
 * ran it (retitled the window, cleared the screen), or a bidi override showed the text reversed.
 */
public final class Visible {
    private Visible() {}

    /**
     * {@code s} with control, format (zero-width space and joiner, byte-order mark, bidi marks), unusual
     * space and unpaired surrogate characters written as {@code <U+200B>}: a message quoting a token that
     * holds one would otherwise show a token the user cannot tell from a good one.
     */
    public static String of(String s) {
        return escaped(s, false);
    }

    /**
     * A whole message (which may quote data anywhere in it) as {@link #of} writes it, but for its own line breaks and
     * tabs ({@code \n}, {@code \t}), which lay out messages of several lines: what tools print as they print it.
     */
    public static String inMessage(String message) {
        return escaped(message, true);
    }

    /**
     * {@code s} with every character outside printable ASCII written as {@link #of} writes a hidden one: for a channel
     * that carries ASCII only (CoreNLP's server sends an error's message with its length counted in characters).
     */
    public static String inAscii(String s) {
        return escaped(s, c -> c < ' ' || c >= 127);
    }

    private static String escaped(String s, boolean keepLayout) {
        return escaped(s, c -> {
            int type = Character.getType(c);
            boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || (type == Character.SPACE_SEPARATOR && c != ' ');
            return hidden && !(keepLayout && (c == '\n' || c == '\t'));
        });
    }

    private static String escaped(String s, java.util.function.IntPredicate shown) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (shown.test(c)) {
                sb.append(String.format("<U+%04X>", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
