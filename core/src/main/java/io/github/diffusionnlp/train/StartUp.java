package io.github.diffusionnlp.train;

import io.github.diffusionnlp.corpus.CheckedList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A training run's start-up (reading the corpus, building the vocabulary and the context embeddings, packing the
 * rows), which a stop asked for ({@link TrainingRun#stop()}, an interrupt) ends at its next check: between its
 * phases, and every few thousand lines, sentences or rows inside the long ones. The run used to look only after its
 * first step: Ctrl-C during the start-up on 8 copies of Brown's training split (78 MB) was acted on 79 s later,
 * and the JVM waits at most 90 s for a signalled run.
 */
final class StartUp {
    private final BooleanSupplier asked;
    private String phase = "starting";

    /** @param asked whether the run was asked to stop (the trainer's flag) */
    StartUp(BooleanSupplier asked) {
        this.asked = asked;
    }

    /** Checks, then records that the start-up is now {@code doing} it ("building the vocabulary"). */
    void enter(String doing) {
        check();
        phase = doing;
    }

    /**
     * Ends the start-up by {@link Stopped} when the run was asked to stop or its thread was interrupted (the flag is
     * cleared, as {@link TrainingStopped#requested} does, so that the caller's clean-up can write).
     */
    void check() {
        if (TrainingStopped.requested(asked.getAsBoolean())) {
            throw new Stopped(phase);
        }
    }

    /** {@code items} seen through this start-up's check, run every few thousand items got ({@link CheckedList}). */
    <T> List<T> checked(List<T> items) {
        return CheckedList.of(items, this::check);
    }

    /**
     * The start-up was stopped while {@link #phase} was being done; unchecked, so that it leaves the loops of the
     * corpus reading and the context embeddings, whose checks are plain {@link Runnable}s. The trainer turns it into
     * {@link TrainingStopped#duringStartUp}.
     */
    static final class Stopped extends RuntimeException {
        private final String phase;

        Stopped(String phase) {
            super("stopped during start-up (" + phase + ")", null, false, false);
            this.phase = phase;
        }

        String phase() {
            return phase;
        }
    }
}
