package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.OptionErrors;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.train.SettingNames;
import io.github.diffusionnlp.train.TrainOptions;
import io.github.diffusionnlp.train.TrainingRun;
import io.github.diffusionnlp.train.TrainingStopped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every training command shares (data, size, schedule, checkpoints). */
final class TrainingArgs {
    // not required of picocli: --resume may leave it out (options() refuses it missing otherwise, in picocli's words)
    @Option(names = "--corpus", paramLabel = "FILE",
            description = "training sentences (CoNLL-U or CoNLL-U Plus, word<TAB>UPOS, one word"
            + " or one sentence a line; .gz allowed; see --layout); required, but with --resume: left out, the corpus"
            + " the checkpoint records, if it is still there unchanged")
    Path corpus;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec; // the command this mixin is part of, for its usage message

    @Mixin
    CorpusReading reading; // --layout and --multiword, for --corpus and --dev

    @Option(names = "--dev", paramLabel = "FILE",
            description = "validation sentences (optional; with --resume, left out: the checkpoint's"
            + " own, if it records one)")
    Path dev;

    @Option(names = "--no-dev", description = "no validation sentences, not even with --resume the dev split the"
            + " checkpoint records (one gone, changed or no longer wanted): no dev loss is measured or recorded")
    boolean noDev;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "checkpoint directory")
    Path out;

    // the settings below have no picocli default: one not given is left unsaid (null), so that a resumed run
    // takes the checkpoint's (TrainOptions#resumedFrom) and a new model the builder's default, said in the help
    @Option(names = "--size", paramLabel = "S",
            description = "model size: tiny, small, base (default: " + TrainOptions.DEFAULT_SIZE
            + "; resuming: the checkpoint's); for train-ar, the diffusion size to match")
    String size;

    @Option(names = "--vocab", paramLabel = "N",
            description = "vocabulary size (default: " + TrainOptions.DEFAULT_VOCAB_SIZE
            + "; resuming: the checkpoint's vocabulary)")
    Integer vocab;

    @Option(names = "--length", paramLabel = "N",
            description = "positions per row (default: " + TrainOptions.DEFAULT_MAX_LENGTH
            + "; resuming: the checkpoint's)")
    Integer length;

    @Option(names = "--batch", paramLabel = "N",
            description = "rows per step, 1 to " + TrainOptions.MAX_BATCH_SIZE + " (default: "
            + TrainOptions.DEFAULT_BATCH_SIZE + "; resuming: the checkpoint's)")
    Integer batch;

    @Option(names = "--steps", paramLabel = "N", description = "planned steps (default: " + TrainOptions.DEFAULT_STEPS
            + "; resuming: the checkpoint's plan)")
    Integer steps;

    @Option(names = "--time-budget", paramLabel = "TIME",
            converter = DurationConverter.class, description = "stop after this long, e.g."
            + " 90m, 2h, 1h30m (or ISO-8601: PT90M); resume later with --resume")
    Duration timeBudget;

    @Option(names = "--lr", paramLabel = "LR",
            description = "peak learning rate (default: " + TrainOptions.DEFAULT_LEARNING_RATE
            + "; resuming: the checkpoint's)")
    Double lr;

    @Option(names = "--warmup", paramLabel = "N",
            description = "warm-up steps (default: " + TrainOptions.DEFAULT_WARMUP_STEPS
            + ", or a tenth of --steps when that is fewer; resuming: the checkpoint's)")
    Integer warmup;

    @Option(names = "--seed", paramLabel = "N", description = "seed (default: " + TrainOptions.DEFAULT_SEED
            + "; resuming: the checkpoint's)")
    Long seed;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "" + TrainOptions.DEFAULT_CHECKPOINT_EVERY,
            description = "steps between checkpoints (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--resume", description = "continue from the checkpoint in --out if there is one, on its"
            + " corpus and with its --layout, --steps, --batch, --lr, --warmup and --seed unless given (one given"
            + " otherwise is used and said, naming both values); its shape and vocabulary stay (--size, --length,"
            + " --vocab given otherwise are said); --dev left out: the dev split the checkpoint records, if it is"
            + " still there unchanged (--no-dev: none)")
    boolean resume;

    @Option(names = "--reproducible", description = "train on one PyTorch thread, so that the same options give the"
            + " same weights bit for bit (on several threads runs of a real batch part by rounding); slower")
    boolean reproducible;

    /**
     * The run's last line; without a dev split its dev loss is a dash. A run its time budget stopped has said so
     * already (the trainer's log line, as a library caller's log gets it).
     */
    void printDone(TrainingInfo info) {
        String dev = Double.isNaN(info.devLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", info.devLoss());
        System.out.printf(Locale.ROOT, "done: %s, train loss %.4f, dev loss %s, %.0f s in all -> %s%n",
                Counted.of(info.step(), "step", "steps"), info.trainLoss(), dev, info.wallSeconds(),
                Visible.of(String.valueOf(out)));
    }

    /** Exit code of a run stopped by Ctrl-C or SIGTERM, which the JVM ends with 130 or 143 itself. */
    static final int STOPPED = 130;

    /**
     * Runs {@code training} (on one PyTorch thread if {@code --reproducible} asked for it: {@link #options}), then
     * prints its last line; returns the exit code. Ctrl-C or SIGTERM stops it after the current step, with a checkpoint
     * of that step ({@link StopOnSignal}), or during its start-up at once, with nothing trained, and says where it
     * stopped.
     */
    int train(TrainingRun training) throws Exception {
        try (StopOnSignal signals = StopOnSignal.of(training)) {
            try {
                printDone(training.run());
                return 0;
            } catch (TrainingStopped stopped) {
                // said before the hook lets the JVM go (closing it), or the exit could come first
                System.out.println(stoppedBySignal(stopped));
                System.out.flush();
                return STOPPED;
            }
        }
    }

    /**
     * Where a run stopped by a signal stopped. One stopped during its start-up has trained and saved nothing: a
     * resumed checkpoint is as it was, and a new run's directory too, or gone when the run had created it (the
     * trainer's claim on it removes it).
     */
    static String stoppedBySignal(TrainingStopped stopped) {
        String dir = Visible.of(stopped.output().toString());
        if (stopped.startUpPhase() == null) {
            return String.format(Locale.ROOT, "stopped by signal at step %d, with a checkpoint of it in %s; the same"
                    + " command with --resume continues", stopped.step(), dir);
        }
        String state = stopped.step() > 0
                ? "the checkpoint in " + dir + " (step " + stopped.step() + ") is untouched; the same command continues"
                : Files.isDirectory(stopped.output()) ? dir + " is as it was, with no model in it"
                : dir + ", which the run had created, is removed";
        return "stopped by signal during start-up (" + stopped.startUpPhase() + "); nothing was trained, " + state;
    }

    TrainOptions options() {
        return options(false, false, 0);
    }

    /** With the diffusion trainer's own choices ({@link TrainCommand}'s options). */
    TrainOptions options(boolean contextEmbeddings, boolean relativePositions, double averageDecay) {
        // TrainOptions names its other options; its size check is ModelConfig's, which names none
        if (corpus == null && !resume) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--corpus=FILE' (only"
                    + " --resume may leave it out, to train on the corpus its checkpoint records)");
        }
        if (noDev && dev != null) {
            throw new ParameterException(spec.commandLine(), "--dev and --no-dev cannot both be given (--no-dev: no dev"
                    + " split, not even the one a resumed checkpoint records)");
        }
        OptionErrors.checked("--size", () -> ModelConfig.ofSize(size == null ? TrainOptions.DEFAULT_SIZE : size, 3, 2));
        TrainOptions.Builder b = TrainOptions.builder(corpus, out).dev(dev).timeBudget(timeBudget)
                .checkpointEvery(checkpointEvery).resume(resume).contextEmbeddings(contextEmbeddings)
                .relativePositions(relativePositions).averageDecay(averageDecay).layout(reading.layout)
                .multiword(reading.multiword).reproducible(reproducible)
                .settingNames(SettingNames.commandLine(spec.name())); // train or train-ar
        if (noDev) {
            b.noDev();
        }
        // only what was given is said: the rest is the builder's default, or a resumed run's checkpoint's
        Optional.ofNullable(size).ifPresent(b::size);
        Optional.ofNullable(vocab).ifPresent(b::vocabSize);
        Optional.ofNullable(length).ifPresent(b::maxLength);
        Optional.ofNullable(batch).ifPresent(b::batchSize);
        Optional.ofNullable(steps).ifPresent(b::steps);
        Optional.ofNullable(lr).ifPresent(b::learningRate);
        Optional.ofNullable(warmup).ifPresent(b::warmupSteps);
        Optional.ofNullable(seed).ifPresent(b::seed);
        return b.build();
    }
}
