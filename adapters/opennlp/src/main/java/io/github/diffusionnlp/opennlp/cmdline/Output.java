package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.opennlp.DiffusionDetokenizer;
import java.util.List;
import opennlp.tools.tokenize.Detokenizer;
import opennlp.tools.tokenize.Detokenizer.DetokenizationOperation;
import opennlp.tools.util.Span;

/** Sentences as one output line: tokens joined by spaces (OpenNLP's convention) or detokenized. */
final class Output {
    private Output() {}

    /**
     * @param written the user's tokens of each sentence, aligned with {@code sentences} (null: all generated): in
     *     detokenized text a quote the model wrote is a {@code "} ({@link DiffusionDetokenizer}), one the user wrote
     *     as written
     */
    static String render(List<String[]> sentences, List<String[]> written, Detokenizer detokenizer) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences.size(); i++) {
            String[] tokens = sentences.get(i);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(detokenizer == null ? String.join(" ", tokens) : new DiffusionDetokenizer(detokenizer)
                    .detokenize(tokens, written == null ? null : written.get(i), null));
        }
        return sb.toString();
    }

    /**
     * A line of raw text with its sentences' new tokens written in: each token the model changed (a filled
     * {@code [MASK]}, a rewritten word) replaces its span of {@code text}; every other character, the tokens kept and
     * the spacing between them, stays as it was read. Joining the tokens again would not keep them: the tokenizer
     * splits some numbers ("614" into "61" "4"), which the detokenizer cannot know to join. Beside a changed token the
     * detokenizer says whether the two touch (a filled comma attaches to the word before); where the user wrote no
     * space between two tokens and neither attaches, a changed token gets one. A sentence whose length changed (a POS
     * template) is detokenized whole in its place.
     *
     * @param spans each sentence's token spans in {@code text}, aligned with {@code written}
     * @param written each sentence's tokens as read
     * @param results each sentence's tokens as the model left them
     */
    static String splice(String text, List<Span[]> spans, List<String[]> written, List<String[]> results,
            Detokenizer detokenizer) {
        DiffusionDetokenizer modelText = new DiffusionDetokenizer(detokenizer);
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0; // the first character of text not yet written
        for (int i = 0; i < spans.size(); i++) {
            Span[] at = spans.get(i);
            String[] before = written.get(i);
            String[] after = results.get(i);
            String[] typed = DiffusionDetokenizer.asTyped(after, before);
            if (after.length != before.length) {
                sb.append(text, from, at[0].getStart()).append(modelText.detokenize(after, before, null));
                from = at[at.length - 1].getEnd();
                continue;
            }
            DetokenizationOperation[] ops = modelText.operations(after, before);
            for (int j = 0; j < at.length; j++) {
                boolean changed = !after[j].equals(before[j]);
                String gap = text.substring(from, at[j].getStart());
                if (j > 0 && (changed || !after[j - 1].equals(before[j - 1]))) {
                    boolean joinsLeft = DiffusionDetokenizer.joinsLeft(ops[j]);
                    boolean joinsRight = DiffusionDetokenizer.joinsRight(ops[j - 1]);
                    boolean changedJoins = changed && joinsLeft || !after[j - 1].equals(before[j - 1]) && joinsRight;
                    if (gap.isEmpty()) {
                        gap = joinsLeft || joinsRight ? "" : " ";
                    } else if (changedJoins) {
                        gap = "";
                    }
                }
                sb.append(gap).append(changed ? typed[j] : text.substring(at[j].getStart(), at[j].getEnd()));
                from = at[j].getEnd();
            }
        }
        return sb.append(text, from, text.length()).toString();
    }
}
