package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.logOf;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * An explicit {@code syntax} template longer than the shipped model's 64 positions, which core's rewrite takes for a
 * sentence of its own length (window by window): the annotator refused it as the pipeline was built. Generate, which
 * has no sentence, still refuses it ({@code SettingsTest}).
 */
@Isolated
class LongTemplateTest {
    @Test
    void aSentenceOfTheTemplatesLengthIsRewrittenAndAnotherIsLeftAsItIsInCoresWords() {
        String tags = String.join(" ", Collections.nCopies(65, "NOUN"));
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "tokenize.whitespace",
                "true", "ssplit.eolonly", "true", "diffusion.steps", "1", "diffusion.task", "rewrite",
                "diffusion.syntax", tags));
        String longSentence = String.join(" ", Collections.nCopies(65, "report"));
        Annotation[] doc = new Annotation[1];
        String log = logOf(() -> doc[0] = annotate(pipeline, longSentence + "\nA man ran ."));
        List<CoreMap> sentences = sentences(doc[0]);
        assertEquals(2, sentences.size());
        assertEquals(65, sentences.get(0).get(CoreAnnotations.TokensAnnotation.class).size());
        assertNotNull(sentences.get(0).get(DiffusionAnnotations.Text.class), "rewritten, window by window");
        assertEquals("A man ran .", String.join(" ", words(sentences.get(1))), "4 tokens, not 65: it stays");
        assertNull(sentences.get(1).get(DiffusionAnnotations.Text.class));
        assertTrue(log.contains("annotator \"diffusion\": sentence 2 left as it is: diffusion.syntax: the POS template"
                + " has 65 tags, more than the model's 64 positions, and the sentence has 4 tokens; a template longer"
                + " than the model is taken only for a sentence of its own length, rewritten window by window"), log);
    }
}
