package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.JSONOutputter;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.pipeline.TextOutputter;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.DiffusionLM;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each task end to end in real pipelines (tokenize, ssplit, pos) on the shipped model. */
class TasksTest {
    static final String TEXT = "The [MASK] of the committee said that the [MASK] was late. It rained all day.";

    @Test
    void infillsLiteralMasksThatPtbTokenizerSplits() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion"));
        Annotation doc = annotate(pipeline, TEXT);
        List<CoreMap> sentences = sentences(doc);
        assertEquals(2, sentences.size());
        List<CoreLabel> tokens = sentences.get(0).get(CoreAnnotations.TokensAnnotation.class);
        // "[", "MASK", "]" joined into one position each: 12 tokens as written
        assertEquals(12, tokens.size());
        List<String> before = List.of("The", "[MASK]", "of", "the", "committee", "said", "that", "the", "[MASK]",
                "was", "late", ".");
        for (int i = 0; i < tokens.size(); i++) {
            CoreLabel t = tokens.get(i);
            assertEquals(i + 1, t.index());
            if (before.get(i).equals(DiffusionLM.MASK)) {
                assertEquals(DiffusionLM.MASK, t.get(DiffusionAnnotations.OriginalWord.class));
                assertEquals(t.get(DiffusionAnnotations.Word.class), t.word());
                assertFalse(t.word().isBlank() || t.word().equals(DiffusionLM.MASK), t.word());
            } else {
                assertEquals(before.get(i), t.word());
                assertNull(t.get(DiffusionAnnotations.OriginalWord.class));
            }
        }
        assertConsistent(doc);
        CoreMap first = sentences.get(0);
        assertEquals("The [MASK] of the committee said that the [MASK] was late.",
                first.get(DiffusionAnnotations.OriginalText.class));
        assertEquals(first.get(CoreAnnotations.TextAnnotation.class), first.get(DiffusionAnnotations.Text.class));
        assertEquals(1, first.get(DiffusionAnnotations.Windows.class));
        // the sentence without masks is untouched and unmarked
        assertEquals(List.of("It", "rained", "all", "day", "."), words(sentences.get(1)));
        assertNull(sentences.get(1).get(DiffusionAnnotations.Text.class));
        assertTrue(doc.get(CoreAnnotations.TextAnnotation.class).endsWith(" It rained all day."));

