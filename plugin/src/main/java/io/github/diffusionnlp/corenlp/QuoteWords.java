package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import io.github.diffusionnlp.model.QuoteSpelling;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;

/**
 * How a quote the model writes goes into a CoreNLP document. The shipped model spells double quotes as its
 * corpus, Brown, did: {@code ``} opening and {@code ''} closing, which no CoreNLP user wrote. The document text
 * and the token's {@code originalText} get the plain {@code "} a user would have typed; its {@code word()} is
 * what CoreNLP's own tokenizer, under the pipeline's {@code tokenize.options}, makes of such a {@code "} (by
 * default {@code "} itself; {@code ``} / {@code ''} under {@code quotes=latex}), so that annotators after ours
 * read the token as they read one the tokenizer made. Every other word, and a quote the user wrote, which
 * comes back as written, is left as it is.
 */
final class QuoteWords {
    static final String MODEL_OPENING = "``";
    static final String MODEL_CLOSING = "''";
    static final String TEXT = "\"";

    private final String opening;
    private final String closing;

    private QuoteWords(String opening, String closing) {
        this.opening = opening;
        this.closing = closing;
    }

    /** The quote words of a pipeline of these properties, as its tokenizer normalises a {@code "}. */
    static QuoteWords of(Properties props) {
        String options = props.getProperty("tokenize.options", "");
        return new QuoteWords(normalised("\"x", options, 0), normalised("x\"", options, 1));
    }

    /** The word PTBTokenizer gives token {@code at} of {@code text} under {@code options}. */
    private static String normalised(String text, String options, int at) {
        List<CoreLabel> tokens = PTBTokenizer.factory(new CoreLabelTokenFactory(), "invertible," + options)
                .getTokenizer(new StringReader(text)).tokenize();
        return tokens.size() > at ? tokens.get(at).word() : TEXT;
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
        return MODEL_OPENING.equals(modelWord) ? opening : MODEL_CLOSING.equals(modelWord) ? closing : modelWord;
    }

    /** Sets the word (and value) of a token written as {@link #text} of {@code modelWord} to {@link #word}. */
    void normalise(CoreLabel token, String modelWord) {
        if (isModelQuote(modelWord)) {
            token.setWord(word(modelWord));
            token.setValue(word(modelWord));
            token.set(DiffusionAnnotations.Word.class, word(modelWord));
        }
    }
}
