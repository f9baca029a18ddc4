package io.github.diffusionnlp.runtime;

import java.util.function.Supplier;

/**
 * The calls of a thread-safe object that hold native memory, and the close that frees it. Closing waits
 * for the calls in flight, and a call after it fails with "this X has been closed" (or the error its owner
 * gives, {@link #Lifecycle(String, Supplier)}): freeing arrays that
 * another thread is computing with crashes the JVM in PyTorch's native code (seen: SIGSEGV in
 * {@code at::impl::has_names} closing an {@code AutoregressiveLM} while other threads sampled), and a
 * call on freed arrays fails with DJL's "NDManager has been closed already", which names nothing of ours.
 *
 * <p>A call made once a close has begun fails at once rather than waiting for the close: a call in flight
 * may be waiting for it (a steering scorer that hands work calling the model to a pool of its own), and
 * queueing it behind the close, which waits for that call, would deadlock.
 *
 * <p>A call may run code of its user's that calls the object again (a steering scorer), on its own
 * thread or on a worker that does the call's work for it ({@link #onBehalfOfACall}, a request-batching
 * lane). Such a nested call runs at once: the call it is part of already keeps the object open. A close
 * from there fails, as it would wait for the call it is part of.
 */
public final class Lifecycle {
    /** How deep this thread is in calls of this object (its own, or ones it works for). */
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private final String name;
    /** What a call made once a close has begun throws. */
    private final Supplier<? extends IllegalStateException> closedError;
    /** Guards the fields below; close waits on it for the calls in flight, a second close for the release. */
    private final Object monitor = new Object();
    private int callsInFlight;
    private boolean closing;
    private boolean released;

    /** @param name what the errors call the object, e.g. "NoisySentimentClassifier" */
    public Lifecycle(String name) {
        this(name, () -> new IllegalStateException("this " + name + " has been closed"));
    }

    /**
     * @param name what the errors call the object, e.g. "DiffusionLM"
     * @param closedError what a call made once a close has begun throws: a model's names the model
     *     ({@code ModelClosedException}), so that a service can tell it from an interrupt and log which one
     */
    public Lifecycle(String name, Supplier<? extends IllegalStateException> closedError) {
        this.name = name;
        this.closedError = closedError;
    }

    /** Runs {@code work}, which close must not free memory under. */
    public <T> T whileOpen(Supplier<T> work) {
        if (insideACall()) { // kept open by the call this one is part of, even once a close waits for it
            return inside(work);
        }
        synchronized (monitor) {
            requireOpen();
            callsInFlight++;
        }
        try {
            return inside(work);
        } finally {
            synchronized (monitor) {
                if (--callsInFlight == 0) {
                    monitor.notifyAll();
                }
            }
        }
    }

    /**
     * Runs {@code work} on this thread as part of calls in flight on other threads, which hold the object
     * open meanwhile and wait for it (a batching lane running their batch). Calls {@code work} makes are
     * nested calls, and a close from it fails. The owner must not free memory before such work ends.
     */
    public <T> T onBehalfOfACall(Supplier<T> work) {
        return inside(work);
    }

    /** How many calls are running now, on any thread (nested calls not counted): for tests that close mid-call. */
    public int callsInFlight() {
        synchronized (monitor) {
            return callsInFlight;
        }
    }

    /** Whether this thread is running a call of this object, or work for one ({@link #onBehalfOfACall}). */
    public boolean insideACall() {
        return depth.get()[0] > 0;
    }

    private void requireOpen() {
        if (closing) {
            throw closedError.get();
        }
    }

    private <T> T inside(Supplier<T> work) {
        int[] d = depth.get();
        d[0]++;
        try {
            return work.get();
        } finally {
            if (--d[0] == 0) {
                depth.remove(); // nothing left behind on pooled threads
            }
        }
    }

    /**
     * Runs {@code release} once, when no call is in flight; calls after it fail clearly.
     *
     * @throws IllegalStateException when called from inside a call of this object (a steering scorer, say,
     *     batched or not): it would wait for that call, its own, forever
     */
    public void close(Runnable release) {
        if (insideACall()) {
            throw new IllegalStateException("close() was called from inside a call of this " + name
                    + ", which it would wait for forever; close the " + name + " after the call returns");
        }
        boolean releaseHere;
        boolean interrupted = false;
        synchronized (monitor) {
            releaseHere = !closing;
            closing = true; // from here on, calls fail at once
            while (callsInFlight > 0 || (!releaseHere && !released)) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // close must still finish (freeing under a call crashes); the flag is kept
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (releaseHere) {
            try {
                release.run();
            } finally {
                synchronized (monitor) {
                    released = true;
                    monitor.notifyAll();
                }
            }
        }
    }
}
