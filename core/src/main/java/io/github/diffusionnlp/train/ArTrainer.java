package io.github.diffusionnlp.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.github.diffusionnlp.api.Devices;
import io.github.diffusionnlp.api.DjlTelemetry;
import io.github.diffusionnlp.api.PyTorchStart;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.ar.ArConfig;
import io.github.diffusionnlp.ar.CausalTransformer;
import io.github.diffusionnlp.ar.NextTokenBatch;
import io.github.diffusionnlp.checkpoint.CheckpointNotSaved;
import io.github.diffusionnlp.checkpoint.CorpusFingerprint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.checkpoint.TrainingState;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.runtime.Autograd;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Trains the autoregressive baseline with the diffusion trainer's data, schedule and optimizer
 * (same rows, length buckets, AdamW, warm-up and cosine decay, clipping), so that the two differ in
 * their objective alone: next-token cross-entropy over every word and the end of the sentence.
 */
public final class ArTrainer implements TrainingRun {
    static {
        DjlTelemetry.optOut(); // before DJL's engine first starts
    }

    /**
     * The options as given until the run starts; a resumed run then takes the checkpoint's recorded settings
     * in place of those left unsaid ({@link TrainOptions#resumedFrom}).
     */
    private TrainOptions options;
    private final Path vocabularyFrom;
    private final PrintStream log;
    private Throughput throughput = Throughput.NONE;

    /**
     * @param vocabularyFrom a model directory whose {@code vocab.txt} to use (for a comparison on the
     *     same vocabulary), or null to build one from the corpus as {@code train} does
     */
    public ArTrainer(TrainOptions options, Path vocabularyFrom, PrintStream log) {
        this.options = Objects.requireNonNull(options, "options");
        this.vocabularyFrom = vocabularyFrom;
        this.log = Objects.requireNonNull(log, "log (new PrintStream(OutputStream.nullOutputStream()) for none)");
    }

    /** Set by {@link #stop()}, from any thread; read during the start-up ({@link StartUp}) and after each step. */
    private volatile boolean stopAsked;
    /**
     * The corpus file's size and checksum when this run read it, which its checkpoints record (set before the loop).
     */
    private CorpusFingerprint corpusFingerprint;
    private CorpusFingerprint devFingerprint; // the dev split's (null: none), which its checkpoints record too
    private boolean devReadsOtherwise; // it reads as other sentences now than for the resumed checkpoint

    @Override
    public void stop() {
        stopAsked = true;
    }

    @Override
    public TrainingInfo run() throws IOException {
        PyTorchStart.engine(); // first: its failures worded for the user
        // both formats keep config.json; the directory stays locked against other runs until this one ends
        try (OutputDirectory.Claim claim = OutputDirectory.claim(options, log, "train-ar")) {
            return Reproducible.runIf(options.reproducible(), () -> train(claim.resuming()));
        }
    }

