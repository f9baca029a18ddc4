package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.Bytes;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A line the tools cannot process for bad input is written back as read (nothing lost), and the run ends with exit
 * code 2 and a count naming the lines, as a line the model fails on does; it used to end with 0, so a script never
 * learned that a line had not been filled.
 */
class UnprocessedLinesTest {
    @Test
    void aLineThatIsNotUtf8IsWrittenBackAndTheRunFails() {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes("A [MASK] one .\nB [MASK] two .\nC ".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {(byte) 0xFF});
        in.writeBytes(" [MASK] three .\nD [MASK] four .\n".getBytes(StandardCharsets.UTF_8));
        Run r = DiffusionNlpToolTest.run(in.toByteArray(), "Infill", "-tokenized", "-steps", "2");
        assertEquals(CmdTool.FAILED, r.code(), r.stderr());
        assertEquals(4, r.lines().size(), r.out());
        byte[] third = {'\n', 'C', ' ', (byte) 0xFF, ' ', '[', 'M', 'A', 'S', 'K', ']', ' ', 't', 'h', 'r', 'e', 'e',
            ' ', '.', '\n', 'D'};
        assertTrue(Bytes.indexOf(r.stdout(), third) >= 0, "line 3 written back byte for byte: " + r.out());
        assertTrue(r.stderr().contains("line 3: not UTF-8 text; passed through unchanged (the input must be UTF-8:"
                + " convert it first, e.g. iconv -f ISO-8859-1 -t UTF-8 < in.txt > in-utf8.txt)"), r.stderr());
        assertTrue(r.stderr().endsWith("1 of 4 lines passed through unprocessed: line 3; see the messages above"
                + System.lineSeparator()), r.stderr());
    }

    /** UTF-16 input got the hint to convert from ISO-8859-1, which would garble it further: its own conversion. */
    @Test
    void utf16InputIsToldToConvertFromUtf16() {
        byte[] in = "\uFEFFA [MASK] one .\n".getBytes(StandardCharsets.UTF_16LE);
        Run r = DiffusionNlpToolTest.run(in, "Infill", "-tokenized", "-steps", "2");
        assertEquals(CmdTool.FAILED, r.code(), r.stderr());
        assertTrue(r.stderr().contains("line 1: not UTF-8 text but UTF-16 (it starts with a UTF-16 byte-order mark);"
                + " passed through unchanged (the input must be UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8"
                + " < in.txt > in-utf8.txt)"), r.stderr());
    }

    @Test
    void aLineTooLongAndAKeepIndexPastALinesEndAreCounted() {
        String tooLong = "x".repeat(LineTokenizer.MAX_LINE_CHARS + 1);
        Run infill = DiffusionNlpToolTest.run("A [MASK] .\n" + tooLong + "\n", "Infill", "-tokenized", "-steps", "2");
        assertEquals(CmdTool.FAILED, infill.code(), infill.stderr());
        assertEquals(tooLong, infill.lines().get(1));
        assertTrue(infill.stderr().contains("1 of 2 lines passed through unprocessed: line 2"), infill.stderr());

        Run rewrite = DiffusionNlpToolTest.run("one two three four\nshort\n", "Rewrite", "-tokenized", "-keep", "3",
                "-steps", "2");
        assertEquals(CmdTool.FAILED, rewrite.code(), rewrite.stderr());
        assertEquals("short", rewrite.lines().get(1));
        assertTrue(rewrite.stderr().contains("1 of 2 lines passed through unprocessed: line 2"), rewrite.stderr());
    }
}
