package io.github.diffusionnlp;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
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
 * a scorer's or a per-call one left open, shows only there). Each reading also holds the Java heap's committed
 * and used size (after a {@code System.gc()}) and what RSS holds beyond the committed heap: an estimate of native
 * memory (PyTorch's, the allocator's), metaspace, code and thread stacks. RSS alone counts the heap's growth as if
 * it were a leak (a front end run with a large {@code -Xmx} grows its heap over thousands of calls and need not
 * give it back), so the summary judges the part beyond the heap. The estimate is low while committed heap pages are
 * not yet touched (they are committed but not resident; {@code -XX:+AlwaysPreTouch} makes them resident at once).
 */
public final class LongRunMemory {
    /**
     * One reading: after how many calls, VmRSS, the Java heap's committed and used size (all in kB), the model's
     * arrays, the process's arrays.
     */
    public record Reading(int calls, long rssKb, long heapCommittedKb, long heapUsedKb, int modelArrays,
            int processArrays) {
        /** What RSS holds beyond the committed heap, in kB: native memory, metaspace, code, stacks (an estimate). */
        public long beyondHeapKb() {
            return rssKb - heapCommittedKb;
        }
    }

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
        System.out.println(summary(path, readings, warmUp));
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

    /** Percentage change from {@code from} to {@code to} (0 when {@code from} is 0). */
    public static double change(long from, long to) {
        return from == 0 ? 0 : 100.0 * (to - from) / from;
    }

    /**
     * The run's verdict in one line: the change after the warm-up of what RSS holds beyond the committed heap (the
     * part a native leak grows), beside the change of RSS and of the committed heap it holds.
     */
    public static String summary(String path, List<Reading> readings, int warmUp) {
        Reading warm = afterWarmUp(readings, warmUp);
        Reading last = readings.get(readings.size() - 1);
        return String.format(Locale.ROOT, "long-run %s: after the warm-up (%d → %d calls) beyond the heap"
                + " %,d → %,d kB (%+.1f%%); RSS %,d → %,d kB (%+.1f%%), of it heap committed %,d → %,d kB",
                path, warm.calls(), last.calls(), warm.beyondHeapKb(), last.beyondHeapKb(),
                change(warm.beyondHeapKb(), last.beyondHeapKb()), warm.rssKb(), last.rssKb(),
                change(warm.rssKb(), last.rssKb()), warm.heapCommittedKb(), last.heapCommittedKb());
    }

    /** The first reading at or after the warm-up (the first reading if none is). */
    static Reading afterWarmUp(List<Reading> readings, int warmUp) {
        return readings.stream().filter(r -> r.calls() >= warmUp).findFirst().orElse(readings.get(0));
    }

    /** A reading after a {@code System.gc()}. */
    static Reading read(int calls, IntSupplier modelArrays) {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Reading(calls, residentKb(), heap.getCommitted() / 1024, heap.getUsed() / 1024,
                modelArrays.getAsInt(), processArrays());
    }

    private static void print(String path, Reading r) {
        System.out.printf(Locale.ROOT, "long-run %s: %d calls, RSS %,d kB (heap committed %,d kB, used %,d kB;"
                + " beyond the heap %,d kB), model arrays %d, process arrays %d%n", path, r.calls(), r.rssKb(),
                r.heapCommittedKb(), r.heapUsedKb(), r.beyondHeapKb(), r.modelArrays(), r.processArrays());
    }

    /**
     * A Markdown row: path, calls, RSS after the warm-up and at the end and its change, the committed heap after the
     * warm-up → at the end, what RSS holds beyond it after the warm-up and at the end and its change, and both array
     * counts before the first call → after the warm-up → at the end (the first calls may build caches the model
     * keeps: a leak is growth after the warm-up).
     */
    private static void record(String path, List<Reading> readings, int warmUp) {
        Reading first = readings.get(0);
        Reading warm = afterWarmUp(readings, warmUp);
        Reading last = readings.get(readings.size() - 1);
        String row = String.format(Locale.ROOT, "| %s | %,d | %,d kB | %,d kB | %+.1f%% | %,d → %,d kB | %,d kB"
                + " | %,d kB | %+.1f%% | %d → %d → %d | %d → %d → %d |%n",
                path, last.calls(), warm.rssKb(), last.rssKb(), change(warm.rssKb(), last.rssKb()),
                warm.heapCommittedKb(), last.heapCommittedKb(), warm.beyondHeapKb(), last.beyondHeapKb(),
                change(warm.beyondHeapKb(), last.beyondHeapKb()),
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
