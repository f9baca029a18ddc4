package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Helpers for building real pipelines from properties in tests. */
final class Pipelines {
    private Pipelines() {}

    /** Properties of a pipeline ending in our annotator, plus {@code key, value} pairs. */
    static Properties props(String annotators, String... pairs) {
        Properties p = new Properties();
        p.setProperty("annotators", annotators);
        p.setProperty("customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName());
        p.setProperty("diffusion.steps", "4");
        p.setProperty("diffusion.seed", "11");
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    static Annotation annotate(StanfordCoreNLP pipeline, String text) {
        Annotation doc = new Annotation(text);
        pipeline.annotate(doc);
        return doc;
    }

    static List<CoreMap> sentences(Annotation doc) {
        return doc.get(CoreAnnotations.SentencesAnnotation.class);
    }

    static List<String> words(CoreMap sentenceOrDoc) {
        List<String> out = new ArrayList<>();
        for (CoreLabel t : sentenceOrDoc.get(CoreAnnotations.TokensAnnotation.class)) {
            out.add(t.word());
        }
        return out;
    }

    /** What {@code work} writes to stderr, where the simple logger writes the annotator's warnings. */
    static String logOf(Runnable work) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            work.run();
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    static Throwable root(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
