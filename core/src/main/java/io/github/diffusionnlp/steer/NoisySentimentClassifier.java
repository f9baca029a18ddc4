package io.github.diffusionnlp.steer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
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
import io.github.diffusionnlp.checkpoint.WholeFile;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.model.Autograd;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.model.Lifecycle;
import io.github.diffusionnlp.model.Owned;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.sample.GuidanceScorer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * A trained plug-and-play scorer that does <b>not</b> steer the text: a linear sentiment classifier over the
 * mean of a sentence's noisy embeddings (each scaled by c_in, like the denoiser's input), trained at noise
 * levels spread over the whole schedule, as Diffusion-LM trains its classifiers on noisy x_t. It
 * scores log p(target | x); the language model is untouched.
 *
 * <p>Measured on the shipped model (README, <i>Library</i>): trained on 2,000 sentences for 300 steps it
 * answers the majority label (held-out accuracy 0.61–0.62 at every noise level, 0.624 for always neutral), and
 * steering with it at weight 10 moves its own score but not the model's reading of the text or the AFINN
 * count. A linear score's gradient is one direction for every position, and no word lies along it; to steer,
 * use {@link LexiconSentimentScorer}. This class remains an example of training a scorer on noisy embeddings.
 */
public final class NoisySentimentClassifier implements AutoCloseable {
    private static final int LABELS = Sentiment.values().length;
    /**
     * The widest model whose probe {@link #load} reads: a probe file's size is bounded before it is read (it
     * is read whole), and a probe holds no config to bound it by; the shipped models are 64 to 256 wide.
     */
    private static final long WIDEST_MODEL = 65_536;
    private static final WholeFile.Limit PROBE_FILE = CheckpointFiles.arrayListLimit(2,
            (LABELS * WIDEST_MODEL + LABELS) * Float.BYTES, "a sentiment probe of a model up to "
                    + String.format(Locale.ROOT, "%,d", WIDEST_MODEL) + " wide",
            "save the probe again with NoisySentimentClassifier.save");
    private static final int BATCH = 64;

    private final NDManager manager;
    private final NDArray weight; // (labels, d)
    private final NDArray bias; // (labels)
    /**
     * A scorer may run on sampling threads while its owner closes it; a call after the close fails as a closed
     * model's does ({@link ModelClosedException}, which a service swapping models already catches), naming the probe.
     */
    private final Lifecycle lifecycle;

    /** @param name the file it was loaded from, or "trained on " and the model's name */
    private NoisySentimentClassifier(NDManager manager, NDArray weight, NDArray bias, String name) {
        this.manager = manager;
        this.weight = weight;
        this.bias = bias;
        this.lifecycle = new Lifecycle("NoisySentimentClassifier", () -> new ModelClosedException(
                "NoisySentimentClassifier", name, "train or load the probe again to go on"));
    }

    /** The scorer of log p(target | x). */
    public GuidanceScorer toward(Sentiment target) {
        int label = target.ordinal();
        return (x, sigma, generated) -> logits(x, sigma, generated).logSoftmax(1).get(new NDIndex(":, " + label));
    }

    /** Class probabilities (B, 3) in {@link Sentiment} order, for noisy embeddings as in {@link GuidanceScorer}. */
    public NDArray probabilities(NDArray x, NDArray sigma, NDArray generated) {
        return logits(x, sigma, generated).softmax(1);
    }

    private NDArray logits(NDArray x, NDArray sigma, NDArray generated) {
        return lifecycle.whileOpen(() -> openLogits(x, sigma, generated));
    }

    private NDArray openLogits(NDArray x, NDArray sigma, NDArray generated) {
        long probeWidth = weight.getShape().get(1);
        long modelWidth = x.getShape().get(x.getShape().dimension() - 1);
        if (modelWidth != probeWidth) { // else PyTorch's "mat1 and mat2 shapes cannot be multiplied", naming neither
            throw new IllegalArgumentException("this probe was trained for a model " + probeWidth + " wide; the"
                    + " model is " + modelWidth + " wide; train one on this model (NoisySentimentClassifier.train)");
        }
        NDArray cIn = DiffusionTransformer.cIn(sigma).reshape(-1, 1, 1);
        NDArray scale = generated.mul(cIn).add(generated.neg().add(1f));
        NDArray features = x.mul(scale).mean(new int[] {1});
        return features.matMul(weight.transpose()).add(bias);
    }

