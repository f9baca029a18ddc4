package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.model.Sentiment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With request batching, best of k rates its candidates on the model's few rating threads (as many as its lanes),
 * not on each caller's: a rating's native arrays stay with the C library's arena of the thread that made them, so
 * rated on the callers' threads every concurrent caller of a server kept a rating's peak (docs/limitations.md,
 * best of k: 8 callers of best of 16, 50 calls each, ended at 8.87 GiB resident before this and the pass-by-pass
 * freeing of {@code SentimentLikelihoodMemoryTest}, 2.02 GiB after). The answers are those rated on the caller's own
 * thread.
 */
class RatingThreadsTest {
    private static final String PREFIX = "diffusion-nlp-rating-";
    private static final int CALLERS = 6;

    @Test
    void concurrentCallersAreRatedOnTheLanesCountOfThreadsWithTheSameAnswers() throws Exception {
        Constraints positive = Constraints.none().withSentiment(Sentiment.POSITIVE).withCandidates(3);
        SamplingOptions options = SamplingOptions.builder().steps(2).length(6).build();
        List<List<String>> alone = new ArrayList<>();
        try (DiffusionLM unbatched = DiffusionLM.builder().optBatching(0, Duration.ZERO).build()) {
            for (int i = 0; i < CALLERS; i++) {
                alone.add(unbatched.generate(1, positive, options.toBuilder().seed(i).build()).get(0));
            }
        }
        List<List<String>> together = new ArrayList<>();
        Set<Thread> others = ratingThreads(); // another test's model's, if one is open
        Set<Thread> mine;
        try (DiffusionLM lm = DiffusionLM.builder().optBatching(64, Duration.ZERO, 2).build()) {
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<String>>> calls = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    long seed = i;
                    Callable<List<String>> call = () -> {
                        start.await();
                        return lm.generate(1, positive, options.toBuilder().seed(seed).build()).get(0);
                    };
                    calls.add(callers.submit(call));
                }
                start.countDown();
                for (Future<List<String>> call : calls) {
                    together.add(call.get());
                }
            } finally {
                callers.shutdownNow();
            }
            mine = new HashSet<>(ratingThreads());
            mine.removeAll(others);
            assertTrue(mine.size() >= 1 && mine.size() <= 2, CALLERS + " callers were rated on " + mine.size()
                    + " rating threads, expected 1 or 2 (the model's lanes)");
        }
        assertEquals(alone, together);
        for (Thread t : mine) {
            t.join(Duration.ofSeconds(30).toMillis()); // close ended them; the JVM may take a moment to mark one dead
            assertFalse(t.isAlive(), t.getName() + " outlived its model's close");
        }
    }

    /**
     * A caller interrupted while it waits for its rating: the rating, on a thread of its own, reads the caller's
     * interrupt (which waiting cleared) and stops; the caller gets its exception and keeps its flag.
     */
    @Test
    void aCallerInterruptedWhileItWaitsStopsItsRatingAndKeepsItsFlag() throws Exception {
        try (RatingThreads threads = new RatingThreads(1)) {
            CountDownLatch rating = new CountDownLatch(1);
            Thread caller = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                try {
                    rating.await();
                } catch (InterruptedException e) {
                    return;
                }
                caller.interrupt();
            });
            interrupter.start();
            IllegalStateException e;
            try {
                e = assertThrows(IllegalStateException.class, () -> threads.run(interrupted -> {
                    rating.countDown();
                    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (System.nanoTime() < end) { // a rating's passes, each asking before it runs
                        io.github.diffusionnlp.runtime.Interruption.stopIfCallerInterrupted("rating", interrupted);
                        Thread.onSpinWait();
                    }
                    return "never interrupted";
                }));
            } finally {
                assertTrue(Thread.interrupted(), "the caller's interrupt was lost"); // and cleared for what follows
                interrupter.join();
            }
            assertEquals("interrupted while rating", e.getMessage());
        }
    }

    private static Set<Thread> ratingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(PREFIX))
                .collect(Collectors.toSet());
    }
}
