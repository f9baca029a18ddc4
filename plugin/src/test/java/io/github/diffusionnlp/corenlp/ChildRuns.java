package io.github.diffusionnlp.corenlp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM that may never exit (a run waiting forever, a server), watched rather than waited for: core's
 * {@code ChildJvm.run} reads the child's output to its end, which such a child never gives.
 */
final class ChildRuns {
    private ChildRuns() {}

    /** Whether it exited (its code, else -1) and what it wrote to standard output and error, together. */
    record Run(boolean exited, int code, String said) {}

    /**
     * Starts {@code builder}'s command, its output in {@code log}, and waits for it to exit for at most
     * {@code limit}, or, once what it wrote satisfies {@code saidEnough}, {@code then} more; then kills it.
     */
    static Run watch(ProcessBuilder builder, Path log, Duration limit, Predicate<String> saidEnough, Duration then)
            throws Exception {
        Process child = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long giveUp = System.nanoTime() + limit.toNanos();
            while (!child.waitFor(200, TimeUnit.MILLISECONDS) && System.nanoTime() < giveUp) {
                if (saidEnough.test(Files.readString(log, StandardCharsets.UTF_8))) {
                    child.waitFor(then.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                }
            }
            boolean exited = !child.isAlive();
            return new Run(exited, exited ? child.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            child.destroyForcibly();
        }
    }
}
