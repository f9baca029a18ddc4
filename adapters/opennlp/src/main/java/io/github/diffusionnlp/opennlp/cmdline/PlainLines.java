package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.opennlp.EnglishPosTagger;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Untagged sentences, one a line, tokens separated by white space, for {@code Train -format plain}: split as core's
 * {@code --layout plain} splits a line ({@link TaggedCorpus#TOKEN}: Unicode's White_Space, no-break spaces included),
 * so that the words are the ones core's own training would read; its comment lines are skipped as core skips them. A
 * file of {@code word_TAG} lines reads as plain text too, each token a word, tag and all: when every token of its
 * first {@value #LOOKED_AT} lines looks so, a warning says so once, naming {@code -format tagged}.
 */
final class PlainLines extends DataLines<String[]> {
    /** How many lines are looked at for tags: enough that plain text is never all word_TAG by chance. */
    static final int LOOKED_AT = 10;
    private final PrintStream warnings;
    private int lines;
    private boolean allTagged = true;
    private String example;

    PlainLines(BufferedReader reader, Path file, Charset charset, PrintStream warnings) {
        super(reader, file, charset);
        this.warnings = warnings;
    }

    @Override
    public String[] read() throws IOException {
        String[] tokens = super.read();
        if (lines < LOOKED_AT && tokens != null && tokens.length > 0) {
            lines++;
            for (String token : tokens) {
                allTagged &= looksTagged(token);
            }
            example = example == null ? tokens[0] : example;
            if (lines == LOOKED_AT) {
                warnIfTagged();
            }
        } else if (tokens == null && lines < LOOKED_AT) { // a short file, read to its end
            warnIfTagged();
        }
        return tokens;
    }

    private void warnIfTagged() {
        if (allTagged && lines > 0) {
            warnings.printf(Locale.ROOT, "warning: -data %s: every token of its first %s looks like word_TAG (%s),"
                    + " and -format plain trains each as one word, tag and all; give -format tagged (the default) to"
                    + " train on the tags%n", file(), lines == 1 ? "line" : lines + " lines", example);
            allTagged = false; // said once
        }
    }

    /**
     * A comment line of plain text ({@code #} alone or before white space), skipped as core's {@code --layout plain}
     * skips it ({@link TaggedCorpus#isPlainComment}), so that both train on the same sentences of one file.
     */
    @Override
    boolean isComment(String line) {
        return TaggedCorpus.isPlainComment(line);
    }

    @Override
    String[] parse(String line, String where) {
        return TaggedCorpus.TOKEN.matcher(line).results().map(java.util.regex.MatchResult::group)
                .toArray(String[]::new);
    }

    /**
     * Whether a token reads as {@code word_TAG} whose tag the tagged reader trains as a tag: split at its last
     * {@code _}, as OpenNLP's {@code POSSample.parse} splits it ({@code snake_case_NOUN} is {@code snake_case} and
     * NOUN), a word before it, and a tag by {@link EnglishPosTagger#isTrainedAsTag}'s rule.
     */
    static boolean looksTagged(String token) {
        int cut = token.lastIndexOf('_');
        return cut > 0 && EnglishPosTagger.isTrainedAsTag(token.substring(cut + 1));
    }
}