    private TrainingInfo train(boolean resuming) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            // the sentences are read, made rows of and noted on in start(), and dropped when it returns (as
            // DiffusionTrainer's): the loop reads the packed rows only
            // read once, here: start() resumes from it and a stop during the start-up names its step
            TrainingInfo recorded = !resuming ? null
                    : OutputDirectory.resumedRecord(ArCheckpoint.readHeader(options.output()).training(), options);
            if (resuming && OutputDirectory.nothingToDo(options, recorded, log)) {
                return recorded;
            }
            Started s;
            try {
                s = start(manager, resuming, recorded, new StartUp(() -> stopAsked));
            } catch (StartUp.Stopped stopped) {
                throw TrainingStopped.duringStartUp(resuming ? recorded.step() : 0, options.output(), stopped.phase());
            }
            return loop(manager, s.network(), s.vocab(), s.optimizer(), s.rows(), s.devRows(), s.previous(), s.read(),
                    s.tagged());
        }
    }

    /** What the loop trains with, made from the corpus, whose sentences it does not hold. */
    private record Started(CausalTransformer network, Vocabulary vocab, AdamW optimizer, List<int[]> rows,
            List<int[]> devRows, TrainingInfo previous, TaggedCorpus.Reading read, boolean tagged) {}

    /**
     * Reads the corpus, builds or resumes the model, makes the rows and writes the notes: all that reads sentences.
     * A stop asked meanwhile ends it at the next check of {@code startUp}, as {@link DiffusionTrainer}'s does; it
     * writes no file.
     */
    private Started start(NDManager manager, boolean resuming, TrainingInfo recorded, StartUp startUp)
            throws IOException {
        Path out = options.output();
        options = RecordedCorpus.resolve(options.resumedFrom(recorded), resuming, recorded, log);
        TrainingData.Corpora corpora = TrainingData.read(options, recorded, null, log, startUp);
        List<TaggedSentence> corpus = startUp.checked(corpora.train()); // every pass over it checks for a stop
        corpusFingerprint = corpora.fingerprint();
        devFingerprint = corpora.devFingerprint();
        devReadsOtherwise = corpora.devReadsOtherwise();
        List<TaggedSentence> devCorpus = corpora.dev();
        CausalTransformer network;
        Vocabulary vocab;
        NDList moments = null;
        TrainingInfo previous = null;
        startUp.enter("counting the corpus's words");
        CorpusSpellings spellings = CorpusSpellings.of(corpus); // one walk for the vocabulary and the notes
        if (resuming) {
            startUp.enter("loading the checkpoint");
            ArCheckpoint.Loaded loaded = ArCheckpoint.load(out, manager);
            network = loaded.network();
            vocab = loaded.vocabulary();
            previous = loaded.header().training();
            moments = ArCheckpoint.loadOptimizerState(loaded, manager);
            TrainingState.requireMatches(moments, network.getParameters(), out.resolve(ArCheckpoint.OPTIMIZER));
            TrainingNotes.noteResumed(log, out, previous.step(), moments);
        } else {
            startUp.enter("building the vocabulary");
            vocab = vocabularyFrom != null ? Vocabulary.load(vocabularyFrom.resolve(ArCheckpoint.VOCAB))
                    : Vocabulary.ofCounts(spellings.counts(), options.vocabSize());
            startUp.enter("building the model");
            network = new CausalTransformer(matchingConfig(options.size(), vocab.size(), options.maxLength()));
            Engine.getInstance().setRandomSeed((int) options.seed());
            network.initialize(manager);
            Files.createDirectories(out);
        }
        AdamW optimizer = new AdamW(manager, AdamW.TRAINING_WEIGHT_DECAY, network.tables(), moments);
        for (Pair<String, Parameter> p : network.getParameters()) {
            p.getValue().getArray().setRequiresGradient(true);
        }
        int maxLength = network.config().maxLength();
        startUp.enter("packing the rows");
        List<int[]> rows = TrainingData.wordRows(corpus, vocab, maxLength);
        startUp.enter("making the dev rows");
        List<int[]> devRows = TrainingData.wordRows(TrainingData.makingFirstRows(devCorpus, TrainingLog.DEV_ROWS,
                maxLength), vocab, maxLength).stream().limit(TrainingLog.DEV_ROWS).toList();
        log.printf(Locale.ROOT, "autoregressive model: %s, %,d parameters, %,d rows, device %s%n",
                network.config().describe(), network.config().parameters(), rows.size(),
                Devices.name(manager.getDevice()));
        startUp.enter("checking the corpus");
        TrainingNotes notes = new TrainingNotes(options, log);
        TrainingNotes.noteCutSentences(corpus, maxLength, log);
        TrainingNotes.noteUntokenised(spellings, log);
        if (resuming) {
            notes.noteResuming(previous, corpora.reading(), corpora.fingerprint(), corpora.devFingerprint());
            ArConfig kept = network.config();
            // a size is the diffusion size the causal model matches: the one whose match is this shape
            notes.noteKeptShape(kept.describe(), vocab.size(), notes.shapeAskedOtherwise(
                    size -> matchingConfig(size, kept.vocabSize(), kept.maxLength()).equals(kept),
                    kept.maxLength(), vocab.size()), List.of(TrainOptions.Setting.SIZE, TrainOptions.Setting.LENGTH,
                    TrainOptions.Setting.VOCAB));
        }
        notes.warnOfPoorCoverage(TrainingNotes.coverage(rows), vocab.size(), resuming, vocabularyFrom);
        // as a diffusion model's record: trained on UPOS tags at some point (a checkpoint's as its record says)
        boolean tagged = !TaggedCorpus.untagged(corpus) || previous != null && !previous.untagged();
        startUp.check();
        return new Started(network, vocab, optimizer, rows, devRows, previous, corpora.reading(), tagged);
    }

    /** The causal model matched to the diffusion model of the named size (see {@link ArConfig#matching}). */
    public static ArConfig matchingConfig(String size, int vocabSize, int maxLength) {
        ModelConfig diffusion = ModelConfig.ofSize(size, vocabSize, maxLength);
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionTransformer network = new DiffusionTransformer(diffusion);
            network.initialize(m);
            return ArConfig.matching(diffusion, network.parameterCount());
        }
    }

    private TrainingInfo loop(NDManager manager, CausalTransformer network, Vocabulary vocab, AdamW optimizer,
            List<int[]> rows, List<int[]> devRows, TrainingInfo previous, TaggedCorpus.Reading read,
            boolean tagged) throws IOException {
        Path out = options.output();
        int step = previous == null ? 0 : previous.step();
        double smoothed = previous == null ? Double.NaN : previous.trainLoss();
        // the checkpoint's, when this run measures on the same dev split: a record's dev loss is of the split it names
        double devLoss = RecordedCorpus.devLossCarried(previous, options, devFingerprint,
                devReadsOtherwise);
        TrainingLog progress = TrainingLog.continuing(options, log, previous);
        DivergenceGuard divergence = new DivergenceGuard(out, options.names());
        PairList<String, Parameter> parameters = network.getParameters();
        LengthBatches order = new LengthBatches(rows.stream().mapToInt(Vocabulary::unpaddedLength).toArray(),
                options.batchSize(), options.seed());
        TrainingInfo info = null;
        while (!progress.isLast(step)) {
            step++;
            float lr = options.learningRateAt(step);
            int[] members = order.members(step);
            int[][] batch = new int[members.length][];
            for (int k = 0; k < members.length; k++) {
                batch[k] = rows.get(members[k]);
            }
            long stepStart = System.nanoTime();
            double loss;
            boolean updated;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NextTokenBatch in = NextTokenBatch.of(manager, batch, network.config().maxLength());
                ParameterStore ps = new ParameterStore(manager, false);
                Autograd.COLLECTOR.lock();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray nll = in.nll(network, ps, true);
                    NDArray mean = nll.mean();
                    collector.backward(mean);
                    loss = mean.getFloat();
                } finally {
                    Autograd.COLLECTOR.unlock();
                }
                updated = Gradients.clipAndUpdate(optimizer, parameters, step, lr, loss, log);
                double flops = 3 * network.config().forwardFlops(batch.length, in.width(), 0, in.count());
                throughput = throughput.plus(new Throughput(1, in.count(), flops, 0),
                        (System.nanoTime() - stepStart) / 1e9);
            }
            // asked first, before the log's file writes: an interrupt left set would make them fail
            // (ClosedByInterruptException) rather than save (see TrainingStopped.requested)
            boolean stop = TrainingStopped.requested(stopAsked);
            divergence.after(step, updated);
            // a skipped step's loss is left out, finite or not, as the diffusion trainer's (its step says NaN)
            smoothed = TrainingLog.smoothed(smoothed, updated ? loss : Double.NaN);
            boolean measured = progress.devLossDue(step) && !devRows.isEmpty();
            if (measured) {
                devLoss = devLoss(manager, network, devRows);
            }
            progress.step(step, lr, smoothed, devLoss, measured, throughput);
            boolean last = progress.isLast(step);
            // a stop writes its checkpoint even right after a skipped step, as the last step does: its weights
            // are the last good step's, and there is no later step to put it off to
            if (divergence.checkpointNow(step % options.checkpointEvery() == 0 || last || stop, last || stop)) {
                info = options.checkpointRecord(rows.size(), step, progress.wallSeconds(), smoothed, devLoss, 0, read,
                        tagged, corpusFingerprint, devFingerprint);
                try {
                    ArCheckpoint.save(out, network, vocab, info, optimizer.state());
                } catch (CheckpointNotSaved e) {
                    throw e.withRemedy(options.names().name(TrainOptions.Setting.RESUME));
                }
                progress.writeLossCurve();
                log.printf(Locale.ROOT, "checkpoint: %s (step %d)%n", Visible.of(out), step);
            }
            if (stop) {
                throw new TrainingStopped(step, out);
            }
        }
        if (info == null) {
            progress.sayNothingToDo(step);
            return ArCheckpoint.readHeader(out).training();
        }
        progress.sayIfStoppedByTheBudget(step);
        return info;
    }

    /** Mean next-token cross-entropy per predicted token (words and ends) on the dev rows. */
    private double devLoss(NDManager manager, CausalTransformer network, List<int[]> devRows) {
        double sum = 0;
        long count = 0;
        for (int from = 0; from < devRows.size(); from += 64) {
            int[][] batch = devRows.subList(from, Math.min(devRows.size(), from + 64)).toArray(new int[0][]);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NextTokenBatch in = NextTokenBatch.of(manager, batch, network.config().maxLength());
                sum += in.nll(network, new ParameterStore(manager, false), false).sum().getFloat();
                count += in.count();
            }
        }
        return sum / Math.max(1, count);
    }
}
