package io.github.diffusionnlp.opennlp;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.DetokenizationDictionary;
import opennlp.tools.tokenize.Detokenizer;
import opennlp.tools.tokenize.DictionaryDetokenizer;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import opennlp.tools.util.StringUtil;

/**
 * English text in and out, with OpenNLP's own tools: sentences from {@link SentenceDetectorME} and
 * tokens from {@link TokenizerME} with the UD English-EWT models of Maven Central
 * ({@code opennlp-models-sentdetect-en}, {@code opennlp-models-tokenizer-en} 1.3.0, read from the
 * classpath, never downloaded), and a {@link DictionaryDetokenizer}. No English detokenizer dictionary
 * ships in Maven Central, so the rules are this module's {@value #DETOKENIZER_RULES}.
 *
 * <p>{@value InfillerME#MASK} in raw text stays one token: the text around it is tokenized piece by
 * piece, so the tokenizer never splits it into {@code [ MASK ]}.
 *
 * <p>The OpenNLP models are loaded once and shared; {@link #tokenize} and {@link #sentences} make
 * their own {@code XME} instances per call, so an {@code EnglishText} may serve many threads.
 */
public final class EnglishText {
    public static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    public static final String TOKENIZER_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    public static final String DETOKENIZER_RULES = "/io/github/diffusionnlp/opennlp/en-detokenizer.xml";
    /** Whitespace-delimited runs longer than this are one token, not split by {@link TokenizerME}. */
    public static final int LONG_TOKEN_CHARS = 1000;
    /** What the sentence detector reads in place of the end-of-sentence characters inside a long run. */
    private static final char OPAQUE = '_';

    /** Loaded at the first {@link #get}; a failed load is tried again at the next. */
    private static final Supplier<EnglishText> SHARED = Suppliers.memoize(() -> {
        try {
            return new EnglishText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the OpenNLP English models from the classpath", e);
        }
    });

    private final SentenceModel sentenceModel;
    private final TokenizerModel tokenizerModel;

    private EnglishText() throws IOException {
        sentenceModel = new SentenceModel(resource(SENTENCE_MODEL));
        tokenizerModel = new TokenizerModel(resource(TOKENIZER_MODEL));
    }

    /** The shared instance; the first call loads the models (about a second). */
    public static EnglishText get() {
        return SHARED.get();
    }

