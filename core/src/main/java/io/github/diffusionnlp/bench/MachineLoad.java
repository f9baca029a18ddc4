package io.github.diffusionnlp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How busy the machine is, as Linux reports it: the one-minute load average ({@code /proc/loadavg}) and the
 * share of the last ten seconds in which some task waited for a core ({@code /proc/pressure/cpu}, "some
 * avg10"; kernels since 4.20). Benchmark figures taken while other work holds the cores read far low, and on
 * such a machine even the ratios beside them mislead (an audit's run on a machine at load 8–17 read a single
 * sequence at 123% of the ceiling "beside" it): the benchmark prints these readings with its tables and says
 * when they make the figures unreliable. A reading the system does not offer is NaN.
 */
public record MachineLoad(double loadAverage, double cpuPressurePercent, int cores) {
    /**
     * Waiting for a core this share of the time, other work holds the machine; the benchmark's own start waits far
     * less.
     */
    static final double BUSY_PRESSURE_PERCENT = 25;

    public static MachineLoad now() {
        return parse(read(Path.of("/proc/loadavg")), read(Path.of("/proc/pressure/cpu")),
                Runtime.getRuntime().availableProcessors());
    }

    /** From the texts of {@code /proc/loadavg} and {@code /proc/pressure/cpu} (either null when unreadable). */
    static MachineLoad parse(String loadavg, String pressure, int cores) {
        double load = Double.NaN;
        if (loadavg != null && !loadavg.isBlank()) {
            load = number(loadavg.strip().split("\\s+")[0]);
        }
        double some = Double.NaN;
        if (pressure != null) {
            for (String line : pressure.split("\n")) {
                if (line.startsWith("some ")) {
                    for (String field : line.split("\\s+")) {
                        if (field.startsWith("avg10=")) {
                            some = number(field.substring("avg10=".length()));
                        }
                    }
                }
            }
        }
        return new MachineLoad(load, some, cores);
    }

    /**
     * Whether other work held the cores: tasks waited for a core a quarter of the time or more, or (where the
     * kernel gives no pressure figure) the load average exceeded the cores.
     */
    public boolean busy() {
        return cpuPressurePercent >= BUSY_PRESSURE_PERCENT
                || (Double.isNaN(cpuPressurePercent) && loadAverage > cores);
    }

    /** The line a benchmark's tables carry when a reading at their start or end was {@link #busy}. */
    public static final String UNRELIABLE = "unreliable: other work held the cores during this run, so every figure"
            + " reads low and even the shares beside them mislead; run the benchmark again on an idle machine";

    /**
     * What to say on standard error as soon as a busy reading is taken (at the benchmark's {@code when}: "start"),
     * so that a person watching can stop a run whose tables would mislead; null when the machine is not busy.
     */
    public String warning(String when) {
        return !busy() ? null : "warning: the machine is busy at the benchmark's " + when + " (" + describe()
                + "); while other work holds the cores every figure reads low and even the shares beside them"
                + " mislead: run the benchmark on an idle machine";
    }

    /** "load average 11.42 on 2 cores, tasks waited for a core 98% of the last 10 s" (unknown parts left out). */
    public String describe() {
        String load = Double.isNaN(loadAverage) ? "load average unknown"
                : String.format(Locale.ROOT, "load average %.2f", loadAverage);
        String pressure = Double.isNaN(cpuPressurePercent) ? ""
                : String.format(Locale.ROOT, ", tasks waited for a core %.0f%% of the last 10 s", cpuPressurePercent);
        return load + " on " + cores + (cores == 1 ? " core" : " cores") + pressure;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return null; // not Linux, or /proc hidden: the reading is unknown, not an error
        }
    }
}
