package io.github.diffusionnlp.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.github.diffusionnlp.api.Devices;
import io.github.diffusionnlp.api.DjlTelemetry;
import io.github.diffusionnlp.api.NativeHeap;
import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.checkpoint.TrainingState;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.model.Autograd;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.model.Flops;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.model.RowChunks;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * Trains a CDCD model (the "train.py" of this project). One step:
 * <ol>
 *   <li>draw a batch of rows and, per row, a conditioning mask ({@link ConditioningMask});
 *   <li>draw σ per row from the time warping, stratified over the batch: σ = exp(F⁻¹(u));
 *   <li>noise the embeddings of the generated positions: x = e + σ·ε;
 *   <li>with p = 0.5, a first pass without gradient gives x̂₀ for self-conditioning;
 *   <li>cross-entropy of the logits against the clean tokens at the generated positions;
 *   <li>clip the gradient's global norm to 1, AdamW with warm-up and cosine decay;
 *   <li>feed the per-row losses to the time warping.
 * </ol>
 */
public final class DiffusionTrainer implements TrainingRun {
    static {
        DjlTelemetry.optOut(); // before DJL's engine first starts
    }

    private static final double WARP_DECAY = 0.995;
    private static final double SENTIMENT_DROP = 0.15;
    /**
     * Higher than the sentiment's: free infilling (no template) is the main use and must stay as good
     * as an unconditional model's, and a template also gives away the length.
     */
    private static final double UPOS_DROP = 0.5;
    /**
     * Every so many steps a batch keeps the full row width, so that the model also learns long runs
     * of padding (free-length generation ends a sentence with them).
     */
    private static final int FULL_WIDTH_EVERY = 10;

    /**
     * The options as given until the run starts; a resumed run then takes the checkpoint's recorded settings
     * in place of those left unsaid ({@link TrainOptions#resumedFrom}).
     */
    private TrainOptions options;
    private final PrintStream log;

    /** The training sentences a caller read beforehand ({@link #DiffusionTrainer(TrainOptions, TaggedCorpus.Read,
     * PrintStream)}), or null: read from {@code options.corpus()} when the run starts. */
    private final TaggedCorpus.Read corpusRead;

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
     * twice. A run that resumes reads its corpus again, as its checkpoint recorded.
     */
    public DiffusionTrainer(TrainOptions options, TaggedCorpus.Read corpusRead, PrintStream log) {
        this.options = Objects.requireNonNull(options, "options");
        this.corpusRead = corpusRead;
        // else a NullPointerException ("this.log" is null) once the run has started
        this.log = Objects.requireNonNull(log, "log (new PrintStream(OutputStream.nullOutputStream()) for none)");
    }

