package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the CLI's token-line commands ({@code infill}, {@code rewrite}) read stdin, pinned since the OpenNLP tools'
 * reader was joined to this one: the CLI keeps what the OpenNLP tools filter (a byte-order mark, NUL bytes: {@code
 * InputLinesTest}) and stops at the first line that is not UTF-8, after every good line before it.
 */
class Utf8LinesTest {
    private static Utf8Lines of(byte[]... parts) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            in.writeBytes(part);
        }
        return new Utf8Lines(new ByteArrayInputStream(in.toByteArray()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void crlfIsTheEndingNotPartOfTheTextOrBytes() throws IOException {
        Utf8Lines lines = of(utf8("a b\r\nc\n\r\n\n"));
        assertEquals("a b", lines.next().text());
        assertEquals("c", lines.next().text());
        assertEquals("", lines.next().text(), "a line of \\r\\n alone is blank");
        assertEquals("", lines.next().text());
        assertNull(lines.next());

        Utf8Lines.Line line = of(utf8("a b\r\n")).nextLine();
        assertEquals("a b", line.text());
        assertArrayEquals(utf8("a b"), line.bytes(), "the bytes are without the terminator, as the text is");
        assertEquals("\r\n", line.ending(), "bytes then ending: the line as it came");
    }

    @Test
    void aByteOrderMarkAndNulBytesAreTextToTheCli() throws IOException {
        Utf8Lines lines = of(utf8("\uFEFFThe [MASK]\n"), new byte[] {'x', 0, 'y', '\n'}, utf8("\uFEFFagain\n"));
        assertEquals("\uFEFFThe [MASK]", lines.next().text(), "kept: the token split takes it for spacing, and it is written back");
        assertEquals("x\0y", lines.next().text());
        assertEquals("\uFEFFagain", lines.next().text());
    }

    /**
     * UTF-16 input (Windows' "Unicode", with its byte-order mark) was told only to re-encode itself as UTF-8: it is
     * named as UTF-16, with the conversion that reads it.
     */
    @Test
    void utf16InputIsNamedAsSuch() throws IOException {
        for (java.nio.charset.Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Utf8Lines lines = of(("\uFEFFThe [MASK] sat .\n").getBytes(utf16));
            IOException e = assertThrows(IOException.class, lines::next);
            assertEquals("stdin line 1 is not valid UTF-8: it starts with a UTF-16 byte-order mark (UTF-16 text,"
                    + " Windows' \"Unicode\"); re-encode the input as UTF-8, e.g. iconv -f UTF-16 -t UTF-8",
                    e.getMessage());
        }
    }

    @Test
    void theFirstLineThatIsNotUtf8EndsTheReadingNamingItsNumber() throws IOException {
        Utf8Lines lines = of(utf8("ok [MASK]\n"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'});
        assertEquals("ok [MASK]", lines.next().text());
        IOException e = assertThrows(IOException.class, lines::next, "an encoded surrogate (CESU-8) is not UTF-8");
        assertEquals("stdin line 2 is not valid UTF-8; re-encode the input as UTF-8", e.getMessage());

        Utf8Lines.Line bad = of(new byte[] {(byte) 0xC3, '\n'}, utf8("next\n")).nextLine();
        assertNull(bad.text());
        assertArrayEquals(new byte[] {(byte) 0xC3}, bad.bytes());
    }

    @Test
    void aLongLineAndALastLineWithoutANewlineAreReadWhole() throws IOException {
        String longLine = "word ".repeat(200_000); // 1 MB: many times the read buffer
        Utf8Lines lines = of(utf8(longLine + "\nno newline at the end"));
        assertEquals(longLine, lines.next().text());
        Utf8Lines.Line last = lines.nextLine();
        assertEquals(2, last.number());
        assertEquals("no newline at the end", last.text());
        assertNull(lines.nextLine());
        assertNull(of().next(), "no input: no line, not one blank line");
    }

    /** A line's output ends as it did: CRLF after a CRLF line, LF after an LF line or a last line without one. */
    @Test
    void eachLineGivesTheEndingItCameWith() throws IOException {
        Utf8Lines lines = of(utf8("crlf\r\nlf\n\r\n\nlast"));
        for (String ending : new String[] {"\r\n", "\n", "\r\n", "\n", "\n"}) {
            assertEquals(ending, lines.next().ending());
        }
    }

    /**
     * A bare {@code \r} (old Mac line ends) ends a line as {@code \n} does, and the line's output ends in one: the
     * two lines of {@code printf 'The [MASK] of the committee .\rA [MASK] was late .\r'} were read as one.
     */
    @Test
    void aBareCarriageReturnEndsALineAndIsItsEnding() throws IOException {
        Utf8Lines lines = new Utf8Lines(new ByteArrayInputStream(
                utf8("The [MASK] of the committee .\rA [MASK] was late .\r\rcrlf\r\nlf\nlast\r")));
        String[][] expected = {{"The [MASK] of the committee .", "\r"}, {"A [MASK] was late .", "\r"}, {"", "\r"},
            {"crlf", "\r\n"}, {"lf", "\n"}, {"last", "\r"}};
        for (String[] line : expected) {
            Utf8Lines.Line read = lines.next();
            assertEquals(line[0], read.text());
            assertEquals(line[1], read.ending(), line[0]);
        }
        assertNull(lines.next());

        Utf8Lines.Line mac = new Utf8Lines(new ByteArrayInputStream(utf8("a b\rc")))
                .nextLine();
        assertArrayEquals(utf8("a b"), mac.bytes(), "a bare \\r is a terminator, not part of the line's bytes");
    }

    /** A CRLF whose {@code \n} arrives after its line was handed out ends that line; it is not a blank line. */
    @Test
    @Timeout(20) // a reader that waits for the byte after the \r waits here for ever
    void aLateLineFeedAfterACarriageReturnIsNotABlankLine() throws IOException {
        PipedOutputStream writer = new PipedOutputStream();
        Utf8Lines lines = new Utf8Lines(new PipedInputStream(writer));
        writer.write(utf8("first\r"));
        writer.flush();
        Utf8Lines.Line first = lines.next();
        assertEquals("first", first.text());
        assertEquals("\r", first.ending(), "nothing after the \\r yet: the line is not held back waiting");
        writer.write(utf8("\nsecond\n"));
        writer.close();
        Utf8Lines.Line second = lines.next();
        assertEquals("second", second.text());
        assertEquals(2, second.number());
        assertNull(lines.next());
    }

    /**
     * A line is held whole until its end: input without line ends ({@code /dev/zero}, a 300 MB line) was read until
     * memory ran out. A line over {@link Utf8Lines#LONGEST_LINE} is refused, naming the input and the line, after
     * every line before it; one of that length is read.
     */
    @Test
    void aLineLongerThanTheLongestIsRefusedNamingTheInputAndLine() throws IOException {
        byte[] longest = new byte[Utf8Lines.LONGEST_LINE];
        java.util.Arrays.fill(longest, (byte) 'a');
        Utf8Lines lines = new Utf8Lines(new java.io.SequenceInputStream(new ByteArrayInputStream(longest),
                new ByteArrayInputStream("\naa".getBytes(StandardCharsets.UTF_8))), "words.txt");
        assertEquals(Utf8Lines.LONGEST_LINE, lines.nextLine().bytes().length);
        assertEquals("aa", lines.nextLine().text());
        Utf8Lines tooLong = new Utf8Lines(new java.io.SequenceInputStream(
                new ByteArrayInputStream("first\n".getBytes(StandardCharsets.UTF_8)),
                new java.io.SequenceInputStream(new ByteArrayInputStream(longest), new ByteArrayInputStream(
                        "a".getBytes(StandardCharsets.UTF_8)))), "words.txt");
        assertEquals("first", tooLong.nextLine().text());
        IOException e = assertThrows(Utf8Lines.LineTooLong.class, tooLong::nextLine);
        assertEquals("words.txt line 2 is longer than 16,777,216 bytes, far more than any sentence: the input is not"
                + " lines of text (a binary file?) or has lost its line ends", e.getMessage());
    }
}
