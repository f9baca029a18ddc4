package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.api.DiffusionLM;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two pipelines in one JVM with two {@code pos} configurations: the words our annotator changes are tagged again
 * by the tagger of the pipeline's own {@code pos.*} properties, not by whichever {@code pos} CoreNLP's pool holds.
 */
class OwnTaggerTest {
    private static final String TEXT = "The [MASK] of the committee said that it was late.";

    /**
     * The models jar holds one tagger model, so the two configurations differ in {@code pos.maxlen}: CoreNLP's
     * {@code POSTaggerAnnotator} tags every token of a sentence longer than that {@code X}, so a filled word tagged
     * {@code X} was tagged by the short tagger, one tagged as the full tagger tags it by the full one.
     */
    @Test
    void changedWordsAreTaggedByThePipelinesOwnPos() {
        // both made before either annotates, so both taggers are in CoreNLP's cache when ours looks for one
        StanfordCoreNLP shortTagger = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "pos.maxlen", "3",
                "diffusion.seed", "201"));
        StanfordCoreNLP fullTagger = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "diffusion.seed",
                "202"));
        long taggers = posTaggersInCache();

        Annotation shortTagged = annotate(shortTagger, TEXT);
        Annotation fullTagged = annotate(fullTagger, TEXT);

        assertEquals(DiffusionLM.MASK, token(shortTagged, 1).get(DiffusionAnnotations.OriginalWord.class));
        assertEquals(DiffusionLM.MASK, token(fullTagged, 1).get(DiffusionAnnotations.OriginalWord.class));
        List<String> shortTags = tags(shortTagged);
        assertEquals(Collections.nCopies(shortTags.size(), "X"), shortTags,
                "the filled word tagged by the pipeline's pos.maxlen=3 tagger, as the rest of its sentence");
        List<String> fullTags = tags(fullTagged);
        assertNotEquals("X", fullTags.get(1), "the filled word tagged by the full tagger");
        assertEquals(tags(annotate(new StanfordCoreNLP(props("tokenize,ssplit,pos")),
                fullTagged.get(CoreAnnotations.TextAnnotation.class))), fullTags,
                "the filled sentence tagged as the full tagger tags it");
        assertEquals(taggers, posTaggersInCache(), "re-tagging used the pipelines' taggers: no tagger loaded again");
    }

    /**
     * The same, with the same {@code diffusion.*} properties in both pipelines: CoreNLP keys the annotators it keeps by
     * name and {@code NAME.*} properties alone, and handed the second pipeline the annotator the first made, with the
     * first one's tagger. Each pipeline now makes its own.
     */
    @Test
    void pipelinesWithTheSameDiffusionPropertiesEachUseTheirOwnPos() {
        StanfordCoreNLP shortTagger = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "pos.maxlen", "3",
                "diffusion.seed", "203"));
        StanfordCoreNLP fullTagger = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "diffusion.seed",
                "203"));

        List<String> shortTags = tags(annotate(shortTagger, TEXT));
        Annotation fullTagged = annotate(fullTagger, TEXT);

        assertEquals(Collections.nCopies(shortTags.size(), "X"), shortTags);
        assertEquals(DiffusionLM.MASK, token(fullTagged, 1).get(DiffusionAnnotations.OriginalWord.class));
        assertNotEquals("X", token(fullTagged, 1).tag(), "the filled word tagged by the full tagger");
        assertEquals(tags(annotate(new StanfordCoreNLP(props("tokenize,ssplit,pos")),
                fullTagged.get(CoreAnnotations.TextAnnotation.class))), tags(fullTagged),
                "the filled sentence tagged as the full tagger tags it");
    }

    private static long posTaggersInCache() {
        return StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.keySet().stream()
                .filter(k -> k.name.equals(Annotator.STANFORD_POS)).count();
    }

    private static CoreLabel token(Annotation doc, int i) {
        return doc.get(CoreAnnotations.TokensAnnotation.class).get(i);
    }

    private static List<String> tags(Annotation doc) {
        return doc.get(CoreAnnotations.TokensAnnotation.class).stream().map(CoreLabel::tag).toList();
    }
}
