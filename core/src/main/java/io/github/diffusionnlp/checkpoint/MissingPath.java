package io.github.diffusionnlp.checkpoint;

import io.github.diffusionnlp.corpus.Visible;
import java.nio.file.Path;

/**
 * A model path that does not exist, as a message names it: absolute, since a relative one ("models/x") says nothing
 * of the directory it was resolved against, and with a word on {@code ~}, which a shell expands and Java does not
 * (a quoted {@code "~/models/x"}, a properties file or a library call reach Java as written). Public for the front
 * ends that check a model path themselves (the OpenNLP tools' package files).
 */
public final class MissingPath {
    private MissingPath() {}

    /** {@code given} resolved against the working directory, quoted for a message ({@link Visible#of}). */
    public static String named(Path given) {
        return Visible.of(given.toAbsolutePath().toString());
    }

    /** For a path whose first name starts with {@code ~}, the advice to a message's end; else empty. */
    public static String tildeHint(Path given) {
        return given.toString().startsWith("~") ? " (Java does not expand ~ as a shell does: give the full path, or"
                + " $HOME/... unquoted in the shell)" : "";
    }
}
