package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.corpus.Visible;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.ObjectStream;

/**
 * A {@code -data} file read a sentence a line, for {@code Train} and {@code InfillEvaluator}: a byte-order mark is
 * dropped, blank lines are skipped, and text that is not in the charset is an {@link InvalidFormatException} naming
 * the file; what a line holds is the subclass's to read.
 */
abstract class DataLines<T> implements ObjectStream<T> {
    private final BufferedReader reader;
    private final Path file;
    private final Charset charset;
    private int lineNo;
    private int samples;
    private boolean ended;
    private boolean begun;
    private BooleanSupplier stop = () -> false;

    DataLines(BufferedReader reader, Path file, Charset charset) {
        this.reader = reader;
        this.file = file;
        this.charset = charset;
    }

    /** Whether {@code line} is a comment of the format, skipped as a blank line is; none by default. */
    boolean isComment(String line) {
        return false;
    }

    /** The sentence of a line that is not blank, or an {@link InvalidFormatException} naming {@code where}. */
    abstract T parse(String line, String where) throws IOException;

    @Override
    public T read() throws IOException {
        begun = true;
        for (String line = nextLine(); line != null; line = nextLine()) {
            if (stop.getAsBoolean()) {
                throw new StopReadingOnSignal.ReadingStopped(file, lineNo);
            }
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || isComment(line)) {
                continue;
            }
            T sample = parse(line, Visible.of(file) + ":" + lineNo);
            samples++;
            return sample;
        }
        ended = true;
        return null;
    }

    /** Reading ends, by {@link StopReadingOnSignal.ReadingStopped}, at the first line read once {@code stop} says. */
    void stopWhen(BooleanSupplier stop) {
        this.stop = stop;
    }

    /** Whether the file has been read to its end without a sample: it is empty or has only blank or comment lines. */
    boolean isEmptyFile() {
        return ended && samples == 0;
    }

    /** Whether reading has begun: a training run reads its sentences only once it has checked its parameters. */
    boolean begun() {
        return begun;
    }

    /** Whether the file has been read to its end. */
    boolean ended() {
        return ended;
    }

    Path file() {
        return file;
    }

    /** The charset the file is read in ({@code -encoding}). */
    Charset charset() {
        return charset;
    }

    /**
     * The next line; bytes the charset does not decode are an error saying so (without this, only the
     * decoder's "Input length = 1"). No line number: the reader decodes ahead, so the bad bytes may lie
     * lines further on.
     */
    private String nextLine() throws IOException {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            // "after line 0" read as if a line 0 existed: with nothing read yet, the bad bytes are in the first lines
            String where = lineNo == 0 ? "on its first lines" : "after line " + lineNo;
            if (startsWithUtf16Mark() && !charset.name().equals("UTF-16")) {
                throw new InvalidFormatException(Visible.of(file) + ": not " + charset.name() + " text (it starts with"
                        + " a UTF-16 byte-order mark); give the file's encoding with -encoding UTF-16");
            }
            throw new InvalidFormatException(Visible.of(file) + ": not " + charset.name() + " text (" + where
                    + "); give the file's encoding with -encoding, e.g. -encoding ISO-8859-1");
        }
    }

    /**
     * Whether the file's first bytes are a UTF-16 byte-order mark (FE FF or FF FE, Windows' "Unicode"): its text is
     * then UTF-16, which {@code -encoding UTF-16} reads in either byte order, not the Latin-1 the usual hint names.
     */
    private boolean startsWithUtf16Mark() {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] first = in.readNBytes(2);
            return first.length == 2 && (first[0] == (byte) 0xFE && first[1] == (byte) 0xFF
                    || first[0] == (byte) 0xFF && first[1] == (byte) 0xFE);
        } catch (IOException | RuntimeException e) {
            return false; // the usual hint, then
        }
    }
}
