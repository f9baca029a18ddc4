package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.LongRunMemory;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.runtime.Autograd;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public calls of the last days under many threads at once, with request batching on (the default), and over
 * many calls: {@code rewriteAll} given a {@link SentenceNaming} and a {@link FilledTagging} (its tagger, keep rule and
 * {@code told} callbacks), {@code infillAll} and {@code suggestAll} given a {@link SentenceNaming}, and steering with
 * {@link PlugAndPlay}. Each call gives on a crowded model the answer it gives alone for its seed (its masks' fills
 * batched with other threads' infills), a refused call (a callback that throws, a scorer refused at its first step)
 * fails alone, and neither leaves the model holding more native arrays. Audit h231: before it, the concurrent tests
 * of core called {@code infill} and {@code suggest} alone, and the array counts of these paths ran 20 calls on one
 * thread.
 */
class NewCallsUnderThreadsTest {
    private static final String M = DiffusionLM.MASK;
    /** The CoreNLP annotator's naming: sentences and tokens counted from 1. */
    private static final SentenceNaming FROM_ONE = new SentenceNaming("sentence", false, 1, 1);
    private static final List<List<String>> SENTENCES = List.of(
            tokens("The old [MASK] on the hill was quiet ."),
            tokens("She [MASK] home early ."),
            tokens("They met in the city on Monday ."), // no mask: keeps its template and keep mask, untagged
            tokens("A [MASK] man [MASK] the long letter twice ."));
    /** Each sentence's own tags, the tag at a mask a guess that the tags of its filled words replace. */
    private static final List<List<Upos>> OWN_TAGS = List.of(
            Constraints.parseTemplate("DET ADJ NOUN ADP DET NOUN AUX ADJ PUNCT"),
            Constraints.parseTemplate("PRON ADJ NOUN ADV PUNCT"),
            Constraints.parseTemplate("PRON VERB ADP DET NOUN ADP PROPN PUNCT"),
            Constraints.parseTemplate("DET ADJ NOUN VERB DET ADJ NOUN ADV PUNCT"));
    private static final GuidanceScorer FINE = (x, sigma, generated) -> x.sum(new int[] {1, 2});
    /** One instance for every steered call: calls of the same schedule may share a batch. */
    private static final Constraints STEERED = Constraints.none().withSteering(PlugAndPlay.of(FINE, 1));
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build(); // request batching on: the default
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static List<String> tokens(String s) {
        return Arrays.asList(s.split(" "));
    }

    /** Sampled, not greedy: infill's default temperature 0 would ignore the seed. */
    private static SamplingOptions options(long seed) {
        return SamplingOptions.builder().steps(3).seed(seed).temperature(1).build();
    }

    /**
     * The tags of a sentence's filled words: its own tags, and at a mask a tag read off the word the model wrote
     * there, so that another thread's words would show in the tags, the kept tokens and what {@code told} is told.
     */
    private static List<Upos> tagsOf(int s, List<String> words) {
        List<Upos> tags = new ArrayList<>(OWN_TAGS.get(s));
        for (int i = 0; i < tags.size(); i++) {
            if (SENTENCES.get(s).get(i).equals(M)) {
                tags.set(i, words.get(i).length() % 2 == 0 ? Upos.NOUN : Upos.ADJ);
            }
        }
        return tags;
    }

    /** Keeps the first token and every noun, as a front end keeping {@code 0,NOUN} would. */
    private static boolean[] keepFirstAndNouns(int s, List<String> words, List<Upos> tags) {
        boolean[] k = new boolean[words.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = i == 0 || tags.get(i) == Upos.NOUN;
        }
        return k;
    }

    /** A rewrite under the filled words' tags and keep rule: its words, then what {@code told} was told. */
    private static String rewrite(long seed, Function<FilledTagging, FilledTagging> change) {
        boolean[][] told = new boolean[SENTENCES.size()][];
        FilledTagging tagging = change.apply(FilledTagging.by(NewCallsUnderThreadsTest::tagsOf).replacingTemplates()
                .replacingKeep(NewCallsUnderThreadsTest::keepFirstAndNouns, (s, k) -> told[s] = k));
        List<boolean[]> keep = new ArrayList<>();
        List<Constraints> each = new ArrayList<>();
        for (int s = 0; s < SENTENCES.size(); s++) {
            boolean[] k = new boolean[SENTENCES.get(s).size()];
            k[0] = true;
            keep.add(k);
            each.add(Constraints.none().withTemplate(OWN_TAGS.get(s)));
        }
        List<List<String>> out = lm.rewriteAll(SENTENCES, keep, 0.6, each, options(seed), FROM_ONE, tagging);
        StringBuilder told1 = new StringBuilder();
        for (boolean[] k : told) {
            told1.append(' ').append(Arrays.toString(k));
        }
        return out + told1.toString();
    }

    private static String rewrite(long seed) {
        return rewrite(seed, Function.identity());
    }

    /** {@code infillAll} under a naming of its own, then {@code suggestAll} beside its words under that naming. */
    private static String infillAndSuggest(long seed) {
        List<List<String>> filled = lm.infillAll(SENTENCES, Constraints.none(), options(seed), FROM_ONE);
        List<List<List<Suggestion>>> top = lm.suggestAll(SENTENCES, filled, Constraints.none(), options(seed), 3,
                FROM_ONE);
        return filled + " " + top;
    }

    private static String steered(long seed) {
        return lm.generate(2, STEERED, options(seed).toBuilder().length(6).build()).toString();
    }

    /** Task {@code i}: a rewrite or an infill and its suggestions, with seed {@code i}; from task 8 on, steered. */
    private static String task(int i) {
        if (i >= UNSTEERED) {
            return steered(i);
        }
        return i % 2 == 0 ? rewrite(i) : infillAndSuggest(i);
    }

    /**
     * The tasks that call no scorer. While a scorer runs every other call samples on its own thread, unbatched
     * (RequestBatcher), so these are also run without the steered ones, to share batches.
     */
    private static final int UNSTEERED = 8;
    private static final int TASKS = 12;

    /** Each task alone, one after another: the answers the crowded calls must give. */
    private static List<String> alone() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            out.add(task(i));
        }
        return out;
    }

    /** Runs every call on a thread of its own, all let go at once; their outcomes in order. */
    private static List<Future<Object>> atOnce(List<Callable<Object>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            for (Future<Object> f : futures) {
                try {
                    f.get(2, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    // read by the caller
                }
            }
            return futures;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Callable<Object>> goodCalls(int tasks) {
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int k = i;
            calls.add(() -> task(k));
        }
        return calls;
    }

    @Test
    void rewritesWithFilledTaggingInfillsSuggestionsAndSteeringAtOnceGiveWhatEachGivesAlone() throws Exception {
        List<String> expected = alone();
        assertTrue(expected.get(0).contains("[") && !expected.get(0).contains(M), expected.get(0));
        for (int round = 0; round < 4; round++) {
            int tasks = round < 2 ? UNSTEERED : TASKS; // first unsteered alone: batched together
            List<Future<Object>> got = atOnce(goodCalls(tasks));
            for (int i = 0; i < tasks; i++) {
                assertEquals(expected.get(i), got.get(i).get(), "task " + i + ", round " + round);
            }
        }
    }

    /**
     * Refused calls among the others, each on a thread of its own: a tagger, keep rule and {@code told} that throw
     * (their exceptions reach the caller as thrown), a tagger giving a tag too few (named as the naming names it),
     * scorers refused at their first step (a score that does not change with x, NaN, one that closes x). Each fails
     * alone; the others give their answers; the model holds the arrays it held, the gradient collector is free.
     */
    @Test
    void refusedCallsAmongTheOthersFailAloneAndKeepNoArrays() throws Exception {
        List<String> expected = alone();
        int arrays = lm.liveArrays();
        int processArrays = LongRunMemory.processArrays();
        RuntimeException taggerError = new IllegalStateException("my tagger broke");
        RuntimeException keepError = new IllegalStateException("my keep rule broke");
        RuntimeException toldError = new IllegalStateException("my told broke");
        List<Callable<Object>> calls = goodCalls(TASKS);
        int good = calls.size();
        calls.add(() -> rewrite(100, t -> FilledTagging.by((s, w) -> {
            throw taggerError;
        }).replacingTemplates()));
        calls.add(() -> rewrite(101, t -> t.replacingKeep((s, w, tags) -> {
            throw keepError;
        })));
        calls.add(() -> rewrite(102, t -> t.replacingKeep(NewCallsUnderThreadsTest::keepFirstAndNouns, (s, k) -> {
            throw toldError;
        })));
        calls.add(() -> rewrite(103, t -> FilledTagging.by((s, w) -> tagsOf(s, w).subList(1, w.size()))
                .replacingTemplates()));
        List<GuidanceScorer> refusedScorers = List.of(
                (x, s, g) -> x.sub(x).sum(new int[] {1, 2}),
                (x, s, g) -> io.github.diffusionnlp.model.Scalars.times(x.sum(new int[] {1, 2}), Float.NaN),
                (x, s, g) -> {
                    ai.djl.ndarray.NDArray score = x.sum(new int[] {1, 2});
                    x.close();
                    return score;
                });
        for (GuidanceScorer scorer : refusedScorers) {
            calls.add(() -> lm.generate(2, Constraints.none().withSteering(PlugAndPlay.of(scorer, 1)),
                    options(7).toBuilder().length(6).build()));
        }
        for (int round = 0; round < 2; round++) {
            List<Future<Object>> got = atOnce(calls);
            for (int i = 0; i < good; i++) {
                assertEquals(expected.get(i), got.get(i).get(), "task " + i + ", round " + round);
            }
            assertSame(taggerError, cause(got.get(good)));
            assertSame(keepError, cause(got.get(good + 1)));
            assertSame(toldError, cause(got.get(good + 2)));
            String fewer = cause(got.get(good + 3)).getMessage();
            assertTrue(fewer.startsWith("the tagger of filled words gave 8 tags for sentence 1, which has 9 tokens"),
                    fewer);
            RuntimeException zero = cause(got.get(good + 4));
            assertTrue(zero instanceof IllegalArgumentException
                    && zero.getMessage().contains("does not change with x"), zero.toString());
            RuntimeException nan = cause(got.get(good + 5));
            assertTrue(nan.getMessage().startsWith("steering gave NaN or infinite embeddings"), nan.toString());
            RuntimeException closes = cause(got.get(good + 6));
            assertTrue(closes.getMessage().startsWith("the steering scorer closed x;"), closes.toString());
            assertEquals(arrays, lm.liveArrays(), "arrays the model holds after round " + round);
            assertEquals(processArrays, LongRunMemory.processArrays(), "arrays the process holds after round " + round);
            assertFalse(Autograd.COLLECTOR.isLocked(), "the gradient collector is free");
        }
        assertEquals(expected, alone(), "every call alone after the refusals");
    }

    /**
     * A call steered by a scorer whose gradient is 0 on its rows is refused alone ("does not change with x"), and
     * must be refused too when request batching puts it in one batch with another call of the same scorer whose rows
     * it does move: the check read the batch's gradient as a whole, so the company's rows let the refused call through
     * with unsteered sentences. The scorer here scores only rows of 6 sampled positions or more (as a margin that is
     * met, or a classifier of sentences of a least length, gives some rows no gradient); the two calls wait up to 2
     * seconds for each other's company.
     */
    @Test
    void aSteeredCallRefusedAloneIsRefusedInABatchWithACallItsScorerMoves() throws Exception {
        GuidanceScorer longRowsOnly = (x, sigma, generated) -> {
            ai.djl.ndarray.NDArray gate = generated.sum(new int[] {1, 2}).gte(6).toType(
                    ai.djl.ndarray.types.DataType.FLOAT32, false);
            return x.mul(generated).sum(new int[] {1, 2}).mul(gate);
        };
        Constraints steer = Constraints.none().withSteering(PlugAndPlay.of(longRowsOnly, 1));
        try (DiffusionLM waiting = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(64, java.time.Duration.ofSeconds(2), 1).build()) {
            Callable<Object> shortRow = () -> waiting.generate(1, steer, options(1).toBuilder().length(4).build());
            Callable<Object> longRow = () -> waiting.generate(1, steer, options(2).toBuilder().length(8).build());
            IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, shortRow::call);
            assertTrue(alone.getMessage().contains("does not change with x"), alone.getMessage());
            Object longAlone = longRow.call();
            List<Future<Object>> got = atOnce(List.of(shortRow, longRow));
            RuntimeException batched = cause(got.get(0));
            assertEquals(alone.getMessage(), batched.getMessage());
            assertEquals(longAlone, got.get(1).get(), "the other call's sentences");
        }
    }

    private static RuntimeException cause(Future<Object> f) {
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                f::get, "a refused call answered");
        assertTrue(e.getCause() instanceof RuntimeException, e.getCause().toString());
        return (RuntimeException) e.getCause();
    }

    /**
     * Each new path, refusals included, called a few hundred times on one thread: no more native arrays, on the
     * model's manager or anywhere in the process, than after the first ten.
     */
    @Test
    void manyCallsOfEachNewPathHoldNoMoreArraysThanTheFirstTen() {
        int calls = Integer.getInteger("h231.calls", 200);
        Constraints zeroGradient = Constraints.none().withSteering(PlugAndPlay.of(
                (x, s, g) -> x.sub(x).sum(new int[] {1, 2}), 1));
        List<Runnable> paths = List.of(
                () -> rewrite(1),
                () -> infillAndSuggest(2),
                () -> steered(3),
                () -> assertThrows(IllegalStateException.class, () -> rewrite(4, t -> t.replacingKeep((s, w, g) -> {
                    throw new IllegalStateException("refused keep rule");
                }))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> lm.generate(1, zeroGradient, options(5).toBuilder().length(6).build())));
        int[] model = new int[2];
        int[] process = new int[2];
        for (int i = 1; i <= calls; i++) {
            paths.forEach(Runnable::run);
            if (i == 10) {
                model[0] = lm.liveArrays();
                process[0] = LongRunMemory.processArrays();
            }
        }
        model[1] = lm.liveArrays();
        process[1] = LongRunMemory.processArrays();
        assertEquals(model[0], model[1], "the model's arrays after 10 and after " + calls + " calls of each path");
        assertEquals(process[0], process[1], "the process's arrays after 10 and after " + calls + " calls");
    }
}
