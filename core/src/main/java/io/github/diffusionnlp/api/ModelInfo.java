package io.github.diffusionnlp.api;

import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.model.ModelConfig;
import java.nio.file.Path;

/** What a loaded model is: where it came from, its shape, its size and its training. */
public record ModelInfo(Path directory, ModelConfig config, long parameters, TrainingInfo training) {}
