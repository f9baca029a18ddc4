package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.bench.SpeedBenchmark;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.Throughput;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Speed on this machine in one run: matrix-multiply GFLOP/s, training tokens/s, sampling"
                + " latency (64 tokens) and the GFLOP/s each achieves as a share of the matmul figure; resident"
                + " memory over many infill calls. Prints Markdown tables.")
final class BenchmarkCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = "--corpus", defaultValue = "test-data/brown/train.conllu.gz",
            description = "corpus for the training measurement (default: ${DEFAULT-VALUE})")
    Path corpus;

    @Option(names = "--size", defaultValue = "small", description = "model size trained (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--train-batch", defaultValue = "64", description = "training batch (default: ${DEFAULT-VALUE})")
    int trainBatch;

    @Option(names = "--train-steps", defaultValue = "40", description = "training steps timed (default: ${DEFAULT-VALUE})")
    int trainSteps;

    @Option(names = "--step-counts", split = ",", defaultValue = "8,16,32,64,128",
            description = "sampling step counts (default: ${DEFAULT-VALUE})")
    int[] stepCounts;

    @Option(names = "--batches", split = ",", defaultValue = "1,32",
            description = "sampling batch sizes (default: ${DEFAULT-VALUE})")
    int[] batches;

    @Option(names = "--memory-calls", defaultValue = "2000",
            description = "consecutive infill calls for the memory check; 0 skips it (default: ${DEFAULT-VALUE})")
    int memoryCalls;

    @Option(names = "--quick", description = "a short run: 10 training steps, 8 and 16 sampling steps, 200 memory calls")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        if (quick) {
            trainSteps = 10;
            stepCounts = new int[] {8, 16};
            memoryCalls = Math.min(memoryCalls, 200);
        }
        SpeedBenchmark bench = new SpeedBenchmark(System.err::println);
        double ceiling = bench.matmulCeiling();
        double beforeTraining = bench.ceilingNow();
        Throughput train = bench.training(corpus, size, trainBatch, trainSteps + 4);
        double besideTraining = Math.max(beforeTraining, bench.ceilingNow());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "machine: %d cores, %s %s; matmul ceiling %.1f GFLOP/s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("os.name"), ceiling));
        out.append("share of matmul: against the run's best ceiling; beside: against the ceiling's best shape timed"
                + " just before and just after the figure (the larger of the two)\n\n");
        out.append("| training (" + size + ", batch " + trainBatch + ") | tokens/s | GFLOP/s | share of matmul"
                + " | ceiling beside | share beside |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| %d steps | %.0f | %.1f | %.0f%% | %.1f | %.0f%% |%n%n", train.steps(),
                train.tokensPerSecond(), train.gflopsPerSecond(), 100 * train.gflopsPerSecond() / ceiling,
                besideTraining, 100 * train.gflopsPerSecond() / besideTraining));
        try (DiffusionLM lm = model.load()) {
            List<SpeedBenchmark.Sampling> sampling = bench.sampling(lm, batches, stepCounts);
            out.append("| sampling 64 tokens | steps | latency | per step | GFLOP/s | share of matmul"
                    + " | ceiling beside | share beside |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (SpeedBenchmark.Sampling s : sampling) {
                out.append(String.format(Locale.ROOT, "| batch %d | %d | %.0f ms | %.1f ms | %.1f | %.0f%% | %.1f | %.0f%% |%n",
                        s.batch(), s.steps(), 1000 * s.seconds(), 1000 * s.seconds() / s.steps(), s.gflopsPerSecond(),
                        100 * s.gflopsPerSecond() / ceiling, s.ceilingBeside(),
                        100 * s.gflopsPerSecond() / s.ceilingBeside()));
            }
            if (memoryCalls > 0) {
                SpeedBenchmark.Memory m = bench.memory(lm, memoryCalls);
                out.append(String.format(Locale.ROOT, "%n| memory | infill calls | RSS before | RSS after | change |"
                        + " live NDArrays before → after |%n|---|---:|---:|---:|---:|---|%n"
                        + "| one sentence, 2 masks, 4 steps | %,d | %,d kB | %,d kB | %+.1f%% | %d → %d |%n",
                        m.calls(), m.rssBeforeKb(), m.rssAfterKb(),
                        100.0 * (m.rssAfterKb() - m.rssBeforeKb()) / m.rssBeforeKb(), m.liveArraysBefore(),
                        m.liveArraysAfter()));
            }
        }
        System.out.print(out);
        return 0;
    }
}
