package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.corpus.Visible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Files the commands name relative to the repository root by default (the Brown splits under
 * {@code test-data/brown/}), found from any working directory as the default model is.
 */
final class RepositoryFiles {
    private RepositoryFiles() {}

    /**
     * {@code file} as given when it exists from the working directory; else a relative name (such as the
     * default) under the model directory's parents, where the shipped model's repository keeps its splits.
     * Not found: an error naming the option and how to give the file.
     *
     * @param modelDir the model the command was given, or null for the default model
     * @param what what the file holds, for the error ("the held-out sentences")
     */
    static Path locate(Path file, Path modelDir, String option, String what) {
        if (Files.exists(file)) {
            return file;
        }
        if (!file.isAbsolute()) {
            Path start = modelDir != null ? modelDir : DefaultModel.locate();
            Optional<Path> found = DefaultModel.findUpwards(start, file, Files::exists);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalArgumentException(option + " " + Visible.of(file.toString()) + ": not found (from the"
                + " working directory or the"
                + " model directory's parents); give " + what + " with " + option + " FILE");
    }
}
