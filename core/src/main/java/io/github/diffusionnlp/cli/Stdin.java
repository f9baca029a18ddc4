package io.github.diffusionnlp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The standard input of this project's line-reading tools (this CLI's {@code infill}, {@code suggest} and {@code
 * rewrite}, the OpenNLP tools {@code Infill}, {@code Suggest} and {@code Rewrite}): refused when it is closed.
 */
public final class Stdin {
    /** Where Linux shows this process's descriptor 0. */
    private static final Path FD0 = Path.of("/proc/self/fd/0");

    private Stdin() {}

    /**
     * Fails, before anything is read, when {@code in} is {@link System#in} and descriptor 0 was closed when the JVM
     * started ({@code <&-}, a service manager's closed stdin). The JVM then opens its own {@code lib/modules} as
     * descriptor 0, the lowest free one, and the tools read that file as their input and said {@code stdin line 1 is
     * not valid UTF-8}, a wrong diagnosis. Closed means, on Linux: {@code /proc/self/fd/0} is absent while {@code
     * /proc/self/fd} is there, or it names a file under {@code java.home}, which no one gives a line tool as its
     * input. Without {@code /proc} (macOS, Windows) nothing is checked, and any other input (a pipe, a file, a
     * terminal, {@code /dev/null}) passes.
     *
     * @param in the stream the tool is to read; only {@link System#in} is checked (tests give their own)
     * @throws IOException saying that standard input is closed
     */
    public static void requireOpen(InputStream in) throws IOException {
        if (in == System.in && closed()) {
            throw new IOException("standard input is closed: give the lines on stdin (a pipe or < FILE)");
        }
    }

    /** Whether descriptor 0 is closed or the JVM's own file, by {@code /proc}; false when it cannot tell. */
    static boolean closed() {
        try {
            if (!Files.isSymbolicLink(FD0)) {
                // no descriptor 0 at all (still closed), where /proc shows the others; no /proc: cannot tell
                return Files.isDirectory(FD0.getParent()) && Files.notExists(FD0, LinkOption.NOFOLLOW_LINKS);
            }
            Path target = Files.readSymbolicLink(FD0);
            String home = System.getProperty("java.home");
            if (!target.isAbsolute() || home == null || home.isEmpty()) {
                return false; // pipe:[123], socket:[456], anon_inode:...: open, whatever it is
            }
            Path javaHome = Path.of(home).toAbsolutePath().normalize();
            return target.startsWith(javaHome) || target.startsWith(javaHome.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false; // cannot tell: the read that follows says what it finds
        }
    }
}
