package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.model.QuoteSpelling;
import opennlp.tools.tokenize.Detokenizer;
import opennlp.tools.tokenize.Detokenizer.DetokenizationOperation;

/**
 * A double quote the model wrote, as detokenized text shows it. The shipped model spells double quotes as its
 * corpus, Brown, did: {@code ``} opening and {@code ''} closing, which read as {@code ``go home''} once joined into
 * text, where a user would have typed {@code "}. The English detokenizer pairs straight quotes, so the text gets
 * {@code "}, as the CoreNLP annotator writes one into its document (both by {@link QuoteSpelling#asTyped}). A
 * quote the user wrote comes back at its position as written (core {@code ModelRow.wordAt}) and is left so;
 * whitespace-token output is the model's tokens and does not come here.
 */
final class ModelQuotes {
    private ModelQuotes() {}

    /**
     * {@code result} with each Brown-spelled double quote the model wrote replaced by {@code "}: one at a position
     * where the user's tokens ({@code written}, aligned with it; null for a generated sentence, all the model's)
     * hold another token, a {@code [MASK]} or a rewritten word, or none. A new array; {@code result} is unchanged.
     */
    static String[] asTyped(String[] result, String[] written) {
        String[] text = result.clone();
        for (int i = 0; i < text.length; i++) {
            boolean usersOwn = written != null && i < written.length && written[i].equals(result[i]);
            if (!usersOwn) {
                text[i] = QuoteSpelling.asTyped(result[i]);
            }
        }
        return text;
    }

    /**
     * The detokenizer's operations on {@code text} ({@link #asTyped} of {@code result}), where each quote the model
     * wrote keeps the direction its spelling gave it: {@code ``} attaches to the word after, {@code ''} to the word
     * before. The dictionary's rule for a straight {@code "} pairs them from the sentence's first, so a closing quote
     * the model wrote with no opening one before it stood apart from its word ({@code a problem ".}).
     */
    static DetokenizationOperation[] operations(Detokenizer detokenizer, String[] text, String[] result) {
        DetokenizationOperation[] ops = detokenizer.detokenize(text);
        for (int i = 0; i < text.length; i++) {
            if (!text[i].equals(result[i])) { // a quote the model wrote, made straight
                ops[i] = "``".equals(result[i]) ? DetokenizationOperation.MERGE_TO_RIGHT
                        : DetokenizationOperation.MERGE_TO_LEFT;
            }
        }
        return ops;
    }

    /** {@code text} joined as OpenNLP's {@code DictionaryDetokenizer.detokenize(tokens, null)} joins by {@code ops}. */
    static String join(String[] text, DetokenizationOperation[] ops) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length; i++) {
            sb.append(text[i]);
            if (i + 1 < text.length && !joinsLeft(ops[i + 1]) && !joinsRight(ops[i])) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    /** {@link #join} of {@link #asTyped}{@code (result, written)} by {@link #operations}. */
    static String detokenize(Detokenizer detokenizer, String[] result, String[] written) {
        String[] text = asTyped(result, written);
        return join(text, operations(detokenizer, text, result));
    }

    static boolean joinsLeft(DetokenizationOperation op) {
        return op == DetokenizationOperation.MERGE_TO_LEFT || op == DetokenizationOperation.MERGE_BOTH;
    }

    static boolean joinsRight(DetokenizationOperation op) {
        return op == DetokenizationOperation.MERGE_TO_RIGHT || op == DetokenizationOperation.MERGE_BOTH;
    }
}
