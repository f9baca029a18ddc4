package io.github.diffusionnlp.eval;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * How a results file (compare-ar's, the evaluation module's) writes a path: one inside the working directory relative
 * to it, as a user in the repository types it ({@code test-data/models/brown-cdcd}), so that committed results do not
 * carry the machine's directories ({@code /work/main/...}); the default model and held-out files are found as absolute
 * paths. Any other path is written as given.
 */
public final class ResultPaths {
    private ResultPaths() {}

    /** {@code path} relative to the working directory when it is an absolute path inside it; else as given. */
    public static String shown(Path path) {
        return shown(path, Path.of("").toAbsolutePath());
    }

    /**
     * {@link #shown(Path)} from the working directory {@code workingDirectory}. From the root directory (a container's
     * default) every absolute path would be inside it and lose its leading separator: none is made relative there.
     */
    static String shown(Path path, Path workingDirectory) {
        if (path == null || !path.isAbsolute()) {
            return path == null ? null : path.toString();
        }
        Path cwd = workingDirectory.toAbsolutePath().normalize();
        Path normal = path.normalize();
        if (cwd.getNameCount() == 0 || !normal.startsWith(cwd)) {
            return path.toString();
        }
        String relative = cwd.relativize(normal).toString();
        return relative.isEmpty() ? "." : relative;
    }

    /** {@link #shown(Path)} of a path recorded as text (a training record's corpus); text that is no path as it is. */
    public static String shown(String path) {
        if (path == null) {
            return null;
        }
        try {
            return shown(Path.of(path));
        } catch (InvalidPathException e) {
            return path;
        }
    }
}
