package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped model writes double quotes as Brown spelt them, {@code ``} and {@code ''}; in a CoreNLP document a
 * quote it writes is the {@code "} a user types (text, {@code originalText}), its {@code word()} what CoreNLP's
 * tokenizer makes of such a {@code "} under the pipeline's {@code tokenize.options}; the user's quotes stay as
 * written. (On the shipped model, steps 4, seed 11, the mask below is filled with an opening quote.)
 */
class QuotesTest {
    static final String TEXT = "He said, [MASK] Yes, it is good\" and left.";

    private static CoreLabel token(Annotation doc, int i) {
        return doc.get(CoreAnnotations.TokensAnnotation.class).get(i);
    }

    @Test
    void aQuoteTheModelFillsInIsAPlainQuoteInTheDocument() {
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.replace", "true")),
                TEXT);
        assertEquals("He said, \" Yes, it is good\" and left.", doc.get(CoreAnnotations.TextAnnotation.class));
        CoreLabel filled = token(doc, 3);
        assertEquals(List.of("\"", "\"", "\""), List.of(filled.word(), filled.originalText(),
                filled.get(DiffusionAnnotations.Word.class)));
        CoreLabel users = token(doc, 9);
        assertEquals(List.of("\"", "\""), List.of(users.word(), users.originalText()), "the user's quote as written");
    }

    @Test
    void itsWordFollowsTheTokenizersQuoteOption() {
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.replace", "true",
                "tokenize.options", "quotes=latex", "diffusion.batchSize", "16")), TEXT); // its own annotator: see the README
        assertEquals("He said, \" Yes, it is good\" and left.", doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals(List.of("``", "\""), List.of(token(doc, 3).word(), token(doc, 3).originalText()));
        assertEquals(List.of("''", "\""), List.of(token(doc, 9).word(), token(doc, 9).originalText()));
    }

    /**
     * A sentence rewritten to a template of another length gets new tokens; its kept ones were written back as
     * their word(), so under ptb3Escaping the text read "Dogs -LRB- … -RRB- … `` … ''". They keep the text the
     * user wrote (originalText) and the word the tokenizer made of it.
     */
    @Test
    void keptTokensOfAResizedSentenceKeepTheirTextAndTheirWord() {
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "2",
                "tokenize.options", "ptb3Escaping=true", "diffusion.task", "rewrite", "diffusion.keep", "2,4,6,8",
                "diffusion.syntax", "NOUN PUNCT ADJ PUNCT VERB PUNCT ADV PUNCT PUNCT ADV")), "Dogs (big) bark “now”.");
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        assertEquals(10, tokens.size(), "the template's length");
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        assertFalse(text.contains("-LRB-") || text.contains("``") || text.contains("''"), text);
        List<List<String>> kept = List.of(List.of("-LRB-", "("), List.of("-RRB-", ")"), List.of("``", "“"),
                List.of("''", "”"));
        for (int k = 0; k < 4; k++) {
            CoreLabel t = tokens.get(2 * k + 1);
            assertEquals(kept.get(k), List.of(t.word(), t.originalText()), "token " + (2 * k + 2));
            assertEquals(t.word(), t.value());
        }
        TasksTest.assertConsistent(doc);
    }

    /** Sentence 3 of this seed opens and closes a quote. */
    @Test
    void generatedSentencesWritePlainQuotes() {
        // seed 13: its first sentence holds a quote (the seed-11 sentences held one until sentence i's seed stopped
        // being seed + i; this checks how a generated quote is written, so it needs one)
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "generate",
                "diffusion.count", "3", "diffusion.length", "12", "diffusion.replace", "true", "diffusion.seed", "13")),
                "x");
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        assertTrue(text.contains("\""), text);
        assertFalse(text.contains("``") || text.contains("''"), text);
        for (String generated : doc.get(DiffusionAnnotations.GeneratedSentences.class)) {
            assertFalse(generated.contains("``") || generated.contains("''"), generated);
        }
        for (CoreLabel t : doc.get(CoreAnnotations.TokensAnnotation.class)) {
            assertEquals(t.originalText(), t.word());
            assertEquals(t.originalText(), text.substring(t.beginPosition(), t.endPosition()));
        }
    }

    /**
     * Under {@code quotes=unicode} the tokenizer gives a typed {@code "} the word {@code “}; a rewrite that leaves the
     * quote as it was leaves the text as the user wrote it, rather than writing the tokenizer's word into it.
     */
    @Test
    void aQuoteTheModelLeavesStaysAsTheUserWroteIt() {
        String text = "He said \"it is good\" and “so” left.";
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "rewrite",
                "diffusion.strength", "0.1", "diffusion.temperature", "0", "tokenize.options", "quotes=unicode")), text);
        String after = doc.get(CoreAnnotations.TextAnnotation.class);
        for (int i : new int[] {2, 6, 8, 10}) {
            CoreLabel t = token(doc, i);
            assertEquals(t.originalText(), after.substring(t.beginPosition(), t.endPosition()), after);
        }
        assertEquals(List.of("\"", "\"", "“", "”"), List.of(token(doc, 2).originalText(), token(doc, 6).originalText(),
                token(doc, 8).originalText(), token(doc, 10).originalText()), after);
    }
}
