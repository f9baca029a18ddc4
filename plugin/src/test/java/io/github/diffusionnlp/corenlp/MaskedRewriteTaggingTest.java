package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A rewrite of a sentence holding a {@code [MASK]} tags the sentence once core has filled its masks, with the
 * pipeline's {@code pos}: the classes {@code diffusion.keep} keeps are read off those tags (not off the masked
 * sentence's, where the tag at the mask moves its neighbours'), and the tagger reads the document's own words at every
 * position but a mask's (a token the model reads as {@code [UNK]} included).
 */
class MaskedRewriteTaggingTest {
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(4).seed(11).build();

    /** The document's tokens, tagged by {@code pos}, its masks joined as the annotator joins them. */
    private static List<CoreLabel> tagged(String text) {
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,pos")), text);
        DocumentEditor.joinMasks(doc);
        return doc.get(CoreAnnotations.TokensAnnotation.class);
    }

    /** {@code words} with the model's words at the masks of {@code masked}. */
    private static List<String> filled(List<String> masked, List<String> words) {
        DiffusionLM lm = SharedModels.get(null, null);
        SamplingOptions fill = OPTIONS.toBuilder().temperature(SamplingOptions.SAMPLING_TEMPERATURE).build();
        List<String> model = lm.infillAll(List.of(masked), fill).get(0); // as a rewrite fills its masks
        List<String> out = new ArrayList<>(words);
        for (int i = 0; i < masked.size(); i++) {
            if (masked.get(i).equals(DiffusionLM.MASK)) {
                out.set(i, model.get(i));
            }
        }
        return out;
    }

    /**
     * "They [MASK] work today." is tagged PRON NOUN NOUN NOUN PUNCT by {@code pos} ("work" a noun beside the mask) and,
     * its mask filled ("They can work today ."), PRON AUX VERB NOUN PUNCT: {@code keep = NOUN} keeps "today" alone.
     * Before, "work" was kept as well.
     */
    @Test
    void keptClassesAreReadOffTheFilledSentencesTags() {
        String text = "They [MASK] work today.";
        Properties props = props("tokenize,ssplit,pos,diffusion", "diffusion.task", "rewrite", "diffusion.keep",
                "NOUN");
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
        List<CoreLabel> tokens = tagged(text);
        List<String> masked = tokens.stream().map(CoreLabel::word).toList();
        assertEquals(List.of("They", DiffusionLM.MASK, "work", "today", "."), masked);
        List<Upos> given = PtbToUpos.of(tokens);
        List<String> filled = filled(masked, masked);
        List<Upos> own = PipelineTagger.tags(PipelineTagger.of(props).get(), filled);
        boolean[] keep = new boolean[masked.size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = own.get(i) == Upos.NOUN;
        }
        assertEquals(Upos.NOUN, given.get(2), "the masked sentence's tags make 'work' a noun: " + given);
        assertFalse(keep[2], "the filled one's do not: " + filled + " " + own);
        DiffusionLM lm = SharedModels.get(null, null);
        List<String> expected = lm.rewriteAll(List.of(filled), List.of(keep), 0.5, List.of(Constraints.none()),
                OPTIONS).get(0);
        assertWords(expected, annotate(pipeline, text));
    }

    /** The document's words, and those the pipeline's tokenizer makes of the model's (a written "I'm": two). */
    private static void assertWords(List<String> model, Annotation doc) {
        assertEquals(Pipelines.words(annotate(DocumentEditorTest.TOKENIZER, String.join(" ", model))),
                Pipelines.words(doc), "the model's words " + model);
    }

    /**
     * Under {@code syntax=keep} the filled words' tags are those of the document's words with the model's at the
     * masks: "3 1/2" (a no-break space inside, which the model reads as {@code [UNK]}) was tagged as the text
     * "[UNK]". The document keeps its word where the model gives {@code [UNK]} back.
     */
    @Test
    void theTaggerOfFilledWordsReadsTheDocumentsWordsNotUnk() {
        String text = "She [MASK] 3 1/2 miles home.";
        Properties props = props("tokenize,ssplit,pos,diffusion", "diffusion.task", "rewrite", "diffusion.syntax",
                "keep");
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
        List<CoreLabel> tokens = tagged(text);
        List<String> document = tokens.stream().map(CoreLabel::word).toList();
        List<String> model = new ArrayList<>(); // as the annotator gives them to core: "3 1/2" is no token of its
        for (String w : document) {
            model.add(w.contains("\u00A0") ? Vocabulary.UNK : w);
        }
        assertTrue(model.contains(Vocabulary.UNK), "a token the model reads as [UNK]: " + document);
        List<String> filled = filled(model, model);
        List<String> read = filled(model, document);
        List<Upos> own = PipelineTagger.tags(PipelineTagger.of(props).get(), read);
        assertNotEquals(PipelineTagger.tags(PipelineTagger.of(props).get(), filled), own,
                "the document's word and [UNK] are tagged otherwise here: " + read);
        DiffusionLM lm = SharedModels.get(null, null);
        List<String> expected = new ArrayList<>(lm.rewriteAll(List.of(filled), Collections.singletonList(null), 0.5,
                List.of(Constraints.none().withTemplate(own)), OPTIONS).get(0));
        for (int i = 0; i < expected.size(); i++) { // an unknown word the model gives back stays the document's
            if (expected.get(i).equals(Vocabulary.UNK)) {
                expected.set(i, document.get(i));
            }
        }
        assertWords(expected, annotate(pipeline, text));
    }
}
