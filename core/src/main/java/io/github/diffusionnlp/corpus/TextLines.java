package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A corpus file's lines, each decoded from the file's bytes when it is asked for. Every line is checked once, as
 * it is found, so that a NUL byte or invalid UTF-8 is refused naming its line before anything is read; but only
 * where each line starts is kept, 4 bytes a line: a {@code List<String>} of a CoNLL-U file's lines took about three
 * times the file's bytes (a String of 25 characters is some 65 bytes), beside the bytes themselves. A line ends at
 * {@code \n}, a {@code \r} before it dropped; a UTF-8 byte-order mark at the file's start is no part of line 1.
 */
final class TextLines extends AbstractList<String> implements RandomAccess {
    private final byte[] bytes;
    /** Where line {@code i} starts; {@code starts[i + 1] - 1} is the {@code \n} that ends it, or the text's end. */
    private final int[] starts;
    private final int count;

    TextLines(Path file, byte[] bytes) throws IOException {
        this.bytes = bytes;
        CharsetDecoder utf8 = strictUtf8();
        int[] found = new int[1024];
        int lines = 0;
        int start = startsWithByteOrderMark(bytes) ? 3 : 0;
        while (start < bytes.length) {
            int end = start;
            boolean ascii = true; // valid UTF-8 as it is
            while (end < bytes.length && bytes[end] != '\n') {
                if (bytes[end] == 0) {
                    throw new IOException(file + ":" + (lines + 1) + ": a NUL byte; a corpus is text, and this"
                            + " file is not");
                }
                ascii &= bytes[end] >= 0;
                end++;
            }
            try {
                if (!ascii) {
                    utf8.decode(ByteBuffer.wrap(bytes, start, stop(start, end) - start)); // checked, kept as bytes
                }
            } catch (CharacterCodingException e) {
                throw new IOException(file + ":" + (lines + 1) + ": not valid UTF-8; convert the corpus to"
                        + " UTF-8 (e.g. iconv -f latin1 -t utf-8)", e);
            }
            if (lines + 1 >= found.length) {
                found = Arrays.copyOf(found, found.length * 2);
            }
            found[lines++] = start;
            start = end + 1;
        }
        found[lines] = start; // one past the last line's end, as if a \n followed it
        this.starts = Arrays.copyOf(found, lines + 1);
        this.count = lines;
    }

    private static boolean startsWithByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    /** Where the line from {@code start} to its {@code \n} at {@code end} stops: before a {@code \r} there. */
    private int stop(int start, int end) {
        return end > start && bytes[end - 1] == '\r' ? end - 1 : end;
    }

    @Override
    public String get(int index) {
        java.util.Objects.checkIndex(index, count);
        int start = starts[index];
        int end = Math.min(bytes.length, starts[index + 1] - 1);
        // checked as strict UTF-8 when it was found, so this decoder (which would replace what is wrong) finds
        // nothing to replace, and it is the faster one
        return new String(bytes, start, stop(start, end) - start, StandardCharsets.UTF_8);
    }

    @Override
    public int size() {
        return count;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
