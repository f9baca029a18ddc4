package io.github.diffusionnlp.api;

import io.github.diffusionnlp.sample.SampleRows;
import io.github.diffusionnlp.sample.Schedule;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gathers sampling requests that arrive concurrently into one batched run of the sampler: every
 * diffusion step is a full forward pass, so a batch of rows costs little more than one row.
 *
 * <p>There is no batching thread: a caller that finds no batch running runs one itself, on its own
 * thread - the oldest waiting request plus every later one with the same {@link Schedule} that fits
 * in {@code maxRows}, after waiting at most {@code maxWait} for company - and hands each caller its
 * rows back. Requests that arrive while a batch runs wait for it to end, and the next of them to
 * wake runs them all, so under load batches fill even with no wait. A lone caller thus samples on
 * its own thread: a second thread doing the native work was measured 15-25% slower for a single
 * sentence on a 2-core machine (two OpenMP thread teams competing for the cores).
 *
 * <p>A row's result depends only on its own input and seed (see {@link
 * io.github.diffusionnlp.sample.Sampler}), not on what else was in the batch. If a batch fails, its
 * requests are retried one by one so that only the faulty one fails.
 */
final class RequestBatcher implements AutoCloseable {
    /** What the batcher runs: the sampler's batched call. */
    interface Backend {
        int[][] sample(SampleRows rows, Schedule schedule);
    }

    private static final class Job {
        final SampleRows rows;
        final Schedule schedule;
        int[][] result;
        Throwable failure;
        boolean done; // guarded by lock

        Job(SampleRows rows, Schedule schedule) {
            this.rows = rows;
            this.schedule = schedule;
        }
    }

    private final Backend backend;
    private final int maxRows;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a request arrives and when a batch ends. */
    private final Condition changed = lock.newCondition();
    private final Deque<Job> pending = new ArrayDeque<>(); // guarded by lock
    private boolean running; // guarded by lock: some caller is gathering or running a batch
    private boolean closed; // guarded by lock

    RequestBatcher(Backend backend, int maxRows, Duration maxWait) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maximum batch rows must be >= 1, got " + maxRows);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maximum batch wait must not be negative, got " + maxWait);
        }
        this.backend = backend;
        this.maxRows = maxRows;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Samples the rows, batched with whatever else is waiting; blocks until they are done. */
    int[][] sample(SampleRows rows, Schedule schedule) {
        Job job = new Job(rows, schedule);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this DiffusionLM has been closed");
            }
            pending.addLast(job);
            changed.signalAll(); // a caller gathering a batch may want this one
            while (!job.done) {
                if (running) {
                    changed.await();
                    continue;
                }
                running = true;
                List<Job> batch = gather();
                lock.unlock();
                try {
                    run(batch);
                } finally {
                    lock.lock();
                    batch.forEach(j -> j.done = true);
                    running = false;
                    changed.signalAll();
                }
            }
        } catch (InterruptedException e) {
            pending.remove(job);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sampling", e);
        } finally {
            lock.unlock();
        }
        if (job.failure instanceof RuntimeException r) {
            throw r;
        }
        if (job.failure instanceof Error err) {
            throw err;
        }
        return job.result;
    }

    /**
     * Takes the oldest waiting request and the later ones that fit with it, waiting up to maxWait for
     * more while the batch has room. Called with the lock held; awaiting releases it meanwhile. An
     * interrupt ends the wait (the requests taken are still run) and stays set on the thread.
     */
    private List<Job> gather() {
        Job first = pending.pollFirst();
        List<Job> batch = new ArrayList<>(List.of(first));
        int rows = first.rows.size();
        long deadline = System.nanoTime() + maxWaitNanos;
        while (true) {
            for (Iterator<Job> it = pending.iterator(); it.hasNext() && rows < maxRows; ) {
                Job next = it.next();
                if (next.schedule.equals(first.schedule) && rows + next.rows.size() <= maxRows) {
                    it.remove();
                    batch.add(next);
                    rows += next.rows.size();
                }
            }
            long left = deadline - System.nanoTime();
            if (rows >= maxRows || left <= 0) {
                return batch;
            }
            try {
                changed.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return batch;
            }
        }
    }

    private void run(List<Job> batch) {
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        int[][] out;
        try {
            out = backend.sample(SampleRows.concat(batch.stream().map(j -> j.rows).toList()), batch.get(0).schedule);
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
            j.result = mine;
        }
    }

    private void runAlone(Job j) {
        try {
            j.result = backend.sample(j.rows, j.schedule);
        } catch (RuntimeException | Error e) {
            j.failure = e;
        }
    }

    /**
     * Later requests fail clearly; requests already waiting are still run. The owner ({@link
     * DiffusionLM#close}) waits for calls in flight before closing.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }
}
