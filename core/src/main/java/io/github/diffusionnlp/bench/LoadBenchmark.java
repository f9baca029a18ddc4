package io.github.diffusionnlp.bench;

import ai.djl.Device;
import com.google.common.collect.Lists;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Concurrent clients issuing infill requests against one shared model, with request batching on
 * and off: throughput and latency percentiles, and resident memory over a long batched run.
 */
public final class LoadBenchmark {
    /** The request both benchmarks time: one sentence with two masks. */
    static final List<String> SENTENCE = List.of("The", DiffusionLM.MASK, "of", "the", "committee", "said",
            "that", "the", DiffusionLM.MASK, "was", "late", ".");

    private final Path model;
    private final Device device;
    private final int steps;
    private final Duration maxWait;
    private final int lanes;
    private final Consumer<String> progress;

    /**
     * {@code device}: where the model runs (null: the engine's default); {@code maxWait}: how long the
     * batcher waits for company before running a batch; {@code lanes}: how many batches run at once.
     */
    public LoadBenchmark(Path model, Device device, int steps, Duration maxWait, int lanes, Consumer<String> progress) {
        this.model = model;
        this.device = device;
        this.steps = steps;
        this.maxWait = maxWait;
        this.lanes = lanes;
        this.progress = progress;
    }

    /** One configuration's figures; latencies in milliseconds, {@code latencies} sorted. */
    public record Result(int clients, boolean batched, int requests, double seconds, double p50, double p95,
            double[] latencies) {
        public double throughput() {
            return requests / seconds;
        }

        /** Runs of one configuration taken as one: all their requests over all their seconds, and all latencies. */
        public static Result pooled(List<Result> runs) {
            double[] all = runs.stream().flatMapToDouble(r -> Arrays.stream(r.latencies())).sorted().toArray();
            Result first = runs.get(0);
            return new Result(first.clients(), first.batched(), all.length,
                    runs.stream().mapToDouble(Result::seconds).sum(), percentile(all, 0.5), percentile(all, 0.95), all);
        }
    }

    public DiffusionLM open(boolean batched) throws IOException {
        return DiffusionLM.builder().optModel(model).optDevice(device).optBatching(batched ? 64 : 0, maxWait, lanes)
                .build();
    }

