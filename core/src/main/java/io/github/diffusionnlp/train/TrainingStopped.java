package io.github.diffusionnlp.train;

import io.github.diffusionnlp.corpus.Visible;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * A training run's thread was interrupted (or the run was asked to stop: {@link TrainingRun#stop()}, as {@code train}
 * does on Ctrl-C and SIGTERM): the run finished the step it was in, wrote a checkpoint of it and stopped. An
 * {@link InterruptedIOException}, as the run is an I/O call that gave up part way; unlike one, nothing is lost:
 * {@code resume} continues from {@link #step}. A run asked during its start-up (reading the corpus, building the
 * vocabulary and the context embeddings, packing the rows) stops at its next check there instead, having trained
 * and saved nothing ({@link #startUpPhase}): waiting for the start-up and a step took minutes on a large corpus,
 * longer than a signal's JVM waits.
 */
public final class TrainingStopped extends InterruptedIOException {
    private final int step;
    private final Path output;
    private final String startUpPhase;

    TrainingStopped(int step, Path output) {
        super("interrupted: stopped at step " + step + " with a checkpoint of it in " + Visible.of(output)
                + "; resume to go on from there");
        this.step = step;
        this.output = output;
        this.startUpPhase = null;
    }

    private TrainingStopped(int step, Path output, String startUpPhase) {
        super("interrupted during start-up (" + startUpPhase + "): nothing was trained or saved in "
                + Visible.of(output)
                + (step > 0 ? "; its checkpoint of step " + step + " is untouched" : ""));
        this.step = step;
        this.output = output;
        this.startUpPhase = startUpPhase;
    }

    /**
     * A run stopped during its start-up, in {@code phase} ("building the context embeddings"), before its first
     * step: {@code step} is the resumed checkpoint's, untouched, or 0 for a new model, of which nothing was saved.
     */
    static TrainingStopped duringStartUp(int step, Path output, String phase) {
        return new TrainingStopped(step, output, phase);
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

    /**
     * What the run was doing when it stopped during its start-up ("reading the corpus"), having trained nothing, or
     * null when it stopped after a step it took and saved.
     */
    public String startUpPhase() {
        return startUpPhase;
    }

    /**
     * The step the run stopped after, which its last checkpoint holds; stopped during its start-up, the step of the
     * checkpoint it resumed (untouched), or 0 for a new model, which has no checkpoint.
     */
    public int step() {
        return step;
    }

    /** The model directory the checkpoint is in. */
    public Path output() {
        return output;
    }
}
