package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static io.github.diffusionnlp.corenlp.SettingsTest.assertMentions;
import static io.github.diffusionnlp.corenlp.SettingsTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.JSONOutputter;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.Suggestion;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code diffusion.suggestions = K}: each token the annotator fills gets the model's K likeliest words there,
 * on the shipped model in real pipelines.
 */
class SuggestionsTest {
    static final String TEXT = "The [MASK] of the committee said that the [MASK] was late. It rained all [MASK] ."
            + " Nothing is missing here.";

    /**
     * Only filled tokens carry it (not a kept {@code [MASK]}, not a sentence without one), K words best first with
     * probabilities in (0, 1], the first the word one step of greedy infill (infill's default temperature 0) wrote;
     * the words written are those written without suggestions.
     */
    @Test
    void eachFilledTokenGetsKWordsBestFirstTheFirstWhatGreedyInfillWrote() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "1",
                "diffusion.suggestions", "5", "diffusion.keep", "4"));
        Annotation doc = annotate(pipeline, TEXT);
        int filled = 0;
        int keptMasks = 0;
        for (CoreMap sentence : sentences(doc)) {
            for (CoreLabel t : sentence.get(CoreAnnotations.TokensAnnotation.class)) {
                List<Suggestion> here = t.get(DiffusionAnnotations.Suggestions.class);
                if (t.get(DiffusionAnnotations.OriginalWord.class) == null) {
                    assertNull(here, "not filled, no suggestions: " + t.word());
                    keptMasks += t.word().equals(DiffusionLM.MASK) ? 1 : 0;
                    continue;
                }
                filled++;
                assertBestFirst(here, 5);
                assertEquals(t.word(), here.get(0).word(), "one greedy step writes the likeliest word: " + here);
            }
        }
        assertEquals(2, filled, "two masks filled");
        assertEquals(1, keptMasks, "the third sentence's [MASK] is token 4, kept, and stays unfilled");
        Annotation without = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "1",
                "diffusion.keep", "4")), TEXT);
        assertEquals(without.get(CoreAnnotations.TextAnnotation.class), doc.get(CoreAnnotations.TextAnnotation.class),
                "the suggestions change nothing infill writes");
    }

    /**
     * Under a sentiment, guidance and lexical constraints the suggestions are the constrained model's, as infill's
     * sampling read them: the first is still what one greedy step wrote, and no word the lexicon rates against the
     * sentiment is suggested.
     */
    @Test
    void underASentimentTheSuggestionsAreTheConstrainedModels() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "1",
                "diffusion.suggestions", "8", "diffusion.sentiment", "negative", "diffusion.guidance", "3",
                "diffusion.lexical", "true"));
        Annotation doc = annotate(pipeline, "It was a [MASK] day for all of us . The [MASK] was [MASK] .");
        io.github.diffusionnlp.corpus.SentimentLabeller afinn = io.github.diffusionnlp.corpus.SentimentLabeller.afinn();
        int filled = 0;
        for (CoreMap sentence : sentences(doc)) {
            for (CoreLabel t : sentence.get(CoreAnnotations.TokensAnnotation.class)) {
                List<Suggestion> here = t.get(DiffusionAnnotations.Suggestions.class);
                if (here == null) {
                    continue;
                }
                filled++;
                assertEquals(t.word(), here.get(0).word(), "one greedy step writes the likeliest word: " + here);
                assertTrue(here.stream().noneMatch(x -> afinn.valence(x.word()) > 0), "no positive word: " + here);
            }
        }
        assertEquals(3, filled);
    }

    /**
     * Under n-gram fusion the suggestions are ranked as fusion ranks the words: the first is what one fused greedy
     * step wrote, a collocation the network alone misses ("practical purposes").
     */
    @Test
    void underNgramFusionTheFirstIsWhatOneFusedStepWrote() {
        String text = "Cambodia is , for all practical [MASK] , neutralist .";
        StanfordCoreNLP fused = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "1",
                "diffusion.suggestions", "3", "diffusion.ngramWeight", "0.7"));
        CoreLabel filled = sentences(annotate(fused, text)).get(0).get(CoreAnnotations.TokensAnnotation.class).get(6);
        List<Suggestion> here = filled.get(DiffusionAnnotations.Suggestions.class);
        assertBestFirst(here, 3);
        assertEquals("purposes", filled.word());
        assertEquals("purposes", here.get(0).word(), here.toString());
        StanfordCoreNLP plain = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "1",
                "diffusion.suggestions", "3"));
        List<Suggestion> unfused = sentences(annotate(plain, text)).get(0).get(CoreAnnotations.TokensAnnotation.class)
                .get(6).get(DiffusionAnnotations.Suggestions.class);
        assertNotEquals("purposes", unfused.get(0).word(), "precondition: the network alone misses it");
    }

    /**
     * A sentence longer than the model's 64 positions is filled 32 positions at a time, each stretch in a window of
     * its own that reads the words chosen before it: each mask's suggestions are read from that window, so the first
     * is still what one greedy step wrote there, in every stretch.
     */
    @Test
    void aLongSentencesMasksAreSuggestedFromTheWindowInfillRead() throws Exception {
        // 130 words of held-out Brown text as one sentence, every 7th masked: stretches of 32 from 0, 32, 64, 96,
        // 128, in the windows [0, 64), [16, 80), [48, 112), [66, 130), [66, 130)
        List<String> heldOut = new ArrayList<>();
        for (TaggedSentence sentence : TaggedCorpus.read(TestModels.root().resolve(
                "test-data/brown/heldout.conllu.gz"))) {
            heldOut.addAll(sentence.words());
            if (heldOut.size() >= 130) {
                break;
            }
        }
        List<Integer> masks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            boolean masked = i % 7 == 3;
            if (masked) {
                masks.add(i);
            }
            text.append(masked ? "[MASK]" : heldOut.get(i)).append(' ');
        }
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "1",
                "diffusion.suggestions", "3", "tokenize.whitespace", "true", "ssplit.eolonly", "true"));
        Annotation doc = annotate(pipeline, text.toString().trim());
        assertEquals(1, sentences(doc).size());
        List<CoreLabel> tokens = sentences(doc).get(0).get(CoreAnnotations.TokensAnnotation.class);
        assertEquals(130, tokens.size());
        assertEquals(3, sentences(doc).get(0).get(DiffusionAnnotations.Windows.class), "a long sentence");
        for (int i = 0; i < tokens.size(); i++) {
            List<Suggestion> here = tokens.get(i).get(DiffusionAnnotations.Suggestions.class);
            if (masks.contains(i)) {
                assertBestFirst(here, 3);
                assertEquals(tokens.get(i).word(), here.get(0).word(), "token " + (i + 1) + ": " + here);
            } else {
                assertNull(here, "token " + (i + 1));
            }
        }
    }

    /**
     * A filled word the tokenizer splits ({@code didn't} as {@code did} {@code n't}, README's example at steps 4,
     * seed 11) keeps its suggestions on the first piece only, as its {@code OriginalWord}.
     */
    @Test
    void aSplitWordKeepsThemOnItsFirstPiece() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.suggestions",
                "4"));
        Annotation doc = annotate(pipeline, "He said he [MASK] know the answer.");
        List<CoreLabel> tokens = sentences(doc).get(0).get(CoreAnnotations.TokensAnnotation.class);
        assertEquals(List.of("He", "said", "he", "did", "n't", "know", "the", "answer", "."),
                tokens.stream().map(CoreLabel::word).toList());
        assertBestFirst(tokens.get(3).get(DiffusionAnnotations.Suggestions.class), 4);
        assertNull(tokens.get(4).get(DiffusionAnnotations.Suggestions.class), "the second piece");
    }

    /**
     * A quote or bracket is suggested as the filled token's word is written, the pipeline's tokenizer's word for it
     * ({@code "} for the model's {@code ``} by default, {@code “} under {@code quotes=unicode}, {@code -RRB-} for
     * {@code )} under {@code ptb3Escaping}): the suggestions were the model's spellings, so the first was not the filled
     * token's word. Where the tokenizer gives both of the model's quotes one word, that word is suggested once.
     */
    @Test
    void aQuoteOrBracketIsSuggestedAsTheTokenizerWritesTheFilledToken() {
        String quote = "He said , [MASK] I will come . ''";
        String bracket = "The results ( see Table 2 [MASK] were good .";
        // the last: the model's 41 likeliest words there hold both its quotes (seen under quotes=latex), one " here
        String[][] cases = {{"", quote, "\"", "12"}, {"quotes=unicode", quote, "\u201C", "12"}, {"ptb3Escaping=true",
            bracket, "-RRB-", "12"}, {"", "[MASK] , he said .", null, "40"}};
        for (String[] c : cases) {
            StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "1",
                    "diffusion.suggestions", c[3], "tokenize.options", c[0]));
            CoreLabel filled = sentences(annotate(pipeline, c[1])).get(0).get(CoreAnnotations.TokensAnnotation.class)
                    .stream().filter(t -> t.get(DiffusionAnnotations.Suggestions.class) != null).findFirst().get();
            List<Suggestion> here = filled.get(DiffusionAnnotations.Suggestions.class);
            if (c[2] != null) {
                assertEquals(c[2], filled.word(), c[0] + ": " + c[1]);
            }
            assertEquals(filled.word(), here.get(0).word(), c[0] + ": " + here);
            assertBestFirst(here, Integer.parseInt(c[3]));
            List<String> words = here.stream().map(Suggestion::word).toList();
            assertEquals(words.size(), new java.util.HashSet<>(words).size(), "each word once: " + words);
            if (c[0].isEmpty()) { // PTB's default: both of the model's quotes are the " a user types
                assertFalse(words.contains("``") || words.contains("''"), words.toString());
                assertTrue(words.contains("\""), words.toString());
            }
        }
    }

    /**
     * Our JSON outputter writes them per token ({@code diffusionSuggestions}) and our text outputter on a line
     * after the token's; CoreNLP's own JSON writes a fixed set of keys and none of ours (a Java user reads the key).
     */
    @Test
    void ourOutputtersWriteThemAndCoreNlpsJsonDoesNot() throws Exception {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.suggestions",
                "2", "diffusion.replace", "false"));
        Annotation doc = annotate(pipeline, TEXT);
        List<Suggestion> second = sentences(doc).get(0).get(CoreAnnotations.TokensAnnotation.class).get(1)
                .get(DiffusionAnnotations.Suggestions.class);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new DiffusionJsonOutputter().print(doc, json, pipeline);
        JsonNode token = new ObjectMapper().readTree(json.toString(StandardCharsets.UTF_8)).get("sentences").get(0)
                .get("tokens").get(1);
        JsonNode listed = token.get("diffusionSuggestions");
        assertNotNull(listed, token.toString());
        assertEquals(2, listed.size());
        for (int c = 0; c < 2; c++) {
            assertEquals(second.get(c).word(), listed.get(c).get("word").asText());
            assertEquals(second.get(c).probability(), listed.get(c).get("probability").asDouble(), 1e-12);
        }
        assertNull(new ObjectMapper().readTree(json.toString(StandardCharsets.UTF_8)).get("sentences").get(0)
                .get("tokens").get(0).get("diffusionSuggestions"), "a token not filled");
        ByteArrayOutputStream stock = new ByteArrayOutputStream();
        new JSONOutputter().print(doc, stock, pipeline);
        assertFalse(stock.toString(StandardCharsets.UTF_8).contains(second.get(1).word() + "\", \"prob"),
                "CoreNLP's JSON has no place for them");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new DiffusionTextOutputter().print(doc, text, pipeline);
        String t = text.toString(StandardCharsets.UTF_8);
        assertTrue(t.contains(String.format(java.util.Locale.ROOT, "    suggested: %s %.4f, %s %.4f%n",
                second.get(0).word(), second.get(0).probability(), second.get(1).word(),
                second.get(1).probability())), t);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new DiffusionProtobufSerializer().write(doc, bytes).close(); // leaves our records out, this one too
        assertTrue(bytes.size() > 0);
    }

    @Test
    void badValuesAndOtherTasksAreRefusedWhenTheAnnotatorIsMade() throws Exception {
        String pipe = "tokenize,ssplit,diffusion";
        for (String bad : new String[] {"-1", "many", "NaN", "2.5", "99999999999"}) {
            assertMentions(failure(pipe, "diffusion.suggestions", bad), "bad diffusion.suggestions = '" + bad + "'",
                    "an integer from 0 (none) to the words the model knows");
        }
        int words;
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            words = lm.vocabulary().size() - 2;
        }
        assertEquals(11998, words, "the words the settings' message names for the shipped model");
        assertMentions(failure(pipe, "diffusion.suggestions", String.valueOf(words + 1)), "bad diffusion.suggestions"
                + " = '" + (words + 1) + "'; allowed: 0 (none) to " + words + " (the words the model knows)");
        assertMentions(failure(pipe, "diffusion.task", "rewrite", "diffusion.suggestions", "3"),
                "bad diffusion.suggestions = '3'; allowed: only with diffusion.task=infill");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.suggestions", "0"),
                "bad diffusion.suggestions = '0'; allowed: only with diffusion.task=infill");
        assertMentions(failure(pipe, "diffusion.sugestions", "3"), "did you mean diffusion.suggestions?");
    }

    private static void assertBestFirst(List<Suggestion> here, int k) {
        assertNotNull(here);
        assertEquals(k, here.size(), here.toString());
        for (int c = 0; c < here.size(); c++) {
            double p = here.get(c).probability();
            assertTrue(p > 0 && p <= 1, here.toString());
            assertTrue(c == 0 || here.get(c - 1).probability() >= p, "best first: " + here);
        }
    }
}
