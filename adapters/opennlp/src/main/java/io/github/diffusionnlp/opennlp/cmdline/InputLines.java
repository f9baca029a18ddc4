package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.corpus.Utf8Lines;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads stdin line by line as bytes and decodes each line on its own as strict UTF-8 (core's {@link Utf8Lines}),
 * so that a line that is not text can be passed through byte for byte (and reported) instead of ending the run
 * or being replaced: every input line gives exactly one output line.
 */
final class InputLines {
    /**
     * One input line: its bytes without the {@code \n} (a CRLF line's keep the {@code \r}, so that one passed
     * through is written back as it came), and its text, without the {@code \r}, when it is valid UTF-8.
     */
    record Line(int number, byte[] bytes, String text) {
        boolean isText() {
            return text != null;
        }

        /** The terminator its output line ends with: the one it came with ({@link Utf8Lines#ending}). */
        String ending() {
            return Utf8Lines.ending(bytes);
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

    /** The next line ({@code \n} or {@code \r\n} removed), or null at the end of the input. */
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
        return new Line(read.number(), read.bytes(), text);
    }
}
