package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.api.DiffusionLM;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under {@code tokenize.options=ptb3Escaping=true} the tokenizer's word for {@code (} is {@code -LRB-}, a word the
 * shipped model does not know. (On the shipped model, steps 4, seed 11, each mask below is filled with the
 * bracket that closes or opens the one the text has, when the model reads that bracket as {@code (} or
 * {@code )}; read as {@code -RRB-} it fills "to" and "it".)
 */
class BracketsTest {
    private static StanfordCoreNLP escaping() {
        return new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "tokenize.options", "ptb3Escaping=true",
                "diffusion.batchSize", "8")); // its own annotator: the tokenizer's options are read when it is made
    }

    private static CoreLabel token(Annotation doc, int i) {
        return doc.get(CoreAnnotations.TokensAnnotation.class).get(i);
    }

    @Test
    void aBracketOfTheTextReachesTheModelAsTheBracketItIs() {
        StanfordCoreNLP plain = new StanfordCoreNLP(props("tokenize,ssplit,diffusion"));
        String text = "The results [MASK] see Table 2) were good. The plan (see below [MASK] was approved.";
        Annotation escaped = annotate(escaping(), text);
        assertEquals("-RRB-", token(escaped, 6).word(), "precondition: the tokenizer escapes brackets");
        assertEquals(Pipelines.words(annotate(plain, text)).stream().map(w -> w.replace("(", "-LRB-")
                .replace(")", "-RRB-")).toList(), Pipelines.words(escaped), "the model reads the same text either way");
    }

    @Test
    void aBracketTheModelWritesHasTheTokenizersWordAndItsText() {
        Annotation doc = annotate(escaping(), "The results [MASK] see Table 2) were good.");
        CoreLabel filled = token(doc, 2);
        assertEquals(DiffusionLM.MASK, filled.get(DiffusionAnnotations.OriginalWord.class));
        assertEquals(List.of("-LRB-", "-LRB-", "(", "-LRB-"), List.of(filled.word(), filled.value(),
                filled.originalText(), filled.get(DiffusionAnnotations.Word.class)));
        assertEquals("The results ( see Table 2) were good.", doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals("The results ( see Table 2) were good.", Pipelines.sentences(doc).get(0)
                .get(DiffusionAnnotations.Text.class));
        TasksTest.assertConsistent(doc);
    }

    /**
     * CoreNLP's whitespace tokenizer splits at spaces and escapes nothing, whatever {@code tokenize.options} say: a
     * typed {@code (} is the token {@code (}, so a written one is too (and a written quote the {@code "} typed).
     */
    @Test
    void underTheWhitespaceTokenizerAWrittenBracketIsTheBracket() {
        String[] options = {"tokenize.whitespace", "true", "tokenize.options", "ptb3Escaping=true,quotes=latex"};
        TokenizerWords words = TokenizerWords.of(props("tokenize,ssplit", options));
        assertEquals(List.of("(", ")", "\"", "\""), List.of(words.word("("), words.word(")"), words.word("``"),
                words.word("''")));
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", options[0], options[1],
                options[2], options[3], "diffusion.batchSize", "7"));
        Annotation doc = annotate(pipeline, "The results [MASK] see Table 2 ) were good .");
        assertEquals(")", token(doc, 6).word(), "precondition: the tokenizer escapes nothing");
        CoreLabel filled = token(doc, 2);
        assertEquals(List.of("(", "(", "(", "("), List.of(filled.word(), filled.value(), filled.originalText(),
                filled.get(DiffusionAnnotations.Word.class)));
        assertEquals("The results ( see Table 2 ) were good .", doc.get(CoreAnnotations.TextAnnotation.class));
    }
}
