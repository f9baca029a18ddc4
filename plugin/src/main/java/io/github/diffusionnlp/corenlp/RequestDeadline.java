package io.github.diffusionnlp.corenlp;

import io.github.diffusionnlp.corpus.Visible;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The annotator's own deadline for a server request's sampling: CoreNLP reads its request timeout from the
 * request's properties, so a client could ask for hours, and the sampling went on after it left. When the deadline
 * passes, the annotating thread is interrupted, as CoreNLP's own timeout does, and the library stops the sampling
 * at its next step ({@code Interruption}). Opened on the annotating thread, closed on it.
 */
final class RequestDeadline implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "diffusion-request-deadline");
        t.setDaemon(true); // it must not keep a JVM alive
        return t;
    });

    static {
        // a request's alarm is cancelled when it ends, nearly always long before it is due: kept in the queue until
        // due (the executor's default), each held its deadline and thread for the full 120 s (or the operator's
        // -Ddiffusionnlp.server.deadline), one per request served in that time
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private final Thread thread = Thread.currentThread();
    private final long millis;
    private final ScheduledFuture<?> alarm;
    private boolean closed; // guarded by this
    private boolean passed; // guarded by this

    RequestDeadline(long millis) {
        this.millis = millis;
        this.alarm = TIMER.schedule(this::expire, millis, TimeUnit.MILLISECONDS);
    }

    private synchronized void expire() {
        if (!closed) { // after close the thread is some other request's
            passed = true;
            thread.interrupt();
        }
    }

    synchronized boolean passed() {
        return passed;
    }

    /** What the client is told: the deadline, who sets it, and what to send instead. */
    IllegalStateException exceeded(String name, RuntimeException cause) {
        return new IllegalStateException("annotator \"" + Visible.of(name) + "\": stopped after " + millis
                + " ms, the server's deadline for a request's sampling (-D" + ServerLimits.DEADLINE
                + "; a request's own timeout cannot raise it): send fewer sentences, steps or candidates", cause);
    }

    /** The alarms of deadlines not closed yet (for tests). */
    static int alarmsPending() {
        return TIMER.getQueue().size();
    }

    /** Stops the alarm; an interrupt it made is cleared, so the thread serves its next task uninterrupted. */
    @Override
    public void close() {
        alarm.cancel(false);
        synchronized (this) {
            closed = true;
            if (passed) {
                Thread.interrupted();
            }
        }
    }
}
