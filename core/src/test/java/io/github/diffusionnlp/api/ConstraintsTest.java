package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sentiment, template and guidance constraints through the library API, on the shipped model. */
class ConstraintsTest {
    private static DiffusionLM lm;
    private static final SamplingOptions FAST = SamplingOptions.builder().steps(4).seed(3).build();
    private static final List<String> SENTENCE = List.of("The", "committee", "met", "on", "Monday", ".");

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    @Test
    void parsingNamesTheBadValueAndTheAllowedOnes() {
        assertEquals(List.of(Upos.DET, Upos.ADJ, Upos.NOUN), Constraints.parseTemplate("DET adj, NOUN"));
        assertEquals(List.of(Upos.DET, Upos.ADJ, Upos.NOUN), Constraints.parseTemplate("\u00A0DET\u00A0adj,\u3000NOUN"),
                "no-break and other Unicode spaces separate");
        IllegalArgumentException tag = assertThrows(IllegalArgumentException.class,
                () -> Constraints.parseTemplate("DET NN"));
        assertTrue(tag.getMessage().contains("'NN'") && tag.getMessage().contains("PROPN"), tag.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> Sentiment.parse("happy"));
        assertEquals("unknown sentiment 'happy'; allowed: negative, neutral or positive", label.getMessage()); // no "[...]"
        assertThrows(IllegalArgumentException.class, () -> Constraints.none().withGuidance(-1));
        assertThrows(IllegalArgumentException.class, () -> Constraints.parseTemplate("  "));
    }

    @Test
    void aTemplateSetsTheLengthOfGeneratedSentences() {
        List<Upos> template = Constraints.parseTemplate("DET ADJ NOUN VERB ADP DET NOUN PUNCT");
        for (List<String> s : lm.generate(3, Constraints.none().withTemplate(template), FAST)) {
            assertEquals(template.size(), s.size(), s.toString());
        }
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> lm.generate(1,
                Constraints.none().withTemplate(java.util.Collections.nCopies(65, Upos.NOUN)), FAST));
        assertTrue(tooLong.getMessage().contains("65"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lm.generate(1, Constraints.none().withTemplate(template),
                FAST.toBuilder().length(5).build()));
    }

