package io.github.diffusionnlp.corpus;

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
 * Reads lines of strict UTF-8, one at a time, so that a bad byte is reported on its own line number
 * after every good line before it has been handed out (a {@code BufferedReader} decodes ahead). Each line
 * is decoded on its own, so a caller may also pass a line that is not text through byte for byte
 * ({@link #nextLine}; the OpenNLP tools do).
 */
public final class Utf8Lines {
    /** One input line: its number (from 1), its bytes without the {@code \n}, its text when it is valid UTF-8. */
    public record Line(int number, byte[] bytes, String text) {
        /** The terminator to write after this line's output ({@link Utf8Lines#ending}). */
        public String ending() {
            return Utf8Lines.ending(bytes);
        }
    }

    /**
     * The terminator that ends the output line of an input line of these bytes (without its {@code \n}):
     * {@code \r\n} when it ended in one, else {@code \n}, so that a line-oriented tool keeps its input's line
     * ends, CRLF, LF or mixed, line by line. A last line without a terminator is given {@code \n}, as every
     * output line ends in one; one that ends in a bare {@code \r} (a CRLF file cut before its last
     * {@code \n}) is given {@code \r\n}.
     */
    public static String ending(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? "\r\n" : "\n";
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int number;

    public Utf8Lines(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /**
     * Whether more input can be read without waiting: false when the writer has sent everything it
     * has for now (a caller waiting for the answer to its last line) or the input has ended.
     */
    public boolean ready() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false; // the read that follows reports it
        }
    }

    /**
     * The next line, which must be text (its text without its terminator, {@code \n} or {@code \r\n}), or null
     * at the end.
     *
     * @throws IOException naming the line's number when it is not valid UTF-8 (the CLI's commands stop there)
     */
    public Line next() throws IOException {
        Line read = nextLine();
        if (read != null && read.text() == null) {
            throw new IOException("stdin line " + read.number() + " is not valid UTF-8; re-encode the input as UTF-8");
        }
        return read;
    }

    /**
     * The next line, or null at the end: its text is without the terminator ({@code \n} or {@code \r\n}),
     * and null when the line is not valid UTF-8.
     */
    public Line nextLine() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        number++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            text = null;
        }
        return new Line(number, bytes, text);
    }
}
