package io.github.diffusionnlp.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.StoppableReading;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Flops;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.TrainingData;
import io.github.diffusionnlp.train.Throughput;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Speed of this machine, all figures from one process so that they compare as ratios: the
 * matrix-multiply ceiling, training throughput, sampling latency, and resident memory over many
 * infill calls. FLOP counts are those of {@link Flops} (matrix products only).
 */
public final class SpeedBenchmark {
    /** Timed calls per figure at batch 1, whose median is reported (one at larger batches). */
    public static final int SINGLE_SEQUENCE_RUNS = 5;
    private final Consumer<String> progress;
    /** The product shape that gave the best ceiling, re-measured beside each figure ({@link #ceilingNow}). */
    private long[] bestShape = {1024, 1024, 1024};
    /** The fastest matrix product of the run so far, over every reading, the start's and those beside figures. */
    private double bestReading;

    public SpeedBenchmark(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * Best GFLOP/s of float32 matrix products over shapes like the model's (and one square one), each
     * the best of five timed blocks.
     */
    public double matmulCeiling() {
        long[][] shapes = {{2048, 256, 1024}, {2048, 1024, 256}, {1024, 1024, 1024}, {2048, 256, 12000}};
        double best = 0;
        for (long[] s : shapes) {
            double gflops = matmul(s, 5);
            progress.accept(String.format(Locale.ROOT, "matmul %dx%d·%dx%d: %.1f GFLOP/s", s[0], s[1], s[1], s[2],
                    gflops));
            if (gflops > best) {
                best = gflops;
                bestShape = s;
            }
        }
        bestReading = Math.max(bestReading, best);
        return best;
    }

    /**
     * The machine's matmul ceiling as this run saw it: the best of every reading so far ({@link #matmulCeiling}
     * and each {@link #ceilingNow}). A shared machine only ever slows a reading down, so the best one is the
     * machine's; a ceiling taken at a busy start alone once read half of what later readings reached, and
     * figures divided by it came out above 100%.
     */
    public double bestCeiling() {
        return bestReading;
    }

    /**
     * The ceiling's best shape timed again now (best of three blocks): this machine's speed drifts by a
     * fifth from one minute to the next, and a figure divided by a ceiling measured minutes apart
     * carries that drift. Each figure is also reported against the larger of the readings just
     * before and just after it.
     */
    public double ceilingNow() {
        double now = matmul(bestShape, 3);
        bestReading = Math.max(bestReading, now);
        return now;
    }

    /** GFLOP/s of one (m × k)·(k × n) float32 product shape: the best of {@code blocks} timed blocks. */
    private static double matmul(long[] s, int blocks) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(s[0], s[1]));
            NDArray b = m.randomNormal(new Shape(s[1], s[2]));
            double flops = 2.0 * s[0] * s[1] * s[2];
            for (int i = 0; i < 3; i++) { // warm-up
                a.matMul(b).close();
            }
            // The best of the timed blocks: noise on a shared machine only ever slows a block down.
            int reps = (int) Math.max(1, Math.min(10, 4e9 / flops));
            double gflops = 0;
            for (int block = 0; block < blocks; block++) {
                long start = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    a.matMul(b).close();
                }
                gflops = Math.max(gflops, flops * reps / ((System.nanoTime() - start) / 1e9) / 1e9);
            }
            return gflops;
        }
    }

    /**
     * Training throughput in two stretches of one run: the warm-up (its first three steps, which pay
     * for first calls into the native code, left out) and the steps after it, which are what a
     * training run of thousands of steps sees.
     */
    public record Training(int warmUpSteps, Throughput warmUp, Throughput timed) {}

    /**
     * The training measurement's corpus, read once ({@link #readTrainingCorpus}) before anything is measured:
     * {@code file}, and its sentences as a new model reads them until {@link #training} takes them. Taken, they
     * are let go once trained on, however long the caller keeps this (the command keeps it through its sampling
     * and memory measurements): a parsed corpus (Brown's training split: about 15 MB of heap, its words shared;
     * 60 MB when each was a String of its own) would otherwise sit in the memory those measure.
     */
    public static final class TrainingCorpus {
        private final Path file;
        private final AtomicReference<TaggedCorpus.Read> read;

        TrainingCorpus(Path file, TaggedCorpus.Read read) {
            this.file = file;
            this.read = new AtomicReference<>(read);
        }

        public Path file() {
            return file;
        }

        /** How the sentences not yet trained on were read. */
        private TaggedCorpus.Reading reading() {
            TaggedCorpus.Read untaken = read.get();
            if (untaken == null) {
                throw trainedOn();
            }
            return untaken.reading();
        }

        /** The sentences read, once: the holder lets them go. */
        private TaggedCorpus.Read take() {
            TaggedCorpus.Read taken = read.getAndSet(null);
            if (taken == null) {
                throw trainedOn();
            }
            return taken;
        }

        private IllegalStateException trainedOn() {
            return new IllegalStateException("the corpus " + Visible.of(file) + " was trained on already, and its"
                    + " sentences let go; read it again (readTrainingCorpus) for another training measurement");
        }
    }

    /**
     * Reads {@code corpus} as a new model's training reads it ({@link TrainOptions#corpusReading} with no
     * checkpoint, {@code layout} and {@code multiword} over it; null: not said), for {@link #training}: a corpus
     * that does not read as said, or holds no sentence, is refused before anything is measured, not minutes in,
     * and the training measurement trains on what was read here rather than reading the file again. A guess's
     * note goes to {@code notes}.
     */
    public static TrainingCorpus readTrainingCorpus(Path corpus, CorpusLayout layout, MultiwordTokens multiword,
            PrintStream notes) throws IOException {
        // counted as train counts its corpus, with the rows the run packs from the sentences: the trainer is given
        // them read, and counts them so too, but a corpus read for its sentences alone is refused only once read whole
        TaggedCorpus.Read read = StoppableReading.readAs(corpus,
                TaggedCorpus.Reading.DEFAULT.orLayout(layout).orMultiword(multiword), notes,
                LayoutOption.COMMAND_LINE, () -> { });
        TrainingData.requireSentences("--corpus " + corpus, corpus, read,
                LayoutOption.COMMAND_LINE.of(CorpusLayout.PLAIN));
        return new TrainingCorpus(corpus, read);
    }

    /**
     * Throughput of real training steps on {@code corpus} (a fresh model of the named size):
     * {@code warmUp} steps, then {@code steps} timed. Why a warm-up of dozens of steps: a fresh process's
     * first steps run slower than a long run's (on this project's 2-core machine, 10-second windows of
     * one run went from about 95 GFLOP/s over its first 30 steps to 111-121 after them; page faults
     * explain little of it, first calls at each new row length presumably the rest). The trainer trains on the
     * sentences {@code corpus} holds, read as {@code train} reads a new model's corpus, and lets them go: a corpus is
     * trained on once ({@link TrainingCorpus}).
     *
     * @throws IllegalStateException when {@code corpus} was trained on already
     */
    public Training training(TrainingCorpus corpus, String size, int batch, int warmUp, int steps) throws IOException {
        try (ScratchDirectory dir = new ScratchDirectory("benchmark-train")) {
            TaggedCorpus.Reading reading = corpus.reading();
            // The learning rate's warm-up (10 steps) kept shorter than the run: a run of 5-10 steps was told by
            // the trainer to "give a shorter --warmup", an option of train's that benchmark does not have.
            int learningRateWarmup = Math.min(10, warmUp + steps - 1);
            TrainOptions options = TrainOptions.builder(corpus.file(), dir.path()).size(size).vocabSize(12000)
                    .maxLength(64).batchSize(batch).steps(warmUp + steps).learningRate(1e-3)
                    .warmupSteps(learningRateWarmup).seed(1).checkpointEvery(Integer.MAX_VALUE)
                    .contextEmbeddings(false).layout(reading.layout()).multiword(reading.multiword()).build();
            // About a minute in a full run: say what it is, then the trainer's own lines (steps done of all,
            // rate, ETA, every 10 steps), as `train` prints them, rather than nothing until the figures.
            progress.accept(String.format(Locale.ROOT, "training %s, batch %d: %d steps (%d warm-up, %d timed) on %s",
                    size, batch, warmUp + steps, warmUp, steps, corpus.file()));
            // but not its "checkpoint: /tmp/benchmark-train... (step N)": a directory deleted a moment later
            // taken into the trainer, which lets them go once packed, and held by no local here: this frame lasts
            // the whole training loop, and a local kept them reachable through it
            DiffusionTrainer trainer = new DiffusionTrainer(options, corpus.take(), LinePrintStream.to(line -> {
                if (!line.startsWith("checkpoint: ")) {
                    progress.accept("  " + line);
                }
            }));
            trainer.run();
            List<Throughput> log = trainer.stepThroughputs();
            int firstCalls = Math.min(3, warmUp);
            Training measured = new Training(warmUp, Throughput.sum(log.subList(firstCalls, warmUp)),
                    Throughput.sum(log.subList(warmUp, log.size())));
            // logged now, as the other figures are: a run stopped later keeps them
            progress.accept(String.format(Locale.ROOT,
                    "training %s, batch %d, steps %d–%d: %.0f tokens/s, %.1f GFLOP/s"
                    + " (warm-up steps %d–%d: %.0f tokens/s, %.1f GFLOP/s)", size, batch, warmUp + 1, warmUp + steps,
                    measured.timed().tokensPerSecond(), measured.timed().gflopsPerSecond(), firstCalls + 1, warmUp,
                    measured.warmUp().tokensPerSecond(), measured.warmUp().gflopsPerSecond()));
            return measured;
        }
    }

    /**
     * One sampling measurement: generating {@code batch} sequences of 64 tokens in {@code steps} steps,
     * and the matmul ceiling measured beside it ({@link #ceilingNow}).
     */
    public record Sampling(int batch, int steps, double seconds, double gflopsPerSecond, double ceilingBeside) {}

    public List<Sampling> sampling(DiffusionLM lm, int[] batches, int[] stepCounts) {
        ModelConfig c = lm.info().config();
        int len = Math.min(64, c.maxLength());
        List<Sampling> out = new ArrayList<>();
        for (int batch : batches) {
            // Warm-up: the JIT compiles the Java side of a step (a few hundred native calls) only after
            // it has run many times, so a short call would otherwise time the interpreter. Single
            // sequences, whose calls are short and noisy, get more warm-up and a median of five: after
            // 40 calls of 16 steps they ran 8 steps in 101-106 ms against 115-126 ms after 8 (three
            // alternating pairs), so 8 calls had not reached the steady state a long-lived caller sees.
            boolean single = batch == 1;
            SamplingOptions warm = SamplingOptions.builder().steps(single ? 16 : 2).length(len).batchSize(batch)
                    .build();
            for (int i = 0; i < (single ? 40 : 1); i++) {
                lm.generate(batch, warm);
            }
            for (int steps : stepCounts) {
                SamplingOptions options = SamplingOptions.builder().steps(steps).length(len).batchSize(batch).build();
                double before = ceilingNow();
                int reps = single ? SINGLE_SEQUENCE_RUNS : 1;
                double[] times = new double[reps];
                for (int r = 0; r < reps; r++) {
                    long start = System.nanoTime();
                    lm.generate(batch, options);
                    times[r] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(times);
                double seconds = times[reps / 2];
                double flops = Flops.sampling(c, batch, len, steps);
                out.add(new Sampling(batch, steps, seconds, flops / seconds / 1e9, Math.max(before, ceilingNow())));
                progress.accept(String.format(Locale.ROOT, "sampling batch %d, %s: %.3f s", batch,
                        Counted.of(steps, "step", "steps"), seconds));
            }
        }
        return out;
    }

    /** Resident memory before and after {@code calls} consecutive single-sentence infill calls. */
    public record Memory(int calls, long rssBeforeKb, long rssAfterKb, int liveArraysBefore, int liveArraysAfter) {}

    public Memory memory(DiffusionLM lm, int calls) throws IOException {
        List<String> sentence = LoadBenchmark.SENTENCE;
        SamplingOptions options = SamplingOptions.builder().steps(4).build();
        for (int i = 0; i < 50; i++) { // let allocator pools and JIT settle first
            lm.infill(sentence, options.toBuilder().seed(i).build());
        }
        System.gc();
        long before = residentKb();
        int arraysBefore = lm.liveArrays();
        for (int i = 0; i < calls; i++) {
            lm.infill(sentence, options.toBuilder().seed(i).build());
            if ((i + 1) % 500 == 0) {
                progress.accept(String.format(Locale.ROOT, "memory: %d/%d calls, RSS %,d kB", i + 1, calls,
                        residentKb()));
            }
        }
        System.gc();
        return new Memory(calls, before, residentKb(), arraysBefore, lm.liveArrays());
    }

    /** VmRSS of this process from /proc (Linux), or -1 elsewhere. */
    static long residentKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
