package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The root README's pattern for a service that reloads its model: request threads take the model from an
 * {@link AtomicReference}; the reloading thread builds a new {@link DiffusionLM} of the same directory, swaps it
 * in and closes the old one; a call that took the old one just before its close fails with
 * {@link ModelClosedException} and is retried once on the model now in the reference. Every answer is the one a
 * single model gives for that input and seed, no call fails after its retry, and every replaced model is closed.
 *
 * <p>That a request thread takes the old model just before the close is a race a run may never see, so at each
 * reload one thread is held between taking the model and calling it until the old one is closed (what a thread
 * descheduled there meets): the retry happens at every reload, not by luck. The model's own hooks cannot hold a
 * call there: a progress listener or a steering scorer runs inside the call, which the close waits for.
 */
class ModelSwapTest {
    private static final int THREADS = 4;
    private static final int RELOADS = 5;
    /**
     * Calls each thread makes after a reload before the next: the first may still be on the old model, the second
     * took the new one, so that each model serves every thread and no retry meets the next reload.
     */
    private static final int CALLS_PER_MODEL = 2;
    private static final long WAIT_SECONDS = 30;

    /** Sentences to infill, one of them longer than the tiny model's 32 positions (infilled in stretches). */
    private static final List<List<String>> INPUTS = List.of(
            tokens("The [MASK] of the jury said [MASK] ."),
            tokens("[MASK] was [MASK] in the city ."),
            tokens("He [MASK] the [MASK] and went [MASK] ."),
            tokens(("The committee said the [MASK] had been [MASK] by the state , and the county [MASK] that the"
                    + " election was [MASK] in the [MASK] of the city , where the [MASK] said it [MASK] .")));
    private static final long[] SEEDS = {1, 7, 42};

    @ParameterizedTest(name = "batching rows {0}")
    @ValueSource(ints = {0, 64})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void threadsServeEveryAnswerRightThroughFiveReloads(int batchRows) throws Exception {
        Path dir = TestModels.tinyModel();
        Map<String, List<String>> alone = new HashMap<>(); // filled before the threads start
        try (DiffusionLM one = load(dir, batchRows)) {
            for (List<String> input : INPUTS) {
                for (long seed : SEEDS) {
                    alone.put(key(input, seed), one.infill(input, options(seed)));
                }
            }
        }

        AtomicReference<DiffusionLM> current = new AtomicReference<>(load(dir, batchRows));
        List<DiffusionLM> replaced = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLongArray calls = new AtomicLongArray(THREADS); // each thread's calls done, answered or failed
        AtomicInteger answers = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        // the thread to hold at the next reload, and the latches that hold it
        AtomicReference<Hold> hold = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        List<String> input = INPUTS.get((thread + i) % INPUTS.size());
                        long seed = SEEDS[(thread * 3 + i) % SEEDS.length];
                        SamplingOptions options = options(seed);
                        List<String> answer;
                        // the README's pattern: take the model, call it, retry once on the one now in its place
                        DiffusionLM lm = current.get();
                        Hold h = hold.get();
                        if (h != null && h.thread == thread && hold.compareAndSet(h, null)) {
                            h.holding.complete(lm);
                            awaitOrFail(h.closed, "the reload to close the model held");
                        }
                        try {
                            try {
                                answer = lm.infill(input, options);
                            } catch (ModelClosedException closed) {
                                retries.incrementAndGet();
                                answer = current.get().infill(input, options);
                            }
                            if (answer.equals(alone.get(key(input, seed)))) {
                                answers.incrementAndGet();
                            } else {
                                failures.add("thread " + thread + ", " + key(input, seed) + ": answered " + answer
                                        + ", one model alone " + alone.get(key(input, seed)));
                            }
                        } catch (Throwable e) {
                            failures.add("thread " + thread + ", " + key(input, seed) + ": " + e);
                        } finally {
                            calls.incrementAndGet(thread);
                        }
                    }
                    return null;
                }));
            }
            waitForCalls(calls, new long[THREADS]);
            for (int reload = 0; reload < RELOADS; reload++) {
                Hold h = new Hold(reload % THREADS);
                hold.set(h);
                DiffusionLM held = h.holding.get(WAIT_SECONDS, TimeUnit.SECONDS);
                DiffusionLM fresh = load(dir, batchRows);
                DiffusionLM old = current.getAndSet(fresh);
                assertSame(old, held, "the thread held took the model this reload replaces");
                old.close();
                replaced.add(old);
                h.closed.countDown();
                long[] before = new long[THREADS];
                for (int t = 0; t < THREADS; t++) {
                    before[t] = calls.get(t);
                }
                // every thread has called the new model, any retry after the old one's close done, before it is replaced
                waitForCalls(calls, before);
            }
            stop.set(true);
            for (Future<?> thread : threads) {
                thread.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
            current.get().close();
        }

        assertEquals(List.of(), failures, "calls that failed after their retry, or answered otherwise");
        // one held thread per reload retries for sure; others may have taken the old model by chance
        assertTrue(retries.get() >= RELOADS, retries.get() + " retries in " + RELOADS + " reloads");
        System.out.printf("ModelSwapTest, batching rows %d: %d answers through %d reloads, %d retries%n", batchRows,
                answers.get(), RELOADS, retries.get());
        assertEquals(RELOADS, replaced.size());
        for (DiffusionLM old : replaced) {
            assertThrows(ModelClosedException.class, () -> old.infill(INPUTS.get(0), options(SEEDS[0])),
                    "a replaced model still answers");
        }
    }

    /** A thread to hold at a reload: it hands over the model it took, and calls it once the model is closed. */
    private static final class Hold {
        final int thread;
        final CompletableFuture<DiffusionLM> holding = new CompletableFuture<>();
        final CountDownLatch closed = new CountDownLatch(1);

        Hold(int thread) {
            this.thread = thread;
        }
    }

    private static void waitForCalls(AtomicLongArray calls, long[] before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (int t = 0; t < before.length; t++) {
            while (calls.get(t) < before[t] + CALLS_PER_MODEL) {
                assertTrue(System.nanoTime() < deadline, "thread " + t + " made " + (calls.get(t) - before[t])
                        + " calls in " + WAIT_SECONDS + " s");
                Thread.sleep(2);
            }
        }
    }

    private static void awaitOrFail(CountDownLatch latch, String what) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited " + WAIT_SECONDS + " s for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }

    private static DiffusionLM load(Path dir, int batchRows) throws java.io.IOException {
        return DiffusionLM.builder().optModel(dir).optBatching(batchRows, Duration.ZERO).build();
    }

    private static SamplingOptions options(long seed) {
        return SamplingOptions.builder().steps(4).seed(seed).build();
    }

    private static String key(List<String> input, long seed) {
        return String.join(" ", input) + " (seed " + seed + ")";
    }

    private static List<String> tokens(String text) {
        return Arrays.asList(text.split(" "));
    }
}
