package io.github.diffusionnlp.checkpoint;

import io.github.diffusionnlp.corpus.Visible;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model file that is missing, truncated or does not match its config; the message names the file. */
public final class InvalidModelException extends IOException {
    private final Path file;

    public InvalidModelException(Path file, String problem) {
        super(Visible.of(String.valueOf(file)) + " " + problem);
        this.file = file;
    }

    /**
     * As {@link #InvalidModelException(Path, String)}, for a problem found as {@code cause} (an I/O error, a
     * parse error): the message says what it means for the model, the cause keeps where it came from.
     */
    public InvalidModelException(Path file, String problem, Throwable cause) {
        super(Visible.of(String.valueOf(file)) + " " + problem, cause);
        this.file = file;
    }

    /**
     * A model directory that does not exist, named absolute and with the advice on {@code ~} ({@link MissingPath}):
     * {@link #file} is the absolute path too, as the message names it.
     */
    public static InvalidModelException missingDirectory(Path dir) {
        Path absolute = dir.toAbsolutePath();
        return new InvalidModelException(MissingPath.named(dir) + " is not a model directory: it does not exist"
                + MissingPath.tildeHint(dir), absolute, null);
    }

    /**
     * A model path that is no directory: a file (a model's own {@code config.json}, a path completed one name too
     * far) named as such with the directory that holds it to give instead, else {@link #missingDirectory}. What
     * both formats' loads say ({@code ModelCheckpoint}, {@code ArCheckpoint}).
     */
    public static InvalidModelException notADirectory(Path dir) {
        if (Files.isRegularFile(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            return new InvalidModelException(dir, "is a file, not a model directory: give the directory that holds it"
                    + (parent == null ? "" : " (" + Visible.of(parent) + ")"));
        }
        return missingDirectory(dir);
    }

    /** A whole message already written (its file quoted as the public constructors quote it). */
    private InvalidModelException(String message, Path file, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /**
     * This problem, for a model directory the caller did not name itself: its message ends by saying what named it
     * ({@code namedBy}, "the environment variable DIFFUSION_NLP_MODEL") and how to load the shipped model instead.
     */
    public InvalidModelException namedBy(String namedBy) {
        return new InvalidModelException(getMessage() + " (no model was given, and " + namedBy + " names this one;"
                + " unset it for the shipped default model)", file, this);
    }

    public Path file() {
        return file;
    }
}
