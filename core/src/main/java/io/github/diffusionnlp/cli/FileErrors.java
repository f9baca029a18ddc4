package io.github.diffusionnlp.cli;

import java.nio.file.InvalidPathException;

/**
 * Java's errors about files and paths in words, for the one-line failures of this project's tools (this CLI's
 * {@code Main.message}, the OpenNLP tools'): Java's own messages name the path but not what went wrong, or the
 * reason but not the way out.
 */
public final class FileErrors {
    private FileErrors() {}

    /**
     * A path Java cannot take: "Malformed input or input contains unmappable characters: /m/corp?s.tsv" (a name the
     * locale's charset lacks, under {@code LANG=C}) or "Nul character not allowed: ...", said as the path, the reason
     * and, where the locale is the cause, how to run instead.
     */
    public static String describe(InvalidPathException e) {
        return "cannot use the path '" + e.getInput() + "': " + e.getReason() + JavaLocale.pathHint(e.getInput());
    }
}
