package io.github.diffusionnlp.api;

import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.model.ModelConfig;
import java.nio.file.Path;

/** What a loaded model is: where it came from, its shape, its size and its training. */
public record ModelInfo(Path directory, ModelConfig config, long parameters, TrainingInfo training) {
    /**
     * Whether its training record counts its rows' lengths ({@link TrainingInfo#rowLengths}), which {@link
     * SamplingOptions.Builder#drawLength} draws from: models trained before 2026-12-06 do not, until the command line's
     * {@code row-lengths} records them.
     */
    public boolean recordsRowLengths() {
        return training != null && training.rowLengths() != null;
    }
}