    /** {@code clients} threads each issue {@code perClient} requests back to back. */
    public Result run(DiffusionLM lm, boolean batched, int clients, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<double[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    start.await();
                    double[] latencies = new double[perClient];
                    for (int i = 0; i < perClient; i++) {
                        long t = System.nanoTime();
                        lm.infill(SENTENCE, SamplingOptions.builder().steps(steps).seed(client * 100_000L + i).build());
                        latencies[i] = (System.nanoTime() - t) / 1e6;
                    }
                    return latencies;
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            double[] all = new double[clients * perClient];
            for (int c = 0; c < clients; c++) {
                System.arraycopy(futures.get(c).get(), 0, all, c * perClient, perClient);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Arrays.sort(all);
            Result r = new Result(clients, batched, all.length, seconds, percentile(all, 0.5), percentile(all, 0.95),
                    all);
            progress.accept(String.format(Locale.ROOT, "%d clients, batching %s: %.1f requests/s", clients,
                    batched ? "on" : "off", r.throughput()));
            return r;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client count's runs at one intra-op thread count, without and with request batching, one per round. */
    public record ThreadRuns(int clients, int threads, List<Result> unbatched, List<Result> batched) {
        /** The runs with request batching on or off, one per round. */
        public List<Result> runs(boolean batching) {
            return batching ? batched : unbatched;
        }
    }

    /**
     * Each client count at each of {@code threadCounts} (PyTorch's intra-op threads), interleaved so that the
     * counts meet the same state of the machine: per client count, {@code rounds} rounds, each running every
     * count in turn (odd rounds in reverse: 2, 1, 1, 2, ...), unbatched and then batched. Each count samples on
     * its own pair of models, opened and warmed up under it, and on client threads started under it, since a
     * thread keeps the count it first ran native work with ({@link IntraOpThreads}). The process's count is
     * put back afterwards.
     */
    public List<ThreadRuns> compareIntraOpThreads(int[] clients, int requests, List<Integer> threadCounts, int rounds)
            throws Exception {
        int original = IntraOpThreads.current();
        Map<Integer, DiffusionLM> unbatchedModels = new LinkedHashMap<>();
        Map<Integer, DiffusionLM> batchedModels = new LinkedHashMap<>();
        try {
            for (int threads : threadCounts) {
                IntraOpThreads.set(threads);
                batchedModels.put(threads, open(true));
                unbatchedModels.put(threads, open(false));
                run(batchedModels.get(threads), true, 2, 4); // warm-up of both, and the lane's count set
                run(unbatchedModels.get(threads), false, 2, 4);
            }
            List<ThreadRuns> all = new ArrayList<>();
            for (int c : clients) {
                int perClient = Math.max(1, requests / c);
                Map<Integer, ThreadRuns> byCount = new LinkedHashMap<>();
                for (int threads : threadCounts) {
                    byCount.put(threads, new ThreadRuns(c, threads, new ArrayList<>(), new ArrayList<>()));
                }
                for (int round = 0; round < rounds; round++) {
                    for (int threads : round % 2 == 0 ? threadCounts : Lists.reverse(threadCounts)) {
                        IntraOpThreads.set(threads);
                        progress.accept(String.format(Locale.ROOT, "round %d of %d, %d intra-op thread%s:", round + 1,
                                rounds, threads, threads == 1 ? "" : "s"));
                        byCount.get(threads).unbatched().add(run(unbatchedModels.get(threads), false, c, perClient));
                        byCount.get(threads).batched().add(run(batchedModels.get(threads), true, c, perClient));
                    }
                }
                all.addAll(byCount.values());
            }
            return all;
        } finally {
            batchedModels.values().forEach(DiffusionLM::close);
            unbatchedModels.values().forEach(DiffusionLM::close);
            IntraOpThreads.set(original);
        }
    }

    /**
     * What any batching of {@code clients} concurrent requests could reach here at best: every forward
     * pass carrying all of them, run either as one batch of {@code clients} rows or as two concurrent
     * batches of half as many (whichever is faster), with no waiting between batches. Requests per
     * second, from {@code repeats} timed rounds on a model without request batching.
     */
    public double fullBatchBound(DiffusionLM lm, int clients, int repeats) throws Exception {
        double one = roundsPerSecond(lm, List.of(clients), repeats) * clients;
        double two = clients < 2 ? 0
                : roundsPerSecond(lm, List.of(clients / 2, clients - clients / 2), repeats) * clients;
        return Math.max(one, two);
    }

    /** Rounds per second when each round runs one infillAll call per entry of {@code batches}, concurrently. */
    private double roundsPerSecond(DiffusionLM lm, List<Integer> batches, int repeats) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(batches.size());
        try {
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                List<Future<?>> calls = new ArrayList<>();
                for (int rows : batches) {
                    SamplingOptions options =
                            SamplingOptions.builder().steps(steps).seed(r * 1000L).batchSize(rows).build();
                    calls.add(pool.submit(() -> lm.infillAll(java.util.Collections.nCopies(rows, SENTENCE), options)));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
            }
            return repeats / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Resident memory before and after {@code requests} batched requests from {@code clients} threads. */
    public record Memory(int requests, long rssBeforeKb, long rssAfterKb, int arraysBefore, int arraysAfter,
            long batchingThreadsOpen, long batchingThreadsAfterClose) {}

    public Memory memory(int clients, int requests) throws Exception {
        long before;
        long open;
        long after;
        int arraysBefore;
        int arraysAfter;
        try (DiffusionLM lm = open(true)) {
            run(lm, true, clients, Math.max(1, 200 / clients)); // warm-up: allocator pools, JIT
            System.gc();
            before = SpeedBenchmark.residentKb();
            arraysBefore = lm.liveArrays();
            run(lm, true, clients, requests / clients);
            System.gc();
            after = SpeedBenchmark.residentKb();
            arraysAfter = lm.liveArrays();
            open = liveThreads();
        }
        return new Memory(requests / clients * clients, before, after, arraysBefore, arraysAfter, open, liveThreads());
    }

    /** Threads of this library (the batching dispatcher) that are alive. */
    private static long liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("diffusion-nlp")).count();
    }
}
