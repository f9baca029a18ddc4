package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stops a run whose steps keep being skipped, for both trainers. A skipped step (loss or gradient not finite)
 * leaves the weights as they were, so once the weights themselves hold infinities every later step is skipped
 * too: without a stop, such a run would spend the rest of its steps or budget, hours maybe, changing nothing.
 */
final class DivergenceGuard {
    static final int MAX_SKIPPED_IN_A_ROW = 10;

    private final Path out;
    private final SettingNames names;
    private int skippedInARow;
    private boolean checkpointPutOff;

    /**
     * {@code out}: the run's directory, where a checkpoint to resume from may be; {@code names}: the run's names of
     * its settings, for the stop's remedy.
     */
    DivergenceGuard(Path out, SettingNames names) {
        this.out = out;
        this.names = names;
    }

    /**
     * Counts {@code step}, whose update was made or skipped.
     *
     * @throws IllegalStateException at the {@link #MAX_SKIPPED_IN_A_ROW}th skipped step in a row, saying whether to
     *     resume from the last checkpoint or start again, with a lower --lr either way
     */
    void after(int step, boolean updated) {
        if (updated) {
            skippedInARow = 0;
            return;
        }
        if (++skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
            boolean saved = Files.isRegularFile(out.resolve(ModelCheckpoint.CONFIG));
            String lowerRate = "with a lower " + names.name(TrainOptions.Setting.LEARNING_RATE);
            throw new IllegalStateException("training diverged: " + skippedInARow + " steps in a row up to step " + step
                    + " had a non-finite loss or gradient; " + (saved
                            ? "resume from the last checkpoint " + lowerRate
                            : "no checkpoint was written yet: start again " + lowerRate));
        }
    }

    /**
     * Whether to write the checkpoint now, after {@link #after}: one {@code due} while the last step was skipped is
     * put off to the next step that is not. Its weights are those of the last good step, but the skips may be the
     * start of a divergence, and a checkpoint written amid them would be the "last checkpoint" the stop above
     * tells the user to resume from, over the good one before it. The run's {@code last} step writes one anyway:
     * there is no later step, and its weights are still the last good step's.
     */
    boolean checkpointNow(boolean due, boolean last) {
        checkpointPutOff |= due;
        if (checkpointPutOff && (skippedInARow == 0 || last)) {
            checkpointPutOff = false;
            return true;
        }
        return false;
    }
}
