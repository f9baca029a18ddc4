package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.train.TrainingRun;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM for a training command: the JVM runs its shutdown hooks and then halts, so a run would lose
 * every step since its last checkpoint. This hook asks the run to stop ({@link TrainingRun#stop()}, not an interrupt,
 * which could land in a file write and fail it), so that it finishes its step, saves it and ends with
 * {@link io.github.diffusionnlp.train.TrainingStopped} (a run still starting up stops at its next check, having
 * saved nothing), and holds the JVM until the run is
 * {@link #close closed} or {@link #SAVE_WAIT} has passed. A second signal meanwhile does nothing (the JVM is
 * already shutting down); only SIGKILL stops the save, which is written whole or not at all, the checkpoint before
 * it kept. The JVM then exits as signals end it: 130 for SIGINT, 143 for SIGTERM.
 * <p>
 * Internal: public for the OpenNLP {@code Train} tool, which stops as {@code train} does (no compatibility promise).
 * A caller says its last line (where the run stopped) and flushes it before {@link #close}: the JVM may halt as soon
 * as the hook lets it go.
 */
public final class StopOnSignal implements AutoCloseable {
    /** The longest the JVM waits for the step and its checkpoint: a step and a save of the base model fit well. */
    static final Duration SAVE_WAIT = Duration.ofSeconds(90);

    private final TrainingRun training;
    private final Thread hook;
    private final CountDownLatch ended = new CountDownLatch(1);

    private StopOnSignal(TrainingRun training) {
        this.training = training;
        this.hook = new Thread(this::stopAndWait, "stop training on signal");
    }

    /** Registers the hook for {@code training}, until closed. */
    public static StopOnSignal of(TrainingRun training) {
        StopOnSignal stop = new StopOnSignal(training);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    private void stopAndWait() {
        System.err.printf(Locale.ROOT,
                "signal: finishing the current step and saving it, or stopping the start-up (up to %d s; kill -9"
                + " stops at once, keeping the checkpoint before)%n", SAVE_WAIT.toSeconds());
        training.stop();
        try {
            if (!ended.await(SAVE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("signal: the step and its checkpoint did not end in time; the last checkpoint"
                        + " written is kept");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run ended (saved, finished or failed): the hook, if running, lets the JVM go; if not, it is removed. */
    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the run has ended
        }
    }
}
