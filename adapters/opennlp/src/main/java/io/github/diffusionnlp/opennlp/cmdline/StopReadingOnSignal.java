package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.cli.StopOnSignal;
import io.github.diffusionnlp.corpus.Visible;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C and SIGTERM while {@code Train} reads {@code -data} and writes it out for the run, before the run is handed
 * the signals ({@link StopOnSignal}): reading 8 copies of the Brown training split (78 MB) and writing them out took
 * 30 to 45 s on two shared cores, and a signal then ended the JVM at once, saying nothing and leaving the run's
 * temporary directory behind. This hook asks the reading to stop ({@link #signalled}, read at every line by
 * {@link DataLines}) and holds the JVM until the tool has cleaned up and said so ({@link #close}), or {@link #WAIT}
 * has passed.
 */
final class StopReadingOnSignal implements AutoCloseable {
    /** The longest the JVM waits: the line being read, or the write of the sentences read, to end. */
    static final Duration WAIT = Duration.ofSeconds(90);

    private final AtomicBoolean signalled = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook;

    private StopReadingOnSignal(PrintStream err) {
        this.hook = new Thread(() -> {
            signalled.set(true);
            err.println("signal: stopping before training (the data is being read); nothing is trained");
            err.flush();
            try {
                ended.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop reading on signal");
    }

    /** Registers the hook until the run is handed over ({@link #handOver}) or the tool ends ({@link #close}). */
    static StopReadingOnSignal register(PrintStream err) {
        StopReadingOnSignal stop = new StopReadingOnSignal(err);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether a signal has come: the reading is to stop. */
    boolean signalled() {
        return signalled.get();
    }

    /**
     * The run is about to start, its own hook registered first: this one is removed, and whether a signal came
     * meanwhile is returned (the run is then not to start: its hook would wait for reading again and a first step).
     */
    boolean handOver() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: the signal has been noted
        }
        return signalled.get();
    }

    /** The tool has ended: the hook, if running, lets the JVM go; if not, it is removed. */
    @Override
    public void close() {
        ended.countDown();
        handOver();
    }

    /** The reading of {@code -data} stopped by a signal, at a line. */
    static final class ReadingStopped extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        ReadingStopped(Path file, int line) {
            super("stopped by signal while reading -data " + Visible.of(file) + " (after line " + line + ")");
        }
    }

    /** A signal came after the data was read, before the run started: the run is not started. */
    static final class StoppedBeforeTraining extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedBeforeTraining() {
            super("stopped by signal once -data was read, before training began");
        }
    }
}
