package io.github.diffusionnlp.cli;

/** Text quoted in an error message, with the characters a terminal does not show written as code points. */
final class Visible {
    private Visible() {}

    /**
     * {@code s} with control, format (zero-width space and joiner, byte-order mark, bidi marks), unusual
     * space and unpaired surrogate characters written as {@code <U+200B>}: a message quoting a token that
     * holds one would otherwise show a token the user cannot tell from a good one.
     */
    static String of(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || (type == Character.SPACE_SEPARATOR && c != ' ');
            if (hidden) {
                sb.append(String.format("<U+%04X>", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
