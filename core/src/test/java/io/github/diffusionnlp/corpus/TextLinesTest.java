package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A corpus's lines are read from the file again for each pass over them, each decoded as it is read
 * ({@link TextLines}), where the whole text was held as one array (at most 2 GB) and a {@code List<String>} of them
 * all before it held about three times a CoNLL-U file's bytes: the lines read are those the whole decoded text gave,
 * and a bad line is refused by its number before any is read.
 */
class TextLinesTest {
    private static final Path FILE = Path.of("corpus.txt");

    private static TextLines of(byte[] bytes) throws IOException {
        return TextLines.of(FILE, () -> new ByteArrayInputStream(bytes), () -> { },
                first -> null);
    }

    private static List<String> lines(String text) throws IOException {
        try (TextLines.Pass pass = of(text.getBytes(StandardCharsets.UTF_8)).pass()) {
            return List.copyOf(pass);
        }
    }

    @Test
    void linesEndAtLineFeedsACarriageReturnBeforeOneDropped() throws IOException {
        assertEquals(List.of("a", "b", "", "c"), lines("a\r\nb\n\nc"));
        assertEquals(List.of("x"), lines("x\n"), "no empty line after the last line feed");
        assertEquals(List.of("a"), lines("a\r"), "a last line's carriage return is its ending too");
        assertEquals(List.of(""), lines("\r\n"));
        assertEquals(List.of("", ""), lines("\r\r\n"), "a bare carriage return, then a CRLF");
        assertEquals(List.of(), lines(""));
    }

    @Test
    void aBareCarriageReturnEndsALineAsBufferedReaderEndsOne() throws IOException {
        // old Mac files: read as one line, a CoNLL-U file of them was read as its first word, plain text as one sentence
        assertEquals(List.of("a", "b"), lines("a\rb"));
        assertEquals(List.of("a", "", "b", "c"), lines("a\r\rb\rc\r"));
        assertEquals(List.of("a", "b", "", "c"), lines("a\rb\n\r\nc"), "mixed line ends, line by line");
        // a CRLF split between two of the scanner's 64 KiB reads is one line end, not a blank line after a bare CR
        String first = "x".repeat((1 << 16) - 1);
        assertEquals(List.of(first, "y", "z"), lines(first + "\r\ny\rz"));
        String joined = "x".repeat((1 << 16) + 10);
        assertEquals(List.of("a", joined, "y"), lines("a\n" + joined + "\r\ny"));
        String last = "x".repeat((1 << 16) - 2);
        assertEquals(List.of("a", last, "y"), lines("a\n" + last + "\r\ny"), "the \\n alone in the next read");
        assertEquals(List.of("a", first.substring(1), "", "y"), lines("a\n" + first.substring(1) + "\r\r\ny"));
    }

    @Test
    void wordsOfManyBytesAndAByteOrderMarkAtTheStartOnly() throws IOException {
        assertEquals(List.of("élan\tNOUN", "日本\tPROPN", "\uFEFFx"), lines("\uFEFFélan\tNOUN\r\n日本\tPROPN\n\uFEFFx"));
        assertEquals(List.of("", "a"), lines("\uFEFF\na"), "a byte-order mark alone on line 1 leaves it blank");
    }

    @Test
    void theFirstBadLineIsRefusedByItsNumber() {
        byte[] nul = "a\nb\nc\u0000d\ne\n".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> of(nul));
        assertEquals("corpus.txt:3: a NUL byte; a corpus is text, and this file is not", e.getMessage());
        byte[] latin1 = "a\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(IOException.class, () -> of(latin1));
        assertEquals("corpus.txt:2: not valid UTF-8; convert the corpus to UTF-8 (e.g. iconv -f latin1 -t utf-8)",
                e.getMessage());
    }

    @Test
    void aPassReadsForwardAndGetsRecentLinesAgain() throws IOException {
        TextLines text = of("the\tDET\ncat\tNOUN\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, text.size());
        try (TextLines.Pass lines = text.pass()) {
            assertEquals(2, lines.size());
            assertEquals("cat\tNOUN", lines.get(1));
            assertEquals("the\tDET", lines.get(0), "a line a few back, as a multiword token's parts are read again");
            assertThrows(IndexOutOfBoundsException.class, () -> lines.get(2));
        }
        try (TextLines.Pass again = text.pass()) {
            assertEquals("the\tDET", again.get(0), "each pass reads from the first line");
        }
    }

    @Test
    void theCheckShowsEveryLineToWhatTheFirstLineAsksForIt() throws IOException {
        byte[] bytes = "# global.columns = ID FORM\r\n1\tcat\n".getBytes(StandardCharsets.UTF_8);
        List<String> seen = new java.util.ArrayList<>();
        List<String> firsts = new java.util.ArrayList<>();
        TextLines text = TextLines.of(FILE, () -> new ByteArrayInputStream(bytes), () -> { },
                first -> {
                    firsts.add(first);
                    return seen::add;
                });
        assertEquals(List.of("# global.columns = ID FORM"), firsts);
        assertEquals(List.of("# global.columns = ID FORM", "1\tcat"), seen);
        assertEquals(List.of("# global.columns = ID FORM"), text.firstLine());
        assertEquals(List.of(), of(new byte[0]).firstLine());
    }

    @Test
    void aLineTooFarBehindAPassIsRefused() throws IOException {
        byte[] many = "w\n".repeat(TextLines.BEHIND + 10).getBytes(StandardCharsets.UTF_8);
        try (TextLines.Pass lines = of(many).pass()) {
            lines.get(TextLines.BEHIND + 5);
            assertThrows(IllegalStateException.class, () -> lines.get(0));
        }
    }

    @Test
    void aLineLongerThanTheReadChunksIsPutTogether() throws IOException {
        String longLine = "é".repeat(100_000);
        assertEquals(List.of("a", longLine, "b"), lines("a\n" + longLine + "\r\nb"));
    }
}
