package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.eval.InfillEvaluation;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link DiffusionLM#suggest}: each mask's likeliest words, as a masked language model's fill-mask gives them. */
class SuggestTest {
    private static final String M = DiffusionLM.MASK;

    /** One list per mask, best first, probabilities of a distribution; its first word is one-step greedy infill's. */
    @Test
    void theFirstSuggestionIsWhatOneStepOfGreedyInfillWrites() throws Exception {
        List<String> sentence = List.of("The", M, "of", "the", "committee", "said", "that", "the", M, "was", "late",
                ".");
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            List<List<Suggestion>> suggested = lm.suggest(sentence, 5);
            assertEquals(2, suggested.size(), "one list per mask: " + suggested);
            List<String> filled = lm.infill(sentence, SamplingOptions.builder().steps(1).temperature(0).build());
            for (int m = 0; m < 2; m++) {
                List<Suggestion> here = suggested.get(m);
                assertEquals(5, here.size());
                for (int c = 1; c < here.size(); c++) {
                    assertTrue(here.get(c - 1).probability() >= here.get(c).probability(), "best first: " + here);
                }
                assertTrue(here.stream().mapToDouble(Suggestion::probability).sum() <= 1 + 1e-6, here.toString());
                assertTrue(here.get(4).probability() > 0, here.toString());
            }
            assertEquals(filled.get(1), suggested.get(0).get(0).word(), suggested + " against " + filled);
            assertEquals(filled.get(8), suggested.get(1).get(0).word(), suggested + " against " + filled);
            assertEquals(suggested, lm.suggest(sentence, 5), "deterministic");
            assertEquals(List.of(), lm.suggest(List.of("No", "mask", "here", "."), 3));
        }
    }

    /**
     * Under n-gram fusion each mask's first word is what one fused greedy step writes, the lists re-ranked (the
     * trigram's collocations the network misses come first) and still a distribution; weight 0 is the plain reading.
     */
    @Test
    void fusedSuggestionsLeadWithWhatOneFusedGreedyStepWrites() throws Exception {
        // dev sentences (as DiffusionLMTest's fusion test): the network alone misses "purposes" and "half"
        List<List<String>> in = List.of(
                List.of("Cambodia", "is", ",", "for", "all", "practical", M, ",", "neutralist", "."),
                List.of("A", M, "hour", "later", "the", "Vice", "President", "arrived", ".", M));
        SamplingOptions fused = SamplingOptions.builder().steps(1).temperature(0).ngramWeight(0.7).build();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            List<List<List<Suggestion>>> plain = lm.suggestAll(in, 5);
            assertEquals(plain, lm.suggestAll(in, Constraints.none(), fused.toBuilder().ngramWeight(0).build(), 5));
            assertNotEquals("purposes", plain.get(0).get(0).get(0).word(), "precondition: the network misses it");
            assertNotEquals("half", plain.get(1).get(0).get(0).word(), "precondition: the network misses it");
            List<List<List<Suggestion>>> withTrigram = lm.suggestAll(in, Constraints.none(), fused, 5);
            assertEquals("purposes", withTrigram.get(0).get(0).get(0).word(), withTrigram.toString());
            assertEquals("half", withTrigram.get(1).get(0).get(0).word(), withTrigram.toString());
            List<List<String>> filled = lm.infillAll(in, fused);
            for (int s = 0; s < in.size(); s++) {
                int m = 0;
                for (int i = 0; i < in.get(s).size(); i++) {
                    if (in.get(s).get(i).equals(M)) {
                        List<Suggestion> here = withTrigram.get(s).get(m++);
                        assertEquals(filled.get(s).get(i), here.get(0).word(), withTrigram + " against " + filled);
                        assertEquals(5, here.size());
                        for (int c = 1; c < here.size(); c++) {
                            assertTrue(here.get(c - 1).probability() >= here.get(c).probability(), here.toString());
                        }
                        assertTrue(here.stream().mapToDouble(Suggestion::probability).sum() <= 1 + 1e-6,
                                here.toString());
                    }
                }
            }
            assertSame(withTrigram.get(0), lm.suggest(in.get(0), Constraints.none(), fused, 5)); // one call each
            // all the candidates fusion ranks: a distribution over them
            List<Suggestion> hundred = lm.suggest(in.get(0), Constraints.none(), fused, 100).get(0);
            assertEquals(1.0, hundred.stream().mapToDouble(Suggestion::probability).sum(), 1e-3);
        }
    }

    /**
     * On 200 held-out sentences with one word masked, the right word is among the ten suggestions far more often
     * than it is the first: what a caller reranking them (by a lexicon, another model) has to work with. Measured
     * when written: first 21.0%, among ten 44.0% (the evaluation's seed 0; 12.5% of masked words are unknown to
     * the model, so never suggestible).
     */
    @Test
    void theHeldOutWordIsOftenAmongTheTopTen() throws Exception {
        List<TaggedSentence> held = TaggedCorpus.read(TestModels.root().resolve("test-data/brown/heldout.conllu.gz"));
        List<TaggedSentence> pool = new ArrayList<>(held.stream().filter(s -> InfillEvaluation.usable(s, 64)).toList());
        Random random = new Random(0);
        Collections.shuffle(pool, random);
        int first = 0;
        int amongTen = 0;
        int n = 200;
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            for (TaggedSentence s : pool.subList(0, n)) {
                int p = InfillEvaluation.maskedPosition(s, random);
                List<String> masked = new ArrayList<>(s.words());
                masked.set(p, M);
                List<Suggestion> here = lm.suggest(masked, 10).get(0);
                String truth = Vocabulary.normalized(s.words().get(p));
                first += here.get(0).word().equals(truth) ? 1 : 0;
                amongTen += here.stream().anyMatch(x -> x.word().equals(truth)) ? 1 : 0;
            }
        }
        System.out.printf("suggest on %d held-out sentences: first %.1f%%, among ten %.1f%%%n", n, 100.0 * first / n,
                100.0 * amongTen / n);
        assertTrue(first >= 0.14 * n, "first: " + first);
        assertTrue(amongTen >= 0.38 * n, "among ten: " + amongTen);
    }

    /** Every word the model may write, and nothing else: [PAD], [UNK] and the banned words are never suggested. */
    @Test
    void allTheWordsAreADistributionWithoutTheOnesNeverWritten() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBannedWords(Set.of()).build()) {
            int words = lm.vocabulary().size() - 2;
            List<Suggestion> all = lm.suggest(List.of("the", M, "unheard-of-word", "."), words).get(0);
            assertEquals(words, all.size());
            assertEquals(1.0, all.stream().mapToDouble(Suggestion::probability).sum(), 1e-3);
            assertFalse(all.stream().anyMatch(x -> x.word().equals("[PAD]") || x.word().equals("[UNK]")), "specials");
            String favourite = all.get(0).word();
            // a banned word is banned in every case ("The" too when "the" is)
            List<Suggestion> others = all.stream().filter(x -> !x.word().equalsIgnoreCase(favourite)).toList();
            try (DiffusionLM banning = DiffusionLM.builder().optModel(TestModels.tinyModel())
                    .optBannedWords(Set.of(favourite)).build()) {
                List<Suggestion> allowed = banning.suggest(List.of("the", M, "unheard-of-word", "."), words).get(0);
                assertEquals(others.size(), allowed.size());
                assertTrue(others.size() < words, favourite);
                assertFalse(allowed.stream().anyMatch(x -> x.word().equalsIgnoreCase(favourite)), favourite);
                assertEquals(others.get(0).word(), allowed.get(0).word());
            }
        }
    }

    /** As the CoreNLP server calls it: from several threads at once, each call's lists are its own sentence's. */
    @Test
    void concurrentCallsGiveWhatSequentialCallsGive() throws Exception {
        List<List<String>> sentences = List.of(List.of("the", M, "was", "late", "."), List.of(M, "said", "so", "."),
                List.of("a", "good", M), List.of("he", "went", "to", "the", M, "."));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            List<List<List<Suggestion>>> expected = sentences.stream().map(s -> lm.suggest(s, 3)).toList();
            List<java.util.concurrent.Future<List<List<Suggestion>>>> futures = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (List<String> s : sentences) {
                    futures.add(pool.submit(() -> lm.suggest(s, 3)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % sentences.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Batched, each sentence gets the words one call gives it; a refusal names the sentence, before any is read. */
    @Test
    void suggestAllGivesWhatOneCallEachGives() throws Exception {
        List<List<String>> sentences = List.of(List.of("the", M, "was", "late", "."), List.of("no", "mask", "."),
                List.of(M, "said", "so", M), List.of("a", "good", M), Collections.nCopies(30, M));
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            List<List<List<Suggestion>>> all = lm.suggestAll(sentences, 4);
            assertEquals(sentences.size(), all.size());
            for (int s = 0; s < sentences.size(); s++) {
                List<List<Suggestion>> one = lm.suggest(sentences.get(s), 4);
                assertEquals(one.size(), all.get(s).size(), "sentence " + s);
                for (int m = 0; m < one.size(); m++) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(one.get(m).get(c).word(), all.get(s).get(m).get(c).word(), "sentence " + s);
                        assertEquals(one.get(m).get(c).probability(), all.get(s).get(m).get(c).probability(), 1e-5);
                    }
                }
            }
            assertMessage(() -> lm.suggestAll(List.of(List.of("a", M), List.of("b", "[mask]")), 3), "sentence 1");
        }
    }

    /**
     * A sentence longer than the model's length is read as infill reads it: stretch by stretch of half the model's
     * length, each in the window of the model's length around it (a quarter of it of context each side where the
     * sentence has it), the masks outside the stretch unknown; an empty sentence, like one without a mask, has none.
     */
    @Test
    void aLongSentenceIsReadStretchByStretchInInfillsWindows() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            int len = lm.info().config().maxLength();
            List<String> sentence = new ArrayList<>();
            for (int i = 0; i < 2 * len + len / 4 + 3; i++) {
                sentence.add(i % 7 == 3 ? M : List.of("the", "man", "said", "that", "it", "was", "late").get(i % 7));
            }
            List<List<Suggestion>> suggested = lm.suggest(sentence, 3);
            List<List<Suggestion>> expected = new ArrayList<>();
            int stretch = len / 2;
            for (int first = 0; first < sentence.size(); first += stretch) {
                int from = Math.max(0, Math.min(sentence.size() - len, first - (len - stretch) / 2));
                List<List<Suggestion>> window = lm.suggest(sentence.subList(from, from + len), 3);
                int m = 0;
                for (int i = from; i < from + len; i++) {
                    if (sentence.get(i).equals(M)) {
                        if (i >= first && i < first + stretch) {
                            expected.add(window.get(m));
                        }
                        m++;
                    }
                }
            }
            assertEquals(sentence.stream().filter(M::equals).count(), suggested.size());
            assertSame(expected, suggested);
            assertEquals(List.of(), lm.suggest(List.of(), 3), "an empty sentence has no mask");
            List<List<List<Suggestion>>> both = lm.suggestAll(List.of(List.of(), sentence), 3);
            assertEquals(List.of(), both.get(0));
            assertSame(suggested, both.get(1));
        }
    }

    /**
     * Given the words infill wrote, each stretch of a long sentence reads the words infill chose before it, as
     * infill's sampling of that stretch did: the first suggestion is then one-step greedy infill's word at every
     * mask of a long sentence too (the CoreNLP annotator's suggestions beside its infill).
     */
    @Test
    void givenInfillsWordsALongSentencesFirstSuggestionsAreItsWords() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            int len = lm.info().config().maxLength();
            List<String> longOne = new ArrayList<>();
            for (int i = 0; i < 3 * len; i++) {
                longOne.add(i % 5 == 2 ? M : List.of("a", "good", "day", "for", "the").get(i % 5));
            }
            List<List<String>> sentences = List.of(longOne, List.of("the", M, "was", "late", "."), List.of());
            List<List<String>> filled = lm.infillAll(sentences, SamplingOptions.builder().steps(1).temperature(0)
                    .build());
            List<List<List<Suggestion>>> suggested = lm.suggestAll(sentences, filled, Constraints.none(), 2);
            for (int s = 0; s < sentences.size(); s++) {
                List<String> firsts = new ArrayList<>();
                List<String> written = new ArrayList<>();
                for (int i = 0; i < sentences.get(s).size(); i++) {
                    if (sentences.get(s).get(i).equals(M)) {
                        written.add(filled.get(s).get(i));
                        firsts.add(suggested.get(s).get(firsts.size()).get(0).word());
                    }
                }
                assertEquals(written, firsts, "sentence " + s);
            }
            assertSame(lm.suggest(sentences.get(1), 2), suggested.get(1));
            assertNotEquals(lm.suggest(longOne, 2), suggested.get(0), "the filled words are read");
            List<String> other = new ArrayList<>(filled.get(0));
            other.set(0, "b");
            assertMessage(() -> lm.suggestAll(sentences, List.of(other, filled.get(1), filled.get(2)),
                    Constraints.none(), 2), "sentence 0");
            assertMessage(() -> lm.suggestAll(sentences, filled.subList(0, 2), Constraints.none(), 2), "3 sentences");
        }
    }

    @Test
    void badArgumentsAreRefusedSayingWhatIsAllowed() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            int words = lm.vocabulary().size() - 2;
            assertMessage(() -> lm.suggest(List.of("a", M), 0), "k must be 1 to " + words
                    + " (the words the model knows), got 0");
            assertMessage(() -> lm.suggest(List.of("a", M), words + 1), "got " + (words + 1));
            assertMessage(() -> lm.suggest(List.of("a", "[mask]"), 3), "[mask]");
            assertMessage(() -> lm.suggest(List.of("a b", M), 3), "whitespace");
        }
    }

    /**
     * Under constraints the suggestions are the constrained model's first step, as greedy infill under them takes it:
     * a sentiment moves them, guidance 0 ignores it, lexical constraints keep out the words their lexicon forbids.
     */
    @Test
    void constraintsShapeTheSuggestionsAsTheyShapeInfill() throws Exception {
        List<String> sentence = List.of("It", "was", "a", M, "day", "for", "all", "of", "us", ".");
        SentimentLabeller afinn = SentimentLabeller.afinn();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            List<Suggestion> plain = lm.suggest(sentence, 10).get(0);
            Constraints positive = Constraints.none().withSentiment(Sentiment.POSITIVE).withGuidance(3).withLexical(true);
            Constraints negative = positive.withSentiment(Sentiment.NEGATIVE);
            List<Suggestion> up = lm.suggest(sentence, positive, 10).get(0);
            List<Suggestion> down = lm.suggest(sentence, negative, 10).get(0);
            SamplingOptions oneGreedyStep = SamplingOptions.builder().steps(1).temperature(0).build();
            assertEquals(lm.infill(sentence, positive, oneGreedyStep).get(3), up.get(0).word(), up.toString());
            assertEquals(lm.infill(sentence, negative, oneGreedyStep).get(3), down.get(0).word(), down.toString());
            assertTrue(up.stream().noneMatch(x -> afinn.valence(x.word()) < 0), "no negative word: " + up);
            assertTrue(down.stream().noneMatch(x -> afinn.valence(x.word()) > 0), "no positive word: " + down);
            assertTrue(up.stream().anyMatch(x -> afinn.valence(x.word()) > 0), "a positive word: " + up);
            assertTrue(down.stream().anyMatch(x -> afinn.valence(x.word()) < 0), "a negative word: " + down);
            assertSame(List.of(plain), lm.suggest(sentence, Constraints.none().withSentiment(Sentiment.POSITIVE)
                    .withGuidance(0), 10));
            assertSame(List.of(plain), lm.suggest(sentence, Constraints.none(), 10));
            List<Upos> tags = Constraints.parseTemplate("PRON AUX DET ADJ NOUN ADP DET ADP PRON PUNCT");
            Constraints template = Constraints.none().withTemplate(tags).withLexical(true);
            assertEquals(lm.infill(sentence, template, oneGreedyStep).get(3),
                    lm.suggest(sentence, template, 3).get(0).get(0).word());
            assertMessage(() -> lm.suggest(sentence, Constraints.none().withTemplate(List.of(Upos.NOUN)), 3),
                    "one tag per token");
            assertMessage(() -> lm.suggest(sentence, positive.withCandidates(4), 3), "candidates");
            // at the largest guidance allowed every word asked for still comes back (from 10,000 some fell below
            // the offset that marks the words never written)
            assertEquals(10, lm.suggest(sentence, positive.withGuidance(Constraints.MAX_GUIDANCE), 10).get(0).size());
        }
    }

    /**
     * A suggestAll of several batches is one call to close, as infill of a long sentence is: a close that begins
     * between its batches waits for it, and it returns its answer (each batch used to enter the model on its own, so
     * the next one met the close and the call failed with ModelClosedException). Once closed, a call fails however
     * few masks it has, as infill does: a sentence without a mask, or no sentence, returned an empty answer.
     */
    @Test
    void aSuggestAllOfSeveralBatchesIsOneCallToClose() throws Exception {
        List<List<String>> sentences = Collections.nCopies(40 * SamplingOptions.defaults().batchSize(),
                List.of("the", M, "was", "late", "."));
        List<List<List<Suggestion>>> expected;
        try (DiffusionLM alone = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            expected = alone.suggestAll(sentences.subList(0, 1), 3);
        }
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build();
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Thread> thread = new AtomicReference<>();
            java.util.concurrent.Future<List<List<List<Suggestion>>>> answer = caller.submit(() -> {
                thread.set(Thread.currentThread());
                return lm.suggestAll(sentences, 3);
            });
            awaitReadingABatch(answer, thread);
            lm.close(); // waits for the call, which has batches left
            List<List<List<Suggestion>>> all = answer.get();
            assertEquals(sentences.size(), all.size());
            assertSame(expected.get(0), all.get(all.size() - 1));
        } finally {
            caller.shutdownNow();
        }
        assertThrows(ModelClosedException.class, () -> lm.suggest(List.of("no", "mask", "."), 3));
        assertThrows(ModelClosedException.class, () -> lm.suggestAll(List.of(), 3));
    }

    /**
     * An interrupt of the calling thread stops a suggestAll between its batches, as it stops infill between its
     * steps ("interrupted while ..."; the thread keeps its flag): a caller that gave up on a large request no longer
     * waits for all of it.
     */
    @Test
    void anInterruptStopsASuggestAllBetweenItsBatches() throws Exception {
        List<List<String>> sentences = Collections.nCopies(100 * SamplingOptions.defaults().batchSize(),
                List.of("the", M, "was", "late", "."));
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                AtomicReference<Thread> thread = new AtomicReference<>();
                java.util.concurrent.Future<Throwable> outcome = caller.submit(() -> {
                    thread.set(Thread.currentThread());
                    try {
                        lm.suggestAll(sentences, 3);
                        return null;
                    } catch (Throwable e) {
                        return Thread.currentThread().isInterrupted() ? e : new AssertionError("flag lost", e);
                    }
                });
                awaitReadingABatch(outcome, thread);
                thread.get().interrupt();
                Throwable e = outcome.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(e instanceof IllegalStateException && !(e instanceof ModelClosedException)
                        && e.getMessage().startsWith("interrupted while"), "not stopped by the interrupt: " + e);
            } finally {
                caller.shutdownNow();
            }
        }
    }

    /**
     * The infill result a long sentence's stretches are read with is checked as the sentences are: a null token is
     * named, not read as an unknown word, and one holding whitespace (text not split) is refused naming it; it is
     * copied at the call's start, as every list a call is given.
     */
    @Test
    void theInfilledWordsAreCheckedAsTheSentencesAre() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            int len = lm.info().config().maxLength();
            List<String> longOne = new ArrayList<>(Collections.nCopies(2 * len, "the"));
            longOne.set(1, M);
            longOne.set(len + len / 2, M);
            List<String> filled = new ArrayList<>(longOne);
            filled.set(1, null);
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> lm.suggestAll(List.of(longOne), List.of(filled), Constraints.none(), 2));
            assertEquals("token 1 of infilled sentence 0 is null", e.getMessage());
            filled.set(1, "two words");
            assertMessage(() -> lm.suggestAll(List.of(longOne), List.of(filled), Constraints.none(), 2),
                    "token 1 of infilled sentence 0, 'two words', holds whitespace");
        }
    }

    /**
     * As every call's (the class comment says so), suggest's lists are new and modifiable, the caller's own: a caller
     * may sort, filter or add to them, and the next call's answer is as it was.
     */
    @Test
    void theListsReturnedAreTheCallersOwn() throws Exception {
        List<String> sentence = List.of("the", M, "was", M, ".");
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            List<List<Suggestion>> first = lm.suggest(sentence, 3);
            List<List<Suggestion>> copy = first.stream().map(l -> (List<Suggestion>) new ArrayList<>(l)).toList();
            first.get(0).remove(0);
            first.get(1).sort(java.util.Comparator.comparing(Suggestion::word));
            first.add(List.of());
            List<List<List<Suggestion>>> all = lm.suggestAll(List.of(sentence, sentence), 3);
            all.get(0).clear();
            all.remove(1);
            assertEquals(copy, lm.suggest(sentence, 3));
        }
    }

    /** Returns once the thread {@code thread} holds is reading a batch of suggestions (inside the model). */
    private static void awaitReadingABatch(java.util.concurrent.Future<?> call, AtomicReference<Thread> thread)
            throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (thread.get() == null || java.util.Arrays.stream(thread.get().getStackTrace())
                .noneMatch(f -> f.getClassName().endsWith("RowSampler") && f.getMethodName().equals("topWords"))) {
            assertFalse(call.isDone(), "the call ended before it was seen reading a batch");
            assertTrue(System.nanoTime() < deadline, "no batch read within 60 s");
            Thread.sleep(1);
        }
    }

    /** The same words, the probabilities equal up to float rounding (batches of other rows round otherwise). */
    private static void assertSame(List<List<Suggestion>> expected, List<List<Suggestion>> actual) {
        assertEquals(expected.size(), actual.size(), actual.toString());
        for (int m = 0; m < expected.size(); m++) {
            assertEquals(expected.get(m).stream().map(Suggestion::word).toList(),
                    actual.get(m).stream().map(Suggestion::word).toList(), "mask " + m);
            for (int c = 0; c < expected.get(m).size(); c++) {
                assertEquals(expected.get(m).get(c).probability(), actual.get(m).get(c).probability(), 1e-5);
            }
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
