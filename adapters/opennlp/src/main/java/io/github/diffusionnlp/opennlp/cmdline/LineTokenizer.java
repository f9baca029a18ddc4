package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.Utf8Lines;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.EnglishText;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.MatchResult;
import opennlp.tools.util.Span;

/**
 * How the line tools turn an input line into sentences of tokens: whitespace-separated with {@code -tokenized},
 * else by OpenNLP's English models, with a message on stderr naming a line that passes through unprocessed.
 */
final class LineTokenizer {
    /** Longer input lines pass through unchanged, with a message. */
    static final int MAX_LINE_CHARS = 1_000_000;

    private LineTokenizer() {}

    /**
     * The sentences of a line as tokens and, for raw text, the tokens' character spans in the line's text (null for
     * {@code -tokenized} input), so that detokenized output can write only the new words into the text.
     */
    record LineTokens(List<String[]> sentences, List<Span[]> spans) {
        /** A line with no token (blank, or spacing that String.isBlank does not count). */
        static final LineTokens BLANK = new LineTokens(List.of(), null);

        boolean isBlank() {
            return sentences.isEmpty();
        }
    }

    /**
     * Why raw text (no {@code -tokenized}) cannot go to this model, or null when it can: its package says another
     * language than English, whose words OpenNLP's English sentence detector and tokenizer would cut as English
     * ({@code l'école} into {@code l} and {@code 'école}), tokens the model never saw in training. Refused rather
     * than warned of: every line would be split wrong, and OpenNLP's own tools take whitespace-separated tokens.
     */
    static String rawTextRefusal(DiffusionModel model, boolean tokenized) {
        if (tokenized || DiffusionModel.isEnglish(model.getLanguage())) {
            return null;
        }
        return "-tokenized false (the default) splits raw text into sentences and tokens with OpenNLP's English"
                + " models, and this model's language is '" + model.getLanguage() + "' (its package's Language),"
                + " whose words they would cut as English (l'école into l and 'école); give one sentence a line, its"
                + " tokens separated by spaces as in the model's training corpus (OpenNLP's SentenceDetector and"
                + " TokenizerME do that with models of the language), and pass -tokenized true";
    }

    /**
     * The sentences of one line as tokens (whitespace-separated with {@code tokenized}, else by
     * OpenNLP's English models), or null when the line passes through as it is: blank, not UTF-8
     * text, longer than {@value #MAX_LINE_CHARS} characters or not tokenizable (the last three with a
     * message on stderr naming the line).
     */
    static List<String[]> sentencesOf(Utf8Lines.Line line, boolean tokenized, EnglishText english, PrintStream err) {
        LineTokens tokens = tokensOf(line, tokenized, english, err);
        return tokens == null || tokens.isBlank() ? null : tokens.sentences();
    }

    /**
     * {@link #sentencesOf}, with the tokens' spans in the line's text when it is raw text: {@link LineTokens#BLANK}
     * for a line with no token, null for one that cannot be processed (named on stderr).
     */
    static LineTokens tokensOf(Utf8Lines.Line line, boolean tokenized, EnglishText english, PrintStream err) {
        return tokensOf(line, tokenized, english, err, "passed through unchanged");
    }

    /**
     * As {@link #tokensOf(Utf8Lines.Line, boolean, EnglishText, PrintStream)}, its messages saying {@code instead}
     * what the tool does with a line it cannot process ("no rows written" for a tool that writes rows, not lines).
     */
    static LineTokens tokensOf(Utf8Lines.Line line, boolean tokenized, EnglishText english, PrintStream err,
            String instead) {
        if (!line.isText()) {
            // Infill and Rewrite take no -encoding (their output is UTF-8 too): the input is to be converted
            boolean utf16 = line.startsAsUtf16();
            err.println("line " + line.number() + ": not UTF-8 text" + (utf16 ? " but UTF-16 (it starts with a UTF-16"
                    + " byte-order mark)" : "") + "; " + instead + " (the input must be UTF-8: convert it first, e.g."
                    + " iconv -f " + (utf16 ? "UTF-16" : "ISO-8859-1") + " -t UTF-8 < in.txt > in-utf8.txt)");
            return null;
        }
        String text = line.text();
        if (text.isBlank()) {
            return LineTokens.BLANK;
        }
        if (text.length() > MAX_LINE_CHARS) {
            err.println("line " + line.number() + ": longer than " + MAX_LINE_CHARS
                    + " characters; " + instead);
            return null;
        }
        List<String[]> sentences;
        List<Span[]> spans = null;
        try {
            if (tokenized) {
                sentences = List.<String[]>of(whitespaceTokens(text));
            } else {
                spans = english.sentenceSpans(text);
                sentences = spans.stream().map(s -> Span.spansToStrings(s, text)).toList();
            }
        } catch (RuntimeException e) {
            err.println("line " + line.number() + ": cannot be tokenized (" + CmdTool.message(e)
                    + "); " + instead);
            return null;
        }
        // Spacing that String.isBlank does not count (a line of no-break spaces) holds no token either: it
        // passes through as it is, like a blank line, rather than being written as an empty one.
        return sentences.isEmpty() || sentences.get(0).length == 0 ? LineTokens.BLANK
                : new LineTokens(sentences, spans);
    }

    /**
     * The whitespace-separated tokens of {@code -tokenized} input, split as core splits its input and
     * corpora ({@link TaggedCorpus#TOKEN}). Not {@code trim().split("\\s+")}: {@code trim} also strips
     * the control characters U+0001 to U+001F at either end of the line, which are not spacing, so a first
     * or last token made of them vanished or lost characters; and {@code \s} does not match a no-break
     * space, so a [MASK] after one was part of an unknown token, never filled.
     */
    static String[] whitespaceTokens(String text) {
        return TaggedCorpus.TOKEN.matcher(text).results().map(MatchResult::group).toArray(String[]::new);
    }
}
