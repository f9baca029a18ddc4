package io.github.diffusionnlp.opennlp.cmdline;

import java.io.BufferedReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;
import opennlp.tools.postag.POSSample;
import opennlp.tools.tokenize.WhitespaceTokenizer;
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
            throw new InvalidFormatException(where + ": not word_TAG tokens (" + untaggedToken(line)
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

    /** Tokens longer than this are quoted by their start and length. */
    static final int QUOTED_CHARS = 60;

    /**
     * The token {@link POSSample#parse} refused, one without {@code _}, by its position and, when longer than {@value
     * #QUOTED_CHARS} characters, its start and length: OpenNLP's message quotes it whole, and a file read in the wrong
     * {@code -encoding} (UTF-8 text as UTF-16: no line break, every two bytes one CJK character) is one token, so the
     * message was the whole file, 64 KB on one line for 300 sentences. Such a token is text not in its charset far
     * more often than a word, so the message then names the charset it was read in.
     */
    private String untaggedToken(String line) {
        String[] tokens = WhitespaceTokenizer.INSTANCE.tokenize(line.strip());
        int i = 0;
        while (i < tokens.length - 1 && tokens[i].contains("_")) {
            i++;
        }
        String token = tokens[i];
        if (token.codePointCount(0, token.length()) <= QUOTED_CHARS) {
            return "token " + (i + 1) + ", '" + token + "', has no _ before a tag";
        }
        return String.format(Locale.ROOT, "token %d, '%s...' (%,d characters), has no _ before a tag; the file was"
                + " read as %s: if that is not its encoding, give its own with -encoding", i + 1,
                token.substring(0, token.offsetByCodePoints(0, QUOTED_CHARS)), token.codePointCount(0, token.length()),
                charset().name());
    }
}
