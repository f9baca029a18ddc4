package io.github.diffusionnlp.cli;

import java.util.Locale;

/** A periodic progress line on stderr (at most every 5 s): count, rate, and ETA when the total is known. */
final class Progress {
    private final String what;
    private final String unit;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private long total = -1;
    private long printed = -1;

    Progress(String what, String unit) {
        this.what = what;
        this.unit = unit;
    }

    Progress total(long total) {
        this.total = total;
        return this;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrint > 5_000_000_000L) {
            lastPrint = now;
            print(done, now);
        }
    }

    void done(long done) {
        if (System.nanoTime() - start > 5_000_000_000L && printed != done) {
            print(done, System.nanoTime());
        }
    }

    private void print(long done, long now) {
        printed = done;
        double seconds = (now - start) / 1e9;
        double rate = done / seconds;
        String eta = total > 0 && rate > 0 ? String.format(Locale.ROOT, ", ETA %.0f s", (total - done) / rate) : "";
        System.err.printf(Locale.ROOT, "%s: %d%s %s, %.1f %s/s%s%n", what, done, total > 0 ? "/" + total : "", unit,
                rate, unit, eta);
    }
}
