// The diffusion annotator from Java, one pipeline per task. From the repository root, after
// `mvn -B -q package -DskipTests`, with CoreNLP's models jar on the classpath (for pos, ner, parse, sentiment):
//
//   MODELS=~/.m2/repository/edu/stanford/nlp/stanford-corenlp/4.5.10/stanford-corenlp-4.5.10-models.jar
//   java --enable-native-access=ALL-UNNAMED -cp "plugin/target/diffusion-nlp-corenlp.jar:plugin/target/lib/*:$MODELS" examples/corenlp/CoreNlpExample.java

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.corenlp.DiffusionAnnotations;
import io.github.diffusionnlp.corenlp.DiffusionAnnotator;
import java.util.Properties;

public class CoreNlpExample {
    static StanfordCoreNLP pipeline(String annotators, String... pairs) {
        Properties p = new Properties();
        p.setProperty("annotators", annotators);
        p.setProperty("customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName());
        p.setProperty("diffusion.steps", "16");
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return new StanfordCoreNLP(p);
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true"); // the PyTorch natives ship in lib/: never download
        // DJL's start-up notes hidden: a few INFO lines and, on a machine without a GPU,
        // "WARN ai.djl.util.cuda.CudaUtils - Failed to detect GPU count", which is no error (the model runs on
        // the CPU). Set before DJL logs its first line. This is a setting of slf4j-simple, the SLF4J binding in
        // lib/; with logback or log4j, set the logger ai.djl to ERROR in their configuration instead
        // (docs/library.md). -Dorg.slf4j.simpleLogger.log.ai.djl=info on the command line shows them again.
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
        // CoreNLP's own notes hidden too, some 30 INFO lines of each pipeline's annotators and models ("Adding
        // annotator tokenize", "Loading POS tagger from ..."); its warnings and errors stay. CoreNLP logs through
        // Redwood, which hands its lines to SLF4J when SLF4J is on the classpath (lib/ holds it), so this too is a
        // setting of slf4j-simple: with logback or log4j, set the logger edu.stanford.nlp to WARN in their
        // configuration instead. -Dorg.slf4j.simpleLogger.log.edu.stanford.nlp=info shows them again.
        if (System.getProperty("org.slf4j.simpleLogger.log.edu.stanford.nlp") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.edu.stanford.nlp", "warn");
        }

        // infill literal masks; replace=false: the document stays, the results are in DiffusionAnnotations
        Annotation doc = new Annotation("The [MASK] of the committee said that the [MASK] was late.");
        pipeline("tokenize,ssplit,diffusion", "diffusion.replace", "false").annotate(doc);
        for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            System.out.println("infill:  " + s.get(DiffusionAnnotations.OriginalText.class) + "\n     ->  "
                    + s.get(DiffusionAnnotations.Text.class));
            for (CoreLabel t : s.get(CoreAnnotations.TokensAnnotation.class)) {
                if (t.get(DiffusionAnnotations.OriginalWord.class) != null) {
                    System.out.println("         token " + t.index() + ": " + t.get(DiffusionAnnotations.OriginalWord.class)
                            + " -> " + t.get(DiffusionAnnotations.Word.class));
                }
            }
        }

        // pseudonymise: NER's PERSON and LOCATION tokens replaced in the document itself (replace=true)
        doc = new Annotation("John Smith met Mary in Paris on Monday.");
        pipeline("tokenize,ssplit,pos,lemma,ner,diffusion", "diffusion.mask", "ner:PERSON,LOCATION",
                "ner.model", "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz",
                "ner.applyNumericClassifiers", "false", "ner.useSUTime", "false", "ner.applyFineGrained", "false")
                .annotate(doc);
        System.out.println("pseudonymised: " + doc.get(CoreAnnotations.TextAnnotation.class));

        // rewrite, then parse and sentiment judge the new sentences
        doc = new Annotation("The movie was wonderful and the actors were brilliant. The food was cold and awful.");
        pipeline("tokenize,ssplit,pos,diffusion,parse,sentiment", "diffusion.task", "rewrite",
                "diffusion.strength", "0.6", "diffusion.keep", "NOUN,PUNCT").annotate(doc);
        for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            System.out.println("rewrite: " + s.get(DiffusionAnnotations.OriginalText.class) + "\n     ->  "
                    + s.get(CoreAnnotations.TextAnnotation.class) + "   [sentiment: "
                    + s.get(SentimentCoreAnnotations.SentimentClass.class) + "]");
        }

        // rewrite toward positive, each sentence conditioned on its own UPOS tags (its length is kept)
        doc = new Annotation("The food was cold and awful. The service was slow.");
        pipeline("tokenize,ssplit,pos,diffusion,parse,sentiment", "diffusion.task", "rewrite",
                "diffusion.sentiment", "positive", "diffusion.syntax", "keep", "diffusion.guidance", "2").annotate(doc);
        for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            System.out.println("positive: " + s.get(CoreAnnotations.TextAnnotation.class) + "   [sentiment: "
                    + s.get(SentimentCoreAnnotations.SentimentClass.class) + "]");
        }

        // generate to a UPOS template: every sentence has its length
        doc = new Annotation("");
        pipeline("tokenize,ssplit,diffusion", "diffusion.task", "generate", "diffusion.count", "2",
                "diffusion.syntax", "DET ADJ NOUN VERB ADV PUNCT").annotate(doc);
        doc.get(DiffusionAnnotations.GeneratedSentences.class).forEach(g -> System.out.println("template: " + g));

        // generate two sentences of ten tokens into an empty document
        doc = new Annotation("");
        pipeline("tokenize,ssplit,diffusion", "diffusion.task", "generate", "diffusion.count", "2",
                "diffusion.length", "10").annotate(doc);
        doc.get(DiffusionAnnotations.GeneratedSentences.class).forEach(g -> System.out.println("generate: " + g));
    }
}
