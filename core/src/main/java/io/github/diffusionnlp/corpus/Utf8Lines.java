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
     * One input line: its number (from 1); its bytes without the terminator, except that a CRLF line's keep
     * their {@code \r} (so that one passed through with {@link Utf8Lines#ending(byte[])} is written back as it
     * came); its text, without any terminator, when it is valid UTF-8; and the terminator to write after its
     * output: the one it came with ({@code \r\n}, {@code \r} or {@code \n}), and {@code \n} for a last line
     * without one, as every output line ends in one.
     */
    public record Line(int number, byte[] bytes, String text, String ending) {}

    /**
     * The terminator that ends the output line of an input line of these bytes ({@link Line#bytes}):
     * {@code \r\n} when it ended in one, else {@code \n}, so that a line-oriented tool keeps its input's line
     * ends, CRLF, LF or mixed, line by line. A line that ended in a bare {@code \r} is not told apart here
     * (its bytes hold no terminator: it is given {@code \n}); {@link Line#ending} is its own terminator.
     */
    public static String ending(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? "\r\n" : "\n";
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int number;
    /** The last line ended in a {@code \r} whose {@code \n}, if any, had not arrived yet: one now is its. */
    private boolean lfMayFollow;

    /** Whether a bare {@code \r} ends a line; otherwise it is a byte of the line (the OpenNLP tools' reading). */
    private final boolean bareCarriageReturnEnds;

    /**
     * A reader of lines ended by {@code \n} or {@code \r\n} only: a bare {@code \r} is a byte of its line. The
     * OpenNLP tools read so until their output writes a CR line's own ending ({@link Line#ending}).
     */
    public Utf8Lines(InputStream in) {
        this(in, false);
    }

    private Utf8Lines(InputStream in, boolean bareCarriageReturnEnds) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.bareCarriageReturnEnds = bareCarriageReturnEnds;
    }

    /** A reader that also ends a line at a bare {@code \r} (old Mac files), as the CLI's commands read stdin. */
    public static Utf8Lines endingAlsoAtBareCarriageReturns(InputStream in) {
        return new Utf8Lines(in, true);
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
     * The next line, which must be text (its text without its terminator, {@code \n}, {@code \r\n} or {@code \r}), or null
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
     * The next line, or null at the end: its text is without the terminator ({@code \n}, {@code \r\n} or
     * {@code \r}), and null when the line is not valid UTF-8.
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
            if (b == '\r' && bareCarriageReturnEnds) {
                ending = endingAfterCarriageReturn();
                break;
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        number++;
        byte[] text = line.toByteArray();
        if (!bareCarriageReturnEnds && text.length > 0 && text[text.length - 1] == '\r') {
            // a CRLF line, or a CRLF file cut before its last \n: the \r is the terminator's
            text = java.util.Arrays.copyOf(text, text.length - 1);
            line.reset();
            line.writeBytes(text);
            ending = "\r\n";
        }
        if (ending.equals("\r\n")) {
            line.write('\r');
        }
        String decoded;
        try {
            decoded = decoder.decode(ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            decoded = null;
        }
        return new Line(number, line.toByteArray(), decoded, ending);
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
