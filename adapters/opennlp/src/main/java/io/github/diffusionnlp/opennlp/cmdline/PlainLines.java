package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.corpus.PtbTags;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Untagged sentences, one a line, tokens separated by white space, for {@code Train -format plain}: split as core's
 * {@code --layout plain} splits a line ({@link TaggedCorpus#TOKEN}: Unicode's White_Space, no-break spaces included),
 * so that the words are the ones core's own training would read. A file of {@code word_TAG} lines reads as plain
 * text too, each token a word, tag and all: when every token of its first {@value #LOOKED_AT} lines looks so, a
 * warning says so once, naming {@code -format tagged}.
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

    @Override
    String[] parse(String line, String where) {
        return TaggedCorpus.TOKEN.matcher(line).results().map(java.util.regex.MatchResult::group)
                .toArray(String[]::new);
    }

    /**
     * Whether a token reads as {@code word_TAG} with a UD UPOS or Penn Treebank tag, in any case, a joined tag by its
     * first part ({@code can't_AUX+PART}), as the tagged reader takes them.
     */
    static boolean looksTagged(String token) {
        int cut = token.lastIndexOf('_');
        if (cut <= 0 || cut == token.length() - 1) {
            return false;
        }
        String tag = token.substring(cut + 1).toUpperCase(Locale.ROOT);
        String first = tag.indexOf('+') > 0 ? tag.substring(0, tag.indexOf('+')) : tag;
        return PtbTags.isUpos(first) || PtbTags.isPtb(first);
    }
}
