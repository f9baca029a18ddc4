package io.github.diffusionnlp;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * Calls one path of the library many times in a row, as a long-lived service would, and reads resident
 * memory (VmRSS) and live NDArrays before the first call, after a warm-up and at intervals. Live arrays are
 * counted twice: on the model's own manager (what {@code DiffusionLM.liveArrays()} reports) and on DJL's
 * system manager, which counts the arrays of every manager in the process (a leak on a manager of its own,
 * a scorer's or a per-call one left open, shows only there).
 */
public final class LongRunMemory {
    /** One reading: after how many calls, VmRSS, the model's arrays, the process's arrays. */
    public record Reading(int calls, long rssKb, int modelArrays, int processArrays) {}

    private LongRunMemory() {}

    /**
     * Runs {@code call} with 0, 1, ... {@code calls - 1}, reading before the first, after {@code warmUp} calls
     * and every {@code calls / 5}; prints each reading and appends the summary row to
     * {@code target/experiments/long-run-memory.md}.
     */
    public static List<Reading> run(String path, int calls, int warmUp, IntSupplier modelArrays, IntConsumer call) {
        List<Reading> readings = new ArrayList<>();
        long start = System.nanoTime();
        readings.add(read(0, modelArrays));
        print(path, readings.get(0));
        int every = Math.max(1, calls / 5);
        for (int i = 0; i < calls; i++) {
            call.accept(i);
            int done = i + 1;
            if (done == warmUp || done % every == 0 || done == calls) {
                Reading r = read(done, modelArrays);
                readings.add(r);
                print(path, r);
                System.out.printf(Locale.ROOT, "  %.1f s so far%n", (System.nanoTime() - start) / 1e9);
            }
        }
        record(path, readings, warmUp);
        return readings;
    }

    /** Arrays held by every NDManager in the process (all are children of DJL's system manager). */
    public static int processArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    /** VmRSS of this process in kB, from /proc (Linux). */
    public static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }

    private static Reading read(int calls, IntSupplier modelArrays) {
        System.gc();
        return new Reading(calls, residentKb(), modelArrays.getAsInt(), processArrays());
    }

    private static void print(String path, Reading r) {
        System.out.printf(Locale.ROOT, "long-run %s: %d calls, RSS %,d kB, model arrays %d, process arrays %d%n",
                path, r.calls(), r.rssKb(), r.modelArrays(), r.processArrays());
    }

    /**
     * A Markdown row: path, calls, RSS after the warm-up and at the end, and both array counts before the first
     * call → after the warm-up → at the end (the first calls may build caches the model keeps: a leak is growth
     * after the warm-up).
     */
    private static void record(String path, List<Reading> readings, int warmUp) {
        Reading first = readings.get(0);
        Reading warm = readings.stream().filter(r -> r.calls() >= warmUp).findFirst().orElse(first);
        Reading last = readings.get(readings.size() - 1);
        String row = String.format(Locale.ROOT, "| %s | %,d | %,d kB | %,d kB | %+.1f%% | %d → %d → %d | %d → %d → %d |%n",
                path, last.calls(), warm.rssKb(), last.rssKb(), 100.0 * (last.rssKb() - warm.rssKb()) / warm.rssKb(),
                first.modelArrays(), warm.modelArrays(), last.modelArrays(),
                first.processArrays(), warm.processArrays(), last.processArrays());
        try {
            Path file = Path.of("target/experiments/long-run-memory.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
