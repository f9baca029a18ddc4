package io.github.diffusionnlp.steer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.ModelClosedException;
import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.CheckpointReading;
import io.github.diffusionnlp.checkpoint.WholeFile;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.runtime.Autograd;
import io.github.diffusionnlp.runtime.Lifecycle;
import io.github.diffusionnlp.runtime.Owned;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.sample.GuidanceScorer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * A trained plug-and-play scorer that moves the words: logistic regression on the "soft bag of words" a window's
 * noisy embeddings are read as. Each position's word is read as the posterior p(w | x) ∝ exp(−‖x − e_w‖² / 2σ²)
 * over the model's embedding table (as {@link LexiconSentimentScorer} reads it); the posteriors are summed over the
 * window's positions, given ones included (read as their words), into a (V) bag, whose [PAD] counts for nothing;
 * the label's logit is the bag times a learned (V, 3) table of per-word label weights, plus a bias. Trained on
 * sentences labelled by the AFINN labeller
 * (as the model's training rows were), read at noise levels spread over the model's range, as Diffusion-LM trains
 * its classifiers on noisy x_t. It scores log p(target | x); the language model is untouched.
 *
 * <p>Its gradient at a position pulls it toward the words whose learned weight favours the target, as the
 * lexicon's pulls toward the rated words: that is what moves the words. The linear probe it replaced (weights
 * over the mean of the noisy embeddings) pulled every position along one fixed direction, which no word lies
 * along, and moved only its own score (docs/library.md has both measured: this one moves AFINN's counts;
 * the model's own reading of its text has been measured on a few sentences only).
 *
 * <p>Each gradient step of steering reads every position against the whole vocabulary, as the lexicon scorer
 * does: a (rows, width, V) array, about 200 MB for 64 rows of 64 positions of the shipped model.
 */
public final class NoisySentimentClassifier implements AutoCloseable {
    private static final int LABELS = Sentiment.values().length;
    /**
     * The largest embedding table (in floats) and vocabulary whose probe {@link #load} reads: a probe file's size is
     * bounded before it is read (it is read whole), and a probe holds no config to bound it by; the shipped model's
     * table is 12,000 × 256 (3,072,000 floats).
     */
    private static final long LARGEST_TABLE = 1L << 26;
    private static final long LARGEST_VOCABULARY = 1L << 20;
    private static final WholeFile.Limit PROBE_FILE = CheckpointFiles.arrayListLimit(3,
            (LARGEST_TABLE + LABELS * LARGEST_VOCABULARY + LABELS) * Float.BYTES,
            "a sentiment probe of a model with up to " + String.format(Locale.ROOT, "%,d", LARGEST_TABLE)
                    + " embedding values", "save the probe again with NoisySentimentClassifier.save");
    private static final int BATCH = 64;
    /** Rows read against the vocabulary at once while training: a (rows, width, V) posterior each. */
    private static final int READ_ROWS = 16;
    /**
     * Adam's rate for the word weights: at 0.01 a word's weight moves at most 3 in 300 steps, while the AFINN label
     * turns on valences of 2 to 5 summed over a sentence. The only rate tried (docs/library.md).
     */
    private static final float LEARNING_RATE = 0.05f;

    private final NDManager manager;
    /**
     * (d, V): the model's embedding table, which the posteriors are read against, transposed (so that each product
     * starts from the caller's array and lands on its manager, not on the probe's: see {@link #labelLogits}).
     */
    private final NDArray tableTransposed;
    private final NDArray halfSquaredNorms; // (V): ‖e_w‖² / 2
    private final NDArray wordWeights; // (V, labels)
    private final NDArray counted; // (V): 0 for [PAD], 1 for every word
    private final NDArray bias; // (labels)
    /**
     * A scorer may run on sampling threads while its owner closes it; a call after the close fails as a closed
     * model's does ({@link ModelClosedException}, which a service swapping models already catches), naming the probe.
     */
    private final Lifecycle lifecycle;

    /** @param name the file it was loaded from, or "trained on " and the model's name */
    private NoisySentimentClassifier(NDManager manager, NDArray tableTransposed, NDArray wordWeights, NDArray bias,
            String name) {
        this.manager = manager;
        this.tableTransposed = tableTransposed;
        this.halfSquaredNorms = halfSquaredNorms(tableTransposed);
        int vocabulary = (int) tableTransposed.getShape().get(1);
        float[] isWord = new float[vocabulary];
        Arrays.fill(isWord, 1f);
        isWord[Vocabulary.PAD_ID] = 0f;
        this.counted = manager.create(isWord);
        this.wordWeights = wordWeights;
        this.bias = bias;
        this.lifecycle = new Lifecycle("NoisySentimentClassifier", () -> new ModelClosedException(
                "NoisySentimentClassifier", name, "train or load the probe again to go on"));
    }

    /** The scorer of log p(target | x). */
    public GuidanceScorer toward(Sentiment target) {
        int label = target.ordinal();
        return (x, sigma, generated) -> logits(x, sigma).logSoftmax(1).get(new NDIndex(":, " + label));
    }

    /**
     * Class probabilities (B, 3) in {@link Sentiment} order, for noisy embeddings as in {@link GuidanceScorer}; every
     * position of the window is read ({@code generated} is not needed to read a sentence).
     */
    public NDArray probabilities(NDArray x, NDArray sigma, NDArray generated) {
        return logits(x, sigma).softmax(1);
    }

    private NDArray logits(NDArray x, NDArray sigma) {
        return lifecycle.whileOpen(() -> {
            requireWidth(x);
            return labelLogits(bag(x, sigma), wordWeights);
        });
    }

    /**
     * (B, labels) for bags (B, V). [PAD]'s weights are left out: a window's padding past a sentence is given as [PAD],
     * more of it the shorter the sentence, and should not count as a word would; a [PAD] sampled at a free length ends
     * the sentence and carries no sentiment either.
     */
    private NDArray labelLogits(NDArray bag, NDArray weights) {
        // the bag first: a product lands on its first operand's manager, and the probe's would keep each one until
        // the probe closed when called outside an NDScope; [PAD]'s zero is a constant, so no gradient reaches it
        return bag.mul(counted).matMul(weights).add(bias);
    }

    private void requireWidth(NDArray x) {
        long probeWidth = tableTransposed.getShape().get(0);
        long modelWidth = x.getShape().get(x.getShape().dimension() - 1);
        if (modelWidth != probeWidth) { // else PyTorch's "mat1 and mat2 shapes cannot be multiplied", naming neither
            throw new IllegalArgumentException("this probe was trained for a model " + probeWidth + " wide; the"
                    + " model is " + modelWidth + " wide; train one on this model (NoisySentimentClassifier.train)");
        }
    }

    /**
     * (B, V): each position's word posterior p(w | x) ({@link WordPosteriors}), summed over the positions. The
     * (B, L, V) posteriors are freed once summed; with a graph (steering) its softmax node keeps them, as long as it
     * needs them, by a reference of its own, as {@link WordPosteriors#of} frees its logits.
     */
    private NDArray bag(NDArray x, NDArray sigma) {
        try (NDArray posteriors = WordPosteriors.of(x, sigma, tableTransposed, halfSquaredNorms)) {
            return posteriors.sum(new int[] {1});
        }
    }

    /** (V): ‖e_w‖² / 2 of a (d, V) table; its temporaries freed here, as they would stay on the probe's manager. */
    private static NDArray halfSquaredNorms(NDArray tableTransposed) {
        try (NDArray squares = tableTransposed.square(); NDArray sums = squares.sum(new int[] {0})) {
            return sums.div(2f);
        }
    }

    /**
     * Trains the classifier on {@code sentences} labelled by the AFINN labeller, with the model's own embedding
     * table, for {@code steps} batches of 64 at noise levels log-uniform over the model's range (each sentence's
     * words at one level).
     *
     * @throws IllegalArgumentException when {@code sentences} is empty or {@code steps} is below 1, naming which
     * @throws NullPointerException when {@code lm} or {@code sentences} is null, naming which
     */
    public static NoisySentimentClassifier train(DiffusionLM lm, List<TaggedSentence> sentences, int steps, long seed) {
        Objects.requireNonNull(lm, "lm (the model whose embedding table the probe is trained on)");
        Objects.requireNonNull(sentences, "sentences (the probe's training sentences)");
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("sentences is empty; give at least one sentence to train the probe on");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            // its weights outlive any NDScope the caller has open
            return Owned.by(manager, () -> fit(manager, lm, sentences, steps, seed));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static NoisySentimentClassifier fit(NDManager manager, DiffusionLM lm, List<TaggedSentence> sentences,
            int steps, long seed) {
        String trainedOn = "trained on " + lm.name();
        NDArray table = lm.embeddingTable(manager);
        int vocabulary = (int) table.getShape().get(0);
        int d = (int) table.getShape().get(1);
        int window = lm.info().config().maxLength();
        double logMin = Math.log(lm.info().config().sigmaMin());
        double logMax = Math.log(lm.info().config().sigmaMax());
        SentimentLabeller labeller = SentimentLabeller.afinn();
        Vocabulary vocab = lm.vocabulary();
        NDArray wordWeights = manager.zeros(new Shape(vocabulary, LABELS));
        NDArray bias = manager.zeros(new Shape(LABELS));
        // (d, V) laid out row after row, as the saved probe reads it back: a copy of the transposed view
        // (duplicate()) keeps its strides, and matMul sums in another order, scoring other last bits than the saved
        // probe; the view's own toFloatArray() leaves a contiguous copy alive in the manager
        float[] rows = table.toFloatArray();
        table.close();
        float[] transposed = new float[rows.length];
        for (int w = 0; w < vocabulary; w++) {
            for (int j = 0; j < d; j++) {
                transposed[j * vocabulary + w] = rows[w * d + j];
            }
        }
        NDArray tableTransposed = manager.create(transposed, new Shape(d, vocabulary));
        NoisySentimentClassifier c = new NoisySentimentClassifier(manager, tableTransposed, wordWeights, bias,
                trainedOn);
        wordWeights.setRequiresGradient(true);
        bias.setRequiresGradient(true);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build();
        Random random = new Random(seed);
        for (int step = 0; step < steps; step++) {
            List<TaggedSentence> batch = new ArrayList<>();
            float[] labels = new float[BATCH];
            float[] sigmas = new float[BATCH];
            for (int b = 0; b < BATCH; b++) {
                TaggedSentence s = sentences.get(random.nextInt(sentences.size()));
                batch.add(s);
                labels[b] = labeller.label(s.words()).ordinal();
                sigmas[b] = (float) Math.exp(logMin + random.nextDouble() * (logMax - logMin));
            }
            // The optimizer's moments are made on its first update: outside the step's scope.
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                List<NDArray> bags = new ArrayList<>();
                for (int from = 0; from < BATCH; from += READ_ROWS) {
                    bags.add(c.noisyBag(batch.subList(from, from + READ_ROWS),
                            Arrays.copyOfRange(sigmas, from, from + READ_ROWS), vocab, window, random));
                }
                NDArray bag = NDArrays.concat(new NDList(bags));
                NDArray target = manager.create(labels).toType(DataType.INT64, false);
                Autograd.COLLECTOR.lock();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = c.labelLogits(bag, wordWeights).logSoftmax(1)
                            .gather(target.expandDims(1), 1).neg().mean();
                    collector.backward(loss);
                } finally {
                    Autograd.COLLECTOR.unlock();
                }
            }
            // getGradient hands out a new array (a handle on the parameter's gradient) each call, on the probe's
            // manager: unclosed, two a step stayed with the probe until it closed
            try (NDArray weightGradient = wordWeights.getGradient(); NDArray biasGradient = bias.getGradient()) {
                adam.update("wordWeights", wordWeights, weightGradient);
                adam.update("bias", bias, biasGradient);
            }
        }
        wordWeights.setRequiresGradient(false);
        bias.setRequiresGradient(false);
        return c;
    }

    /**
     * (rows, V): the soft bags of words of {@code rows}, each noised at its σ by the seeded Java generator (PyTorch's
     * is the process's, not this seed's) and read at its words' positions only (padding counts for nothing: {@link
     * #counted}). No gradient flows through it.
     */
    private NDArray noisyBag(List<TaggedSentence> rows, float[] sigmas, Vocabulary vocab, int window, Random random) {
        int d = (int) tableTransposed.getShape().get(0);
        int widest = 0;
        for (TaggedSentence row : rows) {
            widest = Math.max(widest, Math.min(window, row.size()));
        }
        long[] ids = new long[rows.size() * widest];
        float[] isWord = new float[rows.size() * widest];
        float[] noise = new float[rows.size() * widest * d];
        for (int b = 0; b < rows.size(); b++) {
            List<String> words = rows.get(b).words();
            for (int i = 0; i < Math.min(widest, words.size()); i++) {
                ids[b * widest + i] = vocab.id(words.get(i));
                isWord[b * widest + i] = 1f;
            }
            for (int i = b * widest * d; i < (b + 1) * widest * d; i++) {
                noise[i] = (float) random.nextGaussian();
            }
        }
        NDManager m = manager;
        NDArray sigma = m.create(sigmas);
        NDArray clean = tableTransposed.transpose().get(new NDIndex("{}", m.create(ids)))
                .reshape(rows.size(), widest, d);
        NDArray x = clean.add(m.create(noise, clean.getShape()).mul(sigma.reshape(-1, 1, 1)));
        NDArray weights = m.create(isWord, new Shape(rows.size(), widest, 1));
        return WordPosteriors.weightedSum(x, sigma, tableTransposed, halfSquaredNorms, weights);
    }

    /**
     * Writes the probe as a DJL {@link NDList} (plain arrays: loading runs no code): the model's embedding table it
     * reads against (transposed), the word weights and the bias.
     */
    public void save(Path file) throws IOException {
        byte[] encoded = lifecycle.whileOpen(() -> new NDList(tableTransposed, wordWeights, bias).encode());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(encoded);
        }
    }

    /**
     * Reads a probe written by {@link #save}: a DJL NDList of a (d, V) embedding table, (V, 3) word weights and a (3)
     * bias. It steers only a model d wide, as the one it was trained on (a call with another fails, naming both
     * widths), and reads the noisy embeddings as that model's words.
     *
     * @throws IOException naming the file when it cannot be read, is larger than a probe of a model with 67,108,864
     *     embedding values, or holds something other than a sentiment probe, or a NaN or an infinity
     */
    public static NoisySentimentClassifier load(Path file) throws IOException {
        NDManager manager = NDManager.newBaseManager();
        try {
            // walked before decoding (NDList.decode allocates what the file declares); outlives the caller's NDScope
            NDList list = Owned.loading(manager,
                    () -> CheckpointFiles.loadArrays(file, PROBE_FILE, DataType.FLOAT32, manager));
            if (list.size() != 3 || !isProbe(list.get(0).getShape(), list.get(1).getShape(), list.get(2).getShape())) {
                throw new IOException(Visible.of(file) + ": not a sentiment classifier (expected a (d, V) embedding"
                        + " table, (V, 3) word weights and a (3) bias)");
            }
            requireFinite(file, list);
            String name = file.toString();
            return Owned.by(manager, () -> new NoisySentimentClassifier(manager, list.get(0), list.get(1), list.get(2),
                    name));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e instanceof IOException io ? io : new IOException(Visible.of(file) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails naming {@code file} and the array when a probe's arrays hold a NaN or an infinity: DJL decodes them as any
     * other value (a model's weights with one are refused, {@code DjlArrayFileCheck}), and the probe scored every
     * sentence NaN.
     */
    private static void requireFinite(Path file, NDList probe) throws IOException {
        String[] names = {"embedding table holds", "word weights hold", "bias holds"};
        for (int i = 0; i < probe.size(); i++) {
            NDArray values = probe.get(i);
            long nonFinite = CheckpointReading.nonFinite(values);
            if (nonFinite > 0) {
                throw new IOException(String.format(java.util.Locale.ROOT, "%s: the probe's %s %,d NaN or infinite"
                        + " value%s (of %,d): the file was damaged, or the run that trained the probe diverged; train"
                        + " it again", Visible.of(file), names[i], nonFinite, nonFinite == 1 ? "" : "s",
                        values.size()));
            }
        }
    }

    private static boolean isProbe(Shape table, Shape wordWeights, Shape bias) {
        return table.dimension() == 2 && wordWeights.dimension() == 2 && wordWeights.get(0) == table.get(1)
                && wordWeights.get(1) == LABELS && bias.dimension() == 1 && bias.get(0) == LABELS;
    }

    /**
     * Frees the weights once the scorers running are done. Later calls (its scorers, {@link #probabilities},
     * {@link #save}) fail with {@link ModelClosedException} naming the probe: the file it was loaded from, or the
     * model it was trained on.
     */
    @Override
    public void close() {
        lifecycle.close(manager::close);
    }
}
