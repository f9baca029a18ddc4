package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tool's {@code main} in a JVM of its own, on this JVM's {@code java} and class path: what a test of what is
 * fixed per process needs (the locale and console charset Java starts with, environment variables such as
 * {@code DJL_CACHE_DIR}, {@code java.io.tmpdir}, what {@code System.exit} leaves unwritten).
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** Its exit code and what it wrote to standard output and error, together, as UTF-8. */
    public record Run(int code, String said) {}

    /** This JVM's {@code java} with {@code jvmOptions}, this class path, then {@code main} and {@code args}. */
    public static ProcessBuilder command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /**
     * Runs {@code builder}'s command with standard error merged into standard output, {@code stdin} as its input
     * (then closed), and fails unless it ends within {@code timeout}; the process is killed however this ends.
     */
    public static Run run(ProcessBuilder builder, String stdin, Duration timeout) throws IOException,
            InterruptedException {
        Process child = builder.redirectErrorStream(true).start();
        try {
            try (OutputStream in = child.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            byte[] said = child.getInputStream().readAllBytes();
            assertTrue(child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "the child JVM ran past " + timeout);
            return new Run(child.exitValue(), new String(said, StandardCharsets.UTF_8));
        } finally {
            child.destroyForcibly();
        }
    }
}
