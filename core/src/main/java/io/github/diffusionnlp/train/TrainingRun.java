package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.TrainingInfo;
import java.io.IOException;

/** A training run ({@link DiffusionTrainer}, {@link ArTrainer}) that can be asked, from another thread, to stop. */
public interface TrainingRun {
    /**
     * Trains until the planned steps are done or the time budget is spent; returns the last checkpoint's record,
     * which is not {@link TrainingInfo#finished} when the time budget stopped the run (resume it to go on), and
     * also when a run resumed with fewer steps than such a checkpoint reached had nothing to do (its step is at or
     * past the steps asked; resuming it with the same steps does nothing again).
     *
     * @throws TrainingStopped after {@link #stop()} or an interrupt of the running thread, once the step it was in
     *     is done and saved
     */
    TrainingInfo run() throws IOException;

    /**
     * Ends the run after the step it is in, with a checkpoint of that step ({@link TrainingStopped}), as an
     * interrupt of its thread does; unlike an interrupt, it cannot land in a file write (an interrupted NIO
     * channel closes and its write fails), so a caller on another thread (a signal handler) should prefer it.
     */
    void stop();
}
