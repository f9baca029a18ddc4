package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.TextOutputter;
import edu.stanford.nlp.util.CoreMap;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;

/**
 * CoreNLP's text output followed by a "Diffusion:" section: for each touched sentence its text before and
 * after, and each written token's original and new word; then the generated sentences. For
 * {@code outputFormat=custom} and {@code customOutputter=io.github.diffusionnlp.corenlp.DiffusionTextOutputter}.
 */
public class DiffusionTextOutputter extends TextOutputter {
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
                    sentence.get(DiffusionAnnotations.Windows.class), Integer.valueOf(1).equals(sentence.get(DiffusionAnnotations.Windows.class)) ? "" : "s");
            pw.println("  before: " + sentence.get(DiffusionAnnotations.OriginalText.class));
            pw.println("  after:  " + text);
            for (CoreLabel t : sentence.get(CoreAnnotations.TokensAnnotation.class)) {
                if (t.get(DiffusionAnnotations.OriginalWord.class) != null) {
                    pw.printf(Locale.ROOT, "  token %d: %s -> %s%n", t.index(),
                            t.get(DiffusionAnnotations.OriginalWord.class), t.get(DiffusionAnnotations.Word.class));
                }
            }
        }
        List<String> generated = doc.get(DiffusionAnnotations.GeneratedSentences.class);
        if (generated != null) {
            pw.println("Generated:");
            generated.forEach(g -> pw.println("  " + g));
        }
        pw.flush();
    }
}
