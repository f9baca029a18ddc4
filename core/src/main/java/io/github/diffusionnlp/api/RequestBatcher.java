package io.github.diffusionnlp.api;

import io.github.diffusionnlp.sample.SampleRows;
import io.github.diffusionnlp.sample.Schedule;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gathers sampling requests that arrive concurrently into one batched run of the sampler: every
 * diffusion step is a full forward pass, so a batch of rows costs little more than one row.
 *
 * <p>One dispatcher thread takes the oldest request, waits at most {@code maxWait} for more with the
 * same {@link Schedule}, runs up to {@code maxRows} rows at once and hands
 * each caller its own rows back. Requests that arrive while a batch runs queue up for the next one,
 * so under load batches fill even with no wait. A row's result depends only on its own input and
 * seed (see {@link io.github.diffusionnlp.sample.Sampler}), not on what else was in the batch. If a
 * batch fails, its requests are retried one by one so that only the faulty one fails.
 */
final class RequestBatcher implements AutoCloseable {
    /** What the batcher runs: the sampler's batched call. */
    interface Backend {
        int[][] sample(SampleRows rows, Schedule schedule);
    }

    private record Job(SampleRows rows, Schedule schedule, CompletableFuture<int[][]> result) {
        boolean fits(Job other) {
            return schedule.equals(other.schedule);
        }
    }

    private static final Job POISON = new Job(null, null, null);

    private final Backend backend;
    private final int maxRows;
    private final long maxWaitNanos;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Deque<Job> deferred = new ArrayDeque<>(); // dispatcher thread only
    private final Thread dispatcher;
    private volatile boolean closed;

    RequestBatcher(Backend backend, int maxRows, Duration maxWait, String name) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maximum batch rows must be >= 1, got " + maxRows);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maximum batch wait must not be negative, got " + maxWait);
        }
        this.backend = backend;
        this.maxRows = maxRows;
        this.maxWaitNanos = maxWait.toNanos();
        this.dispatcher = new Thread(this::dispatch, name);
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Samples the rows, batched with whatever else is waiting; blocks until they are done. */
    int[][] sample(SampleRows rows, Schedule schedule) {
        if (closed) {
            throw new IllegalStateException("this DiffusionLM has been closed");
        }
        Job job = new Job(rows, schedule, new CompletableFuture<>());
        queue.add(job);
        try {
            return job.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sampling", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private void dispatch() {
        try {
            while (true) {
                Job first = deferred.isEmpty() ? queue.take() : deferred.poll();
                if (first == POISON) {
                    return;
                }
                List<Job> batch = new ArrayList<>(List.of(first));
                int rows = first.rows.size();
                long deadline = System.nanoTime() + maxWaitNanos;
                int deferredBefore = deferred.size();
                while (rows < maxRows) {
                    Job next = deferredBefore > 0 ? pollDeferred() : queue.poll(
                            Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    deferredBefore = Math.max(0, deferredBefore - 1);
                    if (next == null) {
                        break;
                    }
                    if (next == POISON) {
                        deferred.addLast(next);
                        break;
                    }
                    if (next.fits(first) && rows + next.rows.size() <= maxRows) {
                        batch.add(next);
                        rows += next.rows.size();
                    } else {
                        deferred.addLast(next);
                    }
                }
                run(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failPending();
        }
    }

    private Job pollDeferred() {
        return deferred.pollFirst();
    }

    private void run(List<Job> batch) {
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        int[][] out;
        try {
            out = backend.sample(SampleRows.concat(batch.stream().map(Job::rows).toList()), batch.get(0).schedule);
        } catch (RuntimeException | Error e) {
            for (Job j : batch) { // find the faulty request: the others still get their answers
                runAlone(j);
            }
            return;
        }
        int r = 0;
        for (Job j : batch) {
            int[][] mine = new int[j.rows.size()][];
            for (int i = 0; i < mine.length; i++, r++) {
                mine[i] = out[r];
            }
            j.result.complete(mine);
        }
    }

    private void runAlone(Job j) {
        try {
            j.result.complete(backend.sample(j.rows, j.schedule));
        } catch (RuntimeException | Error e) {
            j.result.completeExceptionally(e);
        }
    }

    private void failPending() {
        List<Job> left = new ArrayList<>(deferred);
        queue.drainTo(left);
        for (Job j : left) {
            if (j != POISON) {
                j.result.completeExceptionally(new IllegalStateException("this DiffusionLM has been closed"));
            }
        }
    }

    /** Stops the dispatcher once the requests queued before this call are done; later ones fail clearly. */
    @Override
    public void close() {
        closed = true;
        queue.add(POISON);
        try {
            dispatcher.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return dispatcher.isAlive();
    }
}
