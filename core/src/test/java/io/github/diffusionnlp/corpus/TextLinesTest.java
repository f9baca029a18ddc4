package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A corpus's lines are kept as its bytes and where each line starts, and decoded one by one when asked for
 * ({@link TextLines}), where a {@code List<String>} of them all held about three times a CoNLL-U file's bytes: the
 * lines read are those the whole decoded text gave, and a bad line is refused by its number before any is read.
 */
class TextLinesTest {
    private static final Path FILE = Path.of("corpus.txt");

    private static List<String> lines(String text) throws IOException {
        return List.copyOf(new TextLines(FILE, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void linesEndAtLineFeedsACarriageReturnBeforeOneDropped() throws IOException {
        assertEquals(List.of("a", "b", "", "c"), lines("a\r\nb\n\nc"));
        assertEquals(List.of("x"), lines("x\n"), "no empty line after the last line feed");
        assertEquals(List.of("a"), lines("a\r"), "a last line's carriage return is its ending too");
        assertEquals(List.of(""), lines("\r\n"));
        assertEquals(List.of("\r"), lines("\r\r\n"), "one carriage return is the ending, the other text");
        assertEquals(List.of("a\rb"), lines("a\rb"), "a bare carriage return ends no line of a corpus");
        assertEquals(List.of(), lines(""));
    }

    @Test
    void wordsOfManyBytesAndAByteOrderMarkAtTheStartOnly() throws IOException {
        assertEquals(List.of("élan\tNOUN", "日本\tPROPN", "\uFEFFx"), lines("\uFEFFélan\tNOUN\r\n日本\tPROPN\n\uFEFFx"));
        assertEquals(List.of("", "a"), lines("\uFEFF\na"), "a byte-order mark alone on line 1 leaves it blank");
    }

    @Test
    void theFirstBadLineIsRefusedByItsNumber() {
        byte[] nul = "a\nb\nc\u0000d\ne\n".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> new TextLines(FILE, nul));
        assertEquals("corpus.txt:3: a NUL byte; a corpus is text, and this file is not", e.getMessage());
        byte[] latin1 = "a\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(IOException.class, () -> new TextLines(FILE, latin1));
        assertEquals("corpus.txt:2: not valid UTF-8; convert the corpus to UTF-8 (e.g. iconv -f latin1 -t utf-8)",
                e.getMessage());
    }

    @Test
    void aLineIsDecodedAgainEachTimeItIsAsked() throws IOException {
        List<String> lines = new TextLines(FILE, "the\tDET\ncat\tNOUN\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, lines.size());
        assertEquals("cat\tNOUN", lines.get(1));
        assertEquals(lines.get(1), lines.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> lines.get(2));
    }
}
