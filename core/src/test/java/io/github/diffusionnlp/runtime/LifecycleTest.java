package io.github.diffusionnlp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls and close of a {@link Lifecycle} on real threads. A steering scorer may hand work that calls the
 * model to a thread of its own (a pool it keeps); that thread's call is not nested in the scorer's, so
 * it used to queue behind a close waiting for the scorer's call, which waited for it: a deadlock.
 */
class LifecycleTest {
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aCallFromAnotherThreadDuringCloseFailsInsteadOfWaitingForTheClose() throws Exception {
        Lifecycle lifecycle = new Lifecycle("Model");
        ExecutorService scorerPool = Executors.newSingleThreadExecutor();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        AtomicBoolean released = new AtomicBoolean();
        try {
            Future<Throwable> outer = caller.submit(() -> lifecycle.whileOpen(() -> {
                inCall.countDown();
                await(closing);
                sleep(200); // the close is waiting for this call by now
                // the scorer's own pool calls the model, as a scorer that parallelises its work would
                Future<String> work = scorerPool.submit(() -> lifecycle.whileOpen(() -> "scored"));
                try {
                    work.get();
                    return null;
                } catch (ExecutionException e) {
                    return e.getCause();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            inCall.await();
            CompletableFuture<Void> close = CompletableFuture.runAsync(() -> {
                closing.countDown();
                lifecycle.close(() -> released.set(true));
            });
            Throwable scorerCall = outer.get(10, TimeUnit.SECONDS);
            assertTrue(scorerCall instanceof IllegalStateException, "not refused: " + scorerCall);
            assertEquals("this Model has been closed", scorerCall.getMessage());
            close.get(10, TimeUnit.SECONDS);
            assertTrue(released.get());
        } finally {
            scorerPool.shutdownNow();
            caller.shutdownNow();
        }
    }

    /** A scorer calling the model on its own thread is part of the call a close waits for, and runs. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aNestedCallOnTheCallsOwnThreadRunsWhileACloseWaits() throws Exception {
        Lifecycle lifecycle = new Lifecycle("Model");
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> outer = pool.submit(() -> lifecycle.whileOpen(() -> {
                inCall.countDown();
                await(closing);
                sleep(200);
                return lifecycle.whileOpen(() -> "nested");
            }));
            inCall.await();
            Future<?> close = pool.submit(() -> {
                closing.countDown();
                lifecycle.close(() -> {});
            });
            assertEquals("nested", outer.get(10, TimeUnit.SECONDS));
            close.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void closeWaitsForTheCallInFlightAndASecondCloseForTheRelease() throws Exception {
        Lifecycle lifecycle = new Lifecycle("Model");
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean callDone = new AtomicBoolean();
        AtomicBoolean releasedAfterCall = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<String> call = pool.submit(() -> lifecycle.whileOpen(() -> {
                inCall.countDown();
                await(finish);
                callDone.set(true);
                return "answer";
            }));
            inCall.await();
            Future<?> first = pool.submit(() -> lifecycle.close(() -> releasedAfterCall.set(callDone.get())));
            sleep(200);
            Future<?> second = pool.submit(() -> lifecycle.close(() -> {
                throw new AssertionError("released twice");
            }));
            sleep(200);
            assertFalse(first.isDone(), "close returned with a call in flight");
            assertFalse(second.isDone(), "a second close returned before the memory was freed");
            finish.countDown();
            assertEquals("answer", call.get(10, TimeUnit.SECONDS));
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            assertTrue(releasedAfterCall.get(), "released before the call in flight returned");
            IllegalStateException after = assertThrows(IllegalStateException.class, () -> lifecycle.whileOpen(() -> 1));
            assertEquals("this Model has been closed", after.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeFromInsideACallIsRefusedAndLeavesTheObjectOpen() {
        Lifecycle lifecycle = new Lifecycle("Model");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> lifecycle.whileOpen(() -> {
                    lifecycle.close(() -> {});
                    return null;
                }));
        assertTrue(e.getMessage().startsWith("close() was called from inside a call of this Model"), e.getMessage());
        assertEquals(2, lifecycle.whileOpen(() -> 2));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
