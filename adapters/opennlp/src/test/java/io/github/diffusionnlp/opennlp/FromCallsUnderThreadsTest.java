package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.diffusionnlp.LongRunMemory;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link InfillerME#infillFrom} and {@link RewriterME#rewriteFrom}, as the {@code Infill} and {@code Rewrite} tools
 * call them (a run cut into batches, each sampled as its place in the run), from many threads at once on one model
 * with request batching on: the pieces give what the run's one call gives, each its own sentences' seeds, a rewrite of
 * masked sentences under their own tags and kept classes included (OpenNLP's POS tagger called inside core's call, on
 * every thread at once, by {@link io.github.diffusionnlp.api.FilledTagging}); and many such calls keep no arrays.
 * Audit h231: the concurrent tests of this module called {@code infill(String[])} and {@code rewrite(String[])}.
 */
class FromCallsUnderThreadsTest {
    private static final String M = DiffusionLM.MASK;
    /** Sampled, not greedy: infill's default temperature 0 would ignore the seed. */
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(3).seed(5).temperature(1).build();
    private static final String[][] RUN = {
        {"The", M, "of", "the", "committee", "said", "that", "the", M, "was", "late", "."},
        {"She", M, "home", "early", "."},
        {"They", "met", "in", "Boston", "on", "Monday", "."}, // no mask: its own tags, untagged again
        {"A", M, "man", M, "the", "long", "letter", "twice", "."},
        {"The", "old", "house", "on", "the", "hill", "was", M, "."},
        {"We", "walked", "to", "the", M, "church", "on", "a", "cold", "morning", "."},
    };
    private static DiffusionModel model;
    private static InfillerME infiller;
    private static RewriterME rewriter;
    private static boolean[][] keep;
    private static boolean[][] byIndex;

    @BeforeAll
    static void load() throws IOException {
        model = DiffusionModel.loadDefault(); // request batching on: the default
        infiller = new InfillerME(model, OPTIONS);
        KeepSpec spec = KeepSpec.parse("0,NOUN,PROPN");
        rewriter = new RewriterME(model, OPTIONS, 0.7, spec, ConstraintSpec.NONE.withInputTemplate());
        keep = new boolean[RUN.length][];
        byIndex = new boolean[RUN.length][];
        for (int i = 0; i < RUN.length; i++) { // as the Rewrite tool makes them
            keep[i] = rewriter.keepMask(RUN[i]);
            byIndex[i] = spec.withoutClasses().mask(RUN[i], null);
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Sentences {@code from} to {@code to} of the run, infilled as its batch. */
    private static List<String> infill(int from, int to) {
        return words(infiller.infillFrom(Arrays.copyOfRange(RUN, from, to), from));
    }

    /** Sentences {@code from} to {@code to} of the run, rewritten as its batch. */
    private static List<String> rewrite(int from, int to) {
        return words(rewriter.rewriteFrom(Arrays.copyOfRange(RUN, from, to), Arrays.copyOfRange(keep, from, to),
                Arrays.copyOfRange(byIndex, from, to), from));
    }

    private static List<String> words(String[][] sentences) {
        List<String> out = new ArrayList<>();
        for (String[] s : sentences) {
            out.add(String.join(" ", s));
        }
        return out;
    }

    /** The run in batches of one, two and three sentences, each batch on a thread of its own, all let go at once. */
    private static List<Callable<List<String>>> pieces(boolean rewrite) {
        int[][] batches = {{0, 1}, {1, 3}, {3, 6}, {0, 2}, {2, 3}, {3, 4}, {4, 6}};
        List<Callable<List<String>>> calls = new ArrayList<>();
        for (int[] b : batches) {
            calls.add(() -> rewrite ? rewrite(b[0], b[1]) : infill(b[0], b[1]));
        }
        return calls;
    }

    @Test
    void batchesOfOneRunOnManyThreadsAtOnceGiveWhatTheRunsOneCallGives() throws Exception {
        List<String> filled = infill(0, RUN.length);
        List<String> rewritten = rewrite(0, RUN.length);
        assertNotEquals(filled, words(new InfillerME(model, OPTIONS.toBuilder().seed(6).build()).infill(RUN)),
                "the words are the seed's: equal runs are no accident");
        List<Callable<List<String>>> calls = new ArrayList<>(pieces(false));
        calls.addAll(pieces(true));
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            for (int round = 0; round < 2; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<String>>> futures = new ArrayList<>();
                for (Callable<List<String>> call : calls) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return call.call();
                    }));
                }
                start.countDown();
                List<String> got = new ArrayList<>();
                for (Future<List<String>> f : futures) {
                    got.addAll(f.get(2, TimeUnit.MINUTES));
                }
                int n = RUN.length;
                assertEquals(filled, got.subList(0, n), "infillFrom, batches 1+2+3, round " + round);
                assertEquals(filled, got.subList(n, 2 * n), "infillFrom, batches 2+1+1+2, round " + round);
                assertEquals(rewritten, got.subList(2 * n, 3 * n), "rewriteFrom, batches 1+2+3, round " + round);
                assertEquals(rewritten, got.subList(3 * n, 4 * n), "rewriteFrom, batches 2+1+1+2, round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A hundred calls of each on one thread hold no more arrays, the model's or the process's, than the first ten. */
    @Test
    void manyFromCallsHoldNoMoreArraysThanTheFirstTen() {
        int calls = Integer.getInteger("h231.calls", 100);
        DiffusionLM lm = model.getDiffusionLM();
        int model0 = 0;
        int process0 = 0;
        for (int i = 1; i <= calls; i++) {
            infill(i % 3, i % 3 + 3);
            rewrite(i % 3, i % 3 + 3);
            if (i == 10) {
                model0 = lm.liveArrays();
                process0 = LongRunMemory.processArrays();
            }
        }
        assertEquals(model0, lm.liveArrays(), "the model's arrays after 10 and after " + calls + " calls of each");
        assertEquals(process0, LongRunMemory.processArrays(), "the process's arrays after 10 and " + calls + " calls");
    }
}
