package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Progress;
import io.github.diffusionnlp.TestModels;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What request batching costs a caller beside another caller's big or abandoned call, on a real model:
 * a small call does not wait for the whole of a big call it can never join, and a call whose caller gave
 * up stops rather than keep the lanes from the callers still waiting.
 */
class BatchingLatencyTest {
    private static final List<String> SENTENCE = List.of("The", DiffusionLM.MASK, "of", "the", "committee", "was",
            DiffusionLM.MASK, ".");

    /** Counts down when sampling starts. */
    private static final class Started implements Progress {
        final CountDownLatch started = new CountDownLatch(1);

        @Override
        public void reset(String message, long max, String trailingMessage) {}

        @Override
        public void start(long initialProgress) {
            started.countDown();
        }

        @Override
        public void end() {}

        @Override
        public void increment(long increment) {}

        @Override
        public void update(long progress, String message) {}
    }

    /**
     * A generate of 16 sentences at 1,000 steps (one batch, fuller than a second lane starts beside) and, once it
     * samples, an 8-step infill: the infill waited for the whole generate, since its lane held it back as long as
     * the generate's batch ran.
     */
    @Test
    void aSmallCallBesideABigOneReturnsBeforeIt() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            lm.infill(SENTENCE, SamplingOptions.builder().steps(8).seed(1).build()); // warm: native code loaded
            Started progress = new Started();
            SamplingOptions big = SamplingOptions.builder().steps(1_000).batchSize(16).length(12).seed(2)
                    .optProgress(progress).build();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Long> generate = pool.submit(() -> {
                    lm.generate(16, big);
                    return System.nanoTime();
                });
                progress.started.await();
                Thread.sleep(100); // its batch runs
                lm.infill(SENTENCE, SamplingOptions.builder().steps(8).seed(1).build());
                long infillDone = System.nanoTime();
                long generateDone = generate.get();
                assertTrue(infillDone < generateDone, "the 8-step infill returned "
                        + TimeUnit.NANOSECONDS.toMillis(infillDone - generateDone) + " ms after the big generate");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * One lane, so that a batch nobody stops would keep the next call waiting for all of it: a long generate
     * whose caller is interrupted (as CoreNLP's server does on a timeout) stops at its next step, and the
     * next call takes a small multiple of what it takes alone.
     */
    @Test
    void aCallWhoseCallerGaveUpStopsForTheNext() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(64, Duration.ZERO, 1).build()) {
            SamplingOptions small = SamplingOptions.builder().steps(8).seed(1).build();
            List<String> alone = lm.infill(SENTENCE, small);
            long t0 = System.nanoTime();
            lm.infill(SENTENCE, small);
            long aloneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            Started progress = new Started();
            SamplingOptions longOne = SamplingOptions.builder().steps(10_000).batchSize(64).length(24).seed(2)
                    .optProgress(progress).build();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> gaveUp = pool.submit(() -> lm.generate(64, longOne));
                progress.started.await();
                Thread.sleep(200); // the long batch runs
                gaveUp.cancel(true); // interrupts its caller
                long t1 = System.nanoTime();
                assertEquals(alone, lm.infill(SENTENCE, small));
                long nextMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
                assertTrue(nextMillis < 20 * aloneMillis + 2_000, "the next call took " + nextMillis + " ms ("
                        + aloneMillis + " ms alone) behind a batch nobody waited for");
                assertThrows(java.util.concurrent.CancellationException.class, gaveUp::get);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
