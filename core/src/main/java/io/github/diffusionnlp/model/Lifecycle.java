package io.github.diffusionnlp.model;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The calls of a thread-safe object that hold native memory, and the close that frees it. Closing waits
 * for the calls in flight, and a call after it fails with "this X has been closed": freeing arrays that
 * another thread is computing with crashes the JVM in PyTorch's native code (seen: SIGSEGV in
 * {@code at::impl::has_names} closing an {@code AutoregressiveLM} while other threads sampled), and a
 * call on freed arrays fails with DJL's "NDManager has been closed already", which names nothing of ours.
 */
public final class Lifecycle {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final String name;
    private boolean closed;

    /** @param name what the errors call the object, e.g. "DiffusionLM" */
    public Lifecycle(String name) {
        this.name = name;
    }

    /** Runs {@code work}, which close must not free memory under. */
    public <T> T whileOpen(Supplier<T> work) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("this " + name + " has been closed");
            }
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code release} once, when no call is in flight; calls after it fail clearly.
     *
     * @throws IllegalStateException when called from inside a call of this object (a steering scorer, say):
     *     it would wait for that call, its own, forever
     */
    public void close(Runnable release) {
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("close() was called from inside a call of this " + name
                    + ", which it would wait for forever; close the " + name + " after the call returns");
        }
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                release.run();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
