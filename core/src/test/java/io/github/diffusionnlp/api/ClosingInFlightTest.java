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
}
