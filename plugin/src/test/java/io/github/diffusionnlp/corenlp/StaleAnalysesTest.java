package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.TreeCoreAnnotations;
import edu.stanford.nlp.util.CoreMap;
import org.junit.jupiter.api.Test;

/** {@code parse} and {@code sentiment} put before our annotator: their results of a changed sentence go. */
class StaleAnalysesTest {
    @Test
    void aChangedSentenceLosesItsParseAndSentimentAnUnchangedOneKeepsThem() {
        // keep = 5: the 3-token first sentence has no token 5 and is left as it is; the second is rewritten
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,parse,sentiment,diffusion",
                "diffusion.task", "rewrite", "diffusion.keep", "5"));
        Annotation doc = annotate(pipeline, "It rained. The committee said on Friday that the report was late.");
        CoreMap unchanged = sentences(doc).get(0);
        CoreMap changed = sentences(doc).get(1);
        assertEquals("It rained.", unchanged.get(edu.stanford.nlp.ling.CoreAnnotations.TextAnnotation.class));
        assertNotEquals(changed.get(DiffusionAnnotations.OriginalText.class), changed.get(DiffusionAnnotations.Text.class),
                "precondition: the second sentence was rewritten");
        assertNull(changed.get(TreeCoreAnnotations.TreeAnnotation.class), "the old parse on new words");
        assertNull(changed.get(TreeCoreAnnotations.BinarizedTreeAnnotation.class));
        assertNull(changed.get(SemanticGraphCoreAnnotations.BasicDependenciesAnnotation.class));
        assertNull(changed.get(SemanticGraphCoreAnnotations.EnhancedPlusPlusDependenciesAnnotation.class));
        assertNull(changed.get(SentimentCoreAnnotations.SentimentClass.class), "the old sentence's sentiment");
        assertNull(changed.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class));
        assertNotNull(unchanged.get(TreeCoreAnnotations.TreeAnnotation.class), "an unchanged sentence keeps its parse");
        assertNotNull(unchanged.get(SemanticGraphCoreAnnotations.BasicDependenciesAnnotation.class));
        assertNotNull(unchanged.get(SentimentCoreAnnotations.SentimentClass.class));
        TasksTest.assertConsistent(doc);
    }
}