    /**
     * The English detokenizer alone (no models loaded): the dictionary's rules and {@link SingleQuoteDetokenizer}'s.
     */
    public static Detokenizer detokenizer() {
        // this jar's own file: read from this class's module, which finds it in a named module too
        try (InputStream in = EnglishText.class.getResourceAsStream(DETOKENIZER_RULES)) {
            if (in == null) {
                throw new IOException(DETOKENIZER_RULES + " is missing from the diffusion-nlp-opennlp jar");
            }
            return new SingleQuoteDetokenizer(new DetokenizationDictionary(new BufferedInputStream(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DETOKENIZER_RULES, e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        return ModelJarResource.open(name, "its OpenNLP model jar");
    }

    /** The sentences of a text, each as tokens, with {@value InfillerME#MASK} kept whole. */
    public List<String[]> sentences(String text) {
        return sentenceSpans(text).stream().map(spans -> Span.spansToStrings(spans, text)).toList();
    }

    /**
     * The sentences of a text, each as the character spans of its tokens in {@code text} ({@link #sentences} gives
     * the tokens they cover): a tool that writes new words into the text at their spans keeps every other character
     * as it was, where joining the tokens again would not (the tokenizer splits "555-1234" into "555" "-1234"; the
     * numbers it splits into runs of digits are joined again, {@link #addTokens}).
     */
    public List<Span[]> sentenceSpans(String text) {
        SentenceDetectorME detector = new SentenceDetectorME(sentenceModel);
        TokenizerME tokenizer = new TokenizerME(tokenizerModel);
        List<Span[]> out = new ArrayList<>();
        for (Span s : detector.sentPosDetect(withLongRunsOpaque(text))) {
            List<Span> tokens = new ArrayList<>();
            tokenize(tokenizer, s.getCoveredText(text).toString(), s.getStart(), tokens);
            if (!tokens.isEmpty()) {
                out.add(tokens.toArray(Span[]::new));
            }
        }
        return out;
    }

    /**
     * The text as {@link SentenceDetectorME} reads it: in every whitespace-delimited run longer than
     * {@value #LONG_TOKEN_CHARS} characters (which the tokenizer keeps as one token), each
     * end-of-sentence character but the run's last is replaced by {@value #OPAQUE}; the length stays, so
     * the detector's spans fit {@code text}. The detector looks for the whitespace after every such
     * character, so its time grew with the square of a run's length (100,000 full stops: 4.6 s; a
     * 1,000,000-character line, the tools' limit: about eight minutes by that square law, not run), yet of a run it
     * only ever weighs the last one, which stays: a sentence still ends after a long run as before.
     */
    private String withLongRunsOpaque(String text) {
        char[] enders = sentenceModel.getEosCharacters();
        char[] chars = null; // copied only when a long run has enders to hide
        for (Span run : longRuns(text)) {
            int last = run.getEnd() - 1;
            while (last >= run.getStart() && !isOneOf(text.charAt(last), enders)) {
                last--;
            }
            for (int j = run.getStart(); j < last; j++) {
                if (isOneOf(text.charAt(j), enders)) {
                    chars = chars == null ? text.toCharArray() : chars;
                    chars[j] = OPAQUE;
                }
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** The whitespace-delimited runs of {@code text} longer than {@value #LONG_TOKEN_CHARS} characters, in order. */
    private static List<Span> longRuns(String text) {
        List<Span> runs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (StringUtil.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && !StringUtil.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i - start > LONG_TOKEN_CHARS) {
                runs.add(new Span(start, i));
            }
        }
        return runs;
    }

    private static boolean isOneOf(char c, char[] chars) {
        for (char x : chars) {
            if (c == x) {
                return true;
            }
        }
        return false;
    }

    /** The tokens of one sentence, with {@value InfillerME#MASK} kept whole. */
    public String[] tokenize(String sentence) {
        List<Span> spans = new ArrayList<>();
        tokenize(new TokenizerME(tokenizerModel), sentence, 0, spans);
        return Span.spansToStrings(spans.toArray(Span[]::new), sentence);
    }

    /** Adds the spans of the tokens of {@code text}, shifted by {@code offset}, to {@code spans}. */
    private static void tokenize(TokenizerME tokenizer, String text, int offset, List<Span> spans) {
        int from = 0;
        while (from <= text.length()) {
            int mask = text.indexOf(InfillerME.MASK, from);
            int end = mask < 0 ? text.length() : mask;
            String piece = text.substring(from, end);
            if (!piece.isBlank()) {
                tokenizeInto(tokenizer, piece, offset + from, spans);
            }
            if (mask < 0) {
                break;
            }
            spans.add(new Span(offset + mask, offset + mask + InfillerME.MASK.length()));
            from = mask + InfillerME.MASK.length();
        }
    }

    /**
     * The token spans of a piece of text (shifted by {@code offset}), by {@link TokenizerME} except that a
     * whitespace-delimited run longer than {@value #LONG_TOKEN_CHARS} characters (a base64 blob, a minified line) is
     * one token as it is. {@code TokenizerME} builds prefix and suffix features at every character of a run, so its
     * time grows with the square of the run's length: a 200,000-character run took a minute, a 1 MB one most of an
     * hour. It splits runs one by one, so tokenizing the text between long runs gives what it would give.
     */
    private static void tokenizeInto(TokenizerME tokenizer, String piece, int offset, List<Span> spans) {
        int from = 0; // start of the text not yet tokenized
        for (Span run : longRuns(piece)) {
            addTokens(tokenizer, piece.substring(from, run.getStart()), offset + from, spans);
            addSeparated(piece, run.getStart(), run.getEnd(), offset, spans);
            from = run.getEnd();
        }
        addTokens(tokenizer, piece.substring(from), offset + from, spans);
    }

    /**
     * Adds the {@link TokenizerME} tokens of {@code text}, shifted by {@code offset}, to {@code spans}, a number it
     * split whole again: it splits some runs of digits ("614" into "61" "4", "1415" into "14" "15"), so the model,
     * {@code -keep} indexes and whitespace-separated output saw two tokens. Pieces that touch in the text (no
     * character between them) and are both all digits are one token with the joined span.
     */
    private static void addTokens(TokenizerME tokenizer, String text, int offset, List<Span> spans) {
        if (text.isBlank()) {
            return;
        }
        Span last = null;
        for (Span t : tokenizer.tokenizePos(text)) {
            if (last != null && last.getEnd() == t.getStart() && allDigits(text, last) && allDigits(text, t)) {
                last = new Span(last.getStart(), t.getEnd());
                continue;
            }
            if (last != null) {
                addSeparated(text, last.getStart(), last.getEnd(), offset, spans);
            }
            last = t;
        }
        if (last != null) {
            addSeparated(text, last.getStart(), last.getEnd(), offset, spans);
        }
    }

    /**
     * Adds the span {@code [start, end)} of {@code text}, shifted by {@code offset}, as the tokens core reads in it
     * ({@link TaggedCorpus#TOKEN}): split at the separators {@link TokenizerME} and {@link StringUtil#isWhitespace}
     * keep inside a token, a byte-order mark (U+FEFF, left mid-line where files with one were joined) and a next-line
     * character (U+0085), none added for a span of separators alone. Left whole, such a token was refused by the
     * model ("holds whitespace") and its line passed through unfilled.
     */
    private static void addSeparated(String text, int start, int end, int offset, List<Span> spans) {
        Matcher m = TaggedCorpus.TOKEN.matcher(text).region(start, end);
        while (m.find()) {
            spans.add(new Span(offset + m.start(), offset + m.end()));
        }
    }

    private static boolean allDigits(String text, Span span) {
        for (int i = span.getStart(); i < span.getEnd(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return span.length() > 0;
    }

    /** Tokens joined into text by the detokenizer rules. */
    public static String detokenize(Detokenizer detokenizer, String[] tokens) {
        return detokenizer.detokenize(tokens, null);
    }
}
