package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import io.github.diffusionnlp.runtime.Autograd;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import io.github.diffusionnlp.sample.SampleRows;
import io.github.diffusionnlp.sample.Schedule;
import org.junit.jupiter.api.Test;

/** Request batching: every caller gets its own rows, batches form, one bad request fails alone. */
class RequestBatcherTest {
    /** What the batcher of a model named "tiny-test" fails with once closed, as DiffusionLM's gives it. */
    private static final java.util.function.Supplier<ModelClosedException> CLOSED =
            () -> new ModelClosedException("DiffusionLM", "tiny-test");

    /** A stand-in sampler: row r's answer is its seed in every position; seed 13 is "bad input". */
    private static final class EchoBackend implements RequestBatcher.Backend {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger maxRows = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        @Override
        public int[][] sample(SampleRows rows, Schedule schedule, java.util.function.BooleanSupplier wanted) {
            int[][] ids = rows.ids();
            long[] seeds = rows.seeds();
            int steps = schedule.steps();
            calls.incrementAndGet();
            maxRows.accumulateAndGet(ids.length, Math::max);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20); // a forward pass takes a while: requests pile up meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            int[][] out = new int[ids.length][];
            for (int r = 0; r < ids.length; r++) {
                if (seeds[r] == 13) {
                    throw new IllegalArgumentException("row with seed 13 is bad");
                }
                out[r] = new int[] {(int) seeds[r], steps};
            }
            return out;
        }
    }

    private static int[][] request(RequestBatcher b, long seed, int rows, int steps) {
        long[] seeds = new long[rows];
        for (int i = 0; i < rows; i++) {
            seeds[i] = seed * 100 + i;
        }
        return b.sample(SampleRows.unconditioned(new int[rows][2], new boolean[rows][2], new boolean[rows][2], seeds),
                new Schedule(steps, 1.0, 1.0, 1.0));
    }

    @Test
    void concurrentRequestsShareBatchesAndGetTheirOwnRows() throws Exception {
        EchoBackend backend = new EchoBackend();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (RequestBatcher b = new RequestBatcher(backend, 64, Duration.ofMillis(5), 2, "test", CLOSED)) {
            List<Future<int[][]>> answers = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int c = 0; c < 64; c++) {
                long seed = c + 1;
                int rows = 1 + c % 3;
                int steps = c % 2 == 0 ? 8 : 16; // two settings: never mixed in one batch
                answers.add(pool.submit(() -> {
                    start.await();
                    return request(b, seed, rows, steps);
                }));
            }
            start.countDown();
            for (int c = 0; c < 64; c++) {
                int[][] got = answers.get(c).get();
                assertEquals(1 + c % 3, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertArrayEquals(new int[] {(c + 1) * 100 + i, c % 2 == 0 ? 8 : 16}, got[i]);
                }
            }
            assertTrue(backend.calls.get() < 64, "no batching happened: " + backend.calls.get() + " backend calls");
            assertTrue(backend.maxRows.get() <= 64);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoLanesLetTwoCallersOverlapWhereOneLaneConvoysThem() throws Exception {
        for (int lanes : new int[] {1, 2}) {
            EchoBackend backend = new EchoBackend();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (RequestBatcher b = new RequestBatcher(backend, 64, Duration.ZERO, lanes, "test", CLOSED)) {
                List<Future<?>> callers = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    long client = c;
                    callers.add(pool.submit(() -> {
                        // Staggered by a quarter of a batch, so that the two requests never arrive together
                        // (one lane would then take both into one batch, and nothing would overlap).
                        Thread.sleep(5 * client);
                        for (int i = 0; i < 10; i++) {
                            assertEquals((client * 10 + i + 1) * 100, request(b, client * 10 + i + 1, 1, 4)[0][0]);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : callers) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(lanes, backend.maxInFlight.get(), "batches running at once with " + lanes + " lane(s)");
        }
    }

    @Test
    void aSecondLaneWaitsWhileAFullEnoughBatchRuns() throws Exception {
        EchoBackend backend = new EchoBackend();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RequestBatcher b = new RequestBatcher(backend, 64, Duration.ZERO, 2, "test", CLOSED)) {
            Future<int[][]> big = pool.submit(() -> request(b, 1, RequestBatcher.OVERLAP_BELOW_ROWS, 4));
            while (backend.inFlight.get() == 0) {
                Thread.onSpinWait();
            }
            Future<int[][]> small = pool.submit(() -> request(b, 2, 1, 4)); // arrives while the big batch runs
            assertEquals(RequestBatcher.OVERLAP_BELOW_ROWS, big.get().length);
            assertEquals(200, small.get()[0][0]);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, backend.maxInFlight.get(), "the second lane ran beside a batch of "
                + RequestBatcher.OVERLAP_BELOW_ROWS + " rows");
    }

    @Test
    void aBadRequestFailsAloneAndClosingStopsTheThread() throws Exception {
        EchoBackend backend = new EchoBackend();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        RequestBatcher b = new RequestBatcher(backend, 64, Duration.ofMillis(20), 2, "test", CLOSED);
        try {
            List<Future<int[][]>> answers = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                long[] seeds = {c == 3 ? 13 : c};
                answers.add(pool.submit(() -> b.sample(SampleRows.unconditioned(new int[1][2], new boolean[1][2],
                        new boolean[1][2], seeds), new Schedule(4, 1.0, 1.0, 1.0))));
            }
            for (int c = 0; c < 8; c++) {
                if (c == 3) {
                    Future<int[][]> bad = answers.get(c);
                    Exception e = assertThrows(Exception.class, bad::get);
                    assertTrue(e.getCause().getMessage().contains("seed 13"), e.getCause().getMessage());
                } else {
                    assertEquals(c, answers.get(c).get()[0][0]);
                }
            }
        } finally {
            pool.shutdownNow();
            b.close();
        }
        assertFalse(b.isRunning());
        ModelClosedException closed = assertThrows(ModelClosedException.class, () -> request(b, 1, 1, 4));
        assertEquals("tiny-test", closed.model());
    }

    /**
     * A caller interrupted while its request waits (CoreNLP's server does so when a request times out)
     * gets an error, and its request is dropped: computing it would only delay the callers still waiting.
     */
    @Test
    void aRequestWhoseCallerGaveUpIsNotComputed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        RequestBatcher.Backend backend = (rows, schedule, wanted) -> {
            for (long seed : rows.seeds()) {
                seen.add(seed);
            }
            try {
                release.await(); // the first batch runs until the test lets it go
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new int[rows.size()][1];
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RequestBatcher b = new RequestBatcher(backend, 64, Duration.ZERO, 1, "test", CLOSED)) {
            Future<int[][]> first = pool.submit(() -> request(b, 1, 1, 4));
            while (seen.isEmpty()) {
                Thread.onSpinWait();
            }
            java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread impatient = new Thread(() -> {
                try {
                    request(b, 2, 1, 4);
                } catch (IllegalStateException e) {
                    failure.set(e);
                }
            });
            impatient.start();
            while (impatient.getState() != Thread.State.WAITING) { // queued behind the running batch
                Thread.onSpinWait();
            }
            impatient.interrupt();
            impatient.join();
            assertTrue(failure.get().getMessage().contains("interrupted"), String.valueOf(failure.get()));
            assertEquals(IllegalStateException.class, failure.get().getClass(), "an interrupt is no closed model");
            release.countDown();
            assertEquals(1, first.get().length);
            assertEquals(1, request(b, 3, 1, 4).length); // the lane goes on serving
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(100L, 300L), seen, "the abandoned request (seed 200) was computed");
    }

    /**
     * Closing waits for a batch still running, even one whose caller gave up and even on an interrupted
     * thread: the model frees its arrays right after close, under the batch otherwise.
     */
    @Test
    void closeWaitsForARunningBatchEvenWhenInterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        RequestBatcher.Backend backend = (rows, schedule, wanted) -> {
            inFlight.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return new int[rows.size()][1];
        };
        RequestBatcher b = new RequestBatcher(backend, 64, Duration.ZERO, 2, "test", CLOSED);
        Thread caller = new Thread(() -> {
            try {
                request(b, 1, 1, 4);
            } catch (IllegalStateException e) {
                // gave up: interrupted below
            }
        });
        caller.start();
        while (inFlight.get() == 0) {
            Thread.onSpinWait();
        }
        caller.interrupt();
        caller.join();
        AtomicInteger runningAfterClose = new AtomicInteger(-1);
        java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread closer = new Thread(() -> {
            Thread.currentThread().interrupt(); // a worker told to stop, closing the model on its way out
            b.close();
            runningAfterClose.set(inFlight.get());
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        closer.start();
        while (closer.getState() != Thread.State.WAITING && closer.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        release.countDown();
        closer.join();
        assertEquals(0, runningAfterClose.get(), "close returned while a batch still ran");
        assertTrue(stillInterrupted.get(), "the closing thread's interrupt was lost");
        assertFalse(b.isRunning());
    }

    /**
     * A request a lane took while forming its batch but could not add to it (other settings) goes back
     * to the queue, where an idle lane takes it: it does not wait for the batch it did not join.
     */
    @Test
    void aRequestThatDidNotFitABatchRunsOnAnIdleLane() throws Exception {
        java.util.Map<Long, CountDownLatch> holds = new java.util.concurrent.ConcurrentHashMap<>();
        for (long seed : new long[] {100, 200, 300}) {
            holds.put(seed, new CountDownLatch(1));
        }
        java.util.Set<Long> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
        RequestBatcher.Backend backend = (rows, schedule, wanted) -> {
            for (long seed : rows.seeds()) {
                started.add(seed);
                CountDownLatch hold = holds.get(seed);
                try {
                    if (hold != null && !hold.await(1, java.util.concurrent.TimeUnit.MINUTES)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new int[rows.size()][1];
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        RequestBatcher b = new RequestBatcher(backend, 64, Duration.ZERO, 2, "test", CLOSED);
        try {
            List<Future<int[][]>> calls = new ArrayList<>();
            calls.add(pool.submit(() -> request(b, 1, 1, 4))); // seed 100: the first lane, held
            awaitStarted(started, 100);
            calls.add(pool.submit(() -> request(b, 2, 1, 4))); // seed 200: the second lane, held
            awaitStarted(started, 200);
            calls.add(pool.submit(() -> request(b, 3, 1, 8))); // seed 300, queued
            calls.add(pool.submit(() -> request(b, 4, 1, 16))); // seed 400, queued, other settings
            Thread.sleep(200); // both in the queue
            holds.get(100L).countDown(); // the first lane takes 300, sees 400 not fit, runs 300 (held)
            awaitStarted(started, 300);
            holds.get(200L).countDown(); // the second lane is free
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (!started.contains(400L) && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertTrue(started.contains(400L), "the request that did not fit waited for the batch it did not join"
                    + " while a lane was idle");
            holds.get(300L).countDown();
            for (Future<int[][]> call : calls) {
                assertEquals(1, call.get().length);
            }
        } finally {
            holds.values().forEach(CountDownLatch::countDown); // before closing: close waits for the lanes
            pool.shutdownNow();
            b.close();
        }
    }

    /**
     * A lane holds a small request back beside a fuller batch (so that later requests join it), but only
     * for {@link RequestBatcher#HOLD_BACK_LIMIT}: the request can never join the batch it waits for, and a
     * big call's batch may run for minutes.
     */
    @Test
    void aSmallRequestBesideALongBatchWaitsAtMostTheHoldBackLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        RequestBatcher.Backend backend = (rows, schedule, wanted) -> {
            inFlight.incrementAndGet();
            try {
                if (rows.size() >= RequestBatcher.OVERLAP_BELOW_ROWS && !release.await(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return new int[rows.size()][1];
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        RequestBatcher b = new RequestBatcher(backend, 64, Duration.ZERO, 2, "test", CLOSED);
        try {
            Future<int[][]> big = pool.submit(() -> request(b, 1, RequestBatcher.OVERLAP_BELOW_ROWS, 4));
            while (inFlight.get() == 0) {
                Thread.onSpinWait();
            }
            Future<int[][]> small = pool.submit(() -> request(b, 2, 1, 4));
            long limit = RequestBatcher.HOLD_BACK_LIMIT.toMillis();
            assertEquals(1, small.get(limit + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS).length,
                    "the small request waited for the long batch it could not join");
            assertFalse(big.isDone());
            release.countDown();
            assertEquals(RequestBatcher.OVERLAP_BELOW_ROWS, big.get().length);
        } finally {
            release.countDown(); // before closing: close waits for the lanes
            pool.shutdownNow();
            b.close();
        }
    }

    /**
     * A batch whose callers all gave up stops at its next step (the backend sees {@code wanted} turn false),
     * and its lane serves the next request; a batch with one caller still waiting runs to the end for it.
     */
    @Test
    void aBatchNoCallerWaitsForStopsAndOneStillWantedRunsOn() throws Exception {
        java.util.Set<Long> stoppedEarly = java.util.concurrent.ConcurrentHashMap.newKeySet();
        RequestBatcher.Backend backend = (rows, schedule, wanted) -> {
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(schedule.steps());
            while (System.nanoTime() < until) { // a step a millisecond, looking between steps as the sampler does
                io.github.diffusionnlp.runtime.Interruption.stopIfInterrupted("sampling", () -> {
                    boolean w = wanted.getAsBoolean();
                    if (!w) {
                        stoppedEarly.add(rows.seeds()[0]);
                    }
                    return w;
                });
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int[][] out = new int[rows.size()][];
            for (int r = 0; r < out.length; r++) {
                out[r] = new int[] {(int) rows.seeds()[r]};
            }
            return out;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RequestBatcher b = new RequestBatcher(backend, 64, Duration.ofMillis(300), 1, "test", CLOSED)) {
            // alone: its caller gives up, and the 60-second batch stops
            Thread impatient = new Thread(() -> {
                try {
                    request(b, 1, 1, 60_000);
                } catch (IllegalStateException e) {
                    // interrupted below
                }
            });
            impatient.start();
            Thread.sleep(500); // past the batch's 300 ms wait: running
            impatient.interrupt();
            impatient.join();
            long start = System.nanoTime();
            assertEquals(200, request(b, 2, 1, 10)[0][0]);
            long took = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took < 10_000, "the next request waited " + took + " ms for a batch nobody wanted");
            assertTrue(stoppedEarly.contains(100L));
            // two in one batch (the lane waits 300 ms for company): one gives up, the other gets its answer
            Thread quitter = new Thread(() -> {
                try {
                    request(b, 3, 1, 2_000);
                } catch (IllegalStateException e) {
                    // interrupted below
                }
            });
            quitter.start();
            Future<int[][]> stays = pool.submit(() -> request(b, 4, 1, 2_000));
            Thread.sleep(800);
            quitter.interrupt();
            quitter.join();
            assertEquals(400, stays.get()[0][0]);
            assertFalse(stoppedEarly.contains(300L), "a batch stopped while one of its callers still waited");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitStarted(java.util.Set<Long> started, long seed) {
        while (!started.contains(seed)) {
            Thread.onSpinWait();
        }
    }

    @Test
    void batchedResultsEqualUnbatchedOnARealModel() throws Exception {
        List<List<String>> sentences = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sentences.add(List.of("The", DiffusionLM.MASK, "said", "that", "the", "word" + i, "was", DiffusionLM.MASK,
                    "."));
        }
        SamplingOptions options = SamplingOptions.builder().steps(4).seed(9).build();
        List<List<String>> alone = new ArrayList<>();
        try (DiffusionLM single = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO)
                .build()) {
            for (int i = 0; i < sentences.size(); i++) {
                alone.add(single.infill(sentences.get(i), options.toBuilder().seed(9 + i).build()));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (DiffusionLM batched = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(64, Duration.ofMillis(10)).build()) {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < sentences.size(); i++) {
                int k = i;
                answers.add(pool.submit(() -> batched.infill(sentences.get(k), options.toBuilder().seed(9 + k).build())));
            }
            for (int i = 0; i < sentences.size(); i++) {
                assertEquals(alone.get(i), answers.get(i).get(), "sentence " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("diffusion-nlp-batcher") && t.isAlive()), "batching thread left");
    }

    /**
     * A steered request made while a lane's scorer runs samples in place, and its scorer then counts as
     * running too. Otherwise another steered request could queue (lanes busy with ordinary work), a call
     * that scorer hands to a thread would queue behind it, and the lane, once it took the steered request,
     * would wait for the gradient collector the in-place scorer holds while that scorer waits for the call.
     */
    @Test
    void callsAScorerSampledInPlaceHandsOffDoNotQueueBehindTheLane() throws Exception {
        int ordinary = 99; // the steps of a request whose batch runs until released
        CountDownLatch ordinaryRuns = new CountDownLatch(1);
        CountDownLatch releaseOrdinary = new CountDownLatch(1);
        RequestBatcher.Backend backend = (rows, schedule, wanted) -> {
            if (schedule.callsAScorer()) { // as the Sampler: the scorer runs holding the one gradient collector
                Autograd.COLLECTOR.lock();
                try {
                    schedule.steer().scorer().score(null, null, null);
                } finally {
                    Autograd.COLLECTOR.unlock();
                }
            } else if (schedule.steps() == ordinary) {
                ordinaryRuns.countDown();
                await(releaseOrdinary);
            }
            return new int[rows.size()][];
        };
        AtomicReference<Thread> poolThread = new AtomicReference<>();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scorer's pool");
            t.setDaemon(true);
            poolThread.set(t);
            return t;
        });
        RequestBatcher b = new RequestBatcher(backend, 64, Duration.ZERO, 1, "test", CLOSED);
        AtomicReference<Thread> inPlace = new AtomicReference<>();
        CountDownLatch laneScoring = new CountDownLatch(1);
        Schedule onTheLane = steered((x, sigma, generated) -> {
            laneScoring.countDown();
            while (inPlace.get() == null || !Autograd.COLLECTOR.hasQueuedThread(inPlace.get())) {
                Thread.onSpinWait(); // until the second request samples in place and waits for the collector
            }
            return null;
        });
        Schedule handingOff = steered((x, sigma, generated) -> {
            Thread busy = daemon(() -> request(b, 3, 1, ordinary));
            busy.start();
            await(ordinaryRuns);
            Thread third = daemon(() -> b.sample(rows(4), steered((x3, s3, g3) -> null)));
            third.start();
            waitUntilWaiting(third); // for the collector in place, or queued for the lane
            Future<int[][]> handedOff = pool.submit(() -> request(b, 5, 1, 2));
            waitUntilWaiting(poolThread.get()); // done, or queued for the lane
            releaseOrdinary.countDown();
            try {
                handedOff.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Thread first = daemon(() -> b.sample(rows(1), onTheLane));
            first.start();
            await(laneScoring);
            inPlace.set(daemon(() -> b.sample(rows(2), handingOff)));
            inPlace.get().start();
            inPlace.get().join();
            first.join();
        }, "a call handed off by a scorer sampled in place hung");
        pool.shutdown();
        b.close(); // not in a finally: after a hang it would wait for the hung lane
    }

    private static Schedule steered(GuidanceScorer scorer) {
        return new Schedule(2, 1.0, 1.0, 1.0, PlugAndPlay.of(scorer, 1), null, 1.0, null);
    }

    private static SampleRows rows(long seed) {
        return SampleRows.unconditioned(new int[1][2], new boolean[1][2], new boolean[1][2], new long[] {seed});
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true); // a hang fails the test, not the test run
        return t;
    }

    private static void waitUntilWaiting(Thread t) {
        while (t.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
