package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.SamplingRuns;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.TagLexicon;
import io.github.diffusionnlp.model.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lexical constraints ({@link Constraints#withLexical}) on the shipped model. */
class LexicalConstraintsTest {
    private static DiffusionLM lm;
    private static TagLexicon lexicon;
    private static Vocabulary vocab;
    private static final SamplingOptions FAST = SamplingOptions.builder().steps(4).seed(11).build();
    private static final SentimentLabeller AFINN = SentimentLabeller.afinn();

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().build();
        vocab = lm.vocabulary();
        lexicon = TagLexicon.fromLines(Files.readAllLines(lm.info().directory().resolve(ModelCheckpoint.TAG_LEXICON)),
                vocab);
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    /** The share of a word's training uses tagged {@code tag}. */
    private static double share(String word, Upos tag) {
        int id = vocab.id(word);
        int total = 0;
        for (Upos t : Upos.values()) {
            total += lexicon.count(id, t);
        }
        return total == 0 ? 0 : (double) lexicon.count(id, tag) / total;
    }

    @Test
    void everyTemplateSlotGetsAWordMostlyTaggedSo() {
        // Tags the model fills loosely on its own: a verb slot often gets a noun-or-verb word.
        List<Upos> template = Constraints.parseTemplate("VERB VERB ADV VERB NUM ADJ NOUN PUNCT");
        int offTag = 0;
        for (List<String> s : lm.generate(6, Constraints.none().withTemplate(template), FAST)) {
            for (int i = 0; i < s.size(); i++) {
                offTag += share(s.get(i), template.get(i)) < Constraints.LEXICAL_TAG_SHARE ? 1 : 0;
            }
        }
        assertTrue(offTag > 0, "the template alone already keeps every word on its tag: the test proves nothing");
        for (List<String> s : lm.generate(6, Constraints.none().withTemplate(template).withLexical(true), FAST)) {
            assertEquals(template.size(), s.size());
            for (int i = 0; i < s.size(); i++) {
                assertTrue(share(s.get(i), template.get(i)) >= Constraints.LEXICAL_TAG_SHARE,
                        s.get(i) + " in a " + template.get(i) + " slot: " + s);
            }
        }
    }

    @Test
    void aSentimentBansNegationsAndWordsRatedAgainstIt() {
        Constraints neutral = Constraints.none().withSentiment(Sentiment.NEUTRAL).withLexical(true);
        for (List<String> s : lm.generate(12, neutral, FAST)) {
            for (String w : s) {
                assertEquals(0, AFINN.valence(w), w + " in " + s);
                assertFalse(SentimentLabeller.isNegation(w), w + " in " + s);
            }
        }
        for (List<String> s : lm.generate(12, neutral.withSentiment(Sentiment.POSITIVE), FAST)) {
            for (String w : s) {
                assertTrue(AFINN.valence(w) >= 0 && !SentimentLabeller.isNegation(w), w + " in " + s);
            }
        }
    }

    @Test
    void keptWordsStayEvenWhenTheLexiconsForbidThem() {
        List<String> input = List.of("The", "terrible", "storm", "did", "not", "stop", ".");
        boolean[] keep = {false, true, false, false, true, false, false};
        List<String> out = lm.rewriteAll(List.of(input), List.of(keep), 0.8,
                Constraints.none().withSentiment(Sentiment.POSITIVE).withLexical(true), FAST).get(0);
        assertEquals("terrible", out.get(1));
        assertEquals("not", out.get(4));
        assertEquals(input.size(), out.size());
    }

    @Test
    void offByDefaultAndTheSameSeedGivesTheSameOutput() {
        Constraints c = Constraints.none().withTemplate(Constraints.parseTemplate("VERB VERB ADV VERB NUM ADJ NOUN"));
        assertFalse(c.lexical());
        assertEquals(lm.generate(3, c.withLexical(true), FAST), lm.generate(3, c.withLexical(true), FAST));
        assertNotEquals(lm.generate(3, c, FAST), lm.generate(3, c.withLexical(true), FAST));
    }

    /** Without a seed, a sentence is read through seed 1's noise, as the README's examples read it. */
    @Test
    void withoutASeedTheSentimentIsReadAsTheReadmeReadsIt() {
        List<String> sentence = List.of("A", "fine", "day", ".");
        assertEquals(lm.sentimentPosterior(sentence, 1), lm.sentimentPosterior(sentence));
        assertNotEquals(lm.sentimentPosterior(sentence, 0), lm.sentimentPosterior(sentence), "the seed tells");
        NullPointerException missing = assertThrows(NullPointerException.class,
                () -> lm.sentimentPosterior(java.util.Arrays.asList("A", null, "day")));
        assertEquals("token 1 is null", missing.getMessage());
    }

    @Test
    void theModelReadsTheSentimentItWasConditionedOn() {
        Map<Sentiment, Double> happy = lm.sentimentPosterior(
                List.of("The", "happy", "children", "loved", "the", "beautiful", "gift", "."), 1);
        Map<Sentiment, Double> grim = lm.sentimentPosterior(
                List.of("The", "angry", "men", "hated", "the", "terrible", "war", "."), 1);
        assertEquals(1.0, happy.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(happy.get(Sentiment.POSITIVE) > happy.get(Sentiment.NEGATIVE), happy.toString());
        assertTrue(grim.get(Sentiment.NEGATIVE) > grim.get(Sentiment.POSITIVE), grim.toString());
        assertThrows(IllegalArgumentException.class, () -> lm.sentimentPosterior(List.of(), 1));
        NullPointerException missing = assertThrows(NullPointerException.class,
                () -> lm.sentimentPosterior(java.util.Arrays.asList("A", null, "day"), 1));
        assertEquals("token 1 is null", missing.getMessage()); // was read silently as an unknown word
    }

    @Test
    void aTemplateOnAModelWithoutATagLexiconSaysHowToWriteOne(@TempDir Path tmp) throws Exception {
        // as a model saved before there were lexicons: its config records none (one it records is refused at load)
        Path dir = TestModels.copyOfModelWithout(lm.info().directory(), tmp, ModelCheckpoint.TAG_LEXICON);
        try (DiffusionLM bare = DiffusionLM.builder().optModel(dir).build()) {
            Constraints c = Constraints.none().withTemplate(List.of(Upos.DET, Upos.NOUN)).withLexical(true);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> bare.generate(1, c, FAST));
            assertTrue(e.getMessage().contains("tag-lexicon"), e.getMessage());
            // a sentiment needs no tag lexicon
            assertEquals(1, bare.generate(1, Constraints.none().withSentiment(Sentiment.NEUTRAL).withLexical(true),
                    FAST).size());
        }
    }

    /**
     * A rewrite under lexical constraints and a template, on a model without its tag lexicon, is refused before
     * anything is sampled: a sentence holding a {@code [MASK]} had its masks filled (a sampling run, unconstrained),
     * then the rewrite's rows were refused; {@link DiffusionLM#checkRewrite} refuses it too. An infill's rows all
     * carry the template, so it was refused before its first run already: kept so.
     */
    @Test
    void lexicalTemplatesWithoutATagLexiconAreRefusedBeforeAMaskIsFilled(@TempDir Path tmp) throws Exception {
        Path dir = TestModels.copyOfModelWithout(lm.info().directory(), tmp, ModelCheckpoint.TAG_LEXICON);
        SamplingRuns sampled = new SamplingRuns();
        SamplingOptions fast = FAST.toBuilder().optProgress(sampled).build();
        List<List<String>> masked = List.of(List.of("The", DiffusionLM.MASK, "barked", "."));
        Constraints c = Constraints.none().withTemplate(List.of(Upos.DET, Upos.NOUN, Upos.VERB, Upos.PUNCT))
                .withLexical(true);
        try (DiffusionLM bare = DiffusionLM.builder().optModel(dir).optBatching(0, java.time.Duration.ZERO)
                .build()) {
            IllegalStateException rewrite = assertThrows(IllegalStateException.class,
                    () -> bare.rewriteAll(masked, List.of(new boolean[4]), 0.5, c, fast));
            assertTrue(rewrite.getMessage().startsWith("lexical POS constraints need the model's tag-lexicon.tsv"),
                    rewrite.getMessage());
            assertEquals(List.of(), sampled.runs(), "sampling runs before the rewrite's refusal");
            assertEquals(rewrite.getMessage(), assertThrows(IllegalStateException.class, () -> bare.checkRewrite(
                    masked, List.of(new boolean[4]), 0.5, List.of(c), fast, SentenceNaming.BATCH)).getMessage());
            assertEquals(rewrite.getMessage(), assertThrows(IllegalStateException.class,
                    () -> bare.infillAll(masked, c, fast)).getMessage());
            assertEquals(List.of(), sampled.runs(), "sampling runs before the infill's refusal");
            // a lexical sentiment needs no tag lexicon: rewritten
            assertEquals(4, bare.rewriteAll(masked, List.of(new boolean[4]), 0.5,
                    Constraints.none().withSentiment(Sentiment.NEUTRAL).withLexical(true), fast).get(0).size());
        }
    }
}
