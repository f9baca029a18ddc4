package io.github.diffusionnlp.corpus;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A corpus file's lines, read from the file again for each pass over them ({@link #pass}), none of its text held
 * between passes. {@link #of} reads it once first, checking every line as it is found, so that a NUL byte or invalid
 * UTF-8 is refused naming its line before any line is parsed, and counting them. The text used to be read whole into
 * one array, which capped a corpus at 2 GB whatever the heap (and told its user to give Java more memory, which did
 * not help) and held the corpus's bytes beside its sentences. A line ends at {@code \n}, {@code \r\n} or a bare
 * {@code \r} (old Mac files), as {@code BufferedReader} and {@link Utf8Lines} end one: a bare {@code \r} ending no
 * line read a file of them as one line (a CoNLL-U file as its first word); a UTF-8 byte-order mark at the file's start
 * is no part of line 1.
 */
final class TextLines {
    /** Opens the file's text from its start (decompressed, for a gzip file): once for each pass. */
    interface Source {
        InputStream open() throws IOException;
    }

    /**
     * Lines a pass keeps behind the one last read: a CoNLL-U multiword token's parts are looked at ahead of its range
     * line and then read again, a few lines back.
     */
    static final int BEHIND = 1 << 12;

    private final Path file;
    private final Source source;
    private final int count;
    private final String first;

    private TextLines(Path file, Source source, int count, String first) {
        this.file = file;
        this.source = source;
        this.count = count;
        this.first = first;
    }

    /**
     * The lines of {@code file}'s text, which {@code source} opens, read through once to check and count them:
     * refused when the text starts as UTF-16 or holds a NUL byte or invalid UTF-8 (naming the line). {@code check}
     * runs every few thousand lines and may throw (unchecked) to stop the reading. {@code watch}, given the first line,
     * says what else is to see every line, the first too, once it is checked (null: nothing), so that what needs every
     * line (the layout's guess) needs no pass of its own. Its size is not capped: what a corpus takes of memory is its
     * sentences ({@link CorpusMemory}), not its text.
     */
    static TextLines of(Path file, Source source, Runnable check, Function<String, Consumer<String>> watch)
            throws IOException {
        CharsetDecoder utf8 = strictUtf8();
        int lines = 0;
        String first = null;
        Consumer<String> watcher = null;
        try (Scanner scanner = new Scanner(file, source.open())) {
            if (scanner.startsAsUtf16()) {
                // what Windows editors save as "Unicode": without this it read as "a NUL byte ... not text"
                throw new IOException(Visible.of(file) + ": UTF-16 text (it starts with a UTF-16 byte-order mark);"
                        + " convert the corpus to UTF-8 (e.g. iconv -f utf-16 -t utf-8)");
            }
            while (scanner.next(lines)) {
                if (lines % CheckedList.EVERY == 0) {
                    check.run();
                }
                if (lines == Integer.MAX_VALUE - 8) {
                    throw new IOException(Visible.of(file) + " holds more than " + lines + " lines, more than a corpus"
                            + " may hold");
                }
                if (scanner.nul) {
                    throw new IOException(Visible.of(file) + ":" + (lines + 1) + ": a NUL byte; a corpus is text, and"
                            + " this file is not");
                }
                boolean ascii = true; // valid UTF-8 as it is
                for (int i = scanner.start; i < scanner.end; i++) {
                    ascii &= scanner.bytes[i] >= 0;
                }
                try {
                    if (!ascii) {
                        utf8.decode(ByteBuffer.wrap(scanner.bytes, scanner.start, scanner.end - scanner.start));
                    }
                } catch (CharacterCodingException e) {
                    throw new IOException(Visible.of(file) + ":" + (lines + 1) + ": not valid UTF-8; convert the corpus"
                            + " to UTF-8 (e.g. iconv -f latin1 -t utf-8)", e);
                }
                if (lines == 0) {
                    first = scanner.text();
                    watcher = watch.apply(first);
                }
                if (watcher != null) {
                    watcher.accept(lines == 0 ? first : scanner.text());
                }
                lines++;
            }
        }
        return new TextLines(file, source, lines, first);
    }

    /** How many lines the text holds. */
    int size() {
        return count;
    }

    /** The text's first line alone (none when it is empty), kept from the check: all a CoNLL-U Plus header needs. */
    List<String> firstLine() {
        return first == null ? List.of() : List.of(first);
    }

    /**
     * A pass over the lines from the first: got in order (any line up to {@link #BEHIND} lines back got again), each
     * decoded as it is read; closed, or read to its end, it lets go of the file. An error reading the file again
     * (changed since it was checked) is thrown as an {@link UncheckedIOException}.
     */
    Pass pass() throws IOException {
        return new Pass(new Scanner(file, source.open()));
    }

    /** The lines of one pass: a list, so that the readers (the layout guess, the parsers) index them as they did. */
    final class Pass extends AbstractList<String> implements RandomAccess, Closeable {
        private final Scanner scanner;
        private final String[] recent = new String[BEHIND];
        /** The index of the next line the scanner gives. */
        private int next;

        private Pass(Scanner scanner) {
            this.scanner = scanner;
        }

        @Override
        public String get(int index) {
            Objects.checkIndex(index, count);
            if (index < next - BEHIND) {
                throw new IllegalStateException("line " + (index + 1) + " of " + Visible.of(file) + " is behind this"
                        + " pass (at line " + next + "); a pass reads forward");
            }
            try {
                while (next <= index) {
                    if (!scanner.next(next) || scanner.nul) {
                        throw new IOException(Visible.of(file) + " changed while it was read: it now ends at line "
                                + next + ", where it had " + count + " lines");
                    }
                    recent[next % BEHIND] = scanner.text();
                    next++;
                }
                if (next == count) {
                    scanner.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return recent[index % BEHIND];
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public void close() throws IOException {
            scanner.close();
        }
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The lines of a stream, one at a time, each as {@link #bytes} from {@link #start} to {@link #end} (its
     * {@code \n}, {@code \r\n} or bare {@code \r} left out): in the chunk read, or copied out of it when it spans
     * two. A NUL byte ends the line it is on at once ({@link #nul}), so that a binary file without line ends is refused
     * by its first, not read whole as one line.
     */
    private static final class Scanner implements Closeable {
        private final Path file;
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int position;
        private int limit;
        /** A line that spans chunks, put together. */
        private byte[] joined = new byte[256];
        private boolean closed;
        byte[] bytes;
        int start;
        int end;
        /** How many bytes of the text have been read. */
        long read;
        /** The line found ended at a NUL byte. */
        boolean nul;
        /** The line found ended at a {@code \r}: a {@code \n} next (in this chunk or the next) ends it too. */
        private boolean afterCr;

        Scanner(Path file, InputStream in) throws IOException {
            this.file = file;
            this.in = in;
            fill();
            if (limit >= 3 && chunk[0] == (byte) 0xEF && chunk[1] == (byte) 0xBB && chunk[2] == (byte) 0xBF) {
                position = 3; // a byte-order mark is no part of a word: left out
            }
        }

        boolean startsAsUtf16() {
            return limit >= 2 && ((chunk[0] == (byte) 0xFF && chunk[1] == (byte) 0xFE)
                    || (chunk[0] == (byte) 0xFE && chunk[1] == (byte) 0xFF));
        }

        private boolean fill() throws IOException {
            position = 0;
            limit = closed ? 0 : Math.max(0, in.readNBytes(chunk, 0, chunk.length));
            read += limit;
            return limit > 0;
        }

        /** Moves to the next line, the {@code index}th (from 0); false at the text's end. */
        boolean next(int index) throws IOException {
            int length = 0; // of the line put together in joined, when it spans chunks
            boolean spans = false;
            nul = false;
            while (true) {
                if (position == limit && !fill()) {
                    if (!spans) {
                        return false;
                    }
                    return found(joined, 0, length);
                }
                if (afterCr) {
                    afterCr = false;
                    if (chunk[position] == '\n') {
                        position++; // the rest of the last line's \r\n
                        continue;
                    }
                }
                int from = position;
                int at = from;
                while (at < limit && chunk[at] != '\n' && chunk[at] != '\r' && chunk[at] != 0) {
                    at++;
                }
                nul = at < limit && chunk[at] == 0;
                afterCr = at < limit && chunk[at] == '\r';
                if (at < limit && !spans) {
                    position = at + 1;
                    return found(chunk, from, at);
                }
                if ((long) length + (at - from) > Integer.MAX_VALUE - 8) {
                    throw new IOException(Visible.of(file) + ":" + (index + 1) + ": a line of more than 2 GB: the file"
                            + " is not lines of text or has lost its line ends");
                }
                if (length + (at - from) > joined.length) {
                    joined = Arrays.copyOf(joined, (int) Math.min(Integer.MAX_VALUE - 8,
                            Math.max(2L * joined.length, length + (at - from))));
                }
                System.arraycopy(chunk, from, joined, length, at - from);
                length += at - from;
                spans = true;
                if (at < limit) {
                    position = at + 1;
                    return found(joined, 0, length);
                }
                position = limit;
            }
        }

        /** The line's text: checked as strict UTF-8 by {@link #of}, so this decoder finds nothing to replace. */
        String text() {
            return new String(bytes, start, end - start, StandardCharsets.UTF_8);
        }

        private boolean found(byte[] in, int from, int to) {
            bytes = in;
            start = from;
            end = to;
            return true;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                in.close();
            }
        }
    }
}