    /**
     * Trains the classifier on {@code sentences} labelled by the AFINN labeller, with the model's
     * own embedding table, for {@code steps} batches of 64 at noise levels log-uniform over the model's range.
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
        int d = (int) table.getShape().get(1);
        int len = lm.info().config().maxLength();
        double logMin = Math.log(lm.info().config().sigmaMin());
        double logMax = Math.log(lm.info().config().sigmaMax());
        SentimentLabeller labeller = SentimentLabeller.afinn();
        Vocabulary vocab = lm.vocabulary();
        NDArray weight = manager.zeros(new Shape(LABELS, d));
        NDArray bias = manager.zeros(new Shape(LABELS));
        weight.setRequiresGradient(true);
        bias.setRequiresGradient(true);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
        Random random = new Random(seed);
        for (int step = 0; step < steps; step++) {
            long[] ids = new long[BATCH * len];
            float[] labels = new float[BATCH];
            float[] sigmas = new float[BATCH];
            for (int b = 0; b < BATCH; b++) {
                TaggedSentence s = sentences.get(random.nextInt(sentences.size()));
                for (int i = 0; i < Math.min(len, s.size()); i++) {
                    ids[b * len + i] = vocab.id(s.words().get(i));
                }
                labels[b] = labeller.label(s.words()).ordinal();
                sigmas[b] = (float) Math.exp(logMin + random.nextDouble() * (logMax - logMin));
            }
            // The optimizer's moments are made on its first update: outside the step's scope.
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray clean = table.get(new NDIndex("{}", manager.create(ids))).reshape(BATCH, len, d);
                NDArray sigma = manager.create(sigmas);
                // the noise from the seeded Java generator: PyTorch's is the process's, not this seed's
                float[] noise = new float[BATCH * len * d];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) random.nextGaussian();
                }
                NDArray x = clean.add(manager.create(noise, clean.getShape()).mul(sigma.reshape(-1, 1, 1)));
                NDArray generated = manager.ones(new Shape(BATCH, len, 1));
                NDArray target = manager.create(labels).toType(ai.djl.ndarray.types.DataType.INT64, false);
                NoisySentimentClassifier c = new NoisySentimentClassifier(manager, weight, bias, trainedOn);
                Autograd.COLLECTOR.lock();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = c.logits(x, sigma, generated).logSoftmax(1)
                            .gather(target.expandDims(1), 1).neg().mean();
                    collector.backward(loss);
                } finally {
                    Autograd.COLLECTOR.unlock();
                }
            }
            // getGradient hands out a new array (a handle on the parameter's gradient) each call, on the probe's
            // manager: unclosed, two a step stayed with the probe until it closed
            try (NDArray weightGradient = weight.getGradient(); NDArray biasGradient = bias.getGradient()) {
                adam.update("weight", weight, weightGradient);
                adam.update("bias", bias, biasGradient);
            }
        }
        weight.setRequiresGradient(false);
        bias.setRequiresGradient(false);
        table.close();
        return new NoisySentimentClassifier(manager, weight, bias, trainedOn);
    }

    /** Writes the weights as a DJL {@link NDList} (plain arrays: loading runs no code). */
    public void save(Path file) throws IOException {
        byte[] encoded = lifecycle.whileOpen(() -> new NDList(weight, bias).encode());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(encoded);
        }
    }

    /**
     * Reads a probe written by {@link #save}: a DJL NDList of a (3, d) weight and a (3) bias. It steers only a
     * model d wide, as the one it was trained on (a call with another fails, naming both widths).
     *
     * @throws IOException naming the file when it cannot be read, is larger than a probe of a model 65,536
     *     wide, or holds something other than a sentiment probe
     */
    public static NoisySentimentClassifier load(Path file) throws IOException {
        NDManager manager = NDManager.newBaseManager();
        try {
            // walked before decoding (NDList.decode allocates what the file declares); outlives the caller's NDScope
            NDList list = Owned.loading(manager,
                    () -> CheckpointFiles.loadArrays(file, PROBE_FILE, DataType.FLOAT32, manager));
            if (list.size() != 2 || list.get(0).getShape().dimension() != 2 || list.get(0).getShape().get(0) != LABELS
                    || list.get(1).getShape().dimension() != 1 || list.get(1).getShape().get(0) != LABELS) {
                throw new IOException(file + ": not a sentiment classifier (expected a (3, d) weight and a (3) bias)");
            }
            return new NoisySentimentClassifier(manager, list.get(0), list.get(1), file.toString());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e instanceof IOException io ? io : new IOException(file + ": " + e.getMessage(), e);
        }
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
