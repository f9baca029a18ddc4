package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.Label;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.JSONOutputter;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.trees.TreeCoreAnnotations;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our annotator between CoreNLP's heavy annotators (ner before it; parse and sentiment after it). */
class DownstreamTest {
    static StanfordCoreNLP nerPipeline;
    static StanfordCoreNLP sentimentPipeline;
    static StanfordCoreNLP positivePipeline;

    /** NER with only the 3-class CRF model: PERSON, LOCATION, ORGANIZATION (fast to load). */
    static Properties lightNer(Properties p) {
        p.setProperty("ner.model", "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz");
        p.setProperty("ner.applyNumericClassifiers", "false");
        p.setProperty("ner.useSUTime", "false");
        p.setProperty("ner.applyFineGrained", "false");
        return p;
    }

    @BeforeAll
    static void pipelines() {
        nerPipeline = new StanfordCoreNLP(lightNer(props("tokenize,ssplit,pos,lemma,ner,diffusion",
                "diffusion.mask", "ner:PERSON,LOCATION")));
        sentimentPipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion,parse,sentiment",
                "diffusion.task", "rewrite", "diffusion.strength", "0.7", "diffusion.keep", "PUNCT"));
        // parse and sentiment come from CoreNLP's annotator pool: loaded once for both pipelines
        positivePipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion,parse,sentiment",
                "diffusion.task", "rewrite", "diffusion.sentiment", "positive", "diffusion.replace", "true"));
    }

    @Test
    void pseudonymisesPersonsAndLocationsAndLeavesEverythingElse() {
        String text = "John Smith met Mary in Paris on Monday. Google hired Anna Karenina in London.";
        Annotation doc = annotate(nerPipeline, text);
        List<String> originals = List.of("John", "Smith", "met", "Mary", "in", "Paris", "on", "Monday", ".",
                "Google", "hired", "Anna", "Karenina", "in", "London", ".");
        Set<String> names = Set.of("John", "Smith", "Mary", "Paris", "Anna", "Karenina", "London");
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        assertEquals(originals.size(), tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            CoreLabel t = tokens.get(i);
            String was = t.get(DiffusionAnnotations.OriginalWord.class);
            if (names.contains(originals.get(i))) {
                assertEquals(originals.get(i), was, "masked because NER said PERSON or LOCATION");
                assertNotEquals(originals.get(i).toLowerCase(), t.word().toLowerCase(), "a name must not come back");
                assertTrue(Set.of("PERSON", "LOCATION").contains(t.ner()), "the slot keeps its class");
            } else {
                assertNull(was, originals.get(i));
                assertEquals(originals.get(i), t.word());
            }
        }
        assertEquals("ORGANIZATION", tokens.get(9).ner());
        TasksTest.assertConsistent(doc);
        String newText = doc.get(CoreAnnotations.TextAnnotation.class);
        for (String name : names) {
            assertTrue(!newText.matches("(?s).*\\b" + name + "\\b.*"), name + " left in: " + newText);
        }
        // entity mentions follow the new text
        for (CoreMap m : doc.get(CoreAnnotations.MentionsAnnotation.class)) {
            int b = m.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
            int e = m.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
            assertEquals(newText.substring(b, e), m.get(CoreAnnotations.TextAnnotation.class));
        }
    }

    /**
     * Where the model gives the masked name straight back (greedy infill of "President [MASK] said ..."
     * is "Kennedy" with this pipeline's steps and seed, checked first), the annotator samples the
     * sentence again until it does not: this exercises the retries, which the sentences above may not.
     */
    @Test
    void aNameTheModelGivesBackIsSampledAgain() {
        List<String> masked = List.of("President", DiffusionLM.MASK, "said", "that", "the", "nation", "would", "act", ".");
        SamplingOptions pipelineOptions = SamplingOptions.builder().steps(4).seed(11).build();
        assertEquals("Kennedy", SharedModels.get(null, null).infill(masked, pipelineOptions).get(1),
                "precondition: without retries the name would come back");
        Annotation doc = annotate(nerPipeline, "President Kennedy said that the nation would act.");
        CoreLabel name = doc.get(CoreAnnotations.TokensAnnotation.class).get(1);
        assertEquals("Kennedy", name.get(DiffusionAnnotations.OriginalWord.class));
        assertEquals("PERSON", name.ner());
        assertNotEquals("kennedy", name.word().toLowerCase(), "the name came back");
        TasksTest.assertConsistent(doc);
    }

    /**
     * The model writes a contraction beside entity mentions and a possessive inside one (this pipeline, steps 4,
     * seed 11: "John Smith said he [MASK] know Mary." is filled "… he didn't know …", and the PERSON "Smith" of
     * "It was the Smith own fault." is pseudonymised as "man's"); the tokenizer's split into two tokens moves the
     * mentions after it by one token and stretches the one over it, and ner's mentions still match the tokens.
     */
    @Test
    void aContractionWrittenBesideOrInsideAnEntityKeepsMentionsOnTheirTokens() {
        Annotation beside = annotate(nerPipeline, "John Smith said he [MASK] know Mary.");
        List<CoreLabel> tokens = beside.get(CoreAnnotations.TokensAnnotation.class);
        assertEquals(List.of("did", "n't"), List.of(tokens.get(4).word(), tokens.get(5).word()), "precondition");
        assertEquals(List.of("VBD", "do", "RB", "not"), List.of(tokens.get(4).tag(), tokens.get(4).lemma(),
                tokens.get(5).tag(), tokens.get(5).lemma()), "tagged and lemmatised again");
        CoreMap last = mentionAt(beside, 7);
        assertEquals(List.of(7, 8, "PERSON"), List.of(last.get(CoreAnnotations.TokenBeginAnnotation.class),
                last.get(CoreAnnotations.TokenEndAnnotation.class), tokens.get(7).ner()), "Mary's slot, one token on");

        Annotation inside = annotate(nerPipeline, "It was the Smith own fault.");
        tokens = inside.get(CoreAnnotations.TokensAnnotation.class);
        assertEquals(List.of("man", "'s"), List.of(tokens.get(3).word(), tokens.get(4).word()), "precondition");
        assertEquals(List.of("PERSON", "PERSON", "NN", "POS"), List.of(tokens.get(3).ner(), tokens.get(4).ner(),
                tokens.get(3).tag(), tokens.get(4).tag()), "each piece keeps the class, tagged again");
        CoreMap man = mentionAt(inside, 3);
        assertEquals(List.of(3, 5, "man's"), List.of(man.get(CoreAnnotations.TokenBeginAnnotation.class),
                man.get(CoreAnnotations.TokenEndAnnotation.class), man.get(CoreAnnotations.TextAnnotation.class)));

        for (Annotation doc : List.of(beside, inside)) {
            assertMentionsOnTheirTokens(doc);
            assertMentionIndexesConsistent(doc);
            TasksTest.assertConsistent(doc);
            DocumentEditorTest.assertTokenizesBack(doc);
        }
    }

    private static CoreMap mentionAt(Annotation doc, int tokenBegin) {
        return doc.get(CoreAnnotations.MentionsAnnotation.class).stream()
                .filter(m -> m.get(CoreAnnotations.TokenBeginAnnotation.class) == tokenBegin).findFirst()
                .orElseThrow(() -> new AssertionError("no mention at token " + tokenBegin));
    }

    /**
     * Every mention, in the document's list and its sentence's, holds the document's tokens of its token span
     * (the same objects), starts and ends where they do, and its text is the document's text there.
     */
    static void assertMentionsOnTheirTokens(Annotation doc) {
        List<CoreLabel> docTokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        List<CoreMap> mentions = new ArrayList<>(doc.get(CoreAnnotations.MentionsAnnotation.class));
        for (CoreMap s : sentences(doc)) {
            List<CoreMap> own = s.get(CoreAnnotations.MentionsAnnotation.class);
            for (CoreMap m : own) {
                assertTrue(mentions.stream().anyMatch(d -> d == m), "a sentence's mention is the document's: " + m);
            }
        }
        assertTrue(!mentions.isEmpty(), "ner found mentions");
        for (CoreMap m : mentions) {
            int b = m.get(CoreAnnotations.TokenBeginAnnotation.class);
            int e = m.get(CoreAnnotations.TokenEndAnnotation.class);
            List<CoreLabel> spanned = m.get(CoreAnnotations.TokensAnnotation.class);
            assertEquals(e - b, spanned.size(), "mention " + m);
            for (int i = b; i < e; i++) {
                assertTrue(docTokens.get(i) == spanned.get(i - b), "token " + i + " of mention " + m);
            }
            int cb = m.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
            int ce = m.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
            assertEquals(List.of(docTokens.get(b).beginPosition(), docTokens.get(e - 1).endPosition()),
                    List.of(cb, ce));
            assertEquals(text.substring(cb, ce), m.get(CoreAnnotations.TextAnnotation.class));
        }
    }

    @Test
    void parseAndSentimentJudgeTheRewrittenSentences() {
        String text = "The movie was wonderful and the actors were brilliant. The food was cold and awful.";
        Annotation doc = annotate(sentimentPipeline, text);
        TasksTest.assertConsistent(doc);
        assertNotEquals(text, doc.get(CoreAnnotations.TextAnnotation.class));
        for (CoreMap s : sentences(doc)) {
            assertEquals(s.get(CoreAnnotations.TextAnnotation.class), s.get(DiffusionAnnotations.Text.class));
            assertNotEquals(s.get(DiffusionAnnotations.OriginalText.class), s.get(DiffusionAnnotations.Text.class));
            Tree tree = s.get(TreeCoreAnnotations.TreeAnnotation.class);
            List<String> leaves = new ArrayList<>();
            for (Label l : tree.yield()) {
                leaves.add(l.value());
            }
            assertEquals(Pipelines.words(s), leaves, "the parser saw the rewritten tokens");
            assertNotNull(s.get(SentimentCoreAnnotations.SentimentClass.class));
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            new JSONOutputter().print(doc, json, sentimentPipeline);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        String out = json.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\"sentiment\""), out);
        assertTrue(out.contains(sentences(doc).get(0).get(CoreAnnotations.TokensAnnotation.class).get(1).word()));
    }

    /**
     * The parser and the sentiment annotator run on the rewritten sentences, each of its input's length. Which label
     * CoreNLP gives is not checked (any of its five is accepted): how often a rewrite toward positive is judged
     * positive is a measurement, made by the evaluation module's {@code constraints} command, not a unit test.
     */
    @Test
    void parseAndSentimentRunOnSentencesRewrittenTowardPositive() {
        String text = "The movie was dull and the actors were terrible. The food was cold and awful.";
        Annotation doc = annotate(positivePipeline, text);
        TasksTest.assertConsistent(doc);
        List<CoreMap> sentences = sentences(doc);
        assertEquals(2, sentences.size());
        for (CoreMap s : sentences) {
            assertEquals(s.get(CoreAnnotations.TextAnnotation.class), s.get(DiffusionAnnotations.Text.class));
            assertNotNull(s.get(DiffusionAnnotations.OriginalText.class));
            assertEquals(Pipelines.words(s), leaves(s), "the parser saw the rewritten tokens");
            String judged = s.get(SentimentCoreAnnotations.SentimentClass.class);
            assertTrue(Set.of("Very negative", "Negative", "Neutral", "Positive", "Very positive").contains(judged),
                    judged);
            System.out.println("rewritten toward positive: " + s.get(CoreAnnotations.TextAnnotation.class)
                    + "  [CoreNLP sentiment: " + judged + "]");
        }
        StanfordCoreNLP tokenizer = new StanfordCoreNLP(props("tokenize,ssplit"));
        for (CoreMap s : sentences) { // no template: each sentence keeps its length
            Annotation original = annotate(tokenizer, s.get(DiffusionAnnotations.OriginalText.class));
            assertEquals(original.get(CoreAnnotations.TokensAnnotation.class).size(),
                    s.get(CoreAnnotations.TokensAnnotation.class).size());
        }
    }

    @Test
    void sentencesRewrittenToATemplateFlowOnToParseAndSentiment() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion,parse,sentiment",
                "diffusion.task", "rewrite", "diffusion.sentiment", "positive", "diffusion.syntax",
                "DET ADJ NOUN VERB ADV PUNCT"));
        Annotation doc = annotate(pipeline, "The food was cold and awful. It rained.");
        TasksTest.assertConsistent(doc);
        for (CoreMap s : sentences(doc)) {
            assertEquals(6, s.get(CoreAnnotations.TokensAnnotation.class).size());
            assertEquals(Pipelines.words(s), leaves(s));
            assertNotNull(s.get(SentimentCoreAnnotations.SentimentClass.class));
        }
    }

    /** A sentence rewritten to a template loses its entity mentions: an empty list, as JSON's clients expect. */
    @Test
    void aTemplateRewriteLeavesAnEmptyMentionList() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(lightNer(props("tokenize,ssplit,pos,lemma,ner,diffusion",
                "diffusion.task", "rewrite", "diffusion.syntax", "DET NOUN VERB PUNCT")));
        Annotation doc = annotate(pipeline, "John met Mary in Boston.");
        for (CoreMap s : sentences(doc)) {
            assertEquals(List.of(), s.get(CoreAnnotations.MentionsAnnotation.class));
        }
    }

    /**
     * A template rewrite drops the mentions of a sentence whose length changed from the document's list; the
     * mentions after it (in a sentence that kept its length) and their tokens kept their old
     * EntityMentionIndexAnnotation, pointing past the list's end or at another mention. They are renumbered as
     * CoreNLP's EntityMentionsAnnotator numbers them, and the protobuf round trip keeps them.
     */
    @Test
    void mentionsAfterADroppedOneAreRenumbered() throws Exception {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(lightNer(props("tokenize,ssplit,pos,lemma,ner,diffusion",
                "diffusion.steps", "2", "diffusion.task", "rewrite",
                "diffusion.syntax", "PROPN PROPN VERB PROPN PROPN ADP PROPN PUNCT")));
        Annotation doc = annotate(pipeline, "John Smith went home. Mary Jones met Bob Brown in Paris.");
        assertEquals(8, sentences(doc).get(0).get(CoreAnnotations.TokensAnnotation.class).size(), "resized");
        assertMentionIndexesConsistent(doc);
        assertEquals(3, doc.get(CoreAnnotations.MentionsAnnotation.class).size(), "the second sentence's three");

        DiffusionProtobufSerializer serializer = new DiffusionProtobufSerializer();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        serializer.write(doc, bytes).close();
        Annotation back = serializer.read(new java.io.ByteArrayInputStream(bytes.toByteArray())).first;
        assertMentionIndexesConsistent(back);
        assertEquals(3, back.get(CoreAnnotations.MentionsAnnotation.class).size());
    }

    /** Each mention's index is its place in the document's list, and its tokens carry that index. */
    static void assertMentionIndexesConsistent(Annotation doc) {
        List<CoreMap> mentions = doc.get(CoreAnnotations.MentionsAnnotation.class);
        java.util.Map<CoreLabel, Integer> expected = new java.util.IdentityHashMap<>();
        for (int i = 0; i < mentions.size(); i++) {
            CoreMap m = mentions.get(i);
            assertEquals(i, m.get(CoreAnnotations.EntityMentionIndexAnnotation.class), "mention " + m);
            Integer canonical = m.get(CoreAnnotations.CanonicalEntityMentionIndexAnnotation.class);
            assertTrue(canonical == null || canonical >= 0 && canonical < mentions.size(), "canonical " + canonical);
            for (CoreLabel t : m.get(CoreAnnotations.TokensAnnotation.class)) {
                expected.put(t, i);
            }
        }
        for (CoreLabel t : doc.get(CoreAnnotations.TokensAnnotation.class)) {
            Integer i = t.get(CoreAnnotations.EntityMentionIndexAnnotation.class);
            if (i != null || expected.containsKey(t)) {
                assertEquals(expected.get(t), i, "token " + t.word());
            }
        }
    }

    static List<String> leaves(CoreMap sentence) {
        List<String> leaves = new ArrayList<>();
        for (Label l : sentence.get(TreeCoreAnnotations.TreeAnnotation.class).yield()) {
            leaves.add(l.value());
        }
        return leaves;
    }
}
