package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.SamplingRuns;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.steer.NoisySentimentClassifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Library arguments that cannot work fail before any sampling, naming the argument and what would do. */
class ArgumentMessagesTest {
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    @Test
    void aMissingTagOfATemplateIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Constraints.none().withTemplate(Arrays.asList(Upos.DET, null, Upos.NOUN)));
        assertEquals("tag 1 of the POS template is null", e.getMessage());
    }

    /** The model's reading of a sentence's sentiment is one window: unlike infill and rewrite it has no pieces. */
    @Test
    void aSentenceTooLongToReadForItsSentimentSaysSoAndHowToFixIt() {
        int len = lm.info().config().maxLength();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.sentimentPosterior(Collections.nCopies(len + 1, "the"), 1));
        assertEquals("sentimentPosterior reads a sentence of 1 to " + len + " tokens (the model's length), got "
                + (len + 1) + "; split a longer one", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lm.sentimentPosterior(List.of(), 1));
        assertEquals("sentimentPosterior reads a sentence of 1 to " + len + " tokens (the model's length), got 0",
                e.getMessage());
    }

    /** Which of the probe's training arguments is wrong, and its value, not "need sentences and steps >= 1". */
    @Test
    void aProbesTrainingArgumentsAreNamedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoisySentimentClassifier.train(lm, List.of(), 0, 1));
        assertEquals("sentences is empty; give at least one sentence to train the probe on", e.getMessage());
        List<TaggedSentence> one = List.of(new TaggedSentence(List.of("A", "fine", "day", "."),
                List.of(Upos.DET, Upos.ADJ, Upos.NOUN, Upos.PUNCT)));
        e = assertThrows(IllegalArgumentException.class, () -> NoisySentimentClassifier.train(lm, one, 0, 1));
        assertEquals("steps must be >= 1, got 0", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> NoisySentimentClassifier.train(lm, null, 1, 1));
        assertEquals("sentences (the probe's training sentences)", npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> NoisySentimentClassifier.train(null, one, 1, 1));
        assertEquals("lm (the model whose embedding table the probe is trained on)", npe.getMessage());
    }

    /** A missing value is a NullPointerException, as DiffusionLM's javadoc promises; a value out of range is not. */
    @Test
    void aMissingBatchingWaitIsANullPointerExceptionNamingIt() {
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> DiffusionLM.builder().optBatching(4, null));
        assertEquals("maxWait (Duration.ZERO for none)", npe.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionLM.builder().optBatching(4, Duration.ofMillis(-1)));
        assertEquals("maxWait must be a duration >= 0, got PT-0.001S", e.getMessage());
    }

    @Test
    void aMissingManagerForTheEmbeddingTableIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> lm.embeddingTable(null));
        assertEquals("target (the NDManager the copy goes to)", e.getMessage());
    }

    /** A count of one takes the singular ("1 tag", not "1 tags") in the messages a library call can give. */
    @Test
    void aCountOfOneTakesTheSingular() {
        SamplingOptions fast = SamplingOptions.builder().steps(2).seed(1).build();
        List<Upos> noun = List.of(Upos.NOUN);
        assertEquals("the POS template has 1 tag but sentence 0 has 2 tokens; an infill keeps the length, one tag per"
                + " token", assertThrows(IllegalArgumentException.class, () -> lm.infillAll(
                        List.of(List.of("A", "[MASK]")), Constraints.none().withTemplate(noun), fast)).getMessage());
        assertEquals("the POS template has 2 tags but sentence 0 has 1 token; an infill keeps the length, one tag per"
                + " token", assertThrows(IllegalArgumentException.class, () -> lm.infillAll(List.of(List.of("[MASK]")),
                        Constraints.none().withTemplate(List.of(Upos.DET, Upos.NOUN)), fast)).getMessage());
        assertEquals("token 1 of sentence 0 is kept but the POS template has only 1 tag", assertThrows(
                IllegalArgumentException.class, () -> lm.rewriteAll(List.of(List.of("A", "dog")),
                        List.of(new boolean[] {false, true}), 0.5, Constraints.none().withTemplate(noun), fast))
                .getMessage());
        assertEquals("drawLength draws each sentence's length, but the POS template sets it (1 tag); give one or the"
                + " other", assertThrows(IllegalArgumentException.class, () -> lm.generate(1,
                        Constraints.none().withTemplate(noun), fast.toBuilder().drawLength(true).build())).getMessage());
        assertEquals("length 3 disagrees with the POS template's 1 tag; give one or the other", assertThrows(
                IllegalArgumentException.class, () -> lm.generate(1, Constraints.none().withTemplate(noun),
                        fast.toBuilder().length(3).build())).getMessage());
        assertEquals("1 keep mask and 2 constraints for 1 sentence", assertThrows(IllegalArgumentException.class,
                () -> lm.rewriteAll(List.of(List.of("A", "dog")), List.of(new boolean[2]), 0.5,
                        List.of(Constraints.none(), Constraints.none()), fast)).getMessage());
        assertEquals("sentence 0 has 1 token but its keep mask has 2", assertThrows(IllegalArgumentException.class,
                () -> lm.rewriteAll(List.of(List.of("dog")), List.of(new boolean[2]), 0.5, Constraints.none(), fast))
                .getMessage());
    }

    /**
     * A call given one sentence names no sentence index: its caller gave none, and the front ends that call it a line
     * at a time put the line's number before the message, where "sentence 0" named nothing their user had. A batched
     * call names the index even for a list of one: it is where the caller put the sentence ({@link SentenceNaming}).
     */
    @Test
    void aCallGivenOneSentenceSaysTheSentenceAndABatchOfOneItsIndex() {
        SamplingOptions fast = SamplingOptions.builder().steps(2).seed(1).build();
        Constraints noun = Constraints.none().withTemplate(List.of(Upos.NOUN));
        List<String> two = List.of("A", "[MASK]");
        String template = " has 2 tokens; an infill keeps the length, one tag per token";
        assertEquals("the POS template has 1 tag but the sentence" + template, assertThrows(
                IllegalArgumentException.class, () -> lm.infill(two, noun, fast)).getMessage());
        assertEquals("the POS template has 1 tag but the sentence" + template, assertThrows(
                IllegalArgumentException.class, () -> lm.suggest(two, noun, 3)).getMessage());
        assertEquals("the POS template has 1 tag but sentence 0" + template, assertThrows(
                IllegalArgumentException.class, () -> lm.suggestAll(List.of(two), noun, 3)).getMessage());
        String mask = ", '[mask]', is not a mask and would come back unfilled: a mask is the token [MASK] alone, in"
                + " capitals, with nothing else in the token (split the text into tokens first)";
        List<String> misspelt = List.of("A", "[mask]");
        assertEquals("token 1" + mask, assertThrows(IllegalArgumentException.class,
                () -> lm.infill(misspelt, fast)).getMessage());
        assertEquals("token 1" + mask, assertThrows(IllegalArgumentException.class,
                () -> lm.suggest(misspelt, 3)).getMessage());
        assertEquals("token 1 of sentence 0" + mask, assertThrows(IllegalArgumentException.class,
                () -> lm.infillAll(List.of(misspelt), fast)).getMessage());
        assertEquals("the sentence has 1 token but its keep mask has 2", assertThrows(IllegalArgumentException.class,
                () -> lm.rewrite(List.of("dog"), new boolean[2], 0.5, fast)).getMessage());
        assertEquals("the sentence has 1 token but its keep mask has 2", assertThrows(IllegalArgumentException.class,
                () -> lm.rewrite(List.of("dog"), new boolean[2], 0.5, Constraints.none(), fast)).getMessage());
        assertEquals("token 1, 'two words', holds whitespace: a token is a word of whitespace-split text; split it"
                + " into tokens", assertThrows(IllegalArgumentException.class,
                        () -> lm.rewrite(List.of("A", "two words"), null, 0.5, fast)).getMessage());
        assertEquals("token 1 is kept but the POS template has only 1 tag", assertThrows(
                IllegalArgumentException.class, () -> lm.rewrite(List.of("A", "dog"), new boolean[] {false, true}, 0.5,
                        noun, fast)).getMessage());
        assertEquals("token 1 is null", assertThrows(NullPointerException.class,
                () -> lm.infill(Arrays.asList("A", null), fast)).getMessage());
        assertEquals("token 1 of sentence 0 is null", assertThrows(NullPointerException.class,
                () -> lm.infillAll(List.of(Arrays.asList("A", null)), fast)).getMessage());
    }

    /**
     * The batched rewrite given {@link SentenceNaming#ONE} words its refusals as the single-sentence rewrite does, for
     * a front end passing on one sentence its caller gave alone, and accepts what the batched form accepts: lexical
     * constraints without a sentiment or template (refused by the single form). One naming for two sentences is
     * refused. A window's naming names the caller's token and sentence, for a later window rewritten on its own.
     */
    @Test
    void aBatchedRewriteNamedForOneSentenceSaysTheSentence() {
        SamplingOptions fast = SamplingOptions.builder().steps(2).seed(1).build();
        List<Constraints> none = List.of(Constraints.none());
        assertEquals("token 1, 'two words', holds whitespace: a token is a word of whitespace-split text; split it"
                + " into tokens", assertThrows(IllegalArgumentException.class, () -> lm.rewriteAll(
                        List.of(List.of("A", "two words")), Collections.singletonList(null), 0.5, none, fast,
                        SentenceNaming.ONE)).getMessage());
        assertEquals("the sentence has 1 token but its keep mask has 2", assertThrows(IllegalArgumentException.class,
                () -> lm.rewriteAll(List.of(List.of("dog")), List.of(new boolean[2]), 0.5, none, fast,
                        SentenceNaming.ONE)).getMessage());
        assertEquals("sentence 0 has 1 token but its keep mask has 2", assertThrows(IllegalArgumentException.class,
                () -> lm.rewriteAll(List.of(List.of("dog")), List.of(new boolean[2]), 0.5, none, fast,
                        SentenceNaming.BATCH)).getMessage());
        assertEquals("a naming of one sentence for 2 sentences; give SentenceNaming.BATCH", assertThrows(
                IllegalArgumentException.class, () -> lm.rewriteAll(List.of(List.of("A"), List.of("B")),
                        Arrays.asList(null, null), 0.5, List.of(Constraints.none(), Constraints.none()), fast,
                        SentenceNaming.ONE)).getMessage());
        String whitespace = ", 'two words', holds whitespace: a token is a word of whitespace-split text; split it"
                + " into tokens";
        List<List<String>> window = List.of(List.of("A", "two words"));
        assertEquals("token 65" + whitespace, assertThrows(IllegalArgumentException.class, () -> lm.rewriteAll(window,
                Collections.singletonList(null), 0.5, none, fast, SentenceNaming.ONE.window(0, 64))).getMessage());
        assertEquals("token 65 of sentence 3" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> lm.rewriteAll(window, Collections.singletonList(null), 0.5, none, fast,
                        SentenceNaming.BATCH.window(3, 64))).getMessage());
        // checkRewrite refuses it in the same words without sampling, and passes what the rewrite takes
        assertEquals("token 65 of sentence 3" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> lm.checkRewrite(window, Collections.singletonList(null), 0.5, none, fast,
                        SentenceNaming.BATCH.window(3, 64))).getMessage());
        lm.checkRewrite(List.of(List.of("A", "dog")), Collections.singletonList(null), 0.5, none, fast,
                SentenceNaming.BATCH.window(3, 64));
        Constraints lexical = Constraints.none().withLexical(true);
        assertThrows(IllegalArgumentException.class, () -> lm.rewrite(List.of(), null, 0.5, lexical, fast));
        assertEquals(List.of(List.of()), lm.rewriteAll(List.of(List.of()), Collections.singletonList(null), 0.5,
                List.of(lexical), fast, SentenceNaming.ONE));
    }

    /**
     * A null among a rewrite's per-sentence constraints names the sentence it is for, as the call's naming names it
     * (it said "constraints of a sentence", whichever of the list it was), in rewriteAll and checkRewrite alike.
     */
    @Test
    void aMissingConstraintOfOneSentenceNamesTheSentence() {
        SamplingOptions fast = SamplingOptions.builder().steps(2).seed(1).build();
        List<List<String>> two = List.of(List.of("A", "dog"), List.of("A", "cat"));
        List<boolean[]> keep = Arrays.asList(null, null);
        List<Constraints> secondMissing = Arrays.asList(Constraints.none(), null);
        assertEquals("sentence 1's constraints are null (Constraints.none() for none)", assertThrows(
                NullPointerException.class, () -> lm.rewriteAll(two, keep, 0.5, secondMissing, fast)).getMessage());
        assertEquals("sentence 4's constraints are null (Constraints.none() for none)", assertThrows(
                NullPointerException.class, () -> lm.checkRewrite(two, keep, 0.5, secondMissing, fast,
                        SentenceNaming.BATCH.window(3, 0))).getMessage());
        assertEquals("the sentence's constraints are null (Constraints.none() for none)", assertThrows(
                NullPointerException.class, () -> lm.rewriteAll(List.of(two.get(0)), Collections.singletonList(null),
                        0.5, Collections.singletonList(null), fast, SentenceNaming.ONE)).getMessage());
    }

    /**
     * Batched infill and suggestions given a {@link SentenceNaming} name the sentences and tokens as it does, as the
     * rewrite given one does: a front end whose user counts a document's sentences and tokens from 1 (CoreNLP's
     * annotator) has "token 2 of sentence 2" for the list's sentence 1, its token 1, where the calls without a naming
     * say "token 1 of sentence 1". The infilled sentences suggestAll reads are named so too; a naming of one sentence
     * says "token 1" and is refused for two sentences. The words filled are those of the call without a naming.
     */
    @Test
    void batchedInfillAndSuggestionsNameTheSentencesAsTheirNamingDoes() {
        SamplingOptions fast = SamplingOptions.builder().steps(2).seed(1).build();
        SentenceNaming fromOne = new SentenceNaming("sentence", false, 1, 1);
        Constraints none = Constraints.none();
        List<List<String>> spaced = List.of(List.of("A", "[MASK]"), List.of("A", "two words"));
        String whitespace = ", 'two words', holds whitespace: a token is a word of whitespace-split text; split it"
                + " into tokens";
        assertEquals("token 1 of sentence 1" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> lm.infillAll(spaced, none, fast)).getMessage());
        assertEquals("token 2 of sentence 2" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> lm.infillAll(spaced, none, fast, fromOne)).getMessage());
        assertEquals("token 2 of sentence 2" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> lm.suggestAll(spaced, spaced, none, fast, 3, fromOne)).getMessage());
        assertEquals("token 1" + whitespace, assertThrows(IllegalArgumentException.class,
                () -> lm.infillAll(List.of(spaced.get(1)), none, fast, SentenceNaming.ONE)).getMessage());
        String mask = ", '[mask]', is not a mask and would come back unfilled: a mask is the token [MASK] alone, in"
                + " capitals, with nothing else in the token (split the text into tokens first)";
        List<List<String>> misspelt = List.of(List.of("A", "[MASK]"), List.of("A", "[mask]"));
        assertEquals("token 2 of sentence 2" + mask, assertThrows(IllegalArgumentException.class,
                () -> lm.infillAll(misspelt, none, fast, fromOne)).getMessage());
        assertEquals("the POS template has 1 tag but sentence 1 has 2 tokens; an infill keeps the length, one tag"
                + " per token", assertThrows(IllegalArgumentException.class, () -> lm.infillAll(List.of(List.of("A",
                        "[MASK]")), none.withTemplate(List.of(Upos.NOUN)), fast, fromOne)).getMessage());
        List<List<String>> masked = List.of(List.of("A", "[MASK]"), List.of("The", "[MASK]", "ran"));
        List<List<String>> filled = lm.infillAll(masked, none, fast, fromOne);
        assertEquals(lm.infillAll(masked, none, fast), filled);
        assertEquals(lm.suggestAll(masked, filled, none, fast, 3), lm.suggestAll(masked, filled, none, fast, 3,
                fromOne));
        List<List<String>> otherWord = List.of(filled.get(0), List.of("A", filled.get(1).get(1), "ran"));
        assertEquals("token 1 of sentence 2 is 'The' but infilled sentence 2 holds 'A' there: infill changes only"
                + " masks; give its result for the same sentences", assertThrows(IllegalArgumentException.class,
                        () -> lm.suggestAll(masked, otherWord, none, fast, 3, fromOne)).getMessage());
        assertEquals("infilled sentence 2 has 2 tokens where sentence 2 has 3: give infill's result for the same"
                + " sentences", assertThrows(IllegalArgumentException.class, () -> lm.suggestAll(masked,
                        List.of(filled.get(0), filled.get(0)), none, fast, 3, fromOne)).getMessage());
        assertEquals("token 2 of infilled sentence 1, 'two words', holds whitespace: a token is a word of"
                + " whitespace-split text; split it into tokens", assertThrows(IllegalArgumentException.class,
                        () -> lm.suggestAll(List.of(masked.get(0)), List.of(List.of("A", "two words")), none, fast,
                                3, fromOne)).getMessage());
        assertEquals("a naming of one sentence for 2 sentences; give SentenceNaming.BATCH", assertThrows(
                IllegalArgumentException.class, () -> lm.infillAll(masked, none, fast, SentenceNaming.ONE))
                .getMessage());
        assertEquals("a naming of one sentence for 2 sentences; give SentenceNaming.BATCH", assertThrows(
                IllegalArgumentException.class, () -> lm.suggestAll(masked, filled, none, fast, 3,
                        SentenceNaming.ONE)).getMessage());
    }

    /**
     * A batched rewrite's kept token outside the POS template names its sentence, as its other refusals do: "token 1 is
     * kept" told the caller of several sentences nothing of which.
     */
    @Test
    void aKeptTokenOutsideTheTemplateNamesItsSentence() {
        SamplingOptions fast = SamplingOptions.builder().steps(2).seed(1).build();
        assertEquals("token 1 of sentence 1 is kept but the POS template has only 1 tag", assertThrows(
                IllegalArgumentException.class, () -> lm.rewriteAll(List.of(List.of("A", "dog"), List.of("A", "cat")),
                        List.of(new boolean[] {true, false}, new boolean[] {false, true}), 0.5,
                        Constraints.none().withTemplate(List.of(Upos.NOUN)), fast)).getMessage());
    }

    /**
     * A rewrite of a sentence holding a {@code [MASK]} refuses a keep mask of the wrong length, a kept token outside
     * the POS template and a template longer than the model before it samples anything, {@link
     * DiffusionLM#checkRewrite} too, in the same words: it filled the masks first (a sampling run) and refused them
     * after. A kept mask outside the template is still no kept token (a mask is never kept): the call is taken.
     */
    @Test
    void aRewritesKeepMaskAndTemplateAreRefusedBeforeItsMasksAreFilled() {
        SamplingRuns sampled = new SamplingRuns();
        SamplingOptions fast = SamplingOptions.builder().steps(2).seed(1).optProgress(sampled).build();
        int len = lm.info().config().maxLength();
        List<List<String>> masked = List.of(List.of("A", DiffusionLM.MASK), List.of(DiffusionLM.MASK, "dog", "ran"));
        List<Constraints> none = List.of(Constraints.none(), Constraints.none());
        Constraints noun = Constraints.none().withTemplate(List.of(Upos.NOUN));
        Constraints longer = Constraints.none().withTemplate(Collections.nCopies(len + 1, Upos.NOUN));
        Object[][] cases = {
            {"sentence 1 has 3 tokens but its keep mask has 2", List.of(new boolean[2], new boolean[2]), none},
            {"token 2 of sentence 1 is kept but the POS template has only 1 tag",
                List.of(new boolean[2], new boolean[] {true, false, true}), List.of(noun, noun)},
            {"the POS template has " + (len + 1) + " tags, more than the model's " + len + " positions, and sentence 1"
                + " has 3 tokens" + OWN_LENGTH_ONLY, Arrays.asList(null, null), List.of(Constraints.none(), longer)},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<boolean[]> keep = (List<boolean[]>) c[1];
            @SuppressWarnings("unchecked")
            List<Constraints> each = (List<Constraints>) c[2];
            assertEquals(c[0], assertThrows(IllegalArgumentException.class,
                    () -> lm.rewriteAll(masked, keep, 0.5, each, fast)).getMessage());
            assertEquals(List.of(), sampled.runs(), "sampled before refusing: " + c[0]);
            assertEquals(c[0], assertThrows(IllegalArgumentException.class,
                    () -> lm.checkRewrite(masked, keep, 0.5, each, fast, SentenceNaming.BATCH)).getMessage());
        }
        assertEquals("the sentence has 2 tokens but its keep mask has 1", assertThrows(IllegalArgumentException.class,
                () -> lm.rewrite(List.of("A", DiffusionLM.MASK), new boolean[1], 0.5, fast)).getMessage());
        assertEquals(List.of(), sampled.runs(), "sampled before refusing the one sentence's keep mask");
        // a kept mask outside the template is no kept token: checked, and rewritten to the template's one tag
        List<boolean[]> keptMask = List.of(new boolean[] {false, true});
        lm.checkRewrite(List.of(masked.get(0)), keptMask, 0.5, List.of(noun), fast, SentenceNaming.BATCH);
        assertEquals(1, lm.rewriteAll(List.of(masked.get(0)), keptMask, 0.5, List.of(noun), fast).get(0).size());
    }

    /**
     * Generate and rewrite refuse a template longer than the model in the same words (one said "length is 64"); a
     * rewrite's refusal goes on to name the one template it takes so (a sentence of the template's own length, rewritten
     * window by window), which it did not say, and the refused sentence's length.
     */
    @Test
    void aTemplateLongerThanTheModelIsRefusedInOneWording() {
        int len = lm.info().config().maxLength();
        Constraints longer = Constraints.none().withTemplate(Collections.nCopies(len + 1, Upos.NOUN));
        String expected = "the POS template has " + (len + 1) + " tags, more than the model's " + len + " positions";
        SamplingOptions fast = SamplingOptions.builder().steps(2).seed(1).build();
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> lm.generate(1, longer, fast))
                .getMessage());
        assertEquals(expected + ", and sentence 0 has 2 tokens" + OWN_LENGTH_ONLY, assertThrows(
                IllegalArgumentException.class, () -> lm.rewriteAll(List.of(List.of("A", "dog")),
                        List.of(new boolean[2]), 0.5, longer, fast)).getMessage());
        assertEquals(expected + ", and the sentence has 2 tokens" + OWN_LENGTH_ONLY, assertThrows(
                IllegalArgumentException.class, () -> lm.rewrite(List.of("A", "dog"), new boolean[2], 0.5, longer,
                        fast)).getMessage());
    }

    /** What a rewrite's refusal of a template longer than the model adds: the one such template it takes. */
    static final String OWN_LENGTH_ONLY = "; a template longer than the model is taken only for a sentence of its own"
            + " length, rewritten window by window";
}
