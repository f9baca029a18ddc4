package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.SamplingRuns;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.sample.GuidanceScorer;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With request batching on, a steering scorer runs on a batching lane, not on its caller's thread. What
 * it does with the model it steers must not hang there: a nested call runs (on the lane, as it would on
 * the caller's thread unbatched), a close fails as it does unbatched ({@link CloseFromInsideACallTest}),
 * and a close from another thread waits for the call, nested call included, instead of locking it out.
 */
class CallsFromABatchedScorerTest {
    private static final Duration HANG = Duration.ofSeconds(20);
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(2).length(4).build();

    /** A scorer that runs {@code once} the first time it is called, then only scores. */
    private static Constraints steeredBy(Runnable once) {
        AtomicReference<Runnable> pending = new AtomicReference<>(once);
        GuidanceScorer scorer = (x, sigma, generated) -> {
            Runnable r = pending.getAndSet(null);
            if (r != null) {
                r.run();
            }
            return x.sum(new int[] {1, 2});
        };
        return Constraints.none().withSteering(PlugAndPlay.of(scorer, 1));
    }

    @Test
    void aNestedCallFromTheScorerRunsOnTheLane() throws Exception {
        // one lane: a nested call queued for the batcher would wait for the lane that waits for it
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(64, Duration.ZERO, 1).build();
        AtomicReference<List<List<String>>> nested = new AtomicReference<>();
        Constraints c = steeredBy(() -> nested.set(lm.generate(1, OPTIONS)));
        assertEquals(1, assertTimeoutPreemptively(HANG, () -> lm.generate(1, c, OPTIONS),
                "a nested call from a batched scorer hung").size());
        assertEquals(lm.generate(1, OPTIONS), nested.get(), "the nested call answers as any other");
        lm.close(); // not in a finally: after a hang it would wait for the hung call
    }

    /**
     * A call the scorer hands to a thread of its own and waits for is not nested (not on the lane's thread),
     * so it used to queue for a lane: with one lane nothing took it, with two the other lane held back
     * beside the scorer's batch of 4 rows ({@link RequestBatcher#OVERLAP_BELOW_ROWS}). Both hung for good.
     */
    @ParameterizedTest(name = "{0} lane(s)")
    @ValueSource(ints = {1, 2})
    void aCallTheScorerWaitsForOnAnotherThreadRuns(int lanes) throws Exception {
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(64, Duration.ZERO, lanes).build();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> daemon("scorer's pool", r));
        AtomicReference<List<List<String>>> handedOff = new AtomicReference<>();
        Constraints c = steeredBy(() -> {
            try {
                handedOff.set(pool.submit(() -> lm.generate(1, OPTIONS)).get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int rows = RequestBatcher.OVERLAP_BELOW_ROWS; // enough to hold the second lane back
        assertEquals(rows, assertTimeoutPreemptively(HANG, () -> lm.generate(rows, c, OPTIONS),
                "a call a batched scorer handed to another thread hung").size());
        assertEquals(lm.generate(1, OPTIONS), handedOff.get(), "the handed-off call answers as any other");
        pool.shutdown();
        lm.close(); // not in a finally: after a hang it would wait for the hung call
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true); // a hang fails the test, not the test run
        return t;
    }

    @Test
    void closeFromTheScorerFailsAsItDoesUnbatched() throws Exception {
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(64, Duration.ZERO).build();
        AtomicReference<RuntimeException> fromClose = new AtomicReference<>();
        Constraints c = steeredBy(() -> {
            try {
                lm.close();
            } catch (RuntimeException e) {
                fromClose.set(e);
            }
        });
        assertTimeoutPreemptively(HANG, () -> lm.generate(1, c, OPTIONS), "close() from a batched scorer hung");
        assertTrue(fromClose.get() instanceof IllegalStateException, String.valueOf(fromClose.get()));
        assertTrue(fromClose.get().getMessage().startsWith("close() was called from inside a call of this DiffusionLM"),
                fromClose.get().getMessage());
        assertEquals(1, lm.generate(1, OPTIONS).size(), "the model is still open");
        lm.close();
        assertThrows(IllegalStateException.class, () -> lm.generate(1, OPTIONS));
    }

    @Test
    void closeFromAnotherThreadWaitsForTheScorersNestedCall() throws Exception {
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(64, Duration.ZERO).build();
        CountDownLatch inScorer = new CountDownLatch(1);
        AtomicReference<Thread> closer = new AtomicReference<>();
        AtomicReference<List<List<String>>> nested = new AtomicReference<>();
        Constraints c = steeredBy(() -> {
            inScorer.countDown();
            while (closer.get() == null || closer.get().getState() != Thread.State.WAITING) {
                Thread.onSpinWait(); // until the close waits for this call
            }
            nested.set(lm.generate(1, OPTIONS));
        });
        Thread closing = new Thread(lm::close, "closer");
        closing.setDaemon(true); // a hang fails the test, not the test run
        assertTimeoutPreemptively(HANG, () -> {
            Thread caller = new Thread(() -> lm.generate(1, c, OPTIONS), "caller");
            caller.setDaemon(true);
            caller.start();
            inScorer.await();
            closing.start();
            closer.set(closing);
            caller.join();
            closing.join();
        }, "a scorer's nested call and a close from another thread hung");
        assertEquals(1, nested.get().size(), "the nested call ran before the close");
        ModelClosedException e = assertThrows(ModelClosedException.class, () -> lm.generate(1, OPTIONS));
        assertEquals(lm.name(), e.model());
    }

    /** A nested call cannot steer in turn (one gradient collector): it is told so, in our words, not DJL's. */
    @Test
    void aNestedCallThatSteersIsRefusedClearly() throws Exception {
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO).build();
        AtomicReference<RuntimeException> fromNested = new AtomicReference<>();
        Constraints c = steeredBy(() -> {
            try {
                lm.generate(1, steeredBy(() -> {}), OPTIONS);
            } catch (RuntimeException e) {
                fromNested.set(e);
            }
        });
        assertEquals(1, assertTimeoutPreemptively(HANG, () -> lm.generate(1, c, OPTIONS)).size());
        assertTrue(fromNested.get() instanceof IllegalStateException
                && fromNested.get().getMessage().contains("cannot steer"), String.valueOf(fromNested.get()));
        lm.close();
    }
    /**
     * A nested call that steers is refused before it samples anything: a rewrite of a sentence holding a {@code
     * [MASK]} filled its masks first (a sampling run) and was refused in its rewrite's first step; an infill and a
     * generate ran their first network pass before the refusal. {@link DiffusionLM#checkRewrite} refuses it too.
     */
    @Test
    void aNestedCallThatSteersIsRefusedBeforeItSamples() throws Exception {
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO).build();
        SamplingRuns sampled = new SamplingRuns();
        SamplingOptions watched = OPTIONS.toBuilder().optProgress(sampled).build();
        List<List<String>> masked = List.of(List.of("The", DiffusionLM.MASK, "barked", "."));
        List<String> refusals = new java.util.ArrayList<>();
        Constraints c = steeredBy(() -> {
            Constraints steered = steeredBy(() -> {});
            List<Runnable> calls = List.of(
                () -> lm.rewriteAll(masked, List.of(new boolean[4]), 0.5, steered, watched),
                () -> lm.checkRewrite(masked, List.of(new boolean[4]), 0.5, List.of(steered), watched,
                        SentenceNaming.BATCH),
                () -> lm.infillAll(masked, steered, watched),
                () -> lm.generate(1, steered, watched));
            for (Runnable call : calls) {
                try {
                    call.run();
                    refusals.add("taken");
                } catch (IllegalStateException e) {
                    refusals.add(e.getMessage().contains("cannot steer in turn") ? "refused" : e.getMessage());
                }
            }
        });
        assertEquals(1, assertTimeoutPreemptively(HANG, () -> lm.generate(1, c, OPTIONS)).size());
        assertEquals(List.of("refused", "refused", "refused", "refused"), refusals);
        assertEquals(List.of(), sampled.runs(), "sampling runs of the nested calls before their refusals");
        lm.close();
    }
}
