package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.Upos;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sentence longer than the model under a POS template of exactly its length (its own tags, as OpenNLP's {@code
 * -posTemplate keep} and CoreNLP's {@code syntax=keep} give it) is rewritten by one core call window by window, as
 * the adapters did with a call per window: each window under its part of the template and keep mask, with the seed
 * {@link SamplingOptions#windowSeed} gives it.
 */
class LongTemplatedRewriteTest {
    private static final List<String> CLAUSE = List.of("The", "committee", "met", "on", "Monday", ".");
    private static final List<Upos> TAGS = List.of(Upos.DET, Upos.NOUN, Upos.VERB, Upos.ADP, Upos.PROPN, Upos.PUNCT);
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    /** {@code clauses} copies of the clause, and its tags as long. */
    private static List<String> words(int clauses) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < clauses; i++) {
            out.addAll(CLAUSE);
        }
        return out;
    }

    private static List<Upos> tags(int clauses) {
        List<Upos> out = new ArrayList<>();
        for (int i = 0; i < clauses; i++) {
            out.addAll(TAGS);
        }
        return out;
    }

    /**
     * One call gives, word for word, what the adapters' calls gave: the sentences' first windows in one batch, then
     * each later window of the long sentence in a call of its own, seeded {@code options.windowSeed(s, from)}. The
     * long sentence has three windows and a half, its second window all kept (sampled by neither), a kept token in
     * its first and last windows; a short sentence before it and one after keep their seeds.
     */
    @Test
    void oneCallGivesWhatTheWindowsOwnCallsGave() {
        int len = lm.info().config().maxLength();
        List<String> shortOne = CLAUSE;
        List<String> longOne = words((3 * len + len / 2) / CLAUSE.size() + 1);
        int size = longOne.size();
        boolean[] keep = new boolean[size];
        Arrays.fill(keep, len, 2 * len, true);
        keep[2] = true;
        keep[size - 3] = true;
        Constraints positive = Constraints.none().withSentiment(io.github.diffusionnlp.model.Sentiment.POSITIVE);
        List<List<String>> sentences = List.of(shortOne, longOne, List.of("A", "dog", "ran", "."));
        List<boolean[]> keeps = Arrays.asList(null, keep, null);
        List<Constraints> each = List.of(positive.withTemplate(TAGS), positive.withTemplate(tags(size / 6)),
                positive.withTemplate(List.of(Upos.DET, Upos.NOUN, Upos.VERB, Upos.PUNCT)));
        SamplingOptions options = SamplingOptions.builder().steps(4).seed(11).batchSize(3).build();

        List<List<String>> one = lm.rewriteAll(sentences, keeps, 0.8, each, options);

        // as RewriterME and KeptSyntaxRewrite made them: the first windows batched, each later window its own call
        List<List<String>> firsts = new ArrayList<>(sentences);
        firsts.set(1, longOne.subList(0, len));
        List<boolean[]> firstKeeps = Arrays.asList(null, Arrays.copyOf(keep, len), null);
        List<Constraints> firstEach = new ArrayList<>(each);
        firstEach.set(1, positive.withTemplate(tags(size / 6).subList(0, len)));
        List<List<String>> expected = new ArrayList<>(lm.rewriteAll(firsts, firstKeeps, 0.8, firstEach, options));
        List<String> joined = new ArrayList<>(expected.get(1));
        for (int from = len; from < size; from += len) {
            int to = Math.min(size, from + len);
            SamplingOptions seeded = options.toBuilder().seed(options.windowSeed(1, from)).build();
            joined.addAll(lm.rewriteAll(List.of(longOne.subList(from, to)), List.of(Arrays.copyOfRange(keep, from, to)),
                    0.8, List.of(positive.withTemplate(tags(size / 6).subList(from, to))), seeded,
                    SentenceNaming.BATCH.window(1, from)).get(0));
        }
        expected.set(1, joined);

        assertEquals(expected, one);
        assertEquals(size, one.get(1).size());
        assertNotEquals(longOne.subList(3 * len, size), one.get(1).subList(3 * len, size), "the last window rewritten");
        assertEquals(longOne.subList(len, 2 * len), one.get(1).subList(len, 2 * len), "the kept window as it was");
        assertEquals(3, lm.rewriteRows(longOne, keep, each.get(1)), "four windows, the kept one no row");
    }

    /**
     * A long sentence's own-length template is taken by checkRewrite as by the rewrite; a token refused in a later
     * window is named by its place in the sentence; a template of another length than its sentence, longer than the
     * model, is refused as before.
     */
    @Test
    void onlyATemplateOfItsSentencesLengthMayBeLongerThanTheModel() {
        int len = lm.info().config().maxLength();
        SamplingOptions fast = SamplingOptions.builder().steps(2).seed(1).build();
        List<String> longOne = words(2 * len / CLAUSE.size() + 1);
        Constraints own = Constraints.none().withTemplate(tags(longOne.size() / CLAUSE.size()));
        List<List<String>> two = List.of(CLAUSE, longOne);
        List<Constraints> each = List.of(Constraints.none(), own);
        lm.checkRewrite(two, Arrays.asList(null, null), 0.5, each, fast, SentenceNaming.BATCH);

        List<String> bad = new ArrayList<>(longOne);
        bad.set(len + 5, "two words");
        assertEquals("token " + (len + 5) + " of sentence 1, 'two words', holds whitespace: a token is a word of"
                + " whitespace-split text; split it into tokens", assertThrows(IllegalArgumentException.class,
                        () -> lm.rewriteAll(List.of(CLAUSE, bad), Arrays.asList(null, null), 0.5, each, fast))
                        .getMessage());

        List<String> longer = new ArrayList<>(longOne);
        longer.add(".");
        for (List<String> sentence : List.of(longer, CLAUSE)) {
            String tooLong = "the POS template has " + longOne.size() + " tags, more than the model's " + len
                    + " positions, and sentence 0 has " + sentence.size() + " tokens"
                    + ArgumentMessagesTest.OWN_LENGTH_ONLY;
            assertEquals(tooLong, assertThrows(IllegalArgumentException.class, () -> lm.checkRewrite(
                    List.of(sentence), Collections.singletonList(null), 0.5, List.of(own), fast,
                    SentenceNaming.BATCH)).getMessage());
            assertEquals(tooLong, assertThrows(IllegalArgumentException.class, () -> lm.rewriteAll(
                    List.of(sentence), Collections.singletonList(null), 0.5, List.of(own), fast)).getMessage());
        }
    }
}
