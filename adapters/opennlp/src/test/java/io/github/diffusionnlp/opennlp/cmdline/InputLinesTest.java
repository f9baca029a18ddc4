package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.diffusionnlp.corpus.Utf8Lines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How the OpenNLP tools read stdin, pinned line by line since their reader was joined to the CLI's ({@code
 * Utf8Lines}): a line that is not text (malformed UTF-8) has no text and its bytes as they were, to be
 * passed through; a byte-order mark is dropped from the first line only; a line ends at \n, \r\n or a bare \r, and
 * its bytes and text are without it, its ending is it. {@code DiffusionNlpToolTest}'s awkward-input tests run the same through the tools.
 */
class InputLinesTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEachLineAsTextOrAsBytesToPassThrough() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("\uFEFFfirst line\r\n"));
        bytes.writeBytes(utf8("\uFEFFsecond\n"));
        bytes.writeBytes(new byte[] {'a', 0, 'b', '\n'});
        bytes.writeBytes(new byte[] {(byte) 0xC3, '\r', '\n'});
        bytes.writeBytes(utf8("\nlast"));
        InputLines lines = new InputLines(new ByteArrayInputStream(bytes.toByteArray()));

        Utf8Lines.Line first = lines.next();
        assertEquals("first line", first.text(), "the byte-order mark marks the encoding, not the first word");
        assertArrayEquals(utf8("\uFEFFfirst line"), first.bytes());
        assertEquals("\r\n", first.ending());
        assertEquals("\uFEFFsecond", lines.next().text(), "only the first line's is a byte-order mark");
        Utf8Lines.Line nul = lines.next();
        assertEquals("a\0b", nul.text(), "NUL is valid UTF-8: text, as core's CLI reads it");
        assertArrayEquals(new byte[] {'a', 0, 'b'}, nul.bytes());
        Utf8Lines.Line malformed = lines.next();
        assertNull(malformed.text());
        assertArrayEquals(new byte[] {(byte) 0xC3}, malformed.bytes());
        assertEquals("\r\n", malformed.ending(), "bytes then ending: written back as it came");
        assertEquals(4, malformed.number());
        assertEquals("", lines.next().text());
        Utf8Lines.Line last = lines.next();
        assertEquals(6, last.number());
        assertEquals("last", last.text());
        assertEquals("\n", last.ending(), "every output line ends in a line end");
        assertNull(lines.next());
    }

    /** Old Mac files end lines with a bare \r: each is a line of its own, written back with its \r. */
    @Test
    void aBareCarriageReturnEndsALine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8("one\rtwo\r"));
        bytes.writeBytes(new byte[] {(byte) 0xC3, '\r', 'x', '\r', '\n', 'y', '\n'});
        InputLines lines = new InputLines(new ByteArrayInputStream(bytes.toByteArray()));

        Utf8Lines.Line one = lines.next();
        assertEquals("one", one.text());
        assertEquals("\r", one.ending());
        assertEquals("two", lines.next().text());
        Utf8Lines.Line malformed = lines.next();
        assertNull(malformed.text());
        assertArrayEquals(new byte[] {(byte) 0xC3}, malformed.bytes());
        assertEquals("\r", malformed.ending());
        Utf8Lines.Line crlf = lines.next();
        assertEquals("x", crlf.text());
        assertEquals("\r\n", crlf.ending());
        assertEquals(5, lines.next().number());
        assertNull(lines.next());
    }

    /** A line over {@link LineTokenizer#MAX_LINE_CHARS} characters passes through with a message; one at the limit is read. */
    @Test
    void aLineOverAMillionCharactersPassesThroughNamed() throws IOException {
        String atLimit = "word ".repeat(LineTokenizer.MAX_LINE_CHARS / 5);
        InputLines lines = new InputLines(new ByteArrayInputStream(utf8(atLimit + "\n" + atLimit + "x\n")));
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(messages, true, StandardCharsets.UTF_8);

        assertEquals(LineTokenizer.MAX_LINE_CHARS / 5, LineTokenizer.sentencesOf(lines.next(), true, null, err).get(0).length);
        Utf8Lines.Line over = lines.next();
        assertNull(LineTokenizer.sentencesOf(over, true, null, err));
        assertArrayEquals(utf8(atLimit + "x"), over.bytes(), "its bytes, to be written back as they came");
        assertEquals("line 2: longer than 1000000 characters; passed through unchanged\n",
                messages.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
