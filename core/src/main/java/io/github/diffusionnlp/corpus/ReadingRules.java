package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Internal (the trainers'; no compatibility promise), though public for them. The versions of the rules by which a
 * corpus file's text is read into lines and sentences, which a checkpoint records ({@code
 * TrainingInfo.readingRules}) so that a resumed run can tell when the same file, unchanged, reads as other sentences
 * now than it did for the run that wrote the checkpoint: its size and checksum cannot tell that.
 * <ul>
 *   <li>{@link #FIRST}, every build before 2026-12-07 (a record without the field): a line ended at {@code \n}
 *       only (a {@code \r} before it dropped), so a bare {@code \r} ended no line; plain text skipped every line
 *       starting with {@code #} as a comment.
 *   <li>{@link #CURRENT}, since 2026-12-07: a bare {@code \r} ends a line too ({@code TextLines}), and plain text
 *       reads a line such as {@code #MeToo is trending} as a sentence, a comment being {@code #} alone or followed
 *       by whitespace ({@link TaggedCorpus#isPlainComment}). The layout's guess and the layouts of columns did not
 *       change.
 * </ul>
 */
public final class ReadingRules {
    /** The rules of every build before 2026-12-07, which recorded none. */
    public static final int FIRST = 1;
    /** The rules this build reads by. */
    public static final int CURRENT = 2;

    private ReadingRules() {}

    /**
     * What in {@code file} (decompressed, for {@code .gz}), read as {@code readAs} (the layout the reading took, the
     * guess in place of auto), reads otherwise by {@link #CURRENT} than by {@link #FIRST}, its first instance, or null
     * when the two read it alike: it holds no {@code \r}
     * but before a {@code \n} (or as its last byte), and, read as plain text, no line starting with {@code #} that is
     * no comment now. Reads the file once.
     */
    public static Changed changedSinceFirst(Path file, CorpusLayout readAs) throws IOException {
        boolean plain = readAs == CorpusLayout.PLAIN;
        try (InputStream in = open(file)) {
            byte[] chunk = new byte[1 << 16];
            long line = 1;
            boolean atLineStart = true;
            boolean afterCr = false;
            boolean bomChecked = false;
            byte[] hashLine = null; // the line being read when it starts with #, plain text only
            int hashLength = 0;
            Changed hash = null; // the first # line read as a sentence now
            // whole chunks (a gzip stream may give a few bytes a read): the first holds a byte-order mark whole
            for (int n = in.readNBytes(chunk, 0, chunk.length); n > 0; n = in.readNBytes(chunk, 0, chunk.length)) {
                int from = 0;
                if (!bomChecked && n > 0) {
                    bomChecked = true;
                    if (n >= 3 && (chunk[0] & 0xff) == 0xEF && (chunk[1] & 0xff) == 0xBB && (chunk[2] & 0xff) == 0xBF) {
                        from = 3; // no part of line 1, by either rule
                    }
                }
                for (int i = from; i < n; i++) {
                    byte b = chunk[i];
                    if (afterCr) {
                        afterCr = false;
                        if (b != '\n') {
                            return new Changed(Kind.BARE_CR, line, null);
                        }
                    }
                    if (b == '\r') {
                        afterCr = true;
                        continue;
                    }
                    if (b == '\n') {
                        if (hashLine != null && hash == null) {
                            hash = hashSentence(hashLine, hashLength, line);
                        }
                        hashLine = null;
                        line++;
                        atLineStart = true;
                        continue;
                    }
                    if (atLineStart) {
                        atLineStart = false;
                        if (plain && hash == null && b == '#') {
                            hashLine = new byte[64];
                            hashLength = 0;
                        }
                    }
                    if (hashLine != null) {
                        if (hashLength == hashLine.length) {
                            hashLine = Arrays.copyOf(hashLine, hashLength * 2);
                        }
                        hashLine[hashLength++] = b;
                    }
                }
            }
            // a \r as the last byte ended the last line by either rule
            if (hashLine != null && hash == null) {
                hash = hashSentence(hashLine, hashLength, line);
            }
            return hash;
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (!file.toString().endsWith(".gz")) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** The {@code #} line {@code line} when plain text reads it as a sentence now, else null (a comment by both). */
    private static Changed hashSentence(byte[] bytes, int length, long line) {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        return TaggedCorpus.isPlainComment(text) ? null : new Changed(Kind.HASH_SENTENCE, line, text);
    }

    /** What reads otherwise. */
    public enum Kind {
        /** A {@code \r} not before a {@code \n}: it ends a line now, and ended none. */
        BARE_CR,
        /** A line of plain text that starts with {@code #} and is no comment now: a sentence now, skipped before. */
        HASH_SENTENCE
    }

    /**
     * The first thing that reads otherwise: its kind, its line (counted at {@code \n}, as the first rules counted
     * them) and, for a {@code #} line, the line (else null).
     */
    public record Changed(Kind kind, long line, String text) {}
}
