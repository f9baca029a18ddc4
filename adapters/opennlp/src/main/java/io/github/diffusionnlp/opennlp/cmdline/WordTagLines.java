package io.github.diffusionnlp.opennlp.cmdline;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import opennlp.tools.postag.POSSample;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.ObjectStream;

/**
 * {@code word_TAG} lines (OpenNLP's POS training format) as samples, for {@code Train} and {@code
 * InfillEvaluator}: a byte-order mark is dropped, blank lines are skipped, and a malformed line or text that
 * is not in the charset is an {@link InvalidFormatException} naming the file (and the line).
 */
final class WordTagLines implements ObjectStream<POSSample> {
    private final BufferedReader reader;
    private final Path file;
    private final Charset charset;
    private final String untagged;
    private int lineNo;
    private int samples;
    private boolean ended;

    /**
     * {@code untagged}: appended to a malformed line's error, saying what the caller's user can do with
     * untagged text.
     */
    WordTagLines(BufferedReader reader, Path file, Charset charset, String untagged) {
        this.reader = reader;
        this.file = file;
        this.charset = charset;
        this.untagged = untagged;
    }

    @Override
    public POSSample read() throws IOException {
        for (String line = nextLine(); line != null; line = nextLine()) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                POSSample sample = POSSample.parse(line.strip());
                samples++;
                return sample;
            } catch (InvalidFormatException e) {
                throw new InvalidFormatException(file + ":" + lineNo + ": not word_TAG tokens (" + e.getMessage()
                        + "); e.g. The_DET jury_NOUN said_VERB ._PUNCT" + untagged);
            }
        }
        ended = true;
        return null;
    }

    /** Whether the file has been read to its end without a sample: it is empty or has only blank lines. */
    boolean isEmptyFile() {
        return ended && samples == 0;
    }

    Path file() {
        return file;
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
            throw new InvalidFormatException(file + ": not " + charset.name() + " text (" + where
                    + "); give the file's encoding with -encoding, e.g. -encoding ISO-8859-1");
        }
    }
}
