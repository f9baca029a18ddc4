package io.github.diffusionnlp.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.github.diffusionnlp.api.Devices;
import io.github.diffusionnlp.api.DjlTelemetry;
import io.github.diffusionnlp.api.PyTorchStart;
import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.CheckpointNotSaved;
import io.github.diffusionnlp.checkpoint.CorpusFingerprint;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.checkpoint.TrainingState;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.StoppableReading;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.ContextEmbeddings;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.model.TagLexicon;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.TimeWarp;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.train.TrainingData.Corpora;
import io.github.diffusionnlp.train.TrainingData.Example;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Trains a CDCD model (the "train.py" of this project): reads the corpus, builds or resumes the model, then
 * takes its steps ({@code DiffusionStep}: masks, warped σ, noise, self-conditioning, cross-entropy, clipping,
 * AdamW) at the learning rate of {@link TrainOptions#learningRateAt}, and keeps the run around them: the weight
 * average, the divergence guard, the dev loss, progress lines and checkpoints.
 */
public final class DiffusionTrainer implements TrainingRun {
    static {
        DjlTelemetry.optOut(); // before DJL's engine first starts
    }

    private static final double WARP_DECAY = 0.995;

    /**
     * The options as given until the run starts; a resumed run then takes the checkpoint's recorded settings
     * in place of those left unsaid ({@link TrainOptions#resumedFrom}).
     */
    private TrainOptions options;
    private final PrintStream log;

    /**
     * The training sentences a caller read beforehand ({@link #DiffusionTrainer(TrainOptions, TaggedCorpus.Read,
     * PrintStream)}), or null: read from {@code options.corpus()} when the run starts. Let go of once the run has
     * them, so that the trainer does not keep them beside their packed rows (a later run reads the file again).
     */
    private TaggedCorpus.Read corpusRead;

    /**
     * A run with {@code options}, its progress (a line per logged step, checkpoints, notes) written to {@code log}.
     *
     * @param log where progress goes; {@code new PrintStream(OutputStream.nullOutputStream())} for none
     * @throws NullPointerException when options or log is null
     */
    public DiffusionTrainer(TrainOptions options, PrintStream log) {
        this(options, null, log);
    }

    /**
     * Internal (the benchmark's; no compatibility promise). A run on sentences already read from
     * {@code options.corpus()} as a new model reads it ({@code options.corpusReading(null)}), so that a caller
     * that checked them before the run (benchmark, before its first measurement) does not read the corpus
     * twice. A run that resumes reads its corpus again, as its checkpoint recorded. Their memory is counted with the
     * rows the run packs from them before it packs any, as the run reading the file counts it, and refused alike
     * ({@link io.github.diffusionnlp.corpus.StoppableReading#requireRoomToTrain}), however they were read; read with
     * {@link io.github.diffusionnlp.corpus.StoppableReading#readAs}, which counts them so as it reads, a corpus too
     * large is refused part way through its reading ({@code TaggedCorpus.readAs} counts the sentences alone, and
     * refuses only a corpus that does not fit without its rows).
     */
    public DiffusionTrainer(TrainOptions options, TaggedCorpus.Read corpusRead, PrintStream log) {
        this.options = Objects.requireNonNull(options, "options");
        this.corpusRead = corpusRead;
        // else a NullPointerException ("this.log" is null) once the run has started
        this.log = Objects.requireNonNull(log, "log (new PrintStream(OutputStream.nullOutputStream()) for none)");
    }

    /** What the checkpoints record of how much of the corpus the sentiment lexicon rates (set before the loop). */
    private Double sentimentLexiconShare;
    /**
     * The corpus file's size and checksum when this run read it, which its checkpoints record (set before the loop).
     */
    private CorpusFingerprint corpusFingerprint;
    /** The dev split's so (null: none, or no regular file), which its checkpoints record (set before the loop). */
    private CorpusFingerprint devFingerprint;
    /** Whether the dev split reads as other sentences now than for the resumed checkpoint (set before the loop). */
    private boolean devReadsOtherwise;
    /** How many training rows have each length, which its checkpoints record (set before the loop). */
    private RowLengths rowLengths;

    /** Set by {@link #stop()}, from any thread; read during the start-up ({@link StartUp}) and after each step. */
    private volatile boolean stopAsked;

    @Override
    public void stop() {
        stopAsked = true;
    }

    /**
     * Runs until {@code steps} are done or the time budget is spent; returns what the last checkpoint says (not
     * {@link TrainingInfo#finished} when the time budget stopped it, or when it had nothing to do on such a checkpoint:
     * {@link TrainingRun#run}). An
     * interrupt of the running thread, or {@link #stop()}, ends it after the step it is in, saved, by
     * {@link TrainingStopped}; during the start-up, at its next check there, with nothing trained or saved.
     *
     * @throws TrainingStopped after {@link #stop()} or an interrupt of the running thread, once the step it was in
     *     is done and saved
     * @throws IOException when the corpus cannot be read or a checkpoint cannot be written
     */
    @Override
    public TrainingInfo run() throws IOException {
        PyTorchStart.engine(); // first: its failures worded for the user
        // the directory stays locked against other runs until this one ends
        try (OutputDirectory.Claim claim = OutputDirectory.claim(options, log, "train")) {
            return Reproducible.runIf(options.reproducible(), () -> train(claim.resuming()));
        }
    }

    private TrainingInfo train(boolean resuming) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            // the sentences are read, packed and noted on in start(), and dropped when it returns: the loop reads
            // the packed rows only, which take a fraction of the sentences' memory
            // read once, here: start() resumes from it and a stop during the start-up names its step
            TrainingInfo recorded = !resuming ? null
                    : OutputDirectory.resumedRecord(ModelCheckpoint.readHeader(options.output()).training(), options);
            if (resuming && OutputDirectory.nothingToDo(options, recorded, log)) {
                return recorded;
            }
            Started s;
            try {
                s = start(manager, resuming, recorded, new StartUp(() -> stopAsked));
            } catch (StartUp.Stopped stopped) {
                throw TrainingStopped.duringStartUp(resuming ? recorded.step() : 0, options.output(), stopped.phase());
            }
            return loop(manager, s.network(), s.vocab(), s.warp(), s.optimizer(), s.average(), s.rows(), s.rowWords(),
                    s.devRows(), s.previous(), s.read(), s.tagged());
        }
    }

    /** What the loop trains with, made from the corpus, whose sentences it does not hold. */
    private record Started(DiffusionTransformer network, Vocabulary vocab, TimeWarp warp, AdamW optimizer,
            WeightAverage average, List<Example> rows, int[] rowWords, List<Example> devRows, TrainingInfo previous,
            TaggedCorpus.Reading read, boolean tagged) {}

    /**
     * Refuses, before they are built, context embeddings that the heap ({@code most} bytes) cannot hold beside the
     * sentences read ({@code corpus} and {@code dev}): their word pairs take up to 400 MB
     * ({@link ContextEmbeddings#bytes}), and a run short of them ran out of memory after reading the whole corpus.
     */
    void requireContextMemory(List<TaggedSentence> corpus, List<TaggedSentence> dev, int vocabSize, int dim,
            long most) throws IOException {
        long held = StoppableReading.heldBytes(corpus, false) + StoppableReading.heldBytes(dev, false);
        int[] lengths = corpus.stream().mapToInt(s -> s.words().size()).toArray();
        long need = ContextEmbeddings.bytes(lengths, vocabSize, dim);
        if (held + need > most) {
            long xmx = StoppableReading.xmxFor(held + need);
            SettingNames names = options.names();
            throw new IOException(String.format(Locale.ROOT, "%s: the context embeddings (%s) of its %,d words take"
                    + " about %,d MB while they are built (the words as ids, then their %,d word pairs at 8 bytes"
                    + " each or the SVD of a %,d-word vocabulary), beside the %,d MB its sentences hold: more than"
                    + " the %,d MB Java may use here; give Java -Xmx%dm or more (java -Xmx%dm ...), or start the word"
                    + " embeddings at random (%s)", Visible.of(options.corpus()),
                    names.name(TrainOptions.Setting.CONTEXT_EMBEDDINGS),
                    Arrays.stream(lengths).asLongStream().sum(), need >> 20, ContextEmbeddings.pairs(lengths),
                    vocabSize, held >> 20, most >> 20, xmx, xmx,
                    names.given(TrainOptions.Setting.CONTEXT_EMBEDDINGS, false)));
        }
    }

    /**
     * Reads the corpus, builds or resumes the model, packs the rows and writes the start-up notes: all that reads
     * the sentences. A stop asked meanwhile ends it by {@link StartUp.Stopped} at the next check of
     * {@code startUp} (between the phases, and every few thousand lines or sentences of each pass over them), before
     * the one file it writes, the tag lexicon, which is written last.
     */
    private Started start(NDManager manager, boolean resuming, TrainingInfo recorded, StartUp startUp)
            throws IOException {
        Path out = options.output();
        // a resumed run reads its corpus (the one it records when none is given) as the checkpoint recorded, before
        // loading it (errors come first)
        options = RecordedCorpus.resolve(options.resumedFrom(recorded), resuming, recorded, log);
        Corpora corpora = TrainingData.read(options, recorded, resuming ? null : corpusRead, log, startUp);
        corpusRead = null;
        List<TaggedSentence> corpus = startUp.checked(corpora.train()); // every pass over it checks for a stop
        corpusFingerprint = corpora.fingerprint();
        devFingerprint = corpora.devFingerprint();
        devReadsOtherwise = corpora.devReadsOtherwise();
        List<TaggedSentence> devCorpus = corpora.dev();
        DiffusionTransformer network;
        Vocabulary vocab;
        TimeWarp warp;
        NDList moments = null;
        TrainingInfo previous = null;
        // why the resumed checkpoint cannot follow a POS template (null: it can), and whether it has a tag lexicon
        String checkpointUntagged = null;
        boolean checkpointLexicon = false;
        startUp.enter("counting the corpus's words");
        // one walk for the vocabulary and the notes on the words, which ask once a spelling, not once a token
        CorpusSpellings spellings = CorpusSpellings.of(corpus);
        if (resuming) {
            startUp.enter("loading the checkpoint");
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(out, manager);
            network = loaded.network();
            vocab = loaded.vocabulary();
            warp = loaded.warp();
            previous = loaded.header().training();
            checkpointUntagged = loaded.whyUntagged();
            checkpointLexicon = loaded.tagLexicon() != null;
            moments = ModelCheckpoint.loadOptimizerState(loaded, manager);
            TrainingState.requireMatches(moments, network.getParameters(), out.resolve(ModelCheckpoint.OPTIMIZER));
            TrainingNotes.noteResumed(log, out, previous.step(), moments);
        } else {
            startUp.enter("building the vocabulary");
            vocab = Vocabulary.ofCounts(spellings.counts(), options.vocabSize());
            startUp.enter("building the model");
            ModelConfig config = ModelConfig.ofSize(options.size(), vocab.size(), options.maxLength());
            if (options.relativePositions()) {
                config = config.withRelativePositions();
            }
            if (options.contextEmbeddings()) {
                requireContextMemory(corpus, devCorpus, vocab.size(), config.dim(), Runtime.getRuntime().maxMemory());
            }
            network = new DiffusionTransformer(config);
            Engine.getInstance().setRandomSeed((int) options.seed());
            network.initialize(manager);
            if (options.contextEmbeddings()) {
                startUp.enter("building the context embeddings");
                log.println("word embeddings: from the corpus's word contexts (truncated SVD of positive PMI)...");
                long start = System.nanoTime();
                network.initWordEmbeddingsFromContexts(corpus.stream()
                        .map(sentence -> sentence.words().stream().mapToInt(vocab::id).toArray()).toList(),
                        options.seed(), startUp::check);
                log.printf(Locale.ROOT, "word embeddings: done in %.0f s%n", (System.nanoTime() - start) / 1e9);
            }
            warp = new TimeWarp(config.sigmaMin(), config.sigmaMax(), 100, WARP_DECAY);
            Files.createDirectories(out);
        }
        AdamW optimizer = new AdamW(manager, AdamW.TRAINING_WEIGHT_DECAY, network.tables(), moments);
        // a resumed averaged checkpoint loaded its average as the network: the average continues
        // from there and the network takes back the trained weights the state holds
        WeightAverage average = options.averageDecay() > 0
                ? new WeightAverage(manager, (float) options.averageDecay(), network.getParameters())
                : null;
        int restored = WeightAverage.restoreTrained(moments, network.getParameters());
        if (resuming && average != null && restored == 0) {
            log.println("resuming without trained weights in the state: training continues from the saved ones");
        } else if (resuming && average == null && restored > 0) {
            log.println("resuming from the trained weights in the state, not their saved average (no "
                    + options.names().name(TrainOptions.Setting.AVERAGE) + ")");
        }
        for (Pair<String, Parameter> p : network.getParameters()) {
            p.getValue().getArray().setRequiresGradient(true);
        }
        SentimentLabeller labeller = SentimentLabeller.afinn();
        startUp.enter("packing the rows");
        // each row labelled once, as it is packed; the recorded lengths and the log's shares are counted then
        PackedRows packed = PackedRows.of(corpus, vocab, labeller::label, network.config().maxLength());
        List<Example> rows = packed.examples();
        RowLengths lengths = packed.rowLengths();
        startUp.enter("making the dev rows");
        List<Example> devRows = TrainingData.examples(TrainingData.makingFirstRows(devCorpus, TrainingLog.DEV_ROWS,
                network.config().maxLength()), vocab, labeller, network.config().maxLength());
        rowLengths = lengths;
        devRows = devRows.subList(0, Math.min(TrainingLog.DEV_ROWS, devRows.size()));
        double coverage = packed.coverage();
        log.printf(Locale.ROOT,
                "model: %s, %,d parameters, vocabulary %,d (covers %.1f%% of training tokens), %,d rows"
                + " (sentiment %s), device %s%n", network.config().describe(), network.parameterCount(),
                vocab.size(),
                100 * coverage, rows.size(), sentimentShares(lengths), Devices.name(manager.getDevice()));
        startUp.enter("checking the corpus");
        TrainingNotes notes = new TrainingNotes(options, log);
        boolean corpusTagged = !TaggedCorpus.untagged(corpus);
        boolean otherTagging = false;
        if (resuming) {
            notes.noteResuming(previous, corpora.reading(), corpora.fingerprint(), corpora.devFingerprint());
            otherTagging = TrainingNotes.noteOtherTagging(checkpointUntagged, checkpointLexicon, corpusTagged, log);
        }
        notes.warnOfPoorCoverage(coverage, vocab.size(), resuming);
        sentimentLexiconShare = notes.noteSentimentLexicon(spellings, labeller);
        TrainingNotes.noteUntokenised(spellings, log);
        if (!otherTagging) { // a tagged checkpoint resumed on untagged text said so in its own note
            TrainingNotes.noteUntagged(corpus, log);
        }
        long reserved = spellings.tokens(Vocabulary::isReserved);
        if (reserved > 0) {
            log.printf(Locale.ROOT, "note: the corpus writes %,d tokens as %s, %s or %s; they are read as unknown"
                    + " words, not as the model's own padding or mask%n", reserved, Vocabulary.PAD, Vocabulary.UNK,
                    Vocabulary.MASK);
        }
        TrainingNotes.noteCutSentences(corpus, network.config().maxLength(), log);
        if (resuming) {
            noteKeptShape(notes, network.config(), vocab.size());
        }
        if (options.warmupSteps() >= options.steps()) {
            log.printf(Locale.ROOT, "note: the warm-up (%s) is not shorter than the run (%s), so the"
                    + " learning rate never reaches %s; give a shorter %s%n",
                    Counted.of(options.warmupSteps(), "step", "steps"), Counted.of(options.steps(), "step", "steps"),
                    options.learningRate(), options.names().name(TrainOptions.Setting.WARMUP));
        }
        startUp.enter("building the tag lexicon");
        // the record's tagged-ness is "trained on UPOS tags at some point": a tagged checkpoint resumed on untagged
        // text keeps its tag embeddings, its lexicon and what it learnt of templates
        boolean checkpointTagged = resuming && checkpointUntagged == null;
        boolean tagged = corpusTagged || checkpointTagged;
        Path lexicon = out.resolve(ModelCheckpoint.TAG_LEXICON);
        // a new model writes its lexicon; a resumed one trained before it existed gets it (but none of X alone when
        // it was trained on tags), and an untagged one resumed on tagged text gets it anew, to follow them
        if (!resuming || !Files.isRegularFile(lexicon) && (corpusTagged || !checkpointTagged)
                || corpusTagged && !checkpointTagged) {
            TagLexicon tags = TagLexicon.build(corpus, vocab);
            startUp.check(); // the last: a run stopped during its start-up has written nothing
            CheckpointFiles.writeAtomically(lexicon, tmp -> tags.write(tmp, vocab));
        }
        return new Started(network, vocab, warp, optimizer, average, rows, packed.wordCounts(), devRows, previous,
                corpora.reading(), tagged);
    }

    /**
     * A resumed run keeps the checkpoint's shape and vocabulary: says so when the options asked for another
     * ({@link TrainingNotes#noteKeptShape}; here {@code --relative-positions} too, which a checkpoint without it
     * does not get by resuming).
     */
    private void noteKeptShape(TrainingNotes notes, ModelConfig kept, int keptVocabulary) {
        List<String> asked = notes.shapeAskedOtherwise(size -> {
            ModelConfig sized = ModelConfig.ofSize(size, kept.vocabSize(), kept.maxLength());
            return (kept.relativePositions() ? sized.withRelativePositions() : sized).equals(kept);
        }, kept.maxLength(), keptVocabulary);
        if (options.relativePositions() && !kept.relativePositions()) {
            asked.add(options.names().given(TrainOptions.Setting.RELATIVE_POSITIONS, true));
        }
        notes.noteKeptShape(kept.describe(), keptVocabulary, asked, List.of(TrainOptions.Setting.SIZE,
                TrainOptions.Setting.LENGTH, TrainOptions.Setting.VOCAB, TrainOptions.Setting.RELATIVE_POSITIONS));
    }

    private TrainingInfo loop(NDManager manager, DiffusionTransformer network, Vocabulary vocab, TimeWarp warp,
            AdamW optimizer, WeightAverage average, List<Example> rows, int[] rowWords, List<Example> devRows,
            TrainingInfo previous, TaggedCorpus.Reading read, boolean tagged) throws IOException {
        Path out = options.output();
        int step = previous == null ? 0 : previous.step();
        double smoothed = previous == null ? Double.NaN : previous.trainLoss();
        // the checkpoint's, when this run measures on the same dev split: a record's dev loss is of the split it names
        double devLoss = RecordedCorpus.devLossCarried(previous, options, devFingerprint,
                devReadsOtherwise);
        int startStep = step;
        TrainingLog progress = TrainingLog.continuing(options, log, previous);
        DivergenceGuard divergence = new DivergenceGuard(out, options.names());
        PairList<String, Parameter> parameters = network.getParameters();
        LengthBatches order = new LengthBatches(rowWords, options.batchSize(), options.seed());
        DiffusionStep diffusion = new DiffusionStep(manager, network, warp, optimizer, options.batchSize(),
                options.seed(), log);
        TrainingInfo info = null;
        while (!progress.isLast(step)) {
            step++;
            float lr = options.learningRateAt(step);
            long stepStart = System.nanoTime();
            DiffusionStep.Result result = diffusion.take(rows, order.members(step), step, lr);
            double loss = result.loss();
            // asked first, before the log's file writes: an interrupt left set would make them fail
            // (ClosedByInterruptException) rather than save (see TrainingStopped.requested)
            boolean stop = TrainingStopped.requested(stopAsked);
            if (average != null && result.updated()) {
                average.update(parameters, step);
            }
            Throughput timed = Throughput.NONE.plus(result.work(), (System.nanoTime() - stepStart) / 1e9);
            stepLog.add(timed);
            if (step - startStep > WARM_STEPS) {
                throughput = throughput.plus(timed, timed.seconds());
            }
            divergence.after(step, result.updated());
            smoothed = TrainingLog.smoothed(smoothed, loss);
            boolean measured = progress.devLossDue(step) && !devRows.isEmpty();
            if (measured) {
                devLoss = diffusion.devLoss(devRows);
            }
            progress.step(step, lr, smoothed, devLoss, measured, throughput);
            boolean last = progress.isLast(step);
            // a stop writes its checkpoint even right after a skipped step, as the last step does: its weights
            // are the last good step's, and there is no later step to put it off to
            if (divergence.checkpointNow(step % options.checkpointEvery() == 0 || last || stop, last || stop)) {
                info = options.checkpointRecord(rows.size(), step, progress.wallSeconds(), smoothed, devLoss,
                        options.averageDecay(), read, tagged, sentimentLexiconShare, corpusFingerprint, devFingerprint,
                        rowLengths);
                try {
                    if (average == null) {
                        ModelCheckpoint.save(out, network, vocab, warp, info, optimizer.state());
                    } else {
                        // the checkpoint's model is the average, so its record gets the average's validation loss
                        TrainingInfo[] saved = {info};
                        average.saveAveraged(parameters, optimizer.state(), state -> {
                            if (!devRows.isEmpty()) {
                                double averaged = diffusion.devLoss(devRows);
                                // the trained weights' beside it only when this step measured them: before the first
                                // measurement there is none (NaN), between two it is an older step's, and a resumed
                                // run's carried one is its checkpoint's, which is the average's
                                log.printf(Locale.ROOT, "dev loss %.4f with the weight average%s%n", averaged,
                                        measured ? String.format(Locale.ROOT, " (%.4f without)", saved[0].devLoss())
                                                : "");
                                saved[0] = saved[0].withDevLoss(averaged);
                            }
                            ModelCheckpoint.save(out, network, vocab, warp, saved[0], state);
                        });
                        info = saved[0];
                    }
                } catch (CheckpointNotSaved e) {
                    throw e.withRemedy(options.names().name(TrainOptions.Setting.RESUME));
                }
                progress.writeLossCurve();
                TrainingCharts.writeWarp(out.resolve(TrainingCharts.WARP_PLOT), warp);
                log.printf(Locale.ROOT, "checkpoint: %s (step %d)%n", Visible.of(out), step);
            }
            if (stop) {
                throw new TrainingStopped(step, out);
            }
        }
        if (info == null) {
            progress.sayNothingToDo(step);
            return ModelCheckpoint.readHeader(out).training();
        }
        progress.sayIfStoppedByTheBudget(step);
        return info;
    }

    /** Training throughput over this run's steps, the first few (warm-up of the native code) left out. */
    public Throughput throughput() {
        return throughput;
    }

    /**
     * Each step of this run in order, timed on its own (a skipped step: its seconds only), so that a
     * caller can leave out a longer warm-up than {@link #throughput()} does: the first few dozen steps
     * of a fresh process run slower than the rest of a run (see {@code SpeedBenchmark#training}).
     */
    public List<Throughput> stepThroughputs() {
        return Collections.unmodifiableList(stepLog);
    }

    private static final int WARM_STEPS = 3;
    private Throughput throughput = Throughput.NONE;
    private final List<Throughput> stepLog = new ArrayList<>();

    private static String sentimentShares(RowLengths lengths) {
        long rows = rowCount(lengths.overall());
        StringBuilder out = new StringBuilder();
        for (Sentiment s : Sentiment.values()) {
            long labelled = rowCount(lengths.byLabel().getOrDefault(s, List.of()));
            out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f%%", s,
                    100.0 * labelled / Math.max(1, rows)));
        }
        return out.toString();
    }

    private static long rowCount(List<Integer> lengthCounts) {
        return lengthCounts.stream().mapToLong(Integer::longValue).sum();
    }
}
