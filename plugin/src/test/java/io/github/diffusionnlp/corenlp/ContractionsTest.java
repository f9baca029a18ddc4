package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.trees.TreeCoreAnnotations;
import edu.stanford.nlp.util.CoreMap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import io.github.diffusionnlp.api.DiffusionLM;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped model writes contractions and possessives as Brown spelt them, one word each ({@code didn't},
 * {@code man's}); a written one becomes the tokens the pipeline's tokenizer makes of it. (Shipped model, steps 4,
 * seed 11: "He said he [MASK] know the answer." is filled with "didn't", "It was the [MASK] own fault." with
 * "man's".)
 */
class ContractionsTest {
    private static final String CONTRACTION = "He said he [MASK] know the answer.";

    private static CoreLabel token(Annotation doc, int i) {
        return doc.get(CoreAnnotations.TokensAnnotation.class).get(i);
    }

    /** Words, original texts and offsets of the tokens: what a tokenizer decides. */
    private static List<String> tokenization(Annotation doc) {
        List<String> out = new ArrayList<>();
        for (CoreLabel t : doc.get(CoreAnnotations.TokensAnnotation.class)) {
            out.add(t.word() + "/" + t.value() + "/" + t.originalText() + "@" + t.beginPosition() + "-"
                    + t.endPosition());
        }
        return out;
    }

    /** The document's tokens are those its own tokenizer makes of its new text. */
    private static void assertTokenizedAsItsText(StanfordCoreNLP tokenizer, Annotation doc) {
        Annotation again = annotate(tokenizer, doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals(tokenization(again), tokenization(doc));
        assertEquals(sentences(again).size(), sentences(doc).size());
        ConstrainedTasksTest.assertCodepointsConsistent(doc);
    }

    @Test
    void aWrittenContractionIsTheTokensTheTokenizerMakes() {
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion")), CONTRACTION);
        assertEquals("He said he didn't know the answer.", doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals(List.of("He", "said", "he", "did", "n't", "know", "the", "answer", "."), words(doc));
        CoreLabel did = token(doc, 3);
        CoreLabel not = token(doc, 4);
        assertEquals(List.of("did", "did", "did", 11, 14, "did"), List.of(did.word(), did.value(), did.originalText(),
                did.beginPosition(), did.endPosition(), did.get(DiffusionAnnotations.Word.class)));
        assertEquals(List.of("n't", "n't", "n't", 14, 17, "n't"), List.of(not.word(), not.value(), not.originalText(),
                not.beginPosition(), not.endPosition(), not.get(DiffusionAnnotations.Word.class)));
        assertEquals(List.of(4, 5, 6), List.of(did.index(), not.index(), token(doc, 5).index()));
        assertEquals(List.of(3, 4), List.of(did.get(CoreAnnotations.TokenBeginAnnotation.class),
                not.get(CoreAnnotations.TokenBeginAnnotation.class)));
        assertEquals(List.of("", "", " "), List.of(did.after(), not.before(), not.after()));
        assertEquals(DiffusionLM.MASK, did.get(DiffusionAnnotations.OriginalWord.class), "the token the mask was");
        assertNull(not.get(DiffusionAnnotations.OriginalWord.class), "no token of the old text was here");
        assertEquals(9, sentences(doc).get(0).get(CoreAnnotations.TokenEndAnnotation.class));
        assertEquals("He said he didn't know the answer.", sentences(doc).get(0).get(DiffusionAnnotations.Text.class));
        assertTokenizedAsItsText(DocumentEditorTest.TOKENIZER, doc);
        TasksTest.assertConsistent(doc); // indexes, token spans, before / after
    }

    /**
     * The text output's line for a written word the tokenizer split names all its pieces: it printed the first
     * piece's word alone ("token 4: [MASK] -> did"). Tokens a template adds past a sentence's old length also
     * carry a Word without an OriginalWord, but are not pieces of the token before them.
     */
    @Test
    void theTextOutputShowsEveryPieceOfASplitWord() throws Exception {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion"));
        String text = textOutput(pipeline, annotate(pipeline, CONTRACTION));
        assertTrue(text.contains("\n  token 4-5: [MASK] -> did n't\n"), text);

        StanfordCoreNLP longer = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "rewrite",
                "diffusion.syntax", "PRON VERB ADP DET NOUN PUNCT"));
        String resized = textOutput(longer, annotate(longer, "He went home."));
        assertTrue(resized.contains("\n  token 4: . -> "), resized);
        assertFalse(resized.contains("\n  token 4-"), resized);
    }

    private static String textOutput(StanfordCoreNLP pipeline, Annotation doc) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DiffusionTextOutputter().print(doc, out, pipeline);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWrittenPossessiveIsTheTokensTheTokenizerMakes() {
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion")),
                "It was the [MASK] own fault. So it goes.");
        assertEquals("It was the man's own fault. So it goes.", doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals(List.of("It", "was", "the", "man", "'s", "own", "fault", "."), words(sentences(doc).get(0)));
        assertEquals(List.of(8, 8, 12), List.of(sentences(doc).get(0).get(CoreAnnotations.TokenEndAnnotation.class),
                sentences(doc).get(1).get(CoreAnnotations.TokenBeginAnnotation.class),
                sentences(doc).get(1).get(CoreAnnotations.TokenEndAnnotation.class)));
        assertTokenizedAsItsText(DocumentEditorTest.TOKENIZER, doc);
        TasksTest.assertConsistent(doc); // indexes, token spans, before / after
    }

    /** A whitespace tokenizer splits nothing but spaces: the written word stays one token, as it would read it. */
    @Test
    void underTheWhitespaceTokenizerAWrittenContractionStaysOneToken() {
        String[] whitespace = {"tokenize.whitespace", "true"};
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", whitespace[0], whitespace[1],
                "diffusion.batchSize", "9")), "He said he [MASK] know the answer .");
        assertEquals(List.of("He", "said", "he", "didn't", "know", "the", "answer", "."), words(doc));
        assertTokenizedAsItsText(new StanfordCoreNLP(props("tokenize,ssplit", whitespace[0], whitespace[1])), doc);
        // (not TasksTest.assertConsistent: CoreNLP's whitespace tokenizer leaves every token's before / after empty)
    }

    /** Annotators after ours read the tokens the tokenizer would have made, tagged again by the pipeline's pos. */
    @Test
    void parseAndDepparseAfterDiffusionReadTheSplitTokens() {
        Annotation doc = annotate(new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion,parse,depparse",
                "diffusion.batchSize", "10")), CONTRACTION);
        CoreMap sentence = sentences(doc).get(0);
        assertEquals(List.of("He", "said", "he", "did", "n't", "know", "the", "answer", "."), words(sentence));
        assertEquals(List.of("VBD", "RB"), List.of(token(doc, 3).tag(), token(doc, 4).tag()), "tagged again");
        Tree tree = sentence.get(TreeCoreAnnotations.TreeAnnotation.class);
        assertEquals(words(sentence), tree.yieldWords().stream().map(w -> w.word()).toList());
        SemanticGraph deps = sentence.get(SemanticGraphCoreAnnotations.BasicDependenciesAnnotation.class);
        assertEquals(9, deps.size(), "a node for every token");
        assertEquals("n't", deps.getNodeByIndex(5).word());
    }

    /**
     * A mention over a written word that is split spans all its pieces; later mentions and tokens move by the
     * tokens added (by hand: what ner makes is a span of tokens and offsets).
     */
    @Test
    void aMentionOverASplitWordSpansItsPieces() {
        Annotation doc = annotate(DocumentEditorTest.TOKENIZER, "I met Mary at noon in Paris.");
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        CoreMap mary = mention(tokens, 2, 3);
        CoreMap paris = mention(tokens, 6, 7);
        sentences(doc).get(0).set(CoreAnnotations.MentionsAnnotation.class, List.of(mary, paris));
        doc.set(CoreAnnotations.MentionsAnnotation.class, List.of(mary, paris));
        Map<CoreLabel, String> written = DocumentEditorTest.replace(doc, 2, "Mary's");
        DocumentEditor.replaceWords(doc, written, DocumentEditorTest.TOKENIZE);
        Map<CoreLabel, List<CoreLabel>> split = DocumentEditor.splitAsTokenized(doc, written.keySet(),
                TokenizerWords.of(props("tokenize,ssplit"))::tokenize);
        assertEquals(1, split.size());
        assertEquals(List.of("I", "met", "Mary", "'s", "at", "noon", "in", "Paris", "."), words(doc));
        assertEquals(List.of(2, 4, "Mary's", List.of("Mary", "'s")), List.of(
                mary.get(CoreAnnotations.TokenBeginAnnotation.class), mary.get(CoreAnnotations.TokenEndAnnotation.class),
                mary.get(CoreAnnotations.TextAnnotation.class), words(mary)));
        assertEquals(List.of(7, 8, "Paris"), List.of(paris.get(CoreAnnotations.TokenBeginAnnotation.class),
                paris.get(CoreAnnotations.TokenEndAnnotation.class), paris.get(CoreAnnotations.TextAnnotation.class)));
        assertEquals("PERSON", token(doc, 3).ner(), "a piece keeps the class of the word it is part of");
        assertTokenizedAsItsText(DocumentEditorTest.TOKENIZER, doc);
        TasksTest.assertConsistent(doc); // indexes, token spans, before / after
    }

    private static CoreMap mention(List<CoreLabel> tokens, int begin, int end) {
        CoreMap m = new edu.stanford.nlp.util.ArrayCoreMap();
        List<CoreLabel> spanned = new ArrayList<>(tokens.subList(begin, end));
        spanned.forEach(t -> t.setNER(spanned.get(0).word().equals("Paris") ? "CITY" : "PERSON"));
        m.set(CoreAnnotations.TokensAnnotation.class, spanned);
        m.set(CoreAnnotations.TokenBeginAnnotation.class, begin);
        m.set(CoreAnnotations.TokenEndAnnotation.class, end);
        m.set(CoreAnnotations.CharacterOffsetBeginAnnotation.class, spanned.get(0).beginPosition());
        m.set(CoreAnnotations.CharacterOffsetEndAnnotation.class, spanned.get(spanned.size() - 1).endPosition());
        m.set(CoreAnnotations.TextAnnotation.class, spanned.get(0).word());
        return m;
    }
}
