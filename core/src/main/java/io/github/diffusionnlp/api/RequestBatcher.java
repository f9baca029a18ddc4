package io.github.diffusionnlp.api;

import com.google.common.base.Throwables;
import io.github.diffusionnlp.sample.SampleRows;
import io.github.diffusionnlp.sample.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Gathers sampling requests that arrive concurrently into one batched run of the sampler: every
 * diffusion step is a full forward pass, so a batch of rows costs little more than one row.
 *
 * <p>Each of {@code lanes} dispatcher threads takes the oldest request, waits at most {@code maxWait}
 * for more with the same {@link Schedule}, runs up to {@code maxRows} rows at once and hands each
 * caller its own rows back. Requests that arrive while batches run queue up for the next free lane,
 * so under load batches fill even with no wait. Why more than one lane: with one, two clients convoy
 * (each request arrives while the other's runs, then runs alone), so they get one sentence at a time
 * where two unbatched threads would overlap; two lanes run two batches at once, as two callers would.
 * A row's result depends only on its own input and seed (see {@link
 * io.github.diffusionnlp.sample.Sampler}), not on what else was in the batch or which lane ran it. If a
 * batch fails, its requests are retried one by one so that only the faulty one fails.
 *
 * <p>What a caller waits for. A lane that took a request while the other lanes run {@link #OVERLAP_BELOW_ROWS}
 * rows or more holds it back (later requests join it), but for {@link #HOLD_BACK_LIMIT} at most, so a small
 * call beside a big one's batches starts within that limit instead of after all of them. When every lane is in
 * a batch, a request waits in the queue for the first to end. A caller that gives up (its thread interrupted,
 * as CoreNLP's server does to a request that timed out) cancels its request: a lane drops it if it has not
 * started it, and a batch none of whose requests is still wanted stops at its next sampling step (the sampler
 * asks, as it looks for an interrupt) and its lane goes on with the queue. A batch with a caller still waiting
 * runs to its end, so that caller's rows get exactly the answers they would have got.
 *
 * <p>While a steering scorer runs (a batch that {@link Schedule#callsAScorer calls one}), every new request
 * samples at once on its caller's thread, as without batching. The scorer may wait for a call of the model
 * it steers, made on its own thread (a nested call) or on one it hands work to (a pool, a parallel stream);
 * such a call cannot be told from an unrelated caller's, and queued it would wait for the lane that waits for
 * it: with one lane nothing else takes it, and a second lane may be in a batch of its own or hold back beside
 * one of {@link #OVERLAP_BELOW_ROWS} rows ({@code CallsFromABatchedScorerTest}). Unrelated calls meanwhile lose
 * only the company of others, not their answers (a row's result depends on its input and seed alone).
 *
 * <p>A steered request runs in a batch of its own, never with another caller's rows, even those of the same scorer:
 * the sampler refuses a score whose gradient is 0 at every sampled position of the rows sampled together, so in
 * company a call its scorer does not move (a margin met, rows too short to score) was let through, unsteered, by
 * the other call's rows, where alone it is refused ({@code NewCallsUnderThreadsTest}, audit h231). Steered batches
 * take turns through the one gradient collector anyway; what is lost is only a shared forward pass.
 */
final class RequestBatcher implements AutoCloseable {
    /** What the batcher runs: the sampler's batched call. */
    interface Backend {
        /**
         * Samples the rows; may stop early, throwing, once {@code wanted} says no caller waits for them any
         * more (the sampler looks between steps, where it looks for an interrupt).
         */
        int[][] sample(SampleRows rows, Schedule schedule, BooleanSupplier wanted);
    }

    private record Job(SampleRows rows, Schedule schedule, CompletableFuture<int[][]> result) {
        boolean fits(Job other) {
            return schedule.equals(other.schedule);
        }

        /** Its caller stopped waiting for it ({@link #sample} interrupted). */
        boolean abandoned() {
            return result.isCancelled();
        }
    }

    private static final Job POISON = new Job(null, null, null);
    /** A lane starts a batch only while the others run fewer rows than this (see {@link #awaitRoom}). */
    static final int OVERLAP_BELOW_ROWS = 4;
    /**
     * The longest a lane holds its request back beside fuller batches ({@link #awaitRoom}). About what a batch of
     * a loaded server's short requests takes on a small CPU (8-step infill: 60-250 ms at 1-16 clients on an idle
     * machine, README), so that under such load the hold-back still gathers a fuller batch; and short beside a
     * big call's batches (32 sentences at 32 steps: tens of seconds each), which a small request waited out whole.
     */
    static final Duration HOLD_BACK_LIMIT = Duration.ofMillis(250);

    private final Backend backend;
    private final int maxRows;
    private final long maxWaitNanos;
    private final BlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final List<Thread> dispatchers = new ArrayList<>();
    private final AtomicInteger running;
    private final Object gate = new Object();
    private int busyRows; // rows of the batches running now; guarded by gate
    private int scorersRunning; // samplings running now that call a steering scorer; guarded by gate
    private volatile boolean closed;

    private final Supplier<ModelClosedException> closedError;

    /**
     * @param name the lanes' thread name
     * @param closedError what a request made once {@link #close} has begun fails with: its model's, naming it
     */
    RequestBatcher(Backend backend, int maxRows, Duration maxWait, int lanes, String name,
            Supplier<ModelClosedException> closedError) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maximum batch rows must be >= 1, got " + maxRows);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maximum batch wait must not be negative, got " + maxWait);
        }
        if (lanes < 1) {
            throw new IllegalArgumentException("batching lanes must be >= 1, got " + lanes);
        }
        this.backend = backend;
        this.closedError = closedError;
        this.maxRows = maxRows;
        this.maxWaitNanos = maxWait.toNanos();
        this.running = new AtomicInteger(lanes);
        for (int i = 0; i < lanes; i++) {
            Thread dispatcher = new Thread(this::dispatch, name);
            dispatcher.setDaemon(true);
            dispatchers.add(dispatcher);
        }
        dispatchers.forEach(Thread::start);
    }

    /** Samples the rows, batched with whatever else is waiting; blocks until they are done. */
    int[][] sample(SampleRows rows, Schedule schedule) {
        if (closed) {
            throw closedError.get();
        }
        if (aScorerRuns()) { // this may be a call that scorer waits for: queued, it could wait for the scorer's lane
            return sampleInPlace(rows, schedule);
        }
        Job job = new Job(rows, schedule, new CompletableFuture<>());
        queue.add(job);
        if (running.get() == 0 && queue.remove(job)) { // closed meanwhile, after the last lane drained the queue
            throw closedError.get();
        }
        try {
            return job.result.get();
        } catch (InterruptedException e) {
            // The caller gave up (CoreNLP's server interrupts a request that timed out): a lane that has not
            // started the request drops it, rather than computing an answer nobody reads while live
            // requests queue behind it.
            job.result.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sampling", e);
        } catch (ExecutionException e) {
            Throwables.throwIfUnchecked(e.getCause()); // as the work threw it
            throw new IllegalStateException(e.getCause());
        }
    }

    private void dispatch() {
        try {
            while (true) {
                Job first = queue.take();
                if (first == POISON) {
                    return;
                }
                if (first.abandoned()) {
                    continue;
                }
                awaitRoom(); // checked after the take: an idle lane waits in take() long before work comes
                List<Job> batch = new ArrayList<>(List.of(first));
                // Taken while the batch formed but not for it (other settings, no room, a stop signal): they
                // go back to the front of the queue, in their order, where the next free lane takes them. Kept
                // by this lane, they would wait for a batch they are not in while another lane idles.
                List<Job> aside = new ArrayList<>();
                int rows = first.rows.size();
                long deadline = System.nanoTime() + maxWaitNanos;
                // a steered request runs alone: what its scorer's checks find must not depend on company (see above)
                while (rows < maxRows && !first.schedule.callsAScorer()) {
                    Job next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    if (next == POISON) {
                        aside.add(next);
                        break;
                    }
                    if (next.abandoned()) {
                        continue;
                    }
                    if (next.fits(first) && rows + next.rows.size() <= maxRows) {
                        batch.add(next);
                        rows += next.rows.size();
                    } else {
                        aside.add(next);
                    }
                }
                for (int i = aside.size() - 1; i >= 0; i--) {
                    queue.addFirst(aside.get(i));
                }
                synchronized (gate) {
                    busyRows += rows;
                    if (first.schedule.callsAScorer()) {
                        scorersRunning++; // before the scorer runs: a call it makes then sees it
                    }
                }
                try {
                    run(batch);
                } finally {
                    scorerEnded(first.schedule);
                    synchronized (gate) {
                        busyRows -= rows;
                        gate.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failPending();
        }
    }

    private boolean aScorerRuns() {
        synchronized (gate) {
            return scorersRunning > 0;
        }
    }

    /**
     * Samples on the caller's thread. A scorer it calls counts as running, as a lane's does: the calls that
     * scorer hands to other threads must not queue either, behind a lane whose scorer waits for the gradient
     * collector this one holds.
     */
    private int[][] sampleInPlace(SampleRows rows, Schedule schedule) {
        if (schedule.callsAScorer()) {
            synchronized (gate) {
                scorersRunning++;
            }
        }
        try {
            return backend.sample(rows, schedule, () -> true); // its caller's own thread: an interrupt stops it
        } finally {
            scorerEnded(schedule);
        }
    }

    private void scorerEnded(Schedule schedule) {
        if (schedule.callsAScorer()) {
            synchronized (gate) {
                scorersRunning--;
            }
        }
    }

    /**
     * Holds a lane (and the request it took) back while the other lanes run {@link #OVERLAP_BELOW_ROWS}
     * rows or more, for at most {@link #HOLD_BACK_LIMIT}; requests that arrive meanwhile join its batch. Two
     * small batches at once overlap their per-operation overheads, but beside a fuller batch a second one only
     * splits the cores and the next batch's company. Capped, since the held request can never join the
     * batches it waits for: unbounded, a small call waited for every batch of a big one (each next piece of
     * the big call, queued the moment the last ended, could start first and hold the lane back again).
     */
    private void awaitRoom() throws InterruptedException {
        synchronized (gate) {
            long until = System.nanoTime() + HOLD_BACK_LIMIT.toNanos();
            while (busyRows >= OVERLAP_BELOW_ROWS) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(gate, left);
            }
        }
    }

    private void run(List<Job> taken) {
        List<Job> batch = taken.stream().filter(j -> !j.abandoned()).toList(); // given up while the batch formed
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        int[][] out;
        try {
            // Runs on while any of its callers still waits (their rows' answers do not depend on the others'),
            // and stops at its next step once none does: their lane is needed by the callers still queued.
            out = backend.sample(SampleRows.concat(batch.stream().map(Job::rows).toList()), batch.get(0).schedule,
                    () -> batch.stream().anyMatch(j -> !j.abandoned()));
        } catch (RuntimeException | Error e) {
            for (Job j : batch) { // find the faulty request: the others still get their answers
                runAlone(j); // a batch stopped as unwanted holds only requests given up: none runs again
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
        if (j.abandoned()) {
            return;
        }
        try {
            j.result.complete(backend.sample(j.rows, j.schedule, () -> !j.abandoned()));
        } catch (RuntimeException | Error e) {
            j.result.completeExceptionally(e);
        }
    }

    /**
     * Fails what the last stopping lane leaves in the queue: requests that reached it after {@link #close}
     * (earlier lanes must leave the queue alone: it still holds the other lanes' stop signals).
     */
    private void failPending() {
        if (running.decrementAndGet() > 0) {
            return;
        }
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        for (Job j : left) {
            if (j != POISON) {
                j.result.completeExceptionally(closedError.get());
            }
        }
    }

    /**
     * Stops the lanes once the requests queued before this call are done; later ones fail clearly. Returns
     * only when every lane has ended, even on an interrupted thread: the model frees its native arrays next,
     * and a lane still in a batch (one whose callers gave up waiting, so nothing else holds the model open)
     * would compute on freed memory. A batch always ends, and one whose callers all gave up ends at its next step.
     */
    @Override
    public void close() {
        closed = true;
        dispatchers.forEach(d -> queue.add(POISON)); // one stop signal per lane: each takes one and ends
        boolean interrupted = false;
        for (Thread d : dispatchers) {
            while (d.isAlive()) {
                try {
                    d.join();
                } catch (InterruptedException e) {
                    interrupted = true; // kept for the caller, after the lanes are gone
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return dispatchers.stream().anyMatch(Thread::isAlive);
    }
}
