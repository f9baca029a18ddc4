package io.github.diffusionnlp.api;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.util.concurrent.Uninterruptibles;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Where a model that batches requests rates best-of-k candidates ({@link RowSampler#labelPosteriors}, which {@link
 * DiffusionLM#sentimentPosterior} uses too): on a few threads of its own, as many as its batching lanes, rather
 * than on each caller's thread, as its sampling runs on the lanes rather than on the callers' threads.
 *
 * <p>Why: a rating's arrays (best of 16 at 64 positions: about 0.22 GiB at once) come from the C library's
 * allocator, which serves each thread from an arena of its own (up to eight per core) and keeps what an arena
 * took for its next use. Rated on the callers' threads, every concurrent caller of a server held a rating's peak
 * of its own for good; here as many threads hold one as there are lanes, however many callers there are. A caller
 * waits for its rating as it waits for its batch; ratings beyond the threads queue, which on a CPU costs no
 * throughput (they would share its cores).
 *
 * <p>Thread-safe. The threads start with the first rating and end at {@link #close}, which the model calls once
 * no call is in flight.
 */
final class RatingThreads implements AutoCloseable {
    private final ExecutorService threads;

    RatingThreads(int count) {
        this.threads = Executors.newFixedThreadPool(count,
                new ThreadFactoryBuilder().setNameFormat("diffusion-nlp-rating-%d").setDaemon(true).build());
    }

    /**
     * Runs {@code work} on a rating thread and returns its result; its exception, if it throws, is rethrown here.
     * {@code work} is given whether this (the calling) thread has been interrupted, which it cannot read from its
     * own thread: it stops between its network passes once so (the caller gave up: CoreNLP's server interrupts a
     * request that timed out). This thread waits for it even then, the interrupt kept: the rating computes on the
     * model's arrays, which must not be freed under it once the call that asked for it has returned, and it ends
     * at its next pass.
     */
    <T> T run(Function<BooleanSupplier, T> work) {
        AtomicBoolean interrupted = new AtomicBoolean(Thread.currentThread().isInterrupted());
        Future<T> rating = threads.submit(() -> work.apply(interrupted::get));
        try {
            while (true) {
                try {
                    return rating.get();
                } catch (InterruptedException e) { // the flag is cleared: the work reads it from here on
                    interrupted.set(true);
                }
            }
        } catch (ExecutionException e) {
            Throwables.throwIfUnchecked(e.getCause()); // as the work threw it
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted.get()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the threads and waits for them: idle, as the model closes this once no call is in flight. */
    @Override
    public void close() {
        threads.shutdownNow();
        Uninterruptibles.awaitTerminationUninterruptibly(threads);
    }
}
