package io.github.diffusionnlp.opennlp.cmdline;

import java.io.BufferedReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import opennlp.tools.postag.POSSample;
import opennlp.tools.util.InvalidFormatException;

/**
 * {@code word_TAG} lines (OpenNLP's POS training format) as samples, for {@code Train} and {@code
 * InfillEvaluator}: read as {@link DataLines} reads, a malformed line being an {@link InvalidFormatException} naming
 * the file and the line.
 */
final class WordTagLines extends DataLines<POSSample> {
    private final String untagged;

    /**
     * {@code untagged}: appended to a malformed line's error, saying what the caller's user can do with
     * untagged text.
     */
    WordTagLines(BufferedReader reader, Path file, Charset charset, String untagged) {
        super(reader, file, charset);
        this.untagged = untagged;
    }

    @Override
    POSSample parse(String line, String where) throws InvalidFormatException {
        POSSample sample;
        try {
            sample = POSSample.parse(line.strip());
        } catch (InvalidFormatException e) {
            throw new InvalidFormatException(where + ": not word_TAG tokens (" + e.getMessage()
                    + "); e.g. The_DET jury_NOUN said_VERB ._PUNCT" + untagged);
        }
        // OpenNLP reads "_NOUN" as an empty word tagged NOUN; the corpus writer would refuse it only after every line
        // was read, naming a sentence count rather than this line
        String[] words = sample.getSentence();
        for (int i = 0; i < words.length; i++) {
            if (words[i].isEmpty()) {
                throw new InvalidFormatException(where + ": token " + (i + 1) + " \"_" + sample.getTags()[i]
                        + "\" has no word before its tag; write word_TAG, e.g. The_DET jury_NOUN said_VERB ._PUNCT");
            }
        }
        return sample;
    }
}
