package io.github.diffusionnlp.train;

import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * A training run's thread was interrupted (or the run was asked to stop: {@link TrainingRun#stop()}, as {@code train}
 * does on Ctrl-C and SIGTERM): the run finished the step it was in, wrote a checkpoint of it and stopped. An
 * {@link InterruptedIOException}, as the run is an I/O call that gave up part way; unlike one, nothing is lost:
 * {@code resume} continues from {@link #step}.
 */
public final class TrainingStopped extends InterruptedIOException {
    private final int step;
    private final Path output;

    TrainingStopped(int step, Path output) {
        super("interrupted: stopped at step " + step + " with a checkpoint of it in " + output
                + "; resume to go on from there");
        this.step = step;
        this.output = output;
    }

    /**
     * Whether the run was asked to stop ({@code asked}: {@link TrainingRun#stop()}) or its thread was interrupted,
     * asked by both trainers right after each step, before its file writes: the run then ends after that step,
     * with a checkpoint of it, by this exception. The interrupt flag is cleared here, so that the checkpoint's
     * writes (interruptible NIO channels, which an interrupt left set would close part way) go through; the
     * exception says it instead.
     */
    static boolean requested(boolean asked) {
        return Thread.interrupted() | asked; // both: the flag is cleared whatever was asked
    }

    /** The step the run stopped after, which its last checkpoint holds. */
    public int step() {
        return step;
    }

    /** The model directory the checkpoint is in. */
    public Path output() {
        return output;
    }
}
