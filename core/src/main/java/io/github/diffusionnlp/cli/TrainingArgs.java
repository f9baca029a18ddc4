package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.OptionErrors;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.train.TrainOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every training command shares (data, size, schedule, checkpoints). */
final class TrainingArgs {
    @Option(names = "--corpus", required = true, description = "training sentences (CoNLL-U or CoNLL-U Plus,"
            + " word<TAB>UPOS, one word or one sentence a line; .gz allowed; see --layout)")
    Path corpus;

    @Mixin
    CorpusReading reading; // --layout and --multiword, for --corpus and --dev

    @Option(names = "--dev", description = "validation sentences (optional)")
    Path dev;

    @Option(names = "--out", required = true, description = "checkpoint directory")
    Path out;

    @Option(names = "--size", defaultValue = TrainOptions.DEFAULT_SIZE, description = "model size: tiny, small, base (default: ${DEFAULT-VALUE}); for train-ar, the diffusion size to match")
    String size;

    @Option(names = "--vocab", defaultValue = "" + TrainOptions.DEFAULT_VOCAB_SIZE, description = "vocabulary size (default: ${DEFAULT-VALUE})")
    int vocab;

    @Option(names = "--length", defaultValue = "" + TrainOptions.DEFAULT_MAX_LENGTH, description = "positions per row (default: ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--batch", defaultValue = "" + TrainOptions.DEFAULT_BATCH_SIZE, description = "rows per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "" + TrainOptions.DEFAULT_STEPS, description = "planned steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--time-budget", converter = DurationConverter.class, description = "stop after this long, e.g."
            + " 90m, 2h, 1h30m (or ISO-8601: PT90M); resume later with --resume")
    Duration timeBudget;

    @Option(names = "--lr", defaultValue = "" + TrainOptions.DEFAULT_LEARNING_RATE, description = "peak learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--warmup", description = "warm-up steps (default: " + TrainOptions.DEFAULT_WARMUP_STEPS
            + ", or a tenth of --steps when that is fewer)")
    Integer warmup;

    @Option(names = "--seed", defaultValue = "" + TrainOptions.DEFAULT_SEED, description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "" + TrainOptions.DEFAULT_CHECKPOINT_EVERY, description = "steps between checkpoints (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--resume", description = "continue from the checkpoint in --out if there is one")
    boolean resume;

    @Option(names = "--reproducible", description = "train on one PyTorch thread, so that the same options give the"
            + " same weights bit for bit (on several threads runs of a real batch part by rounding); slower")
    boolean reproducible;

    /** The run's last line; without a dev split its dev loss is a dash. */
    void printDone(TrainingInfo info) {
        String dev = Double.isNaN(info.devLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", info.devLoss());
        System.out.printf(Locale.ROOT, "done: %s, train loss %.4f, dev loss %s, %.0f s in all -> %s%n",
                Counted.of(info.step(), "step", "steps"), info.trainLoss(), dev, info.wallSeconds(), out);
        if (info.step() < info.totalSteps()) {
            System.out.printf(Locale.ROOT, "stopped by the time budget at step %d of %d; the same command with"
                    + " --resume continues%n", info.step(), info.totalSteps());
        }
    }

    /** Runs {@code training}, on one PyTorch thread if {@code --reproducible} asked for it. */
    <T> T run(java.util.concurrent.Callable<T> training) throws Exception {
        return reproducible ? io.github.diffusionnlp.train.Reproducible.run(training) : training.call();
    }

    TrainOptions options() {
        return options(false, false, 0);
    }

    /** With the diffusion trainer's own choices ({@link TrainCommand}'s options). */
    TrainOptions options(boolean contextEmbeddings, boolean relativePositions, double averageDecay) {
        // TrainOptions names its other options; its size check is ModelConfig's, which names none
        OptionErrors.checked("--size", () -> ModelConfig.ofSize(size, 3, 2));
        TrainOptions.Builder b = TrainOptions.builder(corpus, out).dev(dev).size(size).vocabSize(vocab)
                .maxLength(length).batchSize(batch).steps(steps).timeBudget(timeBudget).learningRate(lr).seed(seed)
                .checkpointEvery(checkpointEvery).resume(resume).contextEmbeddings(contextEmbeddings)
                .relativePositions(relativePositions).averageDecay(averageDecay).layout(reading.layout)
                .multiword(reading.multiword);
        if (warmup != null) {
            b.warmupSteps(warmup);
        }
        return b.build();
    }
}
