package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.root;
import static io.github.diffusionnlp.corenlp.SettingsTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.api.DiffusionLM;
import org.junit.jupiter.api.Test;

/**
 * Pipelines built with {@code enforceRequirements=false} (the command line's {@code -enforceRequirements false}):
 * CoreNLP does not check that the tags our rules read were set before us, so the annotator does.
 */
class UnenforcedOrderTest {
    private static String failure(StanfordCoreNLP pipeline, String text) {
        Throwable t = assertThrows(RuntimeException.class, () -> annotate(pipeline, text));
        return root(t).getMessage();
    }

    @Test
    void aPosMaskWithPosAfterUsFailsNamingPos() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion,pos", "diffusion.mask",
                "pos:ADJ"), false);
        assertMentions(failure(pipeline, "The old man saw a [MASK] dog."), "annotator \"diffusion\": diffusion.mask = "
                + "'pos:ADJ' needs the tokens' part-of-speech tags", "put pos before diffusion in annotators "
                + "(tokenize,ssplit,pos,diffusion)");
    }

    @Test
    void anNerMaskWithoutNerFailsNamingNer() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.mask",
                "ner:PERSON"), false);
        assertMentions(failure(pipeline, "John Smith met Mary."), "diffusion.mask = 'ner:PERSON' needs the tokens' NER"
                + " classes", "put ner before diffusion in annotators (tokenize,ssplit,pos,lemma,ner,diffusion)");
    }

    @Test
    void syntaxKeepWithoutPosFailsNamingPos() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "rewrite",
                "diffusion.syntax", "keep"), false);
        assertMentions(failure(pipeline, "The committee said that the report was late."),
                "diffusion.syntax = 'keep' needs the tokens' part-of-speech tags", "put pos before diffusion");
    }

    /**
     * Without {@code tokenize} and {@code ssplit} before it, infill and rewrite found no sentences and gave the
     * document back as it was, its masks unfilled and nothing said (audit h264): through a pipeline built with
     * {@code enforceRequirements=false}, and through the annotator's own {@code annotate}, which no pipeline checks.
     * Such a document, its text not empty, now fails naming what must run first; an empty one still passes.
     */
    @Test
    void aDocumentWithoutSentencesFailsNamingTokenizeAndSsplit() {
        String fix = "annotator \"diffusion\": the document has text but no sentences: put tokenize,ssplit before"
                + " diffusion in annotators (tokenize,ssplit,diffusion); with enforceRequirements=false CoreNLP does"
                + " not check the order, and an annotator called on its own needs a document they annotated";
        StanfordCoreNLP infill = new StanfordCoreNLP(props("diffusion"), false);
        assertEquals(fix, failure(infill, "The [MASK] was late."));
        StanfordCoreNLP rewrite = new StanfordCoreNLP(props("diffusion", "diffusion.task", "rewrite"), false);
        assertEquals(fix, failure(rewrite, "The report was late."));
        DiffusionAnnotator alone = new DiffusionAnnotator("diffusion", props("tokenize,ssplit,diffusion"));
        Throwable t = assertThrows(RuntimeException.class, () -> alone.annotate(new Annotation("The [MASK] was.")));
        assertEquals(fix, root(t).getMessage());
        Annotation empty = new Annotation(" \n");
        alone.annotate(empty);
        assertEquals(" \n", empty.get(CoreAnnotations.TextAnnotation.class), "an empty document passes through");
    }

    @Test
    void rulesThatNeedNothingStillRunUnenforced() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion,pos"), false);
        Annotation doc = annotate(pipeline, "The [MASK] dog barked.");
        assertEquals(DiffusionLM.MASK, doc.get(CoreAnnotations.TokensAnnotation.class).get(1)
                .get(DiffusionAnnotations.OriginalWord.class), "the mask filled, not refused");
    }
}
