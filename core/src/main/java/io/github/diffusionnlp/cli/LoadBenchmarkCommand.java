package io.github.diffusionnlp.cli;

import com.google.common.primitives.Ints;
import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.bench.IntraOpThreads;
import io.github.diffusionnlp.bench.LoadBenchmark;
import io.github.diffusionnlp.bench.MachineLoad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "load-benchmark", mixinStandardHelpOptions = true,
        description = "Concurrent clients issuing infill requests (one sentence, two masks) against one shared model,"
                + " with request batching on and off, in one run: throughput and p50/p95 latency; then resident"
                + " memory and threads over a long batched run. Prints Markdown tables.")
final class LoadBenchmarkCommand implements Callable<Integer> {
    @Mixin
    ModelChoice choice;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "8",
            description = "sampling steps per request (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--clients", paramLabel = "N", split = ",", defaultValue = "1,2,4,8,16",
            description = "concurrent client counts (default: ${DEFAULT-VALUE})")
    int[] clients;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "48",
            description = "requests per configuration, shared among its clients (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--max-wait-ms", paramLabel = "MS", defaultValue = "0",
            description = "how long the batcher waits for more requests before running a batch (default:"
                    + " ${DEFAULT-VALUE})")
    long maxWaitMs;

    @Option(names = "--lanes", paramLabel = "N", defaultValue = "" + DiffusionLM.DEFAULT_BATCH_LANES,
            description = "batches the batcher runs at once (default: ${DEFAULT-VALUE})")
    int lanes;

    @Option(names = "--memory-requests", paramLabel = "N", defaultValue = "10000",
            description = "requests of the memory run (8 clients, batched); 0 skips it (default: ${DEFAULT-VALUE})")
    int memoryRequests;

    @Option(names = "--intra-op-threads", split = ",", paramLabel = "N",
            description = "PyTorch intra-op thread counts to compare, e.g. 2,1: every client count runs at each,"
                    + " interleaved (per client count, the counts in turn, then in reverse, --rounds times), each on"
                    + " models opened under it; prints requests/s, p50/p95 and the ratio to the first count, and puts"
                    + " the process's count back afterwards (default: none, the engine's count without comparison)")
    int[] intraOpThreads = {};

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
            description = "with --intra-op-threads: runs of each client count at each thread count (default:"
                    + " ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() throws Exception {
        checkBeforeMeasuring();
        // read before the clients start: from then on the run's own threads wait for the two cores
        MachineLoad atStart = MachineLoad.now();
        String warning = atStart.warning("start");
        if (warning != null) {
            System.err.println(warning);
        }
        LoadBenchmark bench = new LoadBenchmark(choice.model != null ? choice.model : DefaultModel.locate(),
                choice.device(), steps, java.time.Duration.ofMillis(maxWaitMs), lanes, System.err::println);
        StringBuilder out = new StringBuilder();
        out.append("machine load at the start: ").append(atStart.describe()).append('\n');
        if (atStart.busy()) {
            out.append(MachineLoad.UNRELIABLE).append('\n');
        }
        out.append('\n');
        out.append(intraOpThreads.length == 0 ? batchingTable(bench) : threadsTable(bench));
        if (memoryRequests > 0) {
            LoadBenchmark.Memory m = bench.memory(8, memoryRequests);
            out.append(String.format(Locale.ROOT, "%n| memory run | requests | RSS before | RSS after | change"
                    + " | live NDArrays | batching threads open → after close |%n|---|---:|---:|---:|---:|---|---|%n"
                    + "| 8 clients, batched | %,d | %,d kB | %,d kB | %+.1f%% | %d → %d | %d → %d |%n",
                    m.requests(),
                    m.rssBeforeKb(), m.rssAfterKb(), 100.0 * (m.rssAfterKb() - m.rssBeforeKb()) / m.rssBeforeKb(),
                    m.arraysBefore(), m.arraysAfter(), m.batchingThreadsOpen(), m.batchingThreadsAfterClose()));
        }
        System.out.print(out);
        return 0;
    }

    /** What the run would fail on after minutes of measuring is refused now, naming the option. */
    private void checkBeforeMeasuring() {
        for (int threads : intraOpThreads) {
            IntraOpThreads.check(threads, "--intra-op-threads");
        }
        if (Arrays.stream(intraOpThreads).distinct().count() < intraOpThreads.length) {
            throw new IllegalArgumentException("--intra-op-threads: name each thread count once, got "
                    + Ints.join(",", intraOpThreads));
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
    }

    /** Batching off and on at each client count, beside what full batches would reach. */
    private String batchingTable(LoadBenchmark bench) throws Exception {
        List<LoadBenchmark.Result> results = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        try (DiffusionLM batched = bench.open(true); DiffusionLM unbatched = bench.open(false)) {
            bench.run(batched, true, 2, 4); // warm-up of both
            bench.run(unbatched, false, 2, 4);
            for (int c : clients) {
                int perClient = Math.max(1, requests / c);
                results.add(bench.run(unbatched, false, c, perClient));
                results.add(bench.run(batched, true, c, perClient));
                bounds.add(bench.fullBatchBound(unbatched, c, Math.max(2, requests / c)));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "infill requests, %d steps each, %d cores, batcher wait %d ms, %d lane%s%n%n",
                steps, Runtime.getRuntime().availableProcessors(), maxWaitMs, lanes, lanes == 1 ? "" : "s"));
        out.append("| clients | batching | requests | requests/s | p50 latency | p95 latency | batched ÷ unbatched"
                + " | full batches ÷ unbatched |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < results.size(); i += 2) {
            LoadBenchmark.Result off = results.get(i);
            LoadBenchmark.Result on = results.get(i + 1);
            for (LoadBenchmark.Result r : List.of(off, on)) {
                out.append(String.format(Locale.ROOT, "| %d | %s | %d | %.2f | %.0f ms | %.0f ms | %s | %s |%n",
                        r.clients(), r.batched() ? "on" : "off", r.requests(), r.throughput(), r.p50(), r.p95(),
                        r.batched() ? String.format(Locale.ROOT, "%.2f×", on.throughput() / off.throughput()) : "",
                        r.batched() ? String.format(Locale.ROOT, "%.2f×", bounds.get(i / 2) / off.throughput()) : ""));
            }
        }
        out.append("\nfull batches: every forward pass carries all the clients' requests (one batch of that many"
                + " rows, or two concurrent batches of half, whichever is faster) with no wait between batches —"
                + " the most any request batching can reach on this machine.\n");
        return out.toString();
    }

    /** Each client count at each intra-op thread count, batching off and on; ratios to the first count. */
    private String threadsTable(LoadBenchmark bench) throws Exception {
        List<Integer> counts = Ints.asList(intraOpThreads);
        List<LoadBenchmark.ThreadRuns> runs = bench.compareIntraOpThreads(clients, requests, counts, rounds);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "infill requests, %d steps each, %d cores, batcher wait %d ms, %d lane%s;"
                + " intra-op threads %s, interleaved over %d round%s%n%n", steps,
                Runtime.getRuntime().availableProcessors(), maxWaitMs, lanes, lanes == 1 ? "" : "s",
                Ints.join(", ", intraOpThreads), rounds, rounds == 1 ? "" : "s"));
        out.append(String.format(Locale.ROOT, "| clients | batching | intra-op threads | requests | requests/s"
                + " | requests/s by round | p50 latency | p95 latency | ÷ %d thread%s |%n", counts.get(0),
                counts.get(0) == 1 ? "" : "s"));
        out.append("|---:|---|---:|---:|---:|---|---:|---:|---:|\n");
        for (int i = 0; i < runs.size(); i += counts.size()) {
            List<LoadBenchmark.ThreadRuns> atClients = runs.subList(i, i + counts.size());
            for (boolean batched : List.of(false, true)) {
                double first = LoadBenchmark.Result.pooled(atClients.get(0).runs(batched)).throughput();
                for (LoadBenchmark.ThreadRuns r : atClients) {
                    List<LoadBenchmark.Result> byRound = r.runs(batched);
                    LoadBenchmark.Result all = LoadBenchmark.Result.pooled(byRound);
                    out.append(String.format(Locale.ROOT,
                            "| %d | %s | %d | %d | %.2f | %s | %.0f ms | %.0f ms | %.2f× |%n",
                            r.clients(), batched ? "on" : "off", r.threads(), all.requests(), all.throughput(),
                            byRound.stream().map(x -> String.format(Locale.ROOT, "%.1f", x.throughput()))
                                    .collect(Collectors.joining(", ")),
                            all.p50(), all.p95(), all.throughput() / first));
                }
            }
        }
        out.append("\nrequests/s: all rounds' requests over all their seconds; latencies: percentiles of all rounds'"
                + " requests.\n");
        return out.toString();
    }
}
