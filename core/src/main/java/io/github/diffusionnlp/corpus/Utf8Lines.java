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
 * ({@link #nextLine}; the OpenNLP tools do). A line ends at {@code \n}, {@code \r\n} or a bare {@code \r}
 * (old Mac files), as {@code BufferedReader} and so the corpus readers end one, and each line remembers which.
 */
public final class Utf8Lines {
    /**
     * One input line: its number (from 1); its bytes without the terminator; its text, without the terminator, when it
     * is valid UTF-8 (null when not); and the terminator to write after its output: the one it came with ({@code
     * \r\n}, {@code \r} or {@code \n}), and {@code \n} for a last line without one, as every output line ends in
     * one. A line passed through as {@code bytes} then {@code ending} is written back as it came (the OpenNLP tools
     * do so with a line that is not text).
     */
    public record Line(int number, byte[] bytes, String text, String ending) {
        /** Whether the line is valid UTF-8 (its {@link #text} is not null). */
        public boolean isText() {
            return text != null;
        }

        /**
         * Whether this is the first line of UTF-16 text: it starts with a UTF-16 byte-order mark (FF FE or FE FF,
         * never valid UTF-8), as Windows' "Unicode" files do.
         */
        public boolean startsAsUtf16() {
            return number == 1 && bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE
                    || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF);
        }
    }

    /**
     * The most bytes a line may hold: 16 MiB, a thousand times a long paragraph, and far above any sentence or corpus
     * line. A file without line ends (a binary file, {@code /dev/zero}) was read as one line until memory ran out.
     */
    public static final int LONGEST_LINE = 1 << 24;

    /** A line longer than {@link #LONGEST_LINE}: its message names the input and the line. */
    public static final class LineTooLong extends IOException {
        LineTooLong(String source, int number) {
            super(String.format(java.util.Locale.ROOT,
                    "%s line %d is longer than %,d bytes, far more than any sentence:"
                    + " the input is not lines of text (a binary file?) or has lost its line ends", Visible.of(source),
                    number, LONGEST_LINE));
        }
    }

    private final InputStream in;
    /** What the input is, for {@link LineTooLong}'s message ("stdin", a file's path). */
    private final String source;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int number;
    /** The last line ended in a {@code \r} whose {@code \n}, if any, had not arrived yet: one now is its. */
    private boolean lfMayFollow;

    /** Lines of standard input (or of what a caller names "stdin" in messages). */
    public Utf8Lines(InputStream in) {
        this(in, "stdin");
    }

    /** Lines of {@code in}, which messages call {@code source} ("stdin", a file's path). */
    public Utf8Lines(InputStream in, String source) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.source = source;
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
     * The next line, which must be text (its text without its terminator, {@code \n}, {@code \r\n} or {@code \r}), or
     * null at the end.
     *
     * @throws IOException naming the line's number when it is not valid UTF-8 (the CLI's commands stop there)
     */
    public Line next() throws IOException {
        Line read = nextLine();
        if (read != null && read.text() == null) {
            throw new IOException(Visible.of(source) + " line " + read.number() + (read.startsAsUtf16()
                    ? " is not valid UTF-8: it starts with a UTF-16 byte-order mark (UTF-16 text, Windows'"
                    + " \"Unicode\"); re-encode the input as UTF-8, e.g. iconv -f UTF-16 -t UTF-8"
                    : " is not valid UTF-8; re-encode the input as UTF-8"));
        }
        return read;
    }

    /**
     * The next line, or null at the end: its text is without the terminator ({@code \n}, {@code \r\n} or
     * {@code \r}), and null when the line is not valid UTF-8.
     *
     * @throws LineTooLong when the line holds more than {@link #LONGEST_LINE} bytes
     */
    public Line nextLine() throws IOException {
        line.reset();
        int b = in.read();
        if (lfMayFollow && b == '\n') {
            b = in.read(); // the rest of the last line's CRLF, which came after it had been handed out
        }
        lfMayFollow = false;
        String ending = "\n";
        for (; b != -1; b = in.read()) {
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                ending = endingAfterCarriageReturn();
                break;
            }
            if (line.size() == LONGEST_LINE) {
                throw new LineTooLong(source, number + 1);
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        number++;
        byte[] bytes = line.toByteArray();
        String decoded;
        try {
            decoded = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            decoded = null;
        }
        return new Line(number, bytes, decoded, ending);
    }

    /**
     * The terminator a {@code \r} just read begins: {@code \r\n} when a {@code \n} follows, else a bare
     * {@code \r}. The next byte is looked at only when it has arrived: a program that ends a line with a bare
     * {@code \r} and waits for its answer gets it; should a CRLF's {@code \n} arrive after a pause, the line is
     * written back with a {@code \r} and the late {@code \n} is skipped, not read as a blank line.
     */
    private String endingAfterCarriageReturn() throws IOException {
        if (in.available() == 0) {
            lfMayFollow = true;
            return "\r";
        }
        in.mark(1);
        if (in.read() == '\n') {
            return "\r\n";
        }
        in.reset();
        return "\r";
    }
}