        // same seed, same document: same words
        assertEquals(words(doc), words(annotate(pipeline, TEXT)));
    }

    @Test
    void replaceFalseLeavesTheDocumentAndRecordsTheResult() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.replace", "false"));
        Annotation doc = annotate(pipeline, TEXT);
        assertEquals(TEXT, doc.get(CoreAnnotations.TextAnnotation.class));
        CoreMap first = sentences(doc).get(0);
        assertEquals("The [MASK] of the committee said that the [MASK] was late.",
                first.get(CoreAnnotations.TextAnnotation.class));
        String filled = first.get(DiffusionAnnotations.Text.class);
        assertFalse(filled.contains(DiffusionLM.MASK), filled);
        CoreLabel mask = first.get(CoreAnnotations.TokensAnnotation.class).get(1);
        assertEquals(DiffusionLM.MASK, mask.word());
        assertTrue(filled.startsWith("The " + mask.get(DiffusionAnnotations.Word.class) + " of the committee"), filled);
        // the same words as with replace=true (same seed)
        Annotation replaced = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion")), TEXT);
        assertEquals(sentences(replaced).get(0).get(CoreAnnotations.TextAnnotation.class), filled);
    }

    @Test
    void resultsAppearInCoreNlpsTextAndJsonOutputs() throws IOException {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion"));
        Annotation doc = annotate(pipeline, TEXT);
        String filled = sentences(doc).get(0).get(DiffusionAnnotations.Text.class);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new TextOutputter().print(doc, text, pipeline);
        assertTrue(text.toString(StandardCharsets.UTF_8).contains(filled), text.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new JSONOutputter().print(doc, json, pipeline);
        String word = sentences(doc).get(0).get(CoreAnnotations.TokensAnnotation.class).get(1).word();
        assertTrue(json.toString(StandardCharsets.UTF_8).contains("\"word\": \"" + word + "\""));
        assertFalse(json.toString(StandardCharsets.UTF_8).contains("MASK"));
    }

    @Test
    void ourOutputtersShowResultsThatReplaceFalseKeepsOutOfTheDocument() throws IOException {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.replace", "false"));
        Annotation doc = annotate(pipeline, TEXT);
        String filled = sentences(doc).get(0).get(DiffusionAnnotations.Text.class);
        String word = sentences(doc).get(0).get(CoreAnnotations.TokensAnnotation.class).get(1)
                .get(DiffusionAnnotations.Word.class);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new DiffusionJsonOutputter().print(doc, json, pipeline);
        String j = json.toString(StandardCharsets.UTF_8);
        var token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(j).get("sentences").get(0);
        assertEquals(filled, token.get("diffusion").get("text").asText());
        assertEquals(word, token.get("tokens").get(1).get("diffusionWord").asText());
        assertEquals("[MASK]", token.get("tokens").get(1).get("diffusionOriginalWord").asText());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new DiffusionTextOutputter().print(doc, text, pipeline);
        String t = text.toString(StandardCharsets.UTF_8);
        assertTrue(t.contains("after:  " + filled) && t.contains("token 2: [MASK] -> " + word), t);
    }

    /**
     * CoreNLP's protobuf (outputFormat=serialized, what stanza's client reads) refuses keys it has no field for;
     * DiffusionProtobufSerializer writes the changed document without the annotator's records.
     */
    @Test
    void protobufOutputCarriesTheNewWords() throws Exception {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion"));
        Annotation doc = annotate(pipeline, TEXT);
        assertThrows(edu.stanford.nlp.pipeline.ProtobufAnnotationSerializer.LossySerializationException.class,
                () -> new edu.stanford.nlp.pipeline.ProtobufAnnotationSerializer().write(doc,
                        new ByteArrayOutputStream()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DiffusionProtobufSerializer().write(doc, bytes).close();
        Annotation back = new edu.stanford.nlp.pipeline.ProtobufAnnotationSerializer()
                .read(new java.io.ByteArrayInputStream(bytes.toByteArray())).first;
        List<String> words = back.get(CoreAnnotations.TokensAnnotation.class).stream().map(CoreLabel::word).toList();
        assertFalse(words.contains("[MASK]"), words.toString());
        assertEquals(doc.get(CoreAnnotations.TokensAnnotation.class).stream().map(CoreLabel::word).toList(), words);
        assertEquals(doc.get(CoreAnnotations.TextAnnotation.class), back.get(CoreAnnotations.TextAnnotation.class));
    }

    /** A generate-only pipeline (no tokenize) has no tokens, which CoreNLP's text part cannot print. */
    @Test
    void ourTextOutputterPrintsAGenerateOnlyDocument() throws IOException {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("diffusion", "diffusion.task", "generate",
                "diffusion.replace", "false", "diffusion.count", "2", "diffusion.length", "6", "diffusion.steps", "2"));
        Annotation doc = annotate(pipeline, "Some text.");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new DiffusionTextOutputter().print(doc, text, pipeline);
        String t = text.toString(StandardCharsets.UTF_8);
        assertTrue(t.contains("Generated:"), t);
        assertEquals(2, t.lines().filter(l -> l.startsWith("  ")).count(), t);
    }

    @Test
    void masksAdjectivesFromPosTags() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion",
                "diffusion.mask", "pos:ADJ"));
        String text = "The old man bought a red car and a small house.";
        Annotation doc = annotate(pipeline, text);
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        List<String> original = List.of("The", "old", "man", "bought", "a", "red", "car", "and", "a", "small", "house", ".");
        assertEquals(original.size(), tokens.size());
        int written = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String was = tokens.get(i).get(DiffusionAnnotations.OriginalWord.class);
            if (was != null) {
                written++;
                assertTrue(List.of("old", "red", "small").contains(was), was);
                assertEquals(original.get(i), was);
            } else {
                assertEquals(original.get(i), tokens.get(i).word());
            }
            assertTrue(tokens.get(i).tag() != null, "re-tagged after replacing");
        }
        assertEquals(3, written);
        assertConsistent(doc);
    }

    @Test
    void keepsTokensByIndexAndUpos() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion",
                "diffusion.task", "rewrite", "diffusion.strength", "1.0", "diffusion.keep", "1,NOUN,PUNCT"));
        String text = "The old man bought a red car yesterday.";
        Annotation doc = annotate(pipeline, text);
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        assertEquals("The", tokens.get(0).word());
        assertEquals("man", tokens.get(2).word());
        assertEquals("car", tokens.get(6).word());
        assertEquals(".", tokens.get(8).word());
        for (int i : new int[] {0, 2, 6, 8}) {
            assertNull(tokens.get(i).get(DiffusionAnnotations.OriginalWord.class));
        }
        for (int i : new int[] {1, 3, 4, 5}) { // "yesterday" (7) is tagged NN: a NOUN, kept
            assertNotEquals(null, tokens.get(i).get(DiffusionAnnotations.OriginalWord.class));
        }
        assertConsistent(doc);
    }

    /**
     * A {@code [MASK]} is a position to write even where {@code keep} names it, as in the library and core's
     * CLI: the annotator must record and write the word the model filled there, not leave the literal mask.
     */
    @Test
    void rewriteFillsAKeptMask() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion",
                "diffusion.task", "rewrite", "diffusion.strength", "0.3", "diffusion.seed", "1", "diffusion.keep", "1,5"));
        Annotation doc = annotate(pipeline, "He went to the [MASK].");
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        assertEquals("He", tokens.get(0).word(), "a kept word stays");
        CoreLabel mask = tokens.get(4);
        assertNotEquals(DiffusionLM.MASK, mask.word(), words(doc).toString());
        assertEquals(DiffusionLM.MASK, mask.get(DiffusionAnnotations.OriginalWord.class));
        assertFalse(doc.get(CoreAnnotations.TextAnnotation.class).contains(DiffusionLM.MASK),
                doc.get(CoreAnnotations.TextAnnotation.class));
        assertConsistent(doc);
    }

    @Test
    void rewritesEverySentence() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion",
                "diffusion.task", "rewrite", "diffusion.strength", "0.8"));
        String text = "He went to the market on Monday. The weather was fine.";
        Annotation doc = annotate(pipeline, text);
        for (CoreMap s : sentences(doc)) {
            assertTrue(s.get(DiffusionAnnotations.OriginalText.class) != null);
            assertEquals(s.get(CoreAnnotations.TextAnnotation.class), s.get(DiffusionAnnotations.Text.class));
        }
        assertEquals(8, modelPositions(sentences(doc).get(0)).size());
        assertNotEquals(text, doc.get(CoreAnnotations.TextAnnotation.class));
        assertConsistent(doc);
        assertEquals(words(doc), words(annotate(pipeline, text)), "deterministic per seed");
    }

    @Test
    void generatesSentencesIntoTheDocument() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion",
                "diffusion.task", "generate", "diffusion.count", "3", "diffusion.length", "7"));
        Annotation doc = annotate(pipeline, "A first sentence.");
        List<String> generated = doc.get(DiffusionAnnotations.GeneratedSentences.class);
        assertEquals(3, generated.size());
        List<CoreMap> sentences = sentences(doc);
        assertEquals(4, sentences.size());
        for (int i = 1; i < 4; i++) {
            assertEquals(Boolean.TRUE, sentences.get(i).get(DiffusionAnnotations.Generated.class));
            assertEquals(7, generated.get(i - 1).split(" ").length, "the model's words, joined by spaces");
            assertEquals(generated.get(i - 1), sentences.get(i).get(CoreAnnotations.TextAnnotation.class));
            assertTokenizedAsItsText(sentences.get(i));
        }
        assertConsistent(doc);
        // an empty document gets the sentences too
        Annotation empty = annotate(pipeline, "");
        assertEquals(3, sentences(empty).size());
        assertConsistent(empty);
    }

    @Test
    void emptyNonEnglishAndLongDocumentsDoNotBreakThePipeline() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "diffusion.mask", "pos:NOUN"));
        Annotation empty = annotate(pipeline, "");
        assertEquals(Collections.emptyList(), sentences(empty));
        annotate(pipeline, "   \n\n  ");
        Annotation foreign = annotate(pipeline, "Der [MASK] ist grün. 東京は[MASK]です。 Привет, мир!");
        assertConsistent(foreign);
        assertFalse(foreign.get(CoreAnnotations.TextAnnotation.class).contains(DiffusionLM.MASK));

        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            longText.append("the dog and the [MASK] ");
        }
        longText.append('.');
        Annotation doc = annotate(pipeline, longText.toString());
        CoreMap sentence = sentences(doc).get(0);
        assertEquals(151, sentence.get(CoreAnnotations.TokensAnnotation.class).size());
        assertEquals(3, sentence.get(DiffusionAnnotations.Windows.class));
        assertFalse(sentence.get(CoreAnnotations.TextAnnotation.class).contains(DiffusionLM.MASK));
        assertConsistent(doc);
    }

    /**
     * Annotating an annotated document again is a new run on its new text, as with CoreNLP's own annotators
     * (a second {@code pos} tags every token anew): our keys then say what that run did, and nothing of an
     * earlier run stays on tokens or sentences the new run did not write.
     */
    @Test
    void annotatingAgainRecordsOnlyTheNewRun() {
        StanfordCoreNLP tokenizer = new StanfordCoreNLP(props("tokenize,ssplit"));
        Annotation doc = annotate(tokenizer, TEXT);
        DiffusionAnnotator infill = new DiffusionAnnotator("diffusion", props("tokenize,ssplit,diffusion"));
        infill.annotate(doc);
        String filled = doc.get(CoreAnnotations.TextAnnotation.class);
        assertNotNull(sentences(doc).get(0).get(DiffusionAnnotations.OriginalText.class));
        infill.annotate(doc); // no mask left: this run writes nothing
        assertEquals(filled, doc.get(CoreAnnotations.TextAnnotation.class));
        assertNoRecords(doc);

        DiffusionAnnotator generate = new DiffusionAnnotator("diffusion", props("tokenize,ssplit,diffusion",
                "diffusion.task", "generate", "diffusion.length", "5"));
        generate.annotate(doc);
        generate.annotate(doc);
        assertEquals(1, doc.get(DiffusionAnnotations.GeneratedSentences.class).size(), "this run's sentence");
        assertEquals(4, sentences(doc).size(), "each run appends its sentence");
        assertEquals(List.of(false, false, false, true), sentences(doc).stream()
                .map(s -> s.get(DiffusionAnnotations.Generated.class) != null).toList(), "marked by this run");
        assertConsistent(doc);

        infill.annotate(doc);
        assertNoRecords(doc);
        assertNull(doc.get(DiffusionAnnotations.GeneratedSentences.class), "an infill run generated nothing");
    }

    /**
     * CoreNLP's annotator pool keys an annotator by its own {@code NAME.*} properties only, so pipelines whose
     * {@code annotators} differ share one instance: whether {@code pos} (lemma, ner) ran before ours must be
     * read from each document, not from the {@code annotators} list the shared instance was made with.
     */
    @Test
    void pipelinesSharingOurAnnotatorRetagOnlyWhenTheirOwnPosRan() {
        String text = "The [MASK] was late.";
        StanfordCoreNLP tagger = new StanfordCoreNLP(props("tokenize,ssplit,pos"));
        // made first without pos, then reused by a pipeline with pos: the filled word must be tagged again
        annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.seed", "101")), text);
        Annotation tagged = annotate(new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "diffusion.seed",
                "101")), text);
        assertEquals(DiffusionLM.MASK, tagged.get(CoreAnnotations.TokensAnnotation.class).get(1)
                .get(DiffusionAnnotations.OriginalWord.class));
        assertEquals(tags(annotate(tagger, tagged.get(CoreAnnotations.TextAnnotation.class))), tags(tagged),
                "the filled sentence tagged as CoreNLP's tagger tags it");

        // made first with pos, then reused by a pipeline without: no tags appear
        annotate(new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "diffusion.seed", "102")), text);
        Annotation untagged = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.seed",
                "102")), text);
        assertEquals(Collections.nCopies(5, null), tags(untagged), "a pipeline without pos gets no tags");
    }

    private static List<String> tags(Annotation doc) {
        return doc.get(CoreAnnotations.TokensAnnotation.class).stream().map(CoreLabel::tag).toList();
    }

    private static void assertNoRecords(Annotation doc) {
        for (CoreMap s : sentences(doc)) {
            assertNull(s.get(DiffusionAnnotations.Text.class), s.toString());
            assertNull(s.get(DiffusionAnnotations.OriginalText.class), s.toString());
            assertNull(s.get(DiffusionAnnotations.Windows.class), s.toString());
            assertNull(s.get(DiffusionAnnotations.Generated.class), s.toString());
        }
        for (CoreLabel t : doc.get(CoreAnnotations.TokensAnnotation.class)) {
            assertNull(t.get(DiffusionAnnotations.OriginalWord.class), t.word());
            assertNull(t.get(DiffusionAnnotations.Word.class), t.word());
        }
    }

    /**
     * The tokens of a rewritten sentence that stand for one of the model's positions each: all but the later pieces
     * of a written word the tokenizer splits ({@code didn't}: {@code did} stands for the position, {@code n't}, a
     * {@code Word} with no {@code OriginalWord}, does not). Rewrites only: generated tokens have no
     * {@code OriginalWord}.
     */
    static List<CoreLabel> modelPositions(CoreMap sentence) {
        return sentence.get(CoreAnnotations.TokensAnnotation.class).stream()
                .filter(t -> t.get(DiffusionAnnotations.Word.class) == null
                        || t.get(DiffusionAnnotations.OriginalWord.class) != null)
                .toList();
    }

    /** A sentence's tokens are those the tokenizer makes of its text (a written {@code didn't}: two). */
    static void assertTokenizedAsItsText(CoreMap sentence) {
        assertEquals(words(annotate(DocumentEditorTest.TOKENIZER, sentence.get(CoreAnnotations.TextAnnotation.class))),
                words(sentence));
    }

    /** Offsets, sentence text and token text agree with the document text. */
    static void assertConsistent(Annotation doc) {
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        int docIndex = 0;
        List<CoreLabel> docTokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        for (CoreMap s : sentences(doc)) {
            int b = s.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
            int e = s.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
            assertEquals(text.substring(b, e), s.get(CoreAnnotations.TextAnnotation.class));
            List<CoreLabel> tokens = s.get(CoreAnnotations.TokensAnnotation.class);
            assertEquals(docIndex, s.get(CoreAnnotations.TokenBeginAnnotation.class));
            for (int i = 0; i < tokens.size(); i++) {
                CoreLabel t = tokens.get(i);
                assertEquals(i + 1, t.index());
                assertEquals(t, docTokens.get(docIndex++));
                assertEquals(t.originalText(), text.substring(t.beginPosition(), t.endPosition()),
                        "token " + t.word() + " at " + t.beginPosition());
            }
            assertEquals(docIndex, s.get(CoreAnnotations.TokenEndAnnotation.class));
        }
        assertEquals(docTokens.size(), docIndex);
        // CoreNLP's invertible tokenization: the text between two tokens is the first's after and the second's
        // before, so originalText + after rebuilds the document (SentenceUtils.listToOriginalTextString)
        for (int i = 1; i < docTokens.size(); i++) {
            String between = text.substring(docTokens.get(i - 1).endPosition(), docTokens.get(i).beginPosition());
            assertEquals(between, docTokens.get(i - 1).after(), "after of token " + (i - 1) + " in " + text);
            assertEquals(between, docTokens.get(i).before(), "before of token " + i + " in " + text);
        }
    }
}
