package io.github.diffusionnlp.opennlp.cmdline;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads stdin line by line as bytes and decodes each line on its own as strict UTF-8, so that a line
 * that is not text can be passed through byte for byte (and reported) instead of ending the run or
 * being replaced: every input line gives exactly one output line.
 */
final class InputLines {
    /** One input line: its bytes without the terminator, and its text when it is valid UTF-8. */
    record Line(int number, byte[] bytes, String text) {
        boolean isText() {
            return text != null;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int number;

    InputLines(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /**
     * Whether more input can be read without waiting: false when the writer has sent everything it
     * has for now (a caller waiting for the answer to its last line) or the input has ended.
     */
    boolean ready() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false; // the read that follows reports it
        }
    }

    /** The next line ({@code \n} or {@code \r\n} removed), or null at the end of the input. */
    Line next() throws IOException {
        buffer.reset();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            buffer.write(b);
        }
        if (b == -1 && buffer.size() == 0) {
            return null;
        }
        number++;
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            if (text.indexOf('\0') >= 0) {
                text = null; // NUL bytes: binary data, not text
            } else if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte-order mark marks the encoding; it is not part of the first word
            }
        } catch (CharacterCodingException e) {
            text = null;
        }
        return new Line(number, bytes, text);
    }
}
