package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A document holding a sentence with no tokens (built by hand or deserialized: CoreNLP's own pipelines never make
 * one) passes through every task and setting with that sentence untouched, and the other sentences sampled with the
 * seeds of their places in the document: as in the same document with a sentence of words in that place. Under
 * {@code syntax=keep} it failed with "a POS template needs at least one tag", under an explicit template with a
 * NullPointerException.
 */
class EmptySentenceTest {
    private static final String FIRST = "The [MASK] was late.";
    private static final String MIDDLE = "It rained all day.";
    private static final String LAST = "The old man bought a [MASK] car.";

    /** Tokenized, split and tagged by CoreNLP's own annotators: "FIRST MIDDLE LAST", or with MIDDLE emptied. */
    private static Annotation tagged(boolean emptyMiddle) {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos"));
        if (!emptyMiddle) {
            return annotate(pipeline, FIRST + " " + MIDDLE + " " + LAST);
        }
        Annotation doc = annotate(pipeline, FIRST + " " + LAST);
        List<CoreMap> sentences = new ArrayList<>(sentences(doc));
        assertEquals(2, sentences.size());
        CoreMap first = sentences.get(0);
        int end = first.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
        int tokenEnd = first.get(CoreAnnotations.TokenEndAnnotation.class);
        Annotation empty = new Annotation("");
        empty.set(CoreAnnotations.TokensAnnotation.class, new ArrayList<>());
        empty.set(CoreAnnotations.CharacterOffsetBeginAnnotation.class, end);
        empty.set(CoreAnnotations.CharacterOffsetEndAnnotation.class, end);
        empty.set(CoreAnnotations.TokenBeginAnnotation.class, tokenEnd);
        empty.set(CoreAnnotations.TokenEndAnnotation.class, tokenEnd);
        empty.set(CoreAnnotations.SentenceIndexAnnotation.class, 1);
        sentences.add(1, empty);
        CoreMap last = sentences.get(2);
        last.set(CoreAnnotations.SentenceIndexAnnotation.class, 2);
        for (CoreLabel t : last.get(CoreAnnotations.TokensAnnotation.class)) {
            t.setSentIndex(2);
        }
        doc.set(CoreAnnotations.SentencesAnnotation.class, sentences);
        return doc;
    }

    /** The diffusion annotator alone, on a document tagged before: the document as it is given. */
    private static Annotation diffused(boolean emptyMiddle, String... pairs) {
        List<String> all = new ArrayList<>(List.of(pairs));
        all.addAll(List.of("enforceRequirements", "false", "diffusion.steps", "2"));
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("diffusion", all.toArray(String[]::new)));
        Annotation doc = tagged(emptyMiddle);
        pipeline.annotate(doc);
        return doc;
    }

    private static void assertPassesThrough(String... pairs) {
        Annotation withWords = diffused(false, pairs);
        Annotation withEmpty = diffused(true, pairs);
        List<CoreMap> expected = sentences(withWords);
        List<CoreMap> got = sentences(withEmpty);
        String setting = String.join(" ", pairs);
        assertEquals(3, got.size(), setting);
        assertTrue(got.get(1).get(CoreAnnotations.TokensAnnotation.class).isEmpty(), setting + ": still empty");
        assertEquals(words(expected.get(0)), words(got.get(0)), setting + ": the first sentence, at its seed");
        assertEquals(words(expected.get(2)), words(got.get(2)), setting + ": the last sentence, at its seed");
        List<String> docWords = new ArrayList<>(words(got.get(0)));
        docWords.addAll(words(got.get(2)));
        assertEquals(docWords, words(withEmpty), setting + ": the document's tokens");
    }

    @Test
    void anEmptySentencePassesThroughARewriteUnderItsOwnTags() {
        assertPassesThrough("diffusion.task", "rewrite", "diffusion.syntax", "keep");
        assertPassesThrough("diffusion.task", "rewrite", "diffusion.syntax", "keep", "diffusion.guidance", "2");
        assertPassesThrough("diffusion.task", "rewrite", "diffusion.syntax", "keep", "diffusion.sentiment",
                "positive", "diffusion.guidance", "2", "diffusion.keep", "1");
    }

    @Test
    void anEmptySentencePassesThroughARewriteUnderATemplate() {
        assertPassesThrough("diffusion.task", "rewrite", "diffusion.syntax", "DET NOUN VERB ADJ PUNCT");
        assertPassesThrough("diffusion.task", "rewrite", "diffusion.syntax", "DET NOUN VERB ADJ PUNCT",
                "diffusion.guidance", "2");
        assertPassesThrough("diffusion.task", "rewrite", "diffusion.syntax", "DET NOUN VERB ADJ PUNCT",
                "diffusion.sentiment", "negative", "diffusion.guidance", "2", "diffusion.keep", "1");
    }

    @Test
    void anEmptySentencePassesThroughThePlainTasks() {
        assertPassesThrough("diffusion.task", "rewrite");
        assertPassesThrough("diffusion.task", "rewrite", "diffusion.sentiment", "positive", "diffusion.guidance", "2");
        assertPassesThrough("diffusion.task", "infill");
        assertPassesThrough("diffusion.task", "infill", "diffusion.sentiment", "positive", "diffusion.guidance", "2");
    }
}
