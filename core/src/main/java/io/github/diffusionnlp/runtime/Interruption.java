package io.github.diffusionnlp.runtime;

import java.util.function.BooleanSupplier;

/**
 * How a long native computation (sampling, scoring) answers {@link Thread#interrupt()}: it looks between
 * steps, and an interrupted thread stops there. The caller gave up (CoreNLP's server interrupts a request
 * that timed out), so the thread is not held for the remaining steps of an answer nobody reads.
 */
public final class Interruption {
    private Interruption() {}

    /**
     * Throws {@link IllegalStateException} ("interrupted while {@code doing}") when the calling thread is
     * interrupted; its interrupt flag is kept, for the caller's own handling.
     *
     * @param doing what the thread was doing, for the message ("sampling")
     */
    public static void stopIfInterrupted(String doing) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while " + doing);
        }
    }

    /**
     * As {@link #stopIfInterrupted(String)} for work done on another thread than its caller's (a model's rating
     * threads): {@code callerInterrupted} reads the caller's interrupt, which the working thread cannot see.
     *
     * @param doing what the thread was doing, for the message ("reading the sentiment")
     * @param callerInterrupted whether the caller the work is for has been interrupted
     */
    public static void stopIfCallerInterrupted(String doing, BooleanSupplier callerInterrupted) {
        if (callerInterrupted.getAsBoolean()) {
            throw new IllegalStateException("interrupted while " + doing);
        }
    }

    /**
     * As {@link #stopIfInterrupted(String)}, and also throws once {@code wanted} is false: no caller waits for
     * the result any more, though none could interrupt this thread (a request batching lane runs the rows of
     * callers on threads of their own, and a caller that gives up only cancels its request).
     *
     * @param doing what the thread was doing, for the message ("sampling")
     * @param wanted whether some caller still waits for the result
     */
    public static void stopIfInterrupted(String doing, BooleanSupplier wanted) {
        stopIfInterrupted(doing);
        if (!wanted.getAsBoolean()) {
            throw new IllegalStateException("stopped " + doing + ": no caller waits for it any more");
        }
    }
}
