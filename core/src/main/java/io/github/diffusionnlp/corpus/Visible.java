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
     * space and unpaired surrogate characters written as {@code <U+200B>}, and so a combining mark with no letter,
     * digit or symbol before it to sit on ({@code <U+0301>[MASK]}): a message quoting a token that holds one would
     * otherwise show a token the user cannot tell from a good one, or a mark drawn over the quote beside it.
     */
    public static String of(String s) {
        return escaped(s, false);
    }

    /**
     * A file's name as {@link #of} writes text: a name holding a line break or an ESC sequence is legal, and quoted raw
     * it split a message's line or ran in the terminal.
     */
    public static String of(java.nio.file.Path file) {
        return of(file.toString());
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
        boolean base = false; // whether the last character written raw can carry a combining mark
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            int c = s.codePointAt(i);
            boolean mark = isMark(c);
            // a mark with no letter, digit or symbol under it would be drawn over the quote or bracket before it
            if (shown.test(c) || mark && !base) {
                sb.append(String.format("<U+%04X>", c));
                base = false;
            } else {
                sb.appendCodePoint(c);
                base = mark || Character.isLetterOrDigit(c) || isSymbolOrNumber(c);
            }
        }
        return sb.toString();
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isSymbolOrNumber(int c) {
        int type = Character.getType(c);
        return type == Character.MATH_SYMBOL || type == Character.CURRENCY_SYMBOL
                || type == Character.MODIFIER_SYMBOL || type == Character.OTHER_SYMBOL
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
