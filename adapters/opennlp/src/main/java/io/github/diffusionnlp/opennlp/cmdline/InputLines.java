package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.corpus.Utf8Lines;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads stdin line by line as bytes and decodes each line on its own as strict UTF-8 (core's {@link Utf8Lines}),
 * so that a line that is not text can be passed through byte for byte (and reported) instead of ending the run
 * or being replaced: every input line gives exactly one output line. A line ends at {@code \n}, {@code \r\n} or
 * a bare {@code \r} (old Mac files), as the CLI reads stdin, and its output line ends as it did.
 */
final class InputLines {
    /**
     * One input line: its bytes without its terminator, its text when it is valid UTF-8, and the terminator its
     * output line ends with: the one it came with ({@code \r\n}, {@code \r} or {@code \n}; {@code \n} for a last
     * line without one), so that a line passed through as {@code bytes} then {@code ending} is written back as it came.
     */
    record Line(int number, byte[] bytes, String text, String ending) {
        boolean isText() {
            return text != null;
        }
    }

    private final Utf8Lines lines;

    InputLines(InputStream in) {
        this.lines = new Utf8Lines(in);
    }

    /**
     * Whether more input can be read without waiting: false when the writer has sent everything it
     * has for now (a caller waiting for the answer to its last line) or the input has ended.
     */
    boolean ready() {
        return lines.ready();
    }

    /** The next line (its terminator removed), or null at the end of the input. */
    Line next() throws IOException {
        Utf8Lines.Line read = lines.nextLine();
        if (read == null) {
            return null;
        }
        String text = read.text();
        // NUL is a UTF-8 character like any other: a line holding one is text, filled as core's CLI and the CoreNLP
        // annotator fill it (refusing it as "not UTF-8 text" was false)
        if (text != null && read.number() == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark marks the encoding; it is not part of the first word
        }
        byte[] bytes = read.bytes();
        if (read.ending().equals("\r\n")) {
            bytes = Arrays.copyOf(bytes, bytes.length - 1); // Utf8Lines leaves a CRLF line's \r in its bytes
        }
        return new Line(read.number(), bytes, text, read.ending());
    }
}
