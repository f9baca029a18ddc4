package io.github.diffusionnlp.evaluation;

import java.io.PrintStream;
import java.util.Locale;

/** Progress of a long phase on stderr: a line at most every 5 s with count, rate and ETA, and one at the end. */
final class Progress {
    private final PrintStream err;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint = start;

    Progress(PrintStream err, String what, long total) {
        this.err = err;
        this.what = what;
        this.total = total;
    }

    synchronized void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrint > 5_000_000_000L && done < total) {
            lastPrint = now;
            double seconds = (now - start) / 1e9;
            double rate = done / seconds;
            String eta = rate > 0 ? String.format(Locale.ROOT, ", ETA %.0f s", (total - done) / rate) : "";
            err.printf(Locale.ROOT, "  %s: %d/%d, %.2f sentences/s%s%n", what, done, total, rate, eta);
        }
    }

    /** Prints the closing line and returns the phase's wall time in seconds. */
    synchronized double done() {
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf(Locale.ROOT, "  %s: %d/%d done in %.1f s (%.2f sentences/s)%n", what, total, total, seconds,
                seconds > 0 ? total / seconds : 0);
        return seconds;
    }
}
