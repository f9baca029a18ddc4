package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreLabel;
import io.github.diffusionnlp.model.QuoteSpelling;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Between the model's words and the words of a CoreNLP document, where the pipeline's tokenizer spells a token
 * otherwise than its text: quotes and brackets.
 *
 * <p>The shipped model spells double quotes as its corpus, Brown, did: {@code ``} opening and {@code ''}
 * closing, which no CoreNLP user wrote. The document text and the token's {@code originalText} get the plain
 * {@code "} a user would have typed; its {@code word()} is what the pipeline's own tokenizer ({@link
 * PipelineTokenizer}: PTBTokenizer under {@code tokenize.options}, a whitespace tokenizer…) makes of such a
 * {@code "} (by default {@code "} itself; {@code ``} / {@code ''} under {@code quotes=latex}; {@code "} under
 * {@code tokenize.whitespace}, which normalises nothing), so that annotators after ours read the token as they
 * read one the tokenizer made.
 *
 * <p>Brackets are text in the model's vocabulary ({@code (}, {@code )}), but under {@code ptb3Escaping=true} the
 * PTB tokenizer's words for them are {@code -LRB-}, {@code -RRB-} (and {@code -LSB-} … for {@code [ ] { }}; the
 * whitespace tokenizer escapes nothing, whatever the options say). A bracket
 * the model writes gets that word (its text stays {@code (}), and a bracket of the document reaches the model as
 * its text, which the model knows, not as {@code -LRB-}, which it does not. Every other word, and a quote the user
 * wrote, which comes back as written, is left as it is.
 */
final class TokenizerWords {
    static final String MODEL_OPENING = "``";
    static final String MODEL_CLOSING = "''";
    static final String TEXT = "\"";
    private static final List<String> BRACKETS = List.of("(", ")", "[", "]", "{", "}");

    private final String opening;
    private final String closing;
    private final Map<String, String> bracketWords; // "(" -> what the tokenizer makes of it, where that differs
    private final Map<String, String> bracketTexts; // and back
    private final PipelineTokenizer tokenizer;

    private TokenizerWords(String opening, String closing, Map<String, String> bracketWords,
            PipelineTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.opening = opening;
        this.closing = closing;
        this.bracketWords = bracketWords;
        this.bracketTexts = new HashMap<>();
        bracketWords.forEach((text, word) -> bracketTexts.put(word, text));
    }

    /**
     * The quote and bracket words of a pipeline of these properties, as its own tokenizer makes them: PTB's
     * under {@code tokenize.options}, none under {@code tokenize.whitespace}, which escapes nothing whatever the
     * options say.
     */
    static TokenizerWords of(Properties props) {
        PipelineTokenizer tokenizer = PipelineTokenizer.of(props);
        Map<String, String> brackets = new HashMap<>();
        for (String b : BRACKETS) {
            String word = normalised(tokenizer, "x " + b + " x", 1, b);
            if (!word.equals(b)) {
                brackets.put(b, word);
            }
        }
        return new TokenizerWords(normalised(tokenizer, "\"x", 0, TEXT), normalised(tokenizer, "x\"", 1, TEXT),
                brackets, tokenizer);
    }

    /**
     * The word the pipeline's tokenizer gives token {@code at} of {@code text}, where that token is {@code typed}
     * (a whitespace tokenizer keeps {@code "x} whole: its word is then {@code typed} itself).
     */
    private static String normalised(PipelineTokenizer tokenizer, String text, int at, String typed) {
        List<CoreLabel> tokens = tokenizer.tokenize(text);
        return tokens.size() > at && typed.equals(tokens.get(at).originalText()) ? tokens.get(at).word() : typed;
    }

    /** The tokens the pipeline's tokenizer makes of {@code text} (offsets from its start). */
    List<CoreLabel> tokenize(String text) {
        return tokenizer.tokenize(text);
    }

    /** Whether the model wrote this word as a quote of its corpus's spelling. */
    static boolean isModelQuote(String word) {
        return QuoteSpelling.isTokenizerDouble(word);
    }

    /** What the document text and {@code originalText} hold for a word the model wrote. */
    static String text(String modelWord) {
        return QuoteSpelling.asTyped(modelWord);
    }

    /** The {@code word()} of a token the model wrote. */
    String word(String modelWord) {
        return MODEL_OPENING.equals(modelWord) ? opening : MODEL_CLOSING.equals(modelWord) ? closing
                : bracketWords.getOrDefault(modelWord, modelWord);
    }

    /** Whether a token the model wrote as {@code modelWord} has another word than its text (a quote, a bracket). */
    boolean isNormalised(String modelWord) {
        return !word(modelWord).equals(text(modelWord));
    }

    /**
     * What the model reads for a token of the document: its word, or a bracket's text where the tokenizer made
     * the bracket {@code -LRB-} (not where the user typed {@code -LRB-}).
     */
    String modelWord(CoreLabel token) {
        String text = bracketTexts.get(token.word());
        return text != null && (token.originalText() == null || text.equals(token.originalText())) ? text
                : token.word();
    }

    /** Sets the word (and value) of a token written as {@link #text} of {@code modelWord} to {@link #word}. */
    void normalise(CoreLabel token, String modelWord) {
        if (isNormalised(modelWord)) {
            token.setWord(word(modelWord));
            token.setValue(word(modelWord));
            token.set(DiffusionAnnotations.Word.class, word(modelWord));
        }
    }
}
