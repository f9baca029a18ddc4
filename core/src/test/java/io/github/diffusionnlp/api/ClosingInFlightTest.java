package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A service closes its shared {@link DiffusionLM} at shutdown while request threads still call it: the
 * calls in flight finish with their answers (close waits for them; freeing the weights under them would
 * crash the JVM in PyTorch), the calls that come after fail with {@link ModelClosedException} naming it, the
 * batching lanes are gone, and a second close does nothing.
 */
class ClosingInFlightTest {
    private static final int CALLERS = 4;

    @ParameterizedTest(name = "batching rows {0}")
    @ValueSource(ints = {0, 64})
    void callsInFlightFinishLaterOnesSayClosedAndNoLaneIsLeft(int batchRows) throws Exception {
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(batchRows, Duration.ZERO).build();
        SamplingOptions options = SamplingOptions.builder().steps(16).length(12).seed(3).build();
        List<List<String>> expected = lm.generate(8, options);
        String closed = "this DiffusionLM has been closed (model " + lm.name() + "): load the model again to go on";
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch started = new CountDownLatch(CALLERS);
        AtomicInteger answered = new AtomicInteger();
        try {
            List<Future<Throwable>> callers = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                callers.add(pool.submit(() -> {
                    started.countDown();
                    try {
                        while (true) { // until the model is closed under it
                            assertEquals(expected, lm.generate(8, options), "an answer while closing");
                            answered.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        return e;
                    }
                }));
            }
            started.await();
            while (answered.get() < CALLERS) { // every caller has calls going on
                Thread.sleep(5);
            }
            // a service that never closes its model still exits: the lanes are daemons
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("diffusion-nlp-batcher")).allMatch(Thread::isDaemon));
            lm.close();
            for (Future<Throwable> caller : callers) {
                Throwable outcome = caller.get();
                // its own type: the failure a service retries on the model it loaded in this one's place
                assertTrue(outcome instanceof ModelClosedException, "not a clean failure: " + outcome);
                assertEquals(closed, outcome.getMessage());
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("diffusion-nlp-batcher") && t.isAlive()), "a batching lane runs on");
        lm.close(); // twice is fine
        ModelClosedException e = assertThrows(ModelClosedException.class, () -> lm.infill(List.of("A", "[MASK]"), options));
        assertEquals(closed, e.getMessage());
    }

    /**
     * A call that samples in several passes (a sentence longer than the model, infilled in stretches; best of k,
     * sampled and then rated; a rewrite whose masks are filled first) is one call to close: a close that begins
     * between its passes waits for it, and it returns its answer. Each pass used to enter the model on its own, so
     * the next pass met the close and the call in flight failed with ModelClosedException.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"infill of a long sentence", "best of 2", "rewrite with a mask"})
    void aCallOfSeveralPassesFinishesWhenACloseBeginsBetweenThem(String call) throws Exception {
        List<String> longSentence = List.of(("The committee said the [MASK] had been [MASK] by the state , and the"
                + " county [MASK] that the election was [MASK] in the [MASK] of the city , where the [MASK] said it"
                + " [MASK] .").split(" "));
        List<String> withMask = List.of("The", "[MASK]", "of", "the", "jury", "said", "it", ".");
        java.util.function.BiFunction<DiffusionLM, SamplingOptions, List<?>> calling = switch (call) {
            case "infill of a long sentence" -> (lm, o) -> lm.infill(longSentence, o);
            case "best of 2" -> (lm, o) -> lm.generate(2, Constraints.none()
                    .withSentiment(io.github.diffusionnlp.model.Sentiment.POSITIVE).withCandidates(2), o);
            default -> (lm, o) -> lm.rewrite(withMask, new boolean[withMask.size()], 0.5, o);
        };
        SamplingOptions options = SamplingOptions.builder().steps(4).seed(5).build();
        List<?> expected;
        try (DiffusionLM alone = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            expected = calling.apply(alone, options);
        }
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build();
        Thread[] closer = new Thread[1];
        ai.djl.util.Progress closeAfterTheFirstPass = new ai.djl.util.Progress() {
            @Override
            public void reset(String message, long max, String trailingMessage) {}

            @Override
            public void start(long initialProgress) {}

            @Override
            public void end() { // the first pass is done; the call has more to sample
                if (closer[0] == null) {
                    closer[0] = new Thread(lm::close);
                    closer[0].start();
                    awaitCloseBegun(lm);
                }
            }

            @Override
            public void increment(long increment) {}

            @Override
            public void update(long progress) {}

            @Override
            public void update(long progress, String message) {}
        };
        try {
            assertEquals(expected, calling.apply(lm, options.toBuilder().optProgress(closeAfterTheFirstPass).build()));
        } finally {
            closer[0].join(); // the close waited for the call, and frees the model once it returned
        }
        assertThrows(ModelClosedException.class, () -> lm.infill(List.of("A", "[MASK]"), options));
    }

    /**
     * Returns once {@code lm}'s close has begun: a call from another thread (this one's would be part of the call it
     * runs in) fails with ModelClosedException from then on.
     */
    private static void awaitCloseBegun(DiffusionLM lm) {
        java.util.concurrent.CompletableFuture<Void> probe = java.util.concurrent.CompletableFuture.runAsync(() -> {
            SamplingOptions quick = SamplingOptions.builder().steps(1).build();
            while (true) {
                try {
                    lm.infill(List.of("A", "[MASK]"), quick);
                } catch (ModelClosedException begun) {
                    return;
                }
            }
        });
        try {
            probe.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the close did not begin within 30 s", e);
        }
    }
}
