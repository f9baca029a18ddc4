package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The diffusion part of the text output numbers sentences with ASCII digits: under ar-EG it wrote "Sentence #١". */
@Isolated
class TextOutputterDigitsTest {
    @Test
    void sentenceNumbersAreAsciiUnderAnArabicLocale() throws Exception {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.replace", "false",
                "diffusion.steps", "1"));
        Annotation doc = annotate(pipeline, "The [MASK] sat on the mat.");
        Locale before = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG")); // as a JVM started under LANG=ar_EG.UTF-8
            new DiffusionTextOutputter().print(doc, text, pipeline);
        } finally {
            Locale.setDefault(before);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
        String t = text.toString(StandardCharsets.UTF_8);
        assertTrue(t.contains("\nSentence #1 (1 window):\n") && t.contains("\n  token 2: [MASK] -> "), t);
    }
}
