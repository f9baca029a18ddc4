package io.github.diffusionnlp.opennlp.cmdline;

import java.util.List;
import opennlp.tools.tokenize.Detokenizer;

/** Sentences as one output line: tokens joined by spaces (OpenNLP's convention) or detokenized. */
final class Output {
    private Output() {}

    static String render(List<String[]> sentences, Detokenizer detokenizer) {
        StringBuilder sb = new StringBuilder();
        for (String[] tokens : sentences) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(detokenizer == null ? String.join(" ", tokens) : detokenizer.detokenize(tokens, null));
        }
        return sb.toString();
    }
}
