package io.github.diffusionnlp.cli;

import java.util.Locale;

/** A periodic progress line on stderr (at most every 5 s): count, rate, and ETA when the total is known. */
final class Progress {
    private final String what;
    private final String unit;
    private final String units;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private long total = -1;
    private long printed = -1;

    /** {@code unit} and {@code units}: the noun for one and for any other count ("line", "lines"). */
    Progress(String what, String unit, String units) {
        this.what = what;
        this.unit = unit;
        this.units = units;
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
        System.err.println(line(done, (now - start) / 1e9));
    }

    /**
     * The line for {@code done} after {@code seconds}: "infill: 12 lines, 2.0 lines/s". The noun agrees with the
     * number just before it (the total when known: "1/5 sentences"); a rate is always "per" the plural. Below one
     * a second the rate is seconds per one ("20.3 s/line"): "0.0 lines/s" said nothing of a slow first line. No
     * rate before anything is done.
     */
    String line(long done, double seconds) {
        double rate = done / seconds;
        String eta = total > 0 && rate > 0 ? String.format(Locale.ROOT, ", ETA %.0f s", (total - done) / rate) : "";
        long last = total > 0 ? total : done;
        String speed = done == 0 ? ""
                : rate >= 1 ? String.format(Locale.ROOT, ", %.1f %s/s", rate, units)
                : String.format(Locale.ROOT, ", %.1f s/%s", 1 / rate, unit);
        return String.format(Locale.ROOT, "%s: %d%s %s%s%s", what, done, total > 0 ? "/" + total : "",
                last == 1 ? unit : units, speed, eta);
    }
}
