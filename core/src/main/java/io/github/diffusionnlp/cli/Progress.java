package io.github.diffusionnlp.cli;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A periodic progress line on stderr (at most every 5 s): count, rate, and ETA when the total is known; and, while a
 * batch of lines or sentences takes long, its windows or sentences sampled so far ({@link #rows}).
 */
final class Progress {
    /** How long between two lines, in nanoseconds: 5 s. */
    static final long PERIOD = 5_000_000_000L;

    private final String what;
    private final String unit;
    private final String units;
    private final LongSupplier clock;
    private final long period;
    private final long start;
    private long lastPrint;
    private long total = -1;
    private long printed = -1;

    /**
     * How long between two lines of the commands' progress, in nanoseconds: {@link #PERIOD}; shorter in a test that
     * reads the lines a short run prints (-1: every update).
     */
    static long commandPeriod = PERIOD;

    /**
     * {@code unit} and {@code units}: the noun for one and for any other count ("line", "lines"); a line at most
     * every {@link #commandPeriod}.
     */
    Progress(String what, String unit, String units) {
        this(what, unit, units, System::nanoTime, commandPeriod);
    }

    /** With another clock (nanoseconds) and time between lines, for a test. */
    Progress(String what, String unit, String units, LongSupplier clock, long period) {
        this.what = what;
        this.unit = unit;
        this.units = units;
        this.clock = clock;
        this.period = period;
        this.start = clock.getAsLong();
        this.lastPrint = start;
    }

    Progress total(long total) {
        this.total = total;
        return this;
    }

    void update(long done) {
        long now = clock.getAsLong();
        if (now - lastPrint > period) {
            lastPrint = now;
            print(done, now);
        }
    }

    void done(long done) {
        long now = clock.getAsLong();
        if (now - start > period && printed != done) {
            print(done, now);
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
        return what + ": " + count(done, total, seconds, unit, units);
    }

    /**
     * The line for a batch of lines still sampling, after {@code done} lines before it: "rewrite: 3 lines, line 4:
     * 320/1563 windows, 12.5 windows/s, ETA 99 s", the windows' count, rate and ETA as {@link #line(long, double)}
     * writes the lines', {@code seconds} since the batch began.
     *
     * @param where the batch's lines ("line 4", "lines 4-35")
     */
    String line(long done, String where, long rows, long rowTotal, double seconds, String rowUnit,
            String rowUnits) {
        return what + ": " + done + " " + (done == 1 ? unit : units) + ", " + where + ": "
                + count(rows, rowTotal, seconds, rowUnit, rowUnits);
    }

    private static String count(long done, long total, double seconds, String unit, String units) {
        double rate = done / seconds;
        String eta = total > 0 && rate > 0 ? String.format(Locale.ROOT, ", ETA %.0f s", (total - done) / rate) : "";
        long last = total > 0 ? total : done;
        String speed = done == 0 ? ""
                : rate >= 1 ? String.format(Locale.ROOT, ", %.1f %s/s", rate, units)
                : String.format(Locale.ROOT, ", %.1f s/%s", 1 / rate, unit);
        return String.format(Locale.ROOT, "%d%s %s%s%s", done, total > 0 ? "/" + total : "",
                last == 1 ? unit : units, speed, eta);
    }

    /**
     * What a call sampling a batch of lines (or {@code generate}'s sentences) reports its rows to, step by step
     * ({@code SamplingOptions.Builder#optProgress}): after
     * a period without a line printed, the line {@link #line(long, String, long, long, double, String, String)}
     * writes, on the same cadence as the lines'. The call may sample its rows in several passes (infill's rounds, a
     * rewrite's masks filled first), each reset and counted from 0: the count here runs on across them, toward
     * {@code rowTotal}, every row of the batch.
     *
     * @param done the lines written before the batch
     * @param where the batch's lines ("line 4", "lines 4-35")
     */
    ai.djl.util.Progress rows(long done, String where, long rowTotal, String rowUnit, String rowUnits) {
        long began = clock.getAsLong();
        return new ai.djl.util.Progress() {
            private long before; // rows of the passes ended
            private long pass; // rows of this pass

            @Override
            public void reset(String message, long max, String trailingMessage) {
                before += pass;
                pass = 0;
            }

            @Override
            public void start(long initialProgress) {
                pass = initialProgress;
            }

            @Override
            public void end() {}

            @Override
            public void increment(long increment) {
                update(pass + increment, null);
            }

            @Override
            public void update(long progress, String message) {
                pass = progress;
                long now = clock.getAsLong();
                if (now - lastPrint > period) {
                    lastPrint = now;
                    System.err.println(line(done, where, before + pass, rowTotal, (now - began) / 1e9, rowUnit,
                            rowUnits));
                }
            }
        };
    }
}
