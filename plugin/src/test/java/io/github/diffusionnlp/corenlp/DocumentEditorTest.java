package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Editing a tokenized document by hand (no model): spacing, offsets, new sentence lengths. */
class DocumentEditorTest {
    static final StanfordCoreNLP TOKENIZER = new StanfordCoreNLP(props("tokenize,ssplit"));
    /** That pipeline's tokenizer, as the annotator asks it whether two written words would read as one token. */
    static final Function<String, List<CoreLabel>> TOKENIZE = TokenizerWords.of(props("tokenize,ssplit"))::tokenize;

    static Map<CoreLabel, String> replace(Annotation doc, Object... indexAndWord) {
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        Map<CoreLabel, String> words = new IdentityHashMap<>();
        for (int i = 0; i < indexAndWord.length; i += 2) {
            words.put(tokens.get((Integer) indexAndWord[i]), (String) indexAndWord[i + 1]);
        }
        return words;
    }

    @Test
    void wordsThatWouldRunTogetherGetASpaceAndEverythingElseKeepsItsSpacing() {
        Annotation doc = annotate(TOKENIZER, "It was awful. I don't know (why).");
        // "awful" "." -> "a" "his" would read "ahis", "(" -> "x" would read "xwhy": a space each; "do" -> "go" touched "n't" before too
        Map<CoreLabel, String> words = replace(doc, 2, "a", 3, "his", 5, "go", 8, "x");
        String predicted = DocumentEditor.sentenceText(doc, sentences(doc).get(0), words, TOKENIZE);
        DocumentEditor.replaceWords(doc, words, TOKENIZE);
        assertEquals("It was a his I gon't know x why).", doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals(predicted, sentences(doc).get(0).get(CoreAnnotations.TextAnnotation.class));
        assertEquals(List.of("It", "was", "a", "his"), words(sentences(doc).get(0)));
        TasksTest.assertConsistent(doc);
        ConstrainedTasksTest.assertCodepointsConsistent(doc);
    }

    /**
     * Tokens the tokenizer split out of one word ("do" + "n’t", "so" + ",") touch: a changed one that now ends
     * and begins in word characters against its neighbour gets a space ("the first", "do in", not "thefirst",
     * "doin", which read back as one token), except before a contraction's "n’t", which splits off again.
     */
    @Test
    void changedWordsOfASplitWordGetASpaceSoTheTextTokenizesBack() {
        String text = "“I don’t think so,” she said. I don’t know. Don’t go.";
        Annotation doc = annotate(TOKENIZER, text);
        // `` I do n't think so , '' she said . | I do n't know . | Do n't go .
        Map<CoreLabel, String> words = replace(doc, 2, "the", 3, "first", 13, "in", 16, "Did", 5, "inevitable");
        String predicted = DocumentEditor.sentenceText(doc, sentences(doc).get(0), words, TOKENIZE);
        DocumentEditor.replaceWords(doc, words, TOKENIZE);
        assertEquals("“I the first think inevitable,” she said. I do in know. Didn’t go.",
                doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals(predicted, sentences(doc).get(0).get(CoreAnnotations.TextAnnotation.class));
        assertTokenizesBack(doc);
        TasksTest.assertConsistent(doc);
        ConstrainedTasksTest.assertCodepointsConsistent(doc);
    }

    /**
     * Written punctuation touches as words do: "?" + "!" written as "?!" and "." + "." + "." as "..." read as one
     * token each, where the tokenizer had two and three (and "." + "." alone as two: a check of each pair alone
     * kept "..."); ";" + ";" and ".." + "," read as their tokens, and stay touching.
     */
    @Test
    void writtenPunctuationThatWouldReadAsOneTokenGetsASpace() {
        Annotation doc = annotate(TOKENIZER, "He left on Monday. It was fine; it was late (later).");
        // He left on Monday . | It was fine ; it was late ( later ) .
        Map<CoreLabel, String> words = replace(doc, 3, "?", 4, "!", 7, ";", 8, ";", 11, "one", 12, ".", 13, ".",
                14, ".", 15, ",");
        String predicted = DocumentEditor.sentenceText(doc, sentences(doc).get(1), words, TOKENIZE);
        DocumentEditor.replaceWords(doc, words, TOKENIZE);
        assertEquals("He left on ? ! It was ;; it was one . ..,", doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals(predicted, sentences(doc).get(1).get(CoreAnnotations.TextAnnotation.class));
        assertTokenizesBack(doc);
        TasksTest.assertConsistent(doc);
        ConstrainedTasksTest.assertCodepointsConsistent(doc);
    }

    /** The document's text, tokenized again, gives its tokens' words: no two written words ran together. */
    static void assertTokenizesBack(Annotation doc) {
        Annotation again = annotate(TOKENIZER, doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals(words(doc), words(again), doc.get(CoreAnnotations.TextAnnotation.class));
    }

    @Test
    void aSentenceOfANewLengthMovesEverythingAfterIt() {
        Annotation doc = annotate(TOKENIZER, "Über alles. The dog barked at the cat. Ça va?  End here.");
        Map<CoreMap, List<String>> resized = new IdentityHashMap<>();
        resized.put(sentences(doc).get(1), List.of("A", "bird", "."));
        resized.put(sentences(doc).get(2), List.of("So", "it", "goes", "on", "and", "on", "!"));
        DocumentEditor.replaceSentences(doc, resized);
        assertEquals("Über alles. A bird . So it goes on and on !  End here.",
                doc.get(CoreAnnotations.TextAnnotation.class));
        assertEquals(List.of(3, 3, 7, 3), sentences(doc).stream()
                .map(s -> s.get(CoreAnnotations.TokensAnnotation.class).size()).toList());
        assertEquals(16, doc.get(CoreAnnotations.TokensAnnotation.class).size());
        TasksTest.assertConsistent(doc);
        ConstrainedTasksTest.assertCodepointsConsistent(doc);
    }
}
