package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import org.junit.jupiter.api.Test;

/**
 * A rewrite through a real pipeline writes text that splits back into its tokens, where the original had
 * tokens with no space between them ("do" + "n’t", "so" + ","): replaced words there were glued ("thefirst").
 */
class RewriteSpacingTest {
    @Test
    void aRewrittenContractionTokenizesBack() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion",
                "diffusion.task", "rewrite", "diffusion.strength", "1.0"));
        String text = "“I don’t think so,” she said.";
        Annotation doc = annotate(pipeline, text);
        assertNotEquals(text, doc.get(CoreAnnotations.TextAnnotation.class));
        DocumentEditorTest.assertTokenizesBack(doc);
        TasksTest.assertConsistent(doc);
    }

    /**
     * Written punctuation that touches: the model rewrote "Monday" "." to "?" "!", which written as "?!" the
     * tokenizer reads as one token (the sentence came back as 9 tokens whose text re-tokenized to 8).
     */
    @Test
    void writtenPunctuationThatWouldRunTogetherTokenizesBack() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion",
                "diffusion.task", "rewrite", "diffusion.strength", "0.8"));
        Annotation doc = annotate(pipeline, "He went to the market on Monday. The weather was fine.");
        DocumentEditorTest.assertTokenizesBack(doc);
        TasksTest.assertConsistent(doc);
    }
}
