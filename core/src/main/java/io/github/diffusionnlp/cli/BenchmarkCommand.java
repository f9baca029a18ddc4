package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.OptionErrors;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.bench.MachineLoad;
import io.github.diffusionnlp.bench.SpeedBenchmark;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.train.Throughput;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Speed on this machine in one run: matrix-multiply GFLOP/s, training tokens/s, sampling"
                + " latency (64 tokens) and the GFLOP/s each achieves as a share of the matmul figure; resident"
                + " memory over many infill calls. Prints Markdown tables.")
final class BenchmarkCommand implements Callable<Integer> {
    CommandSpec spec;

    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        ModelOptions.hideUnread(spec, UNREAD);
    }

    /** Of the shared model options, only --model, --device and --precision shape what is timed. */
    private static final String[] UNREAD = {"--steps", "--seed", "--batch", "--temperature", "--x0-temperature",
            "--ngram-weight", "--ngram-corpus", "--banned-words"};

    @Mixin
    ModelOptions model;

    @Option(names = "--corpus", paramLabel = "FILE", defaultValue = "test-data/brown/train.conllu.gz",
            description = "corpus for the training measurement, read as --layout and --multiword say, as train's"
                    + " (default: ${DEFAULT-VALUE}, from the working directory or the model directory's parents)")
    Path corpus;

    @Mixin
    CorpusReading reading; // --layout and --multiword, for --corpus

    @Option(names = "--size", paramLabel = "S",
            defaultValue = "small", description = "model size trained (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--train-batch", paramLabel = "N",
            defaultValue = "64", description = "training batch (default: ${DEFAULT-VALUE})")
    int trainBatch;

    @Option(names = "--train-steps", paramLabel = "N", defaultValue = "40",
            description = "training steps timed (default: ${DEFAULT-VALUE})")
    int trainSteps;

    @Option(names = "--train-warm-up", paramLabel = "N", defaultValue = "30",
            description = "training steps before the timed ones, reported on a row of their own; a fresh process's"
                    + " first few dozen steps run slower than a long run's (default: ${DEFAULT-VALUE})")
    int trainWarmUp;

    @Option(names = "--step-counts", paramLabel = "N", split = ",", defaultValue = "8,16,32,64,128",
            description = "sampling step counts (default: ${DEFAULT-VALUE})")
    int[] stepCounts;

    @Option(names = "--batches", paramLabel = "N", split = ",", defaultValue = "1,32",
            description = "sampling batch sizes (default: ${DEFAULT-VALUE})")
    int[] batches;

    @Option(names = "--memory-calls", paramLabel = "N", defaultValue = "2000",
            description = "consecutive infill calls for the memory check; 0 skips it (default: ${DEFAULT-VALUE})")
    int memoryCalls;

    @Option(names = "--quick", description = "a short run: 10 training steps after 10 warm-up steps, 8 and 16"
            + " sampling steps, 200 memory calls; an option given beside it keeps its value")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        ModelOptions.refuseUnread(spec.commandLine().getParseResult(), "benchmark",
                "it times its own sampling settings (--step-counts, --batches)", UNREAD);
        if (quick) {
            // Only what the command line left at its default: `--quick --step-counts 32` is a short run at
            // 32 steps, not a silent 8 and 16 (docs/speed.md shortens runs this way).
            ParseResult given = spec.commandLine().getParseResult();
            if (!given.hasMatchedOption("--train-steps")) {
                trainSteps = 10;
            }
            if (!given.hasMatchedOption("--train-warm-up")) {
                trainWarmUp = 10;
            }
            if (!given.hasMatchedOption("--step-counts")) {
                stepCounts = new int[] {8, 16};
            }
            if (!given.hasMatchedOption("--memory-calls")) {
                memoryCalls = 200;
            }
        }
        if (trainSteps < 1 || trainWarmUp < 4) {
            throw new ParameterException(spec.commandLine(),
                    "--train-steps must be at least 1 and --train-warm-up at least 4 (the first 3 steps are never"
                            + " timed), got " + trainSteps + " and " + trainWarmUp);
        }
        corpus = RepositoryFiles.locate(corpus, model.choice.model, "--corpus", "a training corpus");
        SpeedBenchmark.TrainingCorpus sentences = checkBeforeMeasuring();
        SpeedBenchmark bench = new SpeedBenchmark(System.err::println);
        MachineLoad atStart = MachineLoad.now();
        warnIfBusy("start", atStart);
        double startCeiling = bench.matmulCeiling();
        double beforeTraining = bench.ceilingNow();
        SpeedBenchmark.Training train = bench.training(sentences, size, trainBatch, trainWarmUp, trainSteps);
        double besideTraining = Math.max(beforeTraining, bench.ceilingNow());
        List<SpeedBenchmark.Sampling> sampling;
        SpeedBenchmark.Memory memory = null;
        try (DiffusionLM lm = model.load()) {
            sampling = bench.sampling(lm, batches, stepCounts);
            if (memoryCalls > 0) {
                memory = bench.memory(lm, memoryCalls);
            }
        }
        MachineLoad atEnd = MachineLoad.now();
        warnIfBusy("end", atEnd);
        // the tables are written once every reading is in: the ceiling is the best of them all
        double ceiling = bench.bestCeiling();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "machine: %d cores, %s %s; matmul ceiling %.1f GFLOP/s (the best of"
                + " the run's readings; %.1f at its start)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("os.name"), ceiling, startCeiling));
        out.append("machine load: at the start ").append(atStart.describe()).append("; at the end ")
                .append(atEnd.describe()).append('\n');
        if (atStart.busy() || atEnd.busy()) {
            out.append(MachineLoad.UNRELIABLE).append('\n');
        }
        out.append('\n');
        out.append("share of matmul: against that ceiling; beside: against the ceiling's best shape timed"
                + " just before and just after the figure (the larger of the two)\n\n");
        out.append("| training (" + size + ", batch " + trainBatch + ") | tokens/s | GFLOP/s | share of matmul"
                + " | ceiling beside | share beside |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        out.append(trainingRow(String.format(Locale.ROOT, "steps 4–%d (warm-up)", train.warmUpSteps()),
                train.warmUp(), ceiling, besideTraining));
        out.append(trainingRow(String.format(Locale.ROOT, "steps %d–%d", train.warmUpSteps() + 1,
                train.warmUpSteps() + train.timed().steps()), train.timed(), ceiling, besideTraining));
        out.append('\n');
        out.append("| sampling 64 tokens | steps | latency | per step | GFLOP/s | share of matmul"
                + " | ceiling beside | share beside |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SpeedBenchmark.Sampling s : sampling) {
            out.append(String.format(Locale.ROOT,
                    "| batch %d | %d | %.0f ms | %.1f ms | %.1f | %.0f%% | %.1f | %.0f%% |%n",
                    s.batch(), s.steps(), 1000 * s.seconds(), 1000 * s.seconds() / s.steps(), s.gflopsPerSecond(),
                    100 * s.gflopsPerSecond() / ceiling, s.ceilingBeside(),
                    100 * s.gflopsPerSecond() / s.ceilingBeside()));
        }
        if (memory != null) {
            SpeedBenchmark.Memory m = memory;
            out.append(String.format(Locale.ROOT, "%n| memory | infill calls | RSS before | RSS after | change |"
                    + " live NDArrays before → after |%n|---|---:|---:|---:|---:|---|%n"
                    + "| one sentence, 2 masks, 4 steps | %,d | %,d kB | %,d kB | %+.1f%% | %d → %d |%n",
                    m.calls(), m.rssBeforeKb(), m.rssAfterKb(),
                    100.0 * (m.rssAfterKb() - m.rssBeforeKb()) / m.rssBeforeKb(), m.liveArraysBefore(),
                    m.liveArraysAfter()));
        }
        System.out.print(out);
        return 0;
    }

    private static void warnIfBusy(String when, MachineLoad load) {
        String warning = load.warning(when);
        if (warning != null) {
            System.err.println(warning);
        }
    }

    /**
     * The model is loaded, and the sampling options used, only after the matmul and training measurements
     * (minutes), and --corpus trained on only after the matmul one: what would fail then is refused now, in the
     * options' names. Returns --corpus, read once, here (one that does not read as --layout says, or holds no
     * sentence, is refused), for the training measurement.
     */
    private SpeedBenchmark.TrainingCorpus checkBeforeMeasuring() throws IOException {
        OptionErrors.checked("--size", () -> ModelConfig.ofSize(size, 100, 32));
        if (stepCounts.length == 0 || batches.length == 0) {
            throw new IllegalArgumentException("--step-counts and --batches need at least one value each");
        }
        for (int steps : stepCounts) {
            OptionErrors.checked("--step-counts", () -> SamplingOptions.builder().steps(steps));
        }
        for (int batch : batches) {
            OptionErrors.checked("--batches", () -> SamplingOptions.builder().batchSize(batch));
        }
        if (trainBatch < 1 || trainBatch > TrainOptions.MAX_BATCH_SIZE) { // refused after the matmul measurement
            throw new IllegalArgumentException((trainBatch < 1 ? "--train-batch must be at least 1, got "
                    : "--train-batch must be at most " + TrainOptions.MAX_BATCH_SIZE + ", got ") + trainBatch);
        }
        if (memoryCalls < 0) {
            throw new IllegalArgumentException(
                    "--memory-calls must be at least 0 (0 skips the memory check), got " + memoryCalls);
        }
        model.choice.device();
        ModelCheckpoint.readModelHeader(model.choice.model != null ? model.choice.model : DefaultModel.locate());
        return SpeedBenchmark.readTrainingCorpus(corpus, reading.layout(), reading.multiword(), System.err);
    }

    private static String trainingRow(String label, Throughput t, double ceiling, double beside) {
        return String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.0f%% | %.1f | %.0f%% |%n", label,
                t.tokensPerSecond(), t.gflopsPerSecond(), 100 * t.gflopsPerSecond() / ceiling, beside,
                100 * t.gflopsPerSecond() / beside);
    }
}
