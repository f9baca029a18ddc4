package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.SamplingRuns;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sentiment and POS-template constraints through the OpenNLP-style API. Only what holds for any
 * conditional model is checked (lengths, kept tokens, errors, determinism), not the quality of the text.
 */
class ConstraintsApiTest {
    static final SamplingOptions FEW_STEPS = SamplingOptions.builder().steps(4).seed(11).build();
    static DiffusionModel model;

    @BeforeAll
    static void load() throws IOException {
        model = DiffusionModel.loadDefault();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void constraintSpecReadsLabelsTagsAndGuidanceAndNamesBadOnes() {
        ConstraintSpec spec = ConstraintSpec.NONE.withSentiment("Positive").parseTemplate("det adj, NOUN")
                .withGuidance(2);
        assertEquals("positive", spec.getSentiment());
        assertArrayEquals(new String[] {"DET", "ADJ", "NOUN"}, spec.getTemplate());
        assertEquals(3, spec.templateLength());
        assertEquals(3, ConstraintSpec.NONE.parseTemplate("DET\u00A0ADJ\u202FNOUN").templateLength(), "no-break spaces");
        assertEquals(KeepSpec.parse("0,NOUN"), KeepSpec.parse("0\u00A0NOUN"), "no-break spaces");
        assertEquals(new Constraints(Sentiment.POSITIVE, List.of(Upos.DET, Upos.ADJ, Upos.NOUN), 2),
                spec.toConstraints());
        assertEquals(spec, ConstraintSpec.NONE.withGuidance(2).withTemplate("DET", "adj", "NOUN").withSentiment("positive"));
        assertEquals("sentiment=positive template=\"DET ADJ NOUN\" guidance=2.0", spec.toString());
        assertTrue(ConstraintSpec.NONE.isEmpty());
        assertEquals(1, spec.getCandidates());
        ConstraintSpec best = spec.withCandidates(8);
        assertEquals(8, best.toConstraints().candidates());
        assertEquals("sentiment=positive template=\"DET ADJ NOUN\" guidance=2.0 candidates=8", best.toString());
        assertNotEquals(spec, best);
        assertEquals("candidates 0 is out of range; allowed: a whole number from 1 to 64",
                assertThrows(IllegalArgumentException.class, () -> spec.withCandidates(0)).getMessage());
        ConstraintSpec lexical = best.withLexical(true);
        assertTrue(lexical.isLexical() && lexical.toConstraints().lexical() && !best.toConstraints().lexical());
        assertEquals("sentiment=positive template=\"DET ADJ NOUN\" guidance=2.0 candidates=8 lexical=true",
                lexical.toString());
        assertNotEquals(best, lexical);
        assertTrue(lexical.withSentiment("negative").withGuidance(1).isLexical(), "every with- keeps it");
        assertEquals(Constraints.none(), ConstraintSpec.NONE.toConstraints());

        ConstraintSpec own = ConstraintSpec.NONE.parseTemplate("KEEP");
        assertTrue(own.usesInputTemplate());
        assertNull(own.getTemplate());
        String[] tokens = EnglishText.get().tokenize("The committee met on Monday.");
        List<Upos> tags = own.toConstraints(tokens).template();
        assertEquals(List.of(EnglishPosTagger.get().tag(tokens)), tags.stream().map(Enum::name).toList());

        IllegalArgumentException sentiment = assertThrows(IllegalArgumentException.class,
                () -> ConstraintSpec.NONE.withSentiment("happy"));
        assertTrue(sentiment.getMessage().contains("'happy'") && sentiment.getMessage().contains("negative")
                && sentiment.getMessage().contains("positive"), sentiment.getMessage());
        IllegalArgumentException tag = assertThrows(IllegalArgumentException.class,
                () -> ConstraintSpec.NONE.parseTemplate("DET NN VERB"));
        assertTrue(tag.getMessage().contains("'NN'") && tag.getMessage().contains("PROPN"), tag.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConstraintSpec.NONE.withTemplate("DET", "JJ"));
        String empty = "empty POS template; give UPOS tags such as \"DET ADJ NOUN VERB\"";
        assertEquals(empty, assertThrows(IllegalArgumentException.class,
                () -> ConstraintSpec.NONE.withTemplate(new String[0])).getMessage());
        assertEquals(empty, assertThrows(IllegalArgumentException.class,
                () -> ConstraintSpec.NONE.withTemplate(List.of())).getMessage());
        for (double w : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY, 100.5}) {
            IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                    () -> ConstraintSpec.NONE.withGuidance(w));
            assertTrue(g.getMessage().matches("guidance \\S+ is out of range; allowed: a number from 0 to 100 \\(0 ignores"
                    + " the constraints, 1 conditions plainly, above 1 pushes harder\\)"), g.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConstraintSpec.NONE.withGuidance(-1)).getMessage()
                .startsWith("guidance -1 is out of range"), "as written, not -1.0");
    }

    @Test
    void generatesToTheTemplatesLength() {
        ConstraintSpec spec = ConstraintSpec.NONE.withSentiment("positive").parseTemplate("DET ADJ NOUN VERB ADV PUNCT");
        GeneratorME generator = new GeneratorME(model, FEW_STEPS, spec);
        String[][] out = generator.generate(3);
        assertEquals(3, out.length);
        for (String[] s : out) {
            assertEquals(6, s.length, List.of(s).toString());
        }
        assertArrayEquals(out, new GeneratorME(model, FEW_STEPS, spec).generate(3), "same seed, same sentences");
        assertEquals(6, generator.generate(1, 6)[0].length, "a length that agrees with the template");
        IllegalArgumentException disagree = assertThrows(IllegalArgumentException.class, () -> generator.generate(1, 7));
        assertTrue(disagree.getMessage().contains("7") && disagree.getMessage().contains("6 tags"), disagree.getMessage());
        String[][] guided = new GeneratorME(model, FEW_STEPS, spec.withGuidance(3).withSentiment("negative")).generate(2);
        assertEquals(6, guided[0].length);
        assertEquals(6, guided[1].length);

        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> new GeneratorME(model,
                FEW_STEPS, ConstraintSpec.NONE.withTemplate(Collections.nCopies(65, Upos.NOUN))));
        assertTrue(tooLong.getMessage().contains("65 tags") && tooLong.getMessage().contains("64 positions"),
                tooLong.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new GeneratorME(model, FEW_STEPS, ConstraintSpec.NONE.withInputTemplate()));
    }

    @Test
    void rewritesToATemplateKeepingTokensVerbatimAtTheirPositions() {
        String[] tokens = {"Zyxwvut", "committee", "met", "on", "Monday", "in", "Boston", "."};
        ConstraintSpec shorter = ConstraintSpec.NONE.parseTemplate("PROPN NOUN VERB ADV PUNCT").withSentiment("neutral");
        RewriterME rewriter = new RewriterME(model, FEW_STEPS, 0.8, KeepSpec.indexes(0, 1), shorter);
        String[] out = rewriter.rewrite(tokens);
        assertEquals(5, out.length, List.of(out).toString());
        assertEquals(List.of("Zyxwvut", "committee"), List.of(out[0], out[1]), "kept verbatim, an unknown word too");
        for (String t : out) {
            assertFalse(t.isBlank() || t.equals("[PAD]"), List.of(out).toString());
        }
        assertArrayEquals(out, rewriter.rewrite(tokens), "same seed, same rewrite");

        ConstraintSpec longer = ConstraintSpec.NONE.withTemplate("DET", "NOUN", "VERB", "ADP", "PROPN", "ADP", "PROPN",
                "CCONJ", "VERB", "NOUN", "PUNCT");
        String[][] batch = new RewriterME(model, FEW_STEPS, 1.0, KeepSpec.parse("PROPN"), longer)
                .rewrite(new String[][] {tokens, EnglishText.get().tokenize("Mary saw 3 dogs.")});
        assertEquals(11, batch[0].length);
        assertEquals(11, batch[1].length);
        assertEquals(List.of("Monday", "Boston"), List.of(batch[0][4], batch[0][6]));
        assertEquals("Mary", batch[1][0]);

        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> new RewriterME(model, FEW_STEPS, 0.8, KeepSpec.indexes(6), shorter).rewrite(tokens));
        assertTrue(outside.getMessage().contains("token 6 ('Boston')") && outside.getMessage().contains("5 tags"),
                outside.getMessage());
        // longer than the model: taken, as core takes it, for a sentence of its own length (window by window)
        RewriterME longer65 = new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.NONE,
                ConstraintSpec.NONE.withTemplate(Collections.nCopies(65, Upos.NOUN)));
        assertEquals(65, longer65.rewrite(Collections.nCopies(65, "report").toArray(String[]::new)).length);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> longer65.rewrite(tokens));
        assertEquals("the POS template has 65 tags, more than the model's 64 positions, and the sentence has 8 tokens;"
                + " a template longer than the model is taken only for a sentence of its own length, rewritten window by"
                + " window", tooLong.getMessage());
        IllegalArgumentException checked = assertThrows(IllegalArgumentException.class,
                () -> longer65.checkTemplate(tokens, new boolean[tokens.length]));
        assertEquals(tooLong.getMessage(), checked.getMessage(), "refused before sampling, in core's words");
    }

    @Test
    void rewritesToTheInputsOwnTagsKeepingEachLength() {
        String[] tokens = EnglishText.get().tokenize("The committee met on Monday in Boston and approved 12 reports.");
        ConstraintSpec own = ConstraintSpec.NONE.withInputTemplate().withSentiment("negative").withGuidance(2);
        RewriterME rewriter = new RewriterME(model, FEW_STEPS, 1.0, KeepSpec.parse("PROPN,NUM"), own);
        String[] out = rewriter.rewrite(tokens);
        assertEquals(tokens.length, out.length);
        boolean[] kept = rewriter.keepMask(tokens);
        for (int i = 0; i < tokens.length; i++) {
            if (kept[i]) {
                assertEquals(tokens[i], out[i]);
            }
        }
        assertArrayEquals(out, rewriter.rewrite(tokens), "same seed, same rewrite");

        // longer than the model's 64 positions: rewritten window by window, each to its own tags
        String[] longSentence = new String[150];
        for (int i = 0; i < longSentence.length; i++) {
            longSentence[i] = i % 10 == 9 ? "," : i % 2 == 0 ? "the" : "report";
        }
        String[][] both = rewriter.rewrite(new String[][] {longSentence, tokens});
        assertEquals(150, both[0].length);
        assertArrayEquals(new RewriterME(model, FEW_STEPS.startingAt(1), 1.0, KeepSpec.parse("PROPN,NUM"), own)
                .rewrite(tokens), both[1], "the sentence after a long one still has sentence 1's seed");
        assertArrayEquals(both[0], rewriter.rewrite(longSentence), "same seed, same windows");
    }

    @Test
    void infillsUnderATemplateOfTheSentencesLength() {
        String[] tokens = {"The", "[MASK]", "was", "[MASK]", "."};
        InfillerME infiller = new InfillerME(model, FEW_STEPS,
                ConstraintSpec.NONE.parseTemplate("DET NOUN AUX ADJ PUNCT").withSentiment("positive"));
        String[] out = infiller.infill(tokens);
        assertEquals(5, out.length);
        assertEquals(List.of("The", "was", "."), List.of(out[0], out[2], out[4]));
        assertFalse(List.of(out).contains(InfillerME.MASK));
        assertArrayEquals(out, infiller.infill(tokens), "same seed, same words");
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> infiller.infill(new String[] {"The", "[MASK]", "."}));
        assertTrue(mismatch.getMessage().contains("5 tags") && mismatch.getMessage().contains("3 tokens"),
                mismatch.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new InfillerME(model, FEW_STEPS, ConstraintSpec.NONE.withInputTemplate()));
    }

    /**
     * RewriterME's one-sentence calls word their refusals, and core's, for the one sentence their caller gave ("the
     * sentence", "token 1"): they said "sentence 0", an index the caller never gave. Its batched calls name the
     * sentence by its index, a kept token outside the template and a keep index outside the tokens included: both
     * named none (and the keep index's said "1 tokens (indexes 0-0)"), and a bad token in a later window of a long
     * sentence, which was named by its index in the window, of "sentence 0". What is accepted stays: lexical constraints
     * over the input's own template take an empty sentence, which has no template.
     */
    @Test
    void aRewriteOfOneSentenceSaysTheSentenceAndABatchItsIndex() {
        RewriterME free = new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.NONE);
        assertEquals("the sentence has 1 token but its keep mask has 2", assertThrows(IllegalArgumentException.class,
                () -> free.rewrite(new String[] {"dog"}, new boolean[] {true, false})).getMessage());
        String whitespace = ", 'two words', holds whitespace: a token is a word of whitespace-split text; split it into"
                + " tokens";
        assertEquals("token 1" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> free.rewrite(new String[] {"A", "two words"})).getMessage());
        assertEquals("token 1" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> free.rewrite(new String[] {"A", "two words"}, new boolean[2])).getMessage());
        assertEquals("token 1 of sentence 1" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> free.rewrite(new String[][] {{"A"}, {"A", "two words"}})).getMessage());
        RewriterME noun = new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.NONE,
                ConstraintSpec.NONE.withTemplate(List.of(Upos.NOUN)));
        String outside = " ('dog') is kept but the POS template has only 1 tag (index 0); a kept token keeps its"
                + " position";
        assertEquals("token 1" + outside, assertThrows(IllegalArgumentException.class,
                () -> noun.rewrite(new String[] {"a", "dog"}, new boolean[] {false, true})).getMessage());
        assertEquals("token 1 of sentence 1" + outside, assertThrows(IllegalArgumentException.class,
                () -> noun.rewrite(new String[][] {{"dog"}, {"a", "dog"}},
                        new boolean[][] {{true}, {false, true}})).getMessage());
        RewriterME third = new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.parse("2"));
        assertEquals("keep index 2 is out of range: the sentence has 1 token (index 0)", assertThrows(
                IllegalArgumentException.class, () -> third.rewrite(new String[] {"dog"})).getMessage());
        assertEquals("keep index 2 is out of range: sentence 1 has 2 tokens (indexes 0-1)", assertThrows(
                IllegalArgumentException.class, () -> third.rewrite(new String[][] {{"a", "b", "c"}, {"a", "dog"}}))
                .getMessage());
        // a sentence longer than the model's positions, rewritten to its own tags window by window
        String[] longer = new String[model.getInfo().config().maxLength() + 6];
        java.util.Arrays.fill(longer, "dog");
        longer[longer.length - 2] = "two words";
        RewriterME own = new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.NONE, ConstraintSpec.NONE.withInputTemplate());
        String at = "token " + (longer.length - 2);
        assertEquals(at + whitespace, assertThrows(IllegalArgumentException.class, () -> own.rewrite(longer))
                .getMessage());
        assertEquals(at + " of sentence 1" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> own.rewrite(new String[][] {{"dog"}, longer})).getMessage());
        RewriterME lexical = new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.NONE,
                ConstraintSpec.NONE.withInputTemplate().withLexical(true));
        assertArrayEquals(new String[0], lexical.rewrite(new String[0]));
        assertArrayEquals(new String[0], lexical.rewrite(new String[0], new boolean[0]));
    }

    /**
     * Rewritten to its own tags, a sentence longer than the model's positions goes to core in one call, which rewrites
     * it window by window (the windows after the first were calls of their own after the batch of first windows). A
     * bad token in a later window is refused before anything is sampled, named by its place in the sentence (and the
     * sentence's in the batch): the batch of first windows, a short sentence's with it, was sampled first, then thrown
     * away.
     */
    @Test
    void aBadTokenInALaterWindowIsRefusedBeforeAnythingIsSampled() {
        SamplingRuns sampled = new SamplingRuns();
        SamplingOptions counted = FEW_STEPS.toBuilder().steps(2).optProgress(sampled).build();
        int len = model.getInfo().config().maxLength();
        String[] longer = new String[2 * len + 3]; // three windows, the bad token in the second
        java.util.Arrays.fill(longer, "dog");
        longer[len + 2] = "two words";
        String[] later = new String[len + 5]; // the bad token in the last window of the batch's first sentence
        java.util.Arrays.fill(later, "cat");
        later[len + 1] = "";
        String whitespace = ", 'two words', holds whitespace: a token is a word of whitespace-split text; split it"
                + " into tokens";
        RewriterME own = new RewriterME(model, counted, 0.5, KeepSpec.NONE, ConstraintSpec.NONE.withInputTemplate());
        assertEquals("token " + (len + 2) + whitespace, assertThrows(IllegalArgumentException.class,
                () -> own.rewrite(longer)).getMessage());
        assertEquals(0, sampled.rows(), "rows sampled before refusing the one sentence");
        assertEquals("token " + (len + 2) + " of sentence 1" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> own.rewrite(new String[][] {{"The", "dog", "barked", "."}, longer})).getMessage());
        assertEquals(0, sampled.rows(), "rows sampled before refusing a batch's long sentence");
        // the first bad token in the order of the sentences, though the call of the second sentence's first window
        // (the batch) comes before the call of the first sentence's second window
        assertEquals("token " + (len + 1) + " of sentence 0 is empty: a token is a word of whitespace-split text;"
                + " remove it", assertThrows(IllegalArgumentException.class,
                        () -> own.rewrite(new String[][] {later, longer}, new boolean[2][])).getMessage());
        assertEquals(0, sampled.rows(), "rows sampled before refusing the batch");
        own.rewrite(new String[] {"The", "dog", "barked", "."});
        assertEquals(1, sampled.rows(), "a sentence taken is sampled");
    }

    /**
     * A kept {@code [MASK]} outside the POS template is no kept token: a mask is a position to write, never a word to
     * keep, as the README says and core's rewrite takes it; checkTemplate refused it as a kept token ("token 1
     * ('[MASK]') is kept but the POS template has only 1 tag"), for the Rewrite tool too. A kept word still is.
     */
    @Test
    void aKeptMaskOutsideTheTemplateIsNoKeptToken() {
        RewriterME noun = new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.NONE,
                ConstraintSpec.NONE.withTemplate(List.of(Upos.NOUN)));
        String[] masked = {"dog", DiffusionLM.MASK};
        boolean[] keep = {false, true};
        noun.checkTemplate(masked, keep);
        assertEquals(1, noun.rewrite(masked, keep).length);
        assertThrows(IllegalArgumentException.class, () -> noun.checkTemplate(new String[] {"a", "dog"}, keep));
    }

    /** A count of one takes the singular ("1 tag", not "1 tags") in the messages of the OpenNLP-style API. */
    @Test
    void aCountOfOneTakesTheSingular() {
        ConstraintSpec noun = ConstraintSpec.NONE.withTemplate(List.of(Upos.NOUN));
        assertEquals("length 3 disagrees with the POS template's 1 tag; give one or the other", assertThrows(
                IllegalArgumentException.class, () -> new GeneratorME(model, FEW_STEPS, noun).generate(1, 3))
                .getMessage());
        assertEquals("drawLength draws each sentence's length, and the POS template sets it (1 tag); give one or the"
                + " other", assertThrows(IllegalArgumentException.class, () -> new GeneratorME(model,
                        FEW_STEPS.toBuilder().drawLength(true).build(), noun)).getMessage());
        RewriterME rewriter = new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.NONE, noun);
        assertEquals("token 1 of sentence 0 ('dog') is kept but the POS template has only 1 tag (index 0); a kept"
                + " token keeps its position", assertThrows(IllegalArgumentException.class, () -> rewriter.rewrite(
                        new String[][] {{"a", "dog"}}, new boolean[][] {{false, true}})).getMessage());
        RewriterME free = new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.NONE);
        assertEquals("2 keep masks for 1 sentence", assertThrows(IllegalArgumentException.class,
                () -> free.rewrite(new String[][] {{"dog"}}, new boolean[2][])).getMessage());
        assertEquals("sentence 0 has 1 token but its keep mask has 2", assertThrows(IllegalArgumentException.class,
                () -> free.rewrite(new String[][] {{"dog"}}, new boolean[][] {{true, false}})).getMessage());
        IllegalArgumentException span = assertThrows(IllegalArgumentException.class,
                () -> new InfillerME(model, FEW_STEPS).infill(new String[] {"dog"}, new opennlp.tools.util.Span(0, 2)));
        assertTrue(span.getMessage().endsWith(" lies outside the 1 token"), span.getMessage());
        assertEquals("the POS template has 1 tag but sentence 0 has 2 tokens; an infill keeps the length, one tag per"
                + " token", assertThrows(IllegalArgumentException.class, () -> new InfillerME(model, FEW_STEPS, noun)
                        .infill(new String[][] {{"a", "dog"}})).getMessage());
    }

    /**
     * A batch of a run's sentences from its sentence 40 ({@link InfillerME#infillFrom}, the evaluator's) is sampled as
     * sentences 40 on of one call, and core's refusals name its sentences so too, as InfillerME's own warning of a
     * split mask does ("sentence 41"): they named the batch's index, "sentence 1" (audit h219).
     */
    @Test
    void aBatchFromALaterSentenceNamesItsSentencesAsTheRunCountsThem() {
        ConstraintSpec noun = ConstraintSpec.NONE.withTemplate(List.of(Upos.NOUN));
        InfillerME infiller = new InfillerME(model, FEW_STEPS, noun);
        String template = "the POS template has 1 tag but sentence 41 has 2 tokens; an infill keeps the length, one"
                + " tag per token";
        assertEquals(template, assertThrows(IllegalArgumentException.class,
                () -> infiller.infillFrom(new String[][] {{"dog"}, {"a", "dog"}}, 40)).getMessage());
        assertEquals(template.replace("41", "1"), assertThrows(IllegalArgumentException.class,
                () -> infiller.infill(new String[][] {{"dog"}, {"a", "dog"}})).getMessage());
    }

    /**
     * A run's sentence past the largest int is named by its place in the run, as its seed is given by it: {@link
     * InfillerME#infillFrom} clamped its first sentence to {@link Integer#MAX_VALUE} on its way to core's naming, so
     * sentence 3,000,000,001 was named "sentence 2147483648" (audit h226).
     */
    @Test
    void aBatchFromPastTheLargestIntNamesItsSentencesAsTheRunCountsThem() {
        InfillerME infiller = new InfillerME(model, FEW_STEPS, ConstraintSpec.NONE.withTemplate(List.of(Upos.NOUN)));
        assertEquals("the POS template has 1 tag but sentence 3000000001 has 2 tokens; an infill keeps the length, one"
                + " tag per token", assertThrows(IllegalArgumentException.class,
                        () -> infiller.infillFrom(new String[][] {{"dog"}, {"a", "dog"}}, 3_000_000_000L))
                        .getMessage());
    }

    /**
     * Under the input's own template a {@code [MASK]}'s tag is the tagger's guess for an unknown word there, not its
     * reading of the bracketed mask: OpenNLP's tagger reads {@code [MASK]} as punctuation (its tag matched Brown's at
     * a masked word 0.5% of the time on 600 held-out sentences, an unknown word's 31%), and the template then made
     * the mask's word punctuation (a long sentence's three masks came back "," "," "("), and tagged the words around
     * it otherwise ("late" ADV, not ADJ).
     */
    @Test
    void aMaskUnderTheInputsOwnTemplateIsTaggedAsAnUnknownWord() {
        String[] tokens = "The committee said that the [MASK] was late .".split(" ");
        List<Upos> template = ConstraintSpec.NONE.withInputTemplate().toConstraints(tokens).template();
        assertEquals(tokens.length, template.size());
        assertNotEquals(Upos.PUNCT, template.get(5), "the mask's tag: " + template);
        assertEquals(Upos.ADJ, template.get(7), "the word after the mask: " + template);
        assertEquals(Upos.PUNCT, template.get(8), template.toString());
    }

    /**
     * Under the input's own template a sentence holding a {@code [MASK]} is rewritten under the tags of its words once
     * core has filled the mask, not under the tagger's guess at the mask: "She [MASK] home early ." was tagged PRON
     * ADJ NOUN ADV PUNCT (the mask an adjective, "home" a noun), and, its mask filled ("worked"), is PRON VERB ADV ADV
     * PUNCT. The rewrite is that of the filled sentence under its tags (on 600 held-out Brown sentences, one word
     * masked in each, the filled word's tag matched Brown's 45.8% of the time, the guess's 31.0%).
     */
    @Test
    void aMaskUnderTheInputsOwnTemplateTakesItsFilledWordsTag() {
        String[] masked = "She [MASK] home early .".split(" ");
        ConstraintSpec own = ConstraintSpec.NONE.withInputTemplate();
        // a rewrite fills its masks as infill does, at the rewrite's temperature (1 unless one is set)
        SamplingOptions fill = FEW_STEPS.toBuilder().temperature(SamplingOptions.SAMPLING_TEMPERATURE).build();
        String[] filled = model.getDiffusionLM().infillAll(List.of(List.of(masked)), fill).get(0)
                .toArray(String[]::new);
        String[] tags = EnglishPosTagger.get().tag(filled);
        assertNotEquals(List.of(EnglishPosTagger.get().tag(masked)), List.of(tags), "the guess and the filled tags differ"
                + " here: " + List.of(filled));
        String[] expected = new RewriterME(model, FEW_STEPS, 0.6, KeepSpec.NONE, ConstraintSpec.NONE.withTemplate(tags))
                .rewrite(filled);
        assertArrayEquals(expected, new RewriterME(model, FEW_STEPS, 0.6, KeepSpec.NONE, own).rewrite(masked));
        String[][] batch = new RewriterME(model, FEW_STEPS, 0.6, KeepSpec.NONE, own)
                .rewrite(new String[][] {masked, "The committee met on Monday .".split(" ")});
        assertArrayEquals(expected, batch[0], "in a batch too");
    }
}
