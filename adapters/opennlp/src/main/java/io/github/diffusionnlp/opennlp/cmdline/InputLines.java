package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.corpus.Utf8Lines;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads stdin line by line as bytes and decodes each line on its own as strict UTF-8 (core's {@link Utf8Lines}),
 * so that a line that is not text can be passed through byte for byte (and reported) instead of ending the run
 * or being replaced: every input line gives exactly one output line. A line ends at {@code \n}, {@code \r\n} or
 * a bare {@code \r} (old Mac files), as the CLI reads stdin, and its output line ends as it did.
 */
final class InputLines {
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

    /**
     * The next line (its terminator removed), or null at the end of the input; a first line's byte-order mark is
     * dropped from its text and kept in its bytes.
     */
    Utf8Lines.Line next() throws IOException {
        Utf8Lines.Line read = lines.nextLine();
        // NUL is a UTF-8 character like any other: a line holding one is text, filled as core's CLI and the CoreNLP
        // annotator fill it (refusing it as "not UTF-8 text" was false)
        if (read == null || !read.isText() || read.number() != 1 || !read.text().startsWith("\uFEFF")) {
            return read;
        }
        // a byte-order mark marks the encoding; it is not part of the first word
        return new Utf8Lines.Line(read.number(), read.bytes(), read.text().substring(1), read.ending());
    }
}