    @Test
    void rewritesKeepWhatIsKeptAndTakeTheTemplatesLength() {
        boolean[] keep = {false, true, false, false, true, false};
        List<String> positive = lm.rewriteAll(List.of(SENTENCE), List.of(keep), 0.8,
                Constraints.none().withSentiment(Sentiment.POSITIVE), FAST).get(0);
        assertEquals(SENTENCE.size(), positive.size());
        assertEquals("committee", positive.get(1));
        assertEquals("Monday", positive.get(4));

        List<Upos> longer = Constraints.parseTemplate("DET NOUN VERB ADV ADP PROPN ADP DET NOUN PUNCT");
        List<String> rewritten = lm.rewriteAll(List.of(SENTENCE), List.of(keep), 0.8,
                Constraints.none().withTemplate(longer), FAST).get(0);
        assertEquals(longer.size(), rewritten.size(), rewritten.toString());
        assertEquals("committee", rewritten.get(1));
        List<String> unknown = lm.rewriteAll(List.of(List.of("The", "Zyxwvut", "met", ".")),
                List.of(new boolean[] {false, true, false, false}), 0.8,
                Constraints.none().withTemplate(Constraints.parseTemplate("DET PROPN VERB ADV PUNCT")), FAST).get(0);
        assertEquals("Zyxwvut", unknown.get(1), "a kept unknown word comes back verbatim: " + unknown);

        boolean[] keepLast = new boolean[SENTENCE.size()];
        keepLast[5] = true;
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> lm.rewriteAll(
                List.of(SENTENCE), List.of(keepLast), 0.8,
                Constraints.none().withTemplate(Constraints.parseTemplate("DET NOUN VERB")), FAST));
        assertTrue(outside.getMessage().contains("token 5"), outside.getMessage());
    }

    @Test
    void guidanceZeroIgnoresTheConditionsExactly() {
        SamplingOptions options = FAST.toBuilder().length(8).build();
        List<List<String>> free = lm.generate(3, Constraints.none(), options);
        List<List<String>> ignored = lm.generate(3,
                Constraints.none().withSentiment(Sentiment.NEGATIVE).withGuidance(0), options);
        assertEquals(free, ignored);
    }

    @Test
    void guidanceWithNothingToGuideTowardIsRefused() {
        Constraints unguided = Constraints.none().withGuidance(2);
        for (Runnable call : List.<Runnable>of(() -> lm.generate(1, unguided, FAST),
                () -> lm.infillAll(List.of(List.of("The", "[MASK]", ".")), unguided, FAST),
                () -> lm.rewriteAll(List.of(SENTENCE), Arrays.asList((boolean[]) null), 0.5, unguided, FAST))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().startsWith("guidance 2.0 pushes toward a sentiment or a POS template"),
                    e.getMessage());
        }
    }

    /**
     * Lexical constraints without a sentiment or a template hold the words to nothing: refused like guidance, but
     * for one sentence of a per-sentence list, which may sit beside sentences with a template.
     */
    @Test
    void lexicalConstraintsWithNothingToHoldTheWordsToAreRefused() {
        Constraints bare = Constraints.none().withLexical(true);
        for (Runnable call : List.<Runnable>of(() -> lm.generate(1, bare, FAST),
                () -> lm.infillAll(List.of(List.of("The", "[MASK]", ".")), bare, FAST),
                () -> lm.rewriteAll(List.of(SENTENCE), Arrays.asList((boolean[]) null), 0.5, bare, FAST))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertEquals("lexical constraints hold the words to the lexicons of a sentiment or a POS template, and"
                    + " these constraints have neither; add one (withSentiment, withTemplate), or leave withLexical"
                    + " false", e.getMessage());
        }
        boolean[] all = new boolean[SENTENCE.size()];
        Arrays.fill(all, true);
        List<Constraints> mixed = List.of(bare.withTemplate(Constraints.parseTemplate("DET NOUN VERB ADP PROPN PUNCT")),
                bare);
        assertEquals(List.of(SENTENCE, SENTENCE), lm.rewriteAll(List.of(SENTENCE, SENTENCE), List.of(all, all), 0.5,
                mixed, FAST));
    }

    /**
     * An infill template must fit every sentence of the call, and every one is checked before any is
     * sampled: one without masks used to pass unchecked, and one whose masks lay past the first window
     * failed the call only after the others had been sampled.
     */
    @Test
    void anInfillTemplateIsCheckedAgainstEverySentenceFirst() {
        Constraints c = Constraints.none().withTemplate(Constraints.parseTemplate("DET NOUN VERB PUNCT"));
        List<List<String>> sentences = List.of(List.of("The", "[MASK]", "ran", "."), List.of("A", "dog", "ran", "home", "."));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lm.infillAll(sentences, c, FAST));
        assertEquals("the POS template has 4 tags but sentence 1 has 5 tokens; an infill keeps the length, one tag per"
                + " token", e.getMessage());
    }

    /** The single-sentence constrained forms are the batched ones for a list of one. */
    @Test
    void oneSentenceUnderConstraintsIsTheBatchOfOne() {
        Constraints c = Constraints.none().withSentiment(Sentiment.NEGATIVE);
        boolean[] keep = {true, false, false, false, false, true};
        List<boolean[]> keeps = new ArrayList<>();
        keeps.add(keep);
        assertEquals(lm.rewriteAll(List.of(SENTENCE), keeps, 0.7, c, FAST).get(0), lm.rewrite(SENTENCE, keep, 0.7, c, FAST));
        List<String> masked = List.of("The", "[MASK]", "met", "on", "[MASK]", ".");
        assertEquals(lm.infillAll(List.of(masked), c, FAST).get(0), lm.infill(masked, c, FAST));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.rewrite(SENTENCE, keep, 0.7, Constraints.none().withGuidance(2), FAST));
        assertTrue(e.getMessage().startsWith("guidance 2.0 pushes toward"), e.getMessage());
    }

    @Test
    void sameSeedSameConstrainedOutput() {
        Constraints c = Constraints.none().withSentiment(Sentiment.POSITIVE).withGuidance(2);
        List<List<String>> sentences = new ArrayList<>();
        sentences.add(SENTENCE);
        sentences.add(Arrays.asList("It", "rained", "all", "day", "."));
        List<boolean[]> keep = Arrays.asList(null, null);
        assertEquals(lm.rewriteAll(sentences, keep, 0.7, c, FAST), lm.rewriteAll(sentences, keep, 0.7, c, FAST));
    }

    @Test
    void bestOfKReturnsTheCandidateTheLexiconRatesHighest() {
        SentimentLabeller afinn = SentimentLabeller.afinn();
        Constraints positive = Constraints.none().withSentiment(Sentiment.POSITIVE);
        SamplingOptions options = FAST.toBuilder().length(10).build();
        assertEquals(lm.generate(2, positive, options), lm.generate(2, positive.withCandidates(1), options));

        int k = 6;
        List<List<String>> best = lm.generate(2, positive.withCandidates(k), options);
        for (int i = 0; i < 2; i++) {
            List<String> expected = null;
            int bestScore = Integer.MIN_VALUE;
            for (int j = 0; j < k; j++) {
                long seed = options.sentenceSeed(i) + j * BestOf.SEED_STRIDE;
                List<String> candidate = lm.generate(1, positive, options.toBuilder().seed(seed).build()).get(0);
                if (afinn.score(candidate) > bestScore) {
                    bestScore = afinn.score(candidate);
                    expected = candidate;
                }
            }
            assertEquals(expected, best.get(i), "sentence " + i);
        }

        boolean[] keep = {false, true, false, false, true, false};
        Constraints negative = Constraints.none().withSentiment(Sentiment.NEGATIVE);
        List<String> single = lm.rewriteAll(List.of(SENTENCE), List.of(keep), 0.8, negative, FAST).get(0);
        List<String> rewritten = lm.rewriteAll(List.of(SENTENCE), List.of(keep), 0.8, negative.withCandidates(k),
                FAST).get(0);
        assertEquals("committee", rewritten.get(1));
        assertEquals("Monday", rewritten.get(4));
        assertTrue(afinn.score(rewritten) <= afinn.score(single), rewritten + " against " + single);
    }

    @Test
    void bestOfKWorksForRewritesToAShorterTemplate() {
        SentimentLabeller afinn = SentimentLabeller.afinn();
        List<String> input = List.of("The", "committee", "met", "a", "great", "success", ".");
        boolean[] keep = {false, true, false, false, false, false, false};
        Constraints c = Constraints.none().withSentiment(Sentiment.NEGATIVE)
                .withTemplate(Constraints.parseTemplate("DET NOUN VERB ADV PUNCT"));
        int k = 5;
        List<String> best = lm.rewriteAll(List.of(input), List.of(keep), 0.8, c.withCandidates(k), FAST).get(0);
        List<String> expected = null;
        int lowest = Integer.MAX_VALUE;
        for (int j = 0; j < k; j++) {
            SamplingOptions o = FAST.toBuilder().seed(FAST.seed() + j * BestOf.SEED_STRIDE).build();
            List<String> candidate = lm.rewriteAll(List.of(input), List.of(keep), 0.8, c, o).get(0);
            assertEquals(5, candidate.size());
            if (afinn.score(candidate) < lowest) {
                lowest = afinn.score(candidate);
                expected = candidate;
            }
        }
        assertEquals(expected, best);
    }

    /**
     * Best of k without a sentiment to rank by is refused whatever the input, as guidance without a
     * target is: it used to be refused only when some sentence had words to sample (a mask, a word not
     * kept, a count above 0), so the same constraints passed or failed by the text they met.
     */
    @Test
    void bestOfKWithoutASentimentIsRefusedWhateverTheInput() {
        Constraints unranked = Constraints.none().withCandidates(4);
        boolean[] keepAll = new boolean[SENTENCE.size()];
        Arrays.fill(keepAll, true);
        List<Constraints> perSentence = List.of(unranked.withSentiment(Sentiment.POSITIVE), unranked);
        String why = "best of 4 candidates ranks them by sentiment; give a sentiment too, or 1 candidate";
        for (Runnable call : List.<Runnable>of(() -> lm.generate(0, unranked, FAST),
                () -> lm.infillAll(List.of(SENTENCE), unranked, FAST),
                () -> lm.rewriteAll(List.of(SENTENCE), List.of(keepAll), 0.5, unranked, FAST))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertEquals(why, e.getMessage());
        }
        // constraints that differ between sentences: the refused one is named
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lm.rewriteAll(
                List.of(SENTENCE, SENTENCE), List.of(keepAll, keepAll), 0.5, perSentence, FAST));
        assertEquals("sentence 1's constraints: " + why, e.getMessage());
    }

    @Test
    void bestOfKNeedsASentimentAndASensibleCount() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> lm.generate(1, Constraints.none().withCandidates(4), FAST));
        assertTrue(none.getMessage().contains("sentiment"), none.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Constraints.none().withCandidates(0));
        assertEquals("candidates must be a whole number from 1 to 64, got 0", zero.getMessage());
    }
}
