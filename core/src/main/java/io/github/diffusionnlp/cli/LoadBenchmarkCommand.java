package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.bench.LoadBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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

    @Option(names = "--steps", defaultValue = "8", description = "sampling steps per request (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--clients", split = ",", defaultValue = "1,2,4,8,16",
            description = "concurrent client counts (default: ${DEFAULT-VALUE})")
    int[] clients;

    @Option(names = "--requests", defaultValue = "48",
            description = "requests per configuration, shared among its clients (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--max-wait-ms", defaultValue = "0",
            description = "how long the batcher waits for more requests before running a batch (default: ${DEFAULT-VALUE})")
    long maxWaitMs;

    @Option(names = "--lanes", defaultValue = "" + DiffusionLM.DEFAULT_BATCH_LANES,
            description = "batches the batcher runs at once (default: ${DEFAULT-VALUE})")
    int lanes;

    @Option(names = "--memory-requests", defaultValue = "10000",
            description = "requests of the memory run (8 clients, batched); 0 skips it (default: ${DEFAULT-VALUE})")
    int memoryRequests;

    @Override
    public Integer call() throws Exception {
        LoadBenchmark bench = new LoadBenchmark(choice.model != null ? choice.model : DefaultModel.locate(),
                choice.device(), steps, java.time.Duration.ofMillis(maxWaitMs), lanes, System.err::println);
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
        out.append(String.format(Locale.ROOT, "infill requests, %d steps each, %d cores, batcher wait %d ms, %d lane%s%n%n",
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
        if (memoryRequests > 0) {
            LoadBenchmark.Memory m = bench.memory(8, memoryRequests);
            out.append(String.format(Locale.ROOT, "%n| memory run | requests | RSS before | RSS after | change"
                    + " | live NDArrays | batching threads open → after close |%n|---|---:|---:|---:|---:|---|---|%n"
                    + "| 8 clients, batched | %,d | %,d kB | %,d kB | %+.1f%% | %d → %d | %d → %d |%n", m.requests(),
                    m.rssBeforeKb(), m.rssAfterKb(), 100.0 * (m.rssAfterKb() - m.rssBeforeKb()) / m.rssBeforeKb(),
                    m.arraysBefore(), m.arraysAfter(), m.batchingThreadsOpen(), m.batchingThreadsAfterClose()));
        }
        System.out.print(out);
        return 0;
    }
}
