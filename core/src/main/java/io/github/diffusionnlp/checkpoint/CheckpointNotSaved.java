package io.github.diffusionnlp.checkpoint;

import io.github.diffusionnlp.corpus.Visible;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint whose save failed before its commit point (a full disk, most often): the files of the save written
 * so far are deleted again ({@link CheckpointCommit}), so the message can say that the directory holds the
 * checkpoint before it, whole. A trainer adds the remedy in its user's names ({@link #withRemedy}).
 */
public final class CheckpointNotSaved extends IOException {
    private final Path file;
    private final int step;
    private final int previousStep;

    CheckpointNotSaved(Path file, int step, int previousStep, IOException cause) {
        this(file, step, previousStep, describe(file, step, previousStep, cause), cause);
    }

    private CheckpointNotSaved(Path file, int step, int previousStep, String message, IOException cause) {
        super(message, cause);
        this.file = file;
        this.step = step;
        this.previousStep = previousStep;
    }

    private static String describe(Path file, int step, int previousStep, IOException cause) {
        Path dir = file.toAbsolutePath().getParent();
        return "cannot save the checkpoint" + (step < 0 ? "" : " of step " + step) + " in "
                + Visible.of(String.valueOf(dir)) + ": writing " + Visible.of(String.valueOf(file.getFileName()))
                + " failed (" + Visible.of(String.valueOf(cause.getMessage())) // a JDK message names a file raw
                + "). The files of this save written so far are deleted; "
                + (previousStep == CheckpointCommit.NO_CHECKPOINT
                        ? "the directory held no checkpoint before it"
                        : "the checkpoint before it" + (previousStep < 0 ? "" : " (step " + previousStep + ")")
                                + " is whole");
    }

    /** The file whose writing failed (its staged or temporary name). */
    public Path file() {
        return file;
    }

    /**
     * This failure with what to do, {@code resume} being how the run's user asks to go on ({@code --resume},
     * {@code resume(true)}): free space and go on from the checkpoint before it, or start again when there is none.
     */
    public CheckpointNotSaved withRemedy(String resume) {
        String remedy = previousStep == CheckpointCommit.NO_CHECKPOINT
                ? "free space on its disk (or mend what the error names) and train again"
                : "free space on its disk (or mend what the error names) and run again with " + resume
                        + " to go on from " + (previousStep < 0 ? "that checkpoint" : "step " + previousStep);
        return new CheckpointNotSaved(file, step, previousStep, getMessage() + ": " + remedy,
                (IOException) getCause());
    }
}
