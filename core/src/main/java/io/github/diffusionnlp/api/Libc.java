package io.github.diffusionnlp.api;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The few C library calls the command-line tools make through JNA before PyTorch starts ({@link NativeHeap},
 * {@link OpenMpWaits}): glibc's names and signatures.
 */
interface Libc extends Library {
    /**
     * Loads the process's C library; throws {@link UnsatisfiedLinkError} where there is none to load, or where JNA
     * has no directory to unpack its native part into: it then printed a warning with a stack trace on every run of
     * every tool ("JNA temporary directory '/tmp/ro' is not writable"), for a tuning the run does without.
     */
    static Libc load() {
        List<Path> places = jnaTempDirs(System.getProperty("jna.tmpdir"), System.getenv("XDG_CACHE_HOME"),
                System.getProperty("user.home"), System.getProperty("java.io.tmpdir"),
                System.getProperty("user.name", ""));
        if (places.stream().noneMatch(Libc::canHold)) {
            throw new UnsatisfiedLinkError("JNA has no writable directory to unpack its native library into (tried "
                    + places + "; -Djna.tmpdir=DIR or -Djava.io.tmpdir=DIR names one)");
        }
        return Native.load("c", Libc.class);
    }

    /** Where JNA 5 unpacks its native library ({@code Native.getTempDir}), in the order it tries them. */
    static List<Path> jnaTempDirs(String jnaTmpdir, String xdgCache, String home, String javaTmpdir, String user) {
        try {
            if (jnaTmpdir != null) {
                return List.of(Path.of(jnaTmpdir));
            }
            Path cache = xdgCache != null && !xdgCache.isBlank() ? Path.of(xdgCache.trim()) : Path.of(home, ".cache");
            return List.of(cache.resolve("JNA").resolve("temp"), Path.of(javaTmpdir, "jna-" + user.hashCode()),
                    Path.of(javaTmpdir));
        } catch (InvalidPathException | NullPointerException e) {
            return List.of(); // a property Java cannot take as a path: JNA cannot either
        }
    }

    /** Whether {@code dir} is, or can be made (its nearest existing ancestor is), a writable directory. */
    private static boolean canHold(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) && Files.isWritable(p);
            }
        }
        return false;
    }

    int mallopt(int param, int value);

    int setenv(String name, String value, int overwrite);

    String getenv(String name);
}
