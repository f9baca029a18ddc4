package io.github.diffusionnlp.opennlp.cmdline;

import java.util.List;
import opennlp.tools.tokenize.Detokenizer;

/** Sentences as one output line: tokens joined by spaces (OpenNLP's convention) or detokenized. */
final class Output {
    private Output() {}

    /**
     * @param written the user's tokens of each sentence, aligned with {@code sentences} (null: all generated): in
     *     detokenized text a quote the model wrote is a {@code "} ({@link ModelQuotes}), one the user wrote as written
     */
    static String render(List<String[]> sentences, List<String[]> written, Detokenizer detokenizer) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences.size(); i++) {
            String[] tokens = sentences.get(i);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(detokenizer == null ? String.join(" ", tokens)
                    : detokenizer.detokenize(ModelQuotes.asTyped(tokens, written == null ? null : written.get(i)), null));
        }
        return sb.toString();
    }
}