    /** Set by {@link #stop()}, from any thread; read after each step. */
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
     * {@link TrainingStopped}.
     *
     * @throws TrainingStopped after {@link #stop()} or an interrupt of the running thread, once the step it was in
     *     is done and saved
     * @throws IOException when the corpus cannot be read or a checkpoint cannot be written
     */
    @Override
    public TrainingInfo run() throws IOException {
        NativeHeap.keepFreedMemory();
        // the directory stays locked against other runs until this one ends
        try (OutputDirectory.Claim claim = OutputDirectory.claim(options, log, "train")) {
            return Reproducible.runIf(options.reproducible(), () -> train(claim.resuming()));
        }
    }

    private TrainingInfo train(boolean resuming) throws IOException {
        Path out = options.output();
        // a resumed run reads its corpus as the checkpoint recorded, before loading it (errors come first)
        TrainingInfo recorded = resuming ? ModelCheckpoint.readHeader(out).training() : null;
        options = options.resumedFrom(recorded);
        Corpora corpora = TrainingData.read(options, recorded, resuming ? null : corpusRead, log);
        List<TaggedSentence> corpus = corpora.train();
        List<TaggedSentence> devCorpus = corpora.dev();
        try (NDManager manager = NDManager.newBaseManager()) {
            DiffusionTransformer network;
            Vocabulary vocab;
            TimeWarp warp;
            NDList moments = null;
            TrainingInfo previous = null;
            if (resuming) {
                ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(out, manager);
                network = loaded.network();
                vocab = loaded.vocabulary();
                warp = loaded.warp();
                previous = loaded.header().training();
                moments = ModelCheckpoint.loadOptimizerState(loaded, manager);
                TrainingState.requireMatches(moments, network.getParameters(), out.resolve(ModelCheckpoint.OPTIMIZER));
                logResuming(log, out, previous.step(), moments);
            } else {
                vocab = Vocabulary.build(corpus.stream().map(TaggedSentence::words).toList(), options.vocabSize());
                ModelConfig config = ModelConfig.ofSize(options.size(), vocab.size(), options.maxLength());
                if (options.relativePositions()) {
                    config = config.withRelativePositions();
                }
                network = new DiffusionTransformer(config);
                Engine.getInstance().setRandomSeed((int) options.seed());
                network.initialize(manager);
                if (options.contextEmbeddings()) {
                    log.println("word embeddings: from the corpus's word contexts (truncated SVD of positive PMI)...");
                    long start = System.nanoTime();
                    network.initWordEmbeddingsFromContexts(corpus.stream()
                            .map(sentence -> sentence.words().stream().mapToInt(vocab::id).toArray()).toList(),
                            options.seed());
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
            Path lexicon = out.resolve(ModelCheckpoint.TAG_LEXICON);
            if (!resuming || !Files.isRegularFile(lexicon)) { // models trained before it existed get it on resuming
                TagLexicon tags = TagLexicon.build(corpus, vocab);
                CheckpointFiles.writeAtomically(lexicon, tmp -> tags.write(tmp, vocab));
            }
            for (Pair<String, Parameter> p : network.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            SentimentLabeller labeller = SentimentLabeller.afinn();
            List<Example> rows = TrainingData.examples(corpus, vocab, labeller, network.config().maxLength());
            List<Example> devRows = TrainingData.examples(devCorpus, vocab, labeller, network.config().maxLength());
            devRows = devRows.subList(0, Math.min(TrainingLog.DEV_ROWS, devRows.size()));
            log.printf(Locale.ROOT, "model: %s, %,d parameters, vocabulary %,d (covers %.1f%% of training tokens), %,d rows"
                    + " (sentiment %s), device %s%n", network.config().describe(), network.parameterCount(), vocab.size(),
                    100 * coverage(rows), rows.size(), sentimentShares(rows), Devices.name(manager.getDevice()));
            TrainingNotes notes = new TrainingNotes(options, log);
            if (resuming) {
                notes.noteResuming(previous, corpora.reading());
            }
            notes.warnOfPoorCoverage(coverage(rows), vocab.size(), resuming);
            if (TaggedCorpus.untagged(corpus)) {
                log.println("note: the corpus carries no UPOS tags (every tag X), so it cannot teach POS templates"
                        + " (--pos); give word<TAB>UPOS or CoNLL-U lines for that");
            }
            long reserved = corpus.stream().flatMap(sentence -> sentence.words().stream())
                    .filter(Vocabulary::isReserved).count();
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
                log.printf(Locale.ROOT, "note: the warm-up (%d steps) is not shorter than the run (%d steps), so the"
                        + " learning rate never reaches %s; give a shorter %s%n", options.warmupSteps(),
                        options.steps(), options.learningRate(), options.names().name(TrainOptions.Setting.WARMUP));
            }
            return loop(manager, network, vocab, warp, optimizer, average, rows, devRows, previous, corpora.reading(),
                    !TaggedCorpus.untagged(corpus));
        }
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

    /** Says that a run resumes, and whether its optimizer moments were saved (the shipped model's were not). */
    static void logResuming(PrintStream log, Path out, int step, NDList moments) {
        if (moments != null) {
            log.printf("resuming %s at step %d%n", out, step);
        } else {
            log.printf("resuming %s at step %d without optimizer moments (no %s): AdamW starts them afresh%n",
                    out, step, ModelCheckpoint.OPTIMIZER);
        }
    }

    private TrainingInfo loop(NDManager manager, DiffusionTransformer network, Vocabulary vocab, TimeWarp warp,
            AdamW optimizer, WeightAverage average, List<Example> rows, List<Example> devRows, TrainingInfo previous,
            TaggedCorpus.Reading read, boolean tagged) throws IOException {
        Path out = options.output();
        int step = previous == null ? 0 : previous.step();
        double smoothed = previous == null ? Double.NaN : previous.trainLoss();
        double devLoss = previous == null ? Double.NaN : previous.devLoss();
        int startStep = step;
        TrainingLog progress = TrainingLog.continuing(options, log, previous);
        DivergenceGuard divergence = new DivergenceGuard(out, options.names());
        PairList<String, Parameter> parameters = network.getParameters();
        LengthBatches order = new LengthBatches(rows.stream().mapToInt(r -> length(r.ids())).toArray(),
                options.batchSize(), options.seed());
        TrainingInfo info = null;
        while (!progress.isLast(step)) {
            step++;
            float lr = options.learningRateAt(step);
            long stepStart = System.nanoTime();
            double loss = trainStep(manager, network, warp, optimizer, parameters, rows, order.members(step), step, lr);
            // asked first, before the log's file writes: an interrupt left set would make them fail
            // (ClosedByInterruptException) rather than save (see TrainingStopped.requested)
            boolean stop = TrainingStopped.requested(stopAsked);
            if (average != null && Double.isFinite(loss)) {
                average.update(parameters, step);
            }
            Throughput timed = Throughput.NONE.plus(lastStep, (System.nanoTime() - stepStart) / 1e9);
            stepLog.add(timed);
            if (step - startStep > WARM_STEPS) {
                throughput = throughput.plus(timed, timed.seconds());
            }
            divergence.after(step, Double.isFinite(loss)); // trainStep's NaN: the update was skipped
            smoothed = TrainingLog.smoothed(smoothed, loss);
            if (step % TrainingLog.DEV_EVERY == 0 && !devRows.isEmpty()) {
                devLoss = devLoss(manager, network, devRows);
            }
            progress.step(step, lr, smoothed, devLoss, throughput);
            boolean last = progress.isLast(step);
            // a stop writes its checkpoint even right after a skipped step, as the last step does: its weights
            // are the last good step's, and there is no later step to put it off to
            if (divergence.checkpointNow(step % options.checkpointEvery() == 0 || last || stop, last || stop)) {
                if (last && !devRows.isEmpty()) {
                    devLoss = devLoss(manager, network, devRows);
                }
                info = options.checkpointRecord(rows.size(), step, progress.wallSeconds(), smoothed, devLoss,
                        options.averageDecay(), read, tagged);
                if (average == null) {
                    ModelCheckpoint.save(out, network, vocab, warp, info, optimizer.state());
                } else {
                    // the checkpoint's model is the average, so its record gets the average's validation loss
                    TrainingInfo[] saved = {info};
                    average.saveAveraged(parameters, optimizer.state(), state -> {
                        if (!devRows.isEmpty()) {
                            double averaged = devLoss(manager, network, devRows);
                            log.printf(Locale.ROOT, "dev loss %.4f with the weight average (%.4f without)%n",
                                    averaged, saved[0].devLoss());
                            saved[0] = saved[0].withDevLoss(averaged);
                        }
                        ModelCheckpoint.save(out, network, vocab, warp, saved[0], state);
                    });
                    info = saved[0];
                }
                progress.writeLossCurve();
                TrainingCharts.writeWarp(out.resolve(TrainingCharts.WARP_PLOT), warp);
                log.printf(Locale.ROOT, "checkpoint: %s (step %d)%n", out, step);
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

    private double trainStep(NDManager manager, DiffusionTransformer network, TimeWarp warp, AdamW optimizer,
            PairList<String, Parameter> parameters, List<Example> rows, int[] members, int step, float lr) {
        int batch = options.batchSize();
        Random random = new Random(options.seed() * 1_000_003L + step);
        Example[] examples = new Example[batch];
        for (int k = 0; k < batch; k++) {
            examples[k] = rows.get(members[k]);
        }
        int[][] ids = ids(examples);
        int len = step % FULL_WIDTH_EVERY == 0 ? network.config().maxLength() : longest(ids);
        float[][] given = new float[batch][len];
        for (int b = 0; b < batch; b++) {
            ConditioningMask.draw(random, length(ids[b]), given[b]);
        }
        Example[] conditioned = dropConditions(examples, random);
        double[] sigmas = stratifiedSigmas(warp, batch, random);
        Engine.getInstance().setRandomSeed((int) (options.seed() * 31 + step));
        boolean selfCondition = random.nextBoolean();
        double[] perRow;
        double mean;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            ParameterStore ps = new ParameterStore(manager, false);
            Batch in = Batch.of(manager, conditioned, given, sigmas);
            Autograd.COLLECTOR.lock();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray e = network.embeddings(ps, manager.getDevice(), true);
                NDArray clean = in.clean(e);
                NDArray x = in.noised(manager, clean);
                NDArray selfCond = manager.zeros(x.getShape());
                if (selfCondition) {
                    selfCond = selfConditioning(network, ps, in, x, selfCond, e, clean);
                }
                NDArray h = network.forward(ps, in.inputs(x, selfCond), true).get(0);
                NDArray rowLoss = in.rowLoss(in.pick(h), hs -> network.logits(ps, hs, e, true));
                NDArray loss = in.meanLoss(rowLoss);
                collector.backward(loss);
                perRow = toDoubles(rowLoss.toFloatArray());
                mean = loss.getFloat();
            } finally {
                Autograd.COLLECTOR.unlock();
            }
            if (!Gradients.clipAndUpdate(optimizer, parameters, step, lr, mean, log)) {
                lastStep = Throughput.NONE;
                return Double.NaN;
            }
        }
        observeWarp(warp, sigmas, perRow, given);
        long tokens = 0;
        long generated = 0;
        for (int b = 0; b < batch; b++) {
            tokens += Math.min(len, length(ids[b]));
            for (float g : given[b]) {
                generated += g == 0f ? 1 : 0;
            }
        }
        ModelConfig c = network.config();
        double graded = Flops.forward(c, batch, len, generated);
        // backward costs about twice the forward; the self-conditioning pass adds a forward and x̂₀
        double flops = 3 * graded + (selfCondition ? graded + Flops.expectedEmbedding(c, generated) : 0);
        lastStep = new Throughput(1, tokens, flops, 0);
        return mean;
    }

    /**
     * The self-conditioning input: a first pass's x̂₀, from which no gradient flows. Run with autograd
     * paused so that the pass records no graph and keeps none of its activations for backward.
     */
    private static NDArray selfConditioning(DiffusionTransformer network, ParameterStore ps, Batch in, NDArray x,
            NDArray zeros, NDArray e, NDArray clean) {
        return Autograd.withoutGraph(() -> {
            NDArray h0 = in.pick(network.forward(ps, in.inputs(x, zeros), false).get(0));
            NDArray x0 = network.expectedEmbedding(ps, h0, e);
            return DiffusionTransformer.selfCondition(x0, in.rows, clean, in.given.expandDims(2));
        });
    }

    /** Feeds F the losses of rows that had something to generate (a fully given row says nothing). */
    private static void observeWarp(TimeWarp warp, double[] sigmas, double[] losses, float[][] given) {
        List<Integer> keep = new ArrayList<>();
        for (int b = 0; b < given.length; b++) {
            for (float g : given[b]) {
                if (g == 0f) {
                    keep.add(b);
                    break;
                }
            }
        }
        warp.observe(keep.stream().mapToDouble(b -> sigmas[b]).toArray(), keep.stream().mapToDouble(b -> losses[b]).toArray());
    }

    /**
     * Validation loss under the same mask mix, with fixed seeds and σ spread uniformly in ln σ (not
     * through the warp, which moves), so that points are comparable across the run.
     */
    private double devLoss(NDManager manager, DiffusionTransformer network, List<Example> devRows) {
        int len = network.config().maxLength();
        Random random = new Random(12345);
        Example[] examples = devRows.toArray(new Example[0]);
        int[][] ids = ids(examples);
        float[][] given = new float[ids.length][len];
        double[] sigmas = new double[ids.length];
        for (int b = 0; b < ids.length; b++) {
            ConditioningMask.draw(random, length(ids[b]), given[b]);
            ModelConfig c = network.config();
            sigmas[b] = c.sigmaMin() * Math.pow(c.sigmaMax() / c.sigmaMin(), (b + 0.5) / ids.length);
        }
        Engine.getInstance().setRandomSeed(12345);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            ParameterStore ps = new ParameterStore(manager, false);
            Batch in = Batch.of(manager, dropConditions(examples, random), given, sigmas);
            NDArray e = network.embeddings(ps, manager.getDevice(), false);
            NDArray clean = in.clean(e);
            NDArray x = in.noised(manager, clean);
            NDArray selfCond = selfConditioning(network, ps, in, x, manager.zeros(x.getShape()), e, clean);
            NDArray h = network.forward(ps, in.inputs(x, selfCond), false).get(0);
            return in.rowLoss(in.pick(h), hs -> network.logits(ps, hs, e, false)).mean().getFloat();
        }
    }

    /**
     * The arrays of one batch. {@code rows} lists the flattened (B·L) positions to generate, which are
     * the only positions whose logits are computed; {@code rowOf} (B, N) maps them back to their rows.
     */
    record Batch(NDArray ids, NDArray given, NDArray sigma, NDArray sentiment, NDArray upos, NDArray rows,
            NDArray targets, NDArray rowOf, NDArray counts) {
        static Batch of(NDManager m, Example[] examples, float[][] given, double[] sigmas) {
            int[][] ids = DiffusionTrainer.ids(examples);
            int batch = ids.length;
            int len = given[0].length;
            long[] flat = new long[batch * len];
            long[] upos = new long[batch * len];
            long[] sentiment = new long[batch];
            float[] g = new float[batch * len];
            float[] s = new float[batch];
            List<Long> generated = new ArrayList<>();
            float[] counts = new float[batch];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < len; i++) {
                    flat[b * len + i] = i < ids[b].length ? ids[b][i] : Vocabulary.PAD_ID;
                    upos[b * len + i] = examples[b].upos()[i];
                    g[b * len + i] = given[b][i];
                    if (given[b][i] == 0f) {
                        generated.add((long) b * len + i);
                        counts[b]++;
                    }
                }
                s[b] = (float) sigmas[b];
                sentiment[b] = examples[b].sentiment();
            }
            if (generated.isEmpty()) { // every position given: generate the last one so the batch has a loss
                g[batch * len - 1] = 0f;
                generated.add((long) batch * len - 1);
                counts[batch - 1]++;
            }
            long[] rows = generated.stream().mapToLong(Long::longValue).toArray();
            long[] targets = new long[rows.length];
            float[] rowOf = new float[batch * rows.length];
            for (int n = 0; n < rows.length; n++) {
                targets[n] = flat[(int) rows[n]];
                rowOf[(int) (rows[n] / len) * rows.length + n] = 1f;
            }
            return new Batch(m.create(flat, new Shape(batch, len)), m.create(g, new Shape(batch, len)), m.create(s),
                    m.create(sentiment), m.create(upos, new Shape(batch, len)), m.create(rows), m.create(targets), m.create(rowOf, new Shape(batch, rows.length)), m.create(counts));
        }

        /** The network's inputs for noisy embeddings {@code x} and self-conditioning {@code selfCond}. */
        NDList inputs(NDArray x, NDArray selfCond) {
            return new NDList(x, sigma, given, selfCond, sentiment, upos);
        }

        NDArray clean(NDArray e) {
            return DiffusionTransformer.embed(e, ids);
        }

        /** x = e + σ·ε at generated positions, the clean e at given ones. */
        NDArray noised(NDManager m, NDArray clean) {
            NDArray eps = m.randomNormal(clean.getShape());
            NDArray generated = given.neg().add(1f).expandDims(2);
            return clean.add(eps.mul(sigma.reshape(-1, 1, 1)).mul(generated));
        }

        /** The output features of the generated positions, (N, d). */
        NDArray pick(NDArray h) {
            return DiffusionTransformer.pick(h, rows);
        }

        /**
         * Mean cross-entropy over each row's generated positions: (B), from their features {@code h}
         * (N, d). The (N, V) logits are made a slice of {@link RowChunks#ROWS} rows at a time (see
         * {@link RowChunks}); the slices stay alive until backward, but are cheaper to allocate than
         * one ~100 MB array (measured: +12% training tokens/s).
         */
        NDArray rowLoss(NDArray h, java.util.function.UnaryOperator<NDArray> logitsOf) {
            NDList parts = new NDList();
            for (String range : RowChunks.ranges(h.getShape().get(0), RowChunks.ROWS)) {
                parts.add(logitsOf.apply(h.get(range)).logSoftmax(1).gather(targets.get(range).expandDims(1), 1)
                        .squeeze(1).neg());
            }
            NDArray nll = RowChunks.concat(parts);
            return rowOf.matMul(nll).div(counts.maximum(1f));
        }

        /**
         * The batch's loss: the mean of {@code rowLoss} over the rows with something to generate. The random-token
         * mask can give a short row entirely; such a row's loss is 0, and counted in the mean it would shrink its
         * batch's loss and gradient for nothing (the time warp leaves it out too, see {@code observeWarp}).
         */
        NDArray meanLoss(NDArray rowLoss) {
            // at least one row: a batch with nothing to generate anywhere has loss 0, not NaN
            return rowLoss.sum().div(counts.gt(0f).toType(DataType.FLOAT32, false).sum().maximum(1f));
        }
    }

    private static double[] stratifiedSigmas(TimeWarp warp, int batch, Random random) {
        List<Double> u = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            u.add((b + random.nextDouble()) / batch);
        }
        Collections.shuffle(u, random);
        double[] sigmas = new double[batch];
        for (int b = 0; b < batch; b++) {
            sigmas[b] = warp.inverse(u.get(b));
        }
        return sigmas;
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
    private Throughput lastStep = Throughput.NONE;
    private final List<Throughput> stepLog = new ArrayList<>();

    private static int longest(int[][] ids) {
        int longest = 2;
        for (int[] row : ids) {
            longest = Math.max(longest, length(row));
        }
        return longest;
    }

    /**
     * The examples with each condition dropped independently: the sentiment with probability
     * {@link #SENTIMENT_DROP}, the whole UPOS template with {@link #UPOS_DROP}. A dropped condition
     * teaches the unconditional model that classifier-free guidance contrasts with, and that free
     * infilling uses.
     */
    private static Example[] dropConditions(Example[] examples, Random random) {
        Example[] out = new Example[examples.length];
        for (int b = 0; b < examples.length; b++) {
            Example ex = examples[b];
            int sentiment = random.nextDouble() < SENTIMENT_DROP ? Conditioning.NONE : ex.sentiment();
            int[] upos = random.nextDouble() < UPOS_DROP ? new int[ex.upos().length] : ex.upos();
            out[b] = new Example(ex.ids(), upos, sentiment);
        }
        return out;
    }

    private static int[][] ids(Example[] examples) {
        int[][] ids = new int[examples.length][];
        for (int b = 0; b < examples.length; b++) {
            ids[b] = examples[b].ids();
        }
        return ids;
    }

    private static String sentimentShares(List<Example> rows) {
        int[] counts = new int[Conditioning.SENTIMENT_IDS];
        rows.forEach(r -> counts[r.sentiment()]++);
        StringBuilder out = new StringBuilder();
        for (Sentiment s : Sentiment.values()) {
            out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f%%", s,
                    100.0 * counts[Conditioning.sentimentId(s)] / Math.max(1, rows.size())));
        }
        return out.toString();
    }

    private static int length(int[] row) {
        int n = row.length;
        while (n > 0 && row[n - 1] == Vocabulary.PAD_ID) {
            n--;
        }
        return n;
    }

    private static double coverage(List<Example> rows) {
        return TrainingNotes.coverage(rows.stream().map(Example::ids).toList());
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }


}
