package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.model.QuoteSpelling;

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
}
