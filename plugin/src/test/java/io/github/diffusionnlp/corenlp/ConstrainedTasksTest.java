package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.root;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static io.github.diffusionnlp.corenlp.TasksTest.assertConsistent;
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
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Sentiment, syntax templates and guidance in real pipelines. Only what holds for any conditional model is
 * asserted (lengths, kept tokens, offsets, determinism, errors), never the quality of the words.
 */
class ConstrainedTasksTest {
    static final String TEXT = "He went to the market on Monday. The weather was fine and the children played outside.";
    static final List<Integer> LENGTHS = List.of(8, 10);
    static final String TEMPLATE = "DET ADJ NOUN VERB ADP DET NOUN PUNCT";

    @Test
    void syntaxKeepRewritesEachSentenceAtItsOwnLengthAndCoreNlpTagsTheResult() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion",
                "diffusion.task", "rewrite", "diffusion.strength", "1.0", "diffusion.syntax", "keep",
                "diffusion.sentiment", "negative", "diffusion.keep", "1"));
        Annotation doc = annotate(pipeline, TEXT);
        List<CoreMap> sentences = sentences(doc);
        assertEquals(2, sentences.size());
        StanfordCoreNLP tagger = new StanfordCoreNLP(props("tokenize,ssplit,pos", "tokenize.whitespace", "true",
                "ssplit.eolonly", "true"));
        int agree = 0;
        int total = 0;
        for (int s = 0; s < sentences.size(); s++) {
            CoreMap sentence = sentences.get(s);
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            assertEquals(LENGTHS.get(s), TasksTest.modelPositions(sentence).size(), "syntax=keep keeps the length");
            TasksTest.assertTokenizedAsItsText(sentence); // a written contraction: one position, two tokens
            assertEquals(sentence.get(CoreAnnotations.TextAnnotation.class), sentence.get(DiffusionAnnotations.Text.class));
            assertNull(tokens.get(0).get(DiffusionAnnotations.OriginalWord.class), "token 1 is kept");
            for (CoreLabel t : tokens) {
                assertNotNull(t.tag(), "tagged again by the pipeline's pos after rewriting");
            }
            // CoreNLP's tagger on the rewritten sentence on its own: as many tokens, one tag each
            Annotation again = annotate(tagger, String.join(" ", words(sentence)));
            List<CoreLabel> retagged = again.get(CoreAnnotations.TokensAnnotation.class);
            assertEquals(tokens.size(), retagged.size());
            // how often the new words carry the tags asked for: printed, not asserted (model quality)
            List<Upos> asked = PtbToUpos.of(annotate(tagger, sentence.get(DiffusionAnnotations.OriginalText.class)
                    .replaceAll("([.,])", " $1")).get(CoreAnnotations.TokensAnnotation.class));
            List<Upos> got = PtbToUpos.of(retagged);
            for (int i = 0; i < Math.min(asked.size(), got.size()); i++) {
                agree += asked.get(i) == got.get(i) ? 1 : 0;
                total++;
            }
        }
        System.out.printf("syntax=keep: %d of %d rewritten tokens carry the template's UPOS tag%n", agree, total);
        assertConsistent(doc);
        assertEquals(words(doc), words(annotate(pipeline, TEXT)), "deterministic per seed");
    }

    /**
     * Under {@code syntax=keep} a sentence holding a {@code [MASK]} is rewritten under the pipeline's tags of its words
     * once core has filled the mask, not under the tag CoreNLP gave the bracketed mask (that of the {@code MASK} its
     * tokenizer split off): the words are those of a rewrite of the filled sentence under its tags, and those tags
     * differ from the ones the mask was given. The pipeline's own {@code pos} tags them: no second tagger is loaded.
     */
    @Test
    void syntaxKeepRewritesAMaskedSentenceUnderItsFilledWordsTags() {
        String text = "She [MASK] home early.";
        Properties props = props("tokenize,ssplit,pos,diffusion", "diffusion.task", "rewrite", "diffusion.syntax",
                "keep");
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
        StanfordCoreNLP tagged = new StanfordCoreNLP(props("tokenize,ssplit,pos"));
        List<String> masked = List.of("She", DiffusionLM.MASK, "home", "early", ".");
        List<Upos> given = new ArrayList<>(PtbToUpos.of(annotate(tagged, text).get(CoreAnnotations.TokensAnnotation
                .class)));
        given.subList(1, 4).clear(); // '[' 'MASK' ']' as one token, tagged as the annotator joins it: MASK's tag
        given.add(1, PtbToUpos.of(annotate(tagged, text).get(CoreAnnotations.TokensAnnotation.class)).get(2));

        DiffusionLM lm = SharedModels.get(null, null);
        SamplingOptions options = SamplingOptions.builder().steps(4).seed(11).build();
        List<String> filled = lm.infillAll(List.of(masked), options.toBuilder()
                .temperature(SamplingOptions.SAMPLING_TEMPERATURE).build()).get(0); // as a rewrite fills its masks
        List<Upos> own = PipelineTagger.tags(PipelineTagger.of(props).get(), filled);
        assertNotEquals(given, own, "the mask's guessed tags and the filled sentence's differ here: " + filled);
        List<String> expected = lm.rewriteAll(List.of(filled), java.util.Collections.singletonList(null), 0.5,
                List.of(Constraints.none().withTemplate(own)), options).get(0);
        assertEquals(expected, words(annotate(pipeline, text)));
    }

    @Test
    void syntaxKeepHandlesSentencesLongerThanTheModelWindowByWindow() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion",
                "diffusion.task", "rewrite", "diffusion.syntax", "keep", "diffusion.keep", "PUNCT"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            text.append("the dog saw a cat , ");
        }
        text.append("and it ran .");
        Annotation doc = annotate(pipeline, text.toString());
        CoreMap sentence = sentences(doc).get(0);
        List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
        assertEquals(88, tokens.size());
        assertEquals(2, sentence.get(DiffusionAnnotations.Windows.class));
        for (int i = 5; i < 84; i += 6) {
            assertEquals(",", tokens.get(i).word(), "PUNCT kept in both windows");
        }
        assertEquals(".", tokens.get(87).word());
        assertConsistent(doc);
    }

    @Test
    void anExplicitTemplateGivesGeneratedSentencesItsLength() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "generate",
                "diffusion.count", "3", "diffusion.syntax", TEMPLATE, "diffusion.sentiment", "positive",
                "diffusion.guidance", "2"));
        Annotation doc = annotate(pipeline, "");
        List<String> generated = doc.get(DiffusionAnnotations.GeneratedSentences.class);
        assertEquals(3, generated.size());
        for (CoreMap s : sentences(doc)) {
            assertEquals(8, s.get(CoreAnnotations.TokensAnnotation.class).size());
        }
        assertConsistent(doc);
        assertEquals(generated, annotate(pipeline, "").get(DiffusionAnnotations.GeneratedSentences.class));
    }

    @Test
    void anExplicitTemplateRewritesEverySentenceToItsLengthAndTheOffsetsFollow() {
        String template = "PRON VERB ADP DET NOUN PUNCT";
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,lemma,diffusion",
                "diffusion.task", "rewrite", "diffusion.syntax", template, "diffusion.keep", "1,2"));
        String text = "Intro without change? No: every sentence is rewritten. " + TEXT;
        Annotation doc = annotate(pipeline, text);
        List<CoreMap> sentences = sentences(doc);
        assertEquals(4, sentences.size());
        List<String> originals = List.of("Intro without change?", "No: every sentence is rewritten.",
                "He went to the market on Monday.", "The weather was fine and the children played outside.");
        for (int s = 0; s < sentences.size(); s++) {
            CoreMap sentence = sentences.get(s);
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            assertEquals(6, tokens.size(), "the template's length");
            assertEquals(originals.get(s), sentence.get(DiffusionAnnotations.OriginalText.class));
            assertEquals(sentence.get(CoreAnnotations.TextAnnotation.class), sentence.get(DiffusionAnnotations.Text.class));
            List<String> before = words(annotate(new StanfordCoreNLP(props("tokenize,ssplit")), originals.get(s)));
            assertEquals(before.subList(0, 2), words(sentence).subList(0, 2), "tokens 1 and 2 are kept verbatim");
            assertEquals(sentence.get(CoreAnnotations.SentenceIndexAnnotation.class), s);
            for (int i = 0; i < tokens.size(); i++) {
                CoreLabel t = tokens.get(i);
                assertNotNull(t.tag());
                assertNotNull(t.lemma());
                assertEquals(i >= 2 ? t.word() : null, t.get(DiffusionAnnotations.Word.class));
                if (i >= 2 && i < before.size()) {
                    assertEquals(before.get(i), t.get(DiffusionAnnotations.OriginalWord.class));
                }
            }
        }
        assertConsistent(doc);
        assertCodepointsConsistent(doc);
        assertEquals(words(doc), words(annotate(pipeline, text)), "deterministic per seed");

        // replace=false: the document stays, the result is in our keys
        Annotation kept = annotate(new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "diffusion.task",
                "rewrite", "diffusion.syntax", template, "diffusion.keep", "1,2", "diffusion.replace", "false")), text);
        assertEquals(text, kept.get(CoreAnnotations.TextAnnotation.class));
        for (int s = 0; s < 4; s++) {
            assertEquals(String.join(" ", words(sentences.get(s))),
                    sentences(kept).get(s).get(DiffusionAnnotations.Text.class), "same words as with replace=true");
        }
    }

    /**
     * A sentence that keeps a token past an explicit template cannot take it; it depends on the input, so the
     * sentence is left as it is (with a warning) and the others are rewritten: a failing document would leave
     * CoreNLP's -threads run waiting forever.
     */
    @Test
    void aSentenceKeepingATokenOutsideTheTemplateIsLeftAsItIs() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion",
                "diffusion.task", "rewrite", "diffusion.syntax", "DET NOUN VERB PUNCT", "diffusion.keep", "PUNCT"));
        Annotation doc = annotate(pipeline, "The dog barked loudly at the cat. A man ran.");
        List<CoreMap> sentences = sentences(doc);
        assertEquals("The dog barked loudly at the cat .", String.join(" ", words(sentences.get(0))),
                "token 8 ('.') lies past the template's 4 tags: the sentence stays");
        assertNull(sentences.get(0).get(DiffusionAnnotations.Text.class));
        assertEquals(4, sentences.get(1).get(CoreAnnotations.TokensAnnotation.class).size());
        assertEquals(".", words(sentences.get(1)).get(3), "kept");
        assertNotNull(sentences.get(1).get(DiffusionAnnotations.Text.class), "the other sentence is rewritten");
    }

    /**
     * A keep index past a sentence's end names a token it does not have: the sentence was rewritten whole,
     * without a word. Now it is left as it is (with a warning), as with a kept token outside the template,
     * and the sentences long enough are rewritten around their kept token.
     */
    @Test
    void aSentenceShorterThanAKeepIndexIsLeftAsItIs() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion",
                "diffusion.task", "rewrite", "diffusion.strength", "1.0", "diffusion.keep", "5"));
        Annotation doc = annotate(pipeline, "The dog barked loudly at the cat. A man ran.");
        List<CoreMap> sentences = sentences(doc);
        assertNotNull(sentences.get(0).get(DiffusionAnnotations.Text.class), "8 tokens: rewritten");
        assertEquals("at", TasksTest.modelPositions(sentences.get(0)).get(4).word(), "token 5 kept");
        assertEquals("A man ran .", String.join(" ", words(sentences.get(1))), "4 tokens have no token 5: it stays");
        assertNull(sentences.get(1).get(CoreAnnotations.TokensAnnotation.class).get(0)
                .get(DiffusionAnnotations.OriginalWord.class), "no token of it was written");
    }

    /**
     * Under an explicit template a sentence shorter than a keep index was reported "left as it is" and then
     * rewritten anyway: everything of it kept, so it ran through the template and came back longer, its own
     * tokens followed by the model's words.
     */
    @Test
    void aSentenceShorterThanAKeepIndexIsLeftAsItIsUnderATemplateToo() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "diffusion.steps", "2",
                "diffusion.task", "rewrite", "diffusion.syntax", "NOUN VERB ADV ADV ADV PUNCT", "diffusion.keep", "1,4"));
        Annotation doc = annotate(pipeline, "Dogs bark loudly today. Next one.");
        List<CoreMap> sentences = sentences(doc);
        assertEquals(6, sentences.get(0).get(CoreAnnotations.TokensAnnotation.class).size(), "rewritten to the template");
        assertEquals("Next one .", String.join(" ", words(sentences.get(1))), "3 tokens have no token 4: it stays");
        assertNull(sentences.get(1).get(DiffusionAnnotations.Text.class));
        assertTrue(doc.get(CoreAnnotations.TextAnnotation.class).endsWith(" Next one."));
        assertConsistent(doc);
    }

    @Test
    void bestOfCandidatesNeverRatesLowerThanOneSample() {
        String[] generate = {"diffusion.task", "generate", "diffusion.count", "3", "diffusion.length", "10",
            "diffusion.sentiment", "positive"};
        List<String> once = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", generate)), "")
                .get(DiffusionAnnotations.GeneratedSentences.class);
        String[] bestOf6 = java.util.Arrays.copyOf(generate, generate.length + 2);
        bestOf6[generate.length] = "diffusion.candidates";
        bestOf6[generate.length + 1] = "6";
        List<String> ranked = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", bestOf6)), "")
                .get(DiffusionAnnotations.GeneratedSentences.class);
        SentimentLabeller afinn = SentimentLabeller.afinn();
        int onceScore = 0;
        int rankedScore = 0;
        for (int i = 0; i < 3; i++) {
            int o = afinn.score(List.of(once.get(i).split(" ")));
            int r = afinn.score(List.of(ranked.get(i).split(" ")));
            assertTrue(r >= o, "candidate 0 is the single sample, so the best can only rate higher: " + ranked.get(i)
                    + " (" + r + ") against " + once.get(i) + " (" + o + ")");
            onceScore += o;
            rankedScore += r;
        }
        assertTrue(rankedScore > onceScore, "6 candidates found nothing more positive in 3 sentences: " + ranked);
    }

    @Test
    void lexicalNeutralGenerationWritesNoRatedWordAndNoNegation() {
        List<String> out = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "generate",
                "diffusion.count", "8", "diffusion.sentiment", "neutral", "diffusion.lexical", "true")), "")
                .get(DiffusionAnnotations.GeneratedSentences.class);
        SentimentLabeller afinn = SentimentLabeller.afinn();
        assertEquals(8, out.size());
        for (String sentence : out) {
            for (String w : sentence.split(" ")) {
                assertTrue(afinn.valence(w) == 0 && !SentimentLabeller.isNegation(w), w + " in " + sentence);
            }
        }
    }

    @Test
    void unguidedLengthReachesTheSampler() {
        String[] guided = {"diffusion.task", "generate", "diffusion.count", "4", "diffusion.sentiment", "positive",
            "diffusion.guidance", "3"};
        String[] unguided = java.util.Arrays.copyOf(guided, guided.length + 2);
        unguided[guided.length] = "diffusion.unguidedLength";
        unguided[guided.length + 1] = "true";
        List<String> withLength = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", guided)), "")
                .get(DiffusionAnnotations.GeneratedSentences.class);
        List<String> without = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", unguided)), "")
                .get(DiffusionAnnotations.GeneratedSentences.class);
        // what the library samples with guideLength(false) at the pipeline's steps, seed and batch, its quotes as
        // the annotator writes them
        Constraints positive = Constraints.none().withSentiment(Sentiment.POSITIVE).withGuidance(3);
        SamplingOptions options = SamplingOptions.builder().steps(4).seed(11).batchSize(32).guideLength(false).build();
        List<String> library = SharedModels.get(null, null).generate(4, positive, options).stream()
                .map(words -> String.join(" ", words.stream().map(TokenizerWords::text).toList())).toList();
        assertEquals(library, without);
        assertNotEquals(withLength, without, "diffusion.unguidedLength changed nothing");
    }

    @Test
    void infillTakesASentiment() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion",
                "diffusion.sentiment", "positive", "diffusion.guidance", "1.5"));
        Annotation doc = annotate(pipeline, TasksTest.TEXT);
        assertEquals(12, sentences(doc).get(0).get(CoreAnnotations.TokensAnnotation.class).size());
        assertFalse(doc.get(CoreAnnotations.TextAnnotation.class).contains(DiffusionLM.MASK));
        assertConsistent(doc);
    }

    /** Code point offsets agree with the text (CoreNLP's tokenizer sets them; replaced sentences keep them). */
    static void assertCodepointsConsistent(Annotation doc) {
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        List<Integer> bad = new ArrayList<>();
        for (CoreLabel t : doc.get(CoreAnnotations.TokensAnnotation.class)) {
            Integer b = t.get(CoreAnnotations.CodepointOffsetBeginAnnotation.class);
            if (b != null && b != text.codePointCount(0, t.beginPosition())) {
                bad.add(t.beginPosition());
            }
        }
        assertEquals(List.of(), bad);
    }
}
