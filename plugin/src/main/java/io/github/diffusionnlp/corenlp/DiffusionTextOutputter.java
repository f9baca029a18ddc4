package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.TextOutputter;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.Suggestion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;

/**
 * CoreNLP's text output followed by a "Diffusion:" section: for each touched sentence its text before and
 * after, and each written token's original and new word (a word the tokenizer split, all its pieces:
 * {@code token 4-5: [MASK] -> did n't}; a token a syntax template added past the sentence's old length,
 * {@code token 6: (added) -> dog}), with {@code suggestions} the model's likeliest words there on the line after it
 * ({@code suggested: report 0.2150, members 0.0712}); then the generated sentences. For
 * {@code outputFormat=custom} and {@code customOutputter=io.github.diffusionnlp.corenlp.DiffusionTextOutputter}.
 */
public class DiffusionTextOutputter extends TextOutputter {
    /**
     * What a token a template added past the sentence's old length was before: nothing
     * ({@code token 6: (added) -> dog}).
     */
    static final String ADDED = "(added)";

    @Override
    public void print(Annotation doc, OutputStream target, Options options) throws IOException {
        if (doc.get(CoreAnnotations.TokensAnnotation.class) != null) {
            super.print(doc, target, options);
        } // else a generate-only pipeline (no tokenize): CoreNLP's text part needs tokens, and there are none
        PrintWriter pw = new PrintWriter(new java.io.OutputStreamWriter(target, Charset.forName(options.encoding)));
        pw.println();
        pw.println("Diffusion:");
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        for (int s = 0; sentences != null && s < sentences.size(); s++) {
            CoreMap sentence = sentences.get(s);
            String text = sentence.get(DiffusionAnnotations.Text.class);
            if (text == null) {
                continue;
            }
            if (Boolean.TRUE.equals(sentence.get(DiffusionAnnotations.Generated.class))) {
                pw.printf(Locale.ROOT, "Sentence #%d (generated): %s%n", s + 1, text);
                continue;
            }
            pw.printf(Locale.ROOT, "Sentence #%d (%d window%s):%n", s + 1,
                    sentence.get(DiffusionAnnotations.Windows.class),
                    Integer.valueOf(1).equals(sentence.get(DiffusionAnnotations.Windows.class)) ? "" : "s");
            pw.println("  before: " + sentence.get(DiffusionAnnotations.OriginalText.class));
            pw.println("  after:  " + text);
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            for (int i = 0; i < tokens.size(); i++) {
                CoreLabel t = tokens.get(i);
                if (t.get(DiffusionAnnotations.Word.class) == null) {
                    continue; // not written
                }
                // a written token without an OriginalWord (not a later piece: the loop below takes those) is one a
                // template added past the sentence's old length
                String original = t.get(DiffusionAnnotations.OriginalWord.class);
                StringBuilder words = new StringBuilder(t.get(DiffusionAnnotations.Word.class));
                int last = i;
                while (last + 1 < tokens.size() && isFollowingPiece(tokens.get(last), tokens.get(last + 1))) {
                    last++;
                    words.append(' ').append(tokens.get(last).get(DiffusionAnnotations.Word.class));
                }
                String indexes = last == i ? String.valueOf(t.index()) : t.index() + "-" + tokens.get(last).index();
                pw.printf(Locale.ROOT, "  token %s: %s -> %s%n", indexes, original != null ? original : ADDED, words);
                List<Suggestion> suggested = t.get(DiffusionAnnotations.Suggestions.class);
                if (suggested != null) {
                    pw.println("    suggested: " + String.join(", ", suggested.stream().map(x -> String.format(
                            Locale.ROOT, "%s %.4f", x.word(), x.probability())).toList()));
                }
                i = last;
            }
        }
        List<String> generated = doc.get(DiffusionAnnotations.GeneratedSentences.class);
        if (generated != null) {
            pw.println("Generated:");
            generated.forEach(g -> pw.println("  " + g));
        }
        pw.flush();
    }

    /**
     * Whether {@code next} is a later piece of a written word the tokenizer split ({@code didn't} as {@code did}
     * {@code n't}, {@code DocumentEditor.splitAsTokenized}), {@code previous} being its first piece or an earlier
     * one: only the first piece keeps {@code OriginalWord}; the others carry our {@code Word} without it and
     * start where the piece before ends, the text unchanged. The other tokens with a {@code Word} and no
     * {@code OriginalWord} (past the old length of a sentence a template resized, or generated) are written
     * apart by a space, so never start where the token before ends.
     */
    private static boolean isFollowingPiece(CoreLabel previous, CoreLabel next) {
        return next.get(DiffusionAnnotations.Word.class) != null
                && next.get(DiffusionAnnotations.OriginalWord.class) == null
                && previous.get(DiffusionAnnotations.Word.class) != null
                && next.beginPosition() == previous.endPosition();
    }
}
