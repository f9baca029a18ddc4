package io.github.diffusionnlp.api;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.ar.ArConfig;
import io.github.diffusionnlp.ar.ArSampler;
import io.github.diffusionnlp.ar.NextTokenBatch;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.runtime.Interruption;
import io.github.diffusionnlp.runtime.Lifecycle;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.runtime.Owned;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The autoregressive baseline as a library: generate sentences (KV-cached), continue prefixes, and
 * score sentences (negative log-likelihood per token, the yardstick of generation quality). Words
 * outside the vocabulary are read as {@code [UNK]}. Safe to call from several threads at once.
 *
 * <p>A thread interrupted while it generates or scores (CoreNLP's server interrupts a request that timed
 * out) stops before the next word, or the next chunk of sentences it scores, with an {@link
 * IllegalStateException} ("interrupted while sampling" or "interrupted while scoring") and keeps its
 * interrupt flag; the model serves the next call as before.
 *
 * <p>{@link #close()} waits for the calls in flight, then frees the native memory; later calls fail with
 * {@link ModelClosedException} (an {@link IllegalStateException}) naming the model's directory, and a second close
 * does nothing.
 *
 * <pre>{@code
 * try (AutoregressiveLM ar = AutoregressiveLM.load(null, null)) {   // the shipped brown-ar model
 *     List<List<String>> text = ar.generate(5, 1.0, 42);
 *     double nll = AutoregressiveLM.perToken(ar.score(text));
 * }
 * }</pre>
 */
public final class AutoregressiveLM implements AutoCloseable {
    static {
        DjlTelemetry.optOut(); // before DJL's engine first starts
    }

    private static final int SCORE_BATCH = 64;

    private final NDManager manager;
    private final ArCheckpoint.Loaded model;
    private final ArSampler sampler;
    /** Its calls and close; a call once the close has begun fails with a {@link ModelClosedException} naming it. */
    private final Lifecycle lifecycle = new Lifecycle("AutoregressiveLM", this::closedError);

    /**
     * A sentence's negative log-likelihood (nats, summed over its words and its end, but for a sentence that fills
     * the model's length: {@link #score}) and its count of those tokens.
     */
    public record Score(double nll, int tokens) {}

    private AutoregressiveLM(NDManager manager, ArCheckpoint.Loaded model) {
        this.manager = manager;
        this.model = model;
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            p.getValue().getArray().setRequiresGradient(false);
        }
        this.sampler = new ArSampler(model.network(), manager);
    }

    /**
     * Loads a model made by {@code train-ar}.
     *
     * @param dir the model directory, or null for the shipped default ({@link DefaultModel#locateAutoregressive})
     * @param device a DJL device, or null for the engine's default
     */
    public static AutoregressiveLM load(Path dir, Device device) throws IOException {
        Path path = dir != null ? dir : DefaultModel.locateAutoregressive();
        PyTorchStart.engine(); // first: its failures worded for the user
        NDManager manager = device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device);
        try {
            // its weights outlive any NDScope the caller has open
            return Owned.loading(manager, () -> new AutoregressiveLM(manager, ArCheckpoint.load(path, manager)));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private ModelClosedException closedError() {
        return new ModelClosedException("AutoregressiveLM", model.directory().toString());
    }

    public ArConfig config() {
        return model.header().model();
    }

    public TrainingInfo training() {
        return model.header().training();
    }

    public Vocabulary vocabulary() {
        return model.vocabulary();
    }

    /**
     * A raw sampler request, for callers that need its options (no cache, fixed length): benchmarks. Goes
     * through the same open check as every call (handing out the sampler let a caller reach the weights
     * after, or during, {@link #close}).
     *
     * @return each row's token ids, prefix included
     * @throws ModelClosedException when the model has been closed
     * @throws IllegalStateException when the calling thread is interrupted while it samples
     */
    public int[][] sample(ArSampler.Request request) {
        Objects.requireNonNull(request, "request");
        return lifecycle.whileOpen(() -> sampler.sample(request));
    }

    /**
     * {@code count} sentences; sentence i uses seed {@code seed + i ×} {@link SamplingOptions#SENTENCE_STRIDE}, as the
     * diffusion model's sentence i does.
     *
     * @param count how many, >= 0
     * @param temperature the softmax temperature of each word, >= 0: 1 samples the model's distribution, 0
     *     takes the likeliest word
     * @return new lists, the caller's own
     * @throws IllegalArgumentException when {@code count} or {@code temperature} is out of range
     * @throws ModelClosedException when the model has been closed
     * @throws IllegalStateException when the calling thread is interrupted while it samples
     */
    public List<List<String>> generate(int count, double temperature, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        return continueAll(java.util.Collections.nCopies(count, List.of()), config().maxLength(), temperature, seed);
    }

    /**
     * Each prefix followed by up to {@code words} sampled words (fewer when the model ends the
     * sentence or its length is reached); prefix i uses seed {@code seed + i ×} {@link
     * SamplingOptions#SENTENCE_STRIDE}. The prefixes are copied when the call starts.
     *
     * @param words at most this many words after each prefix, >= 0
     * @param temperature as in {@link #generate}, >= 0
     * @return new lists, the caller's own
     * @throws IllegalArgumentException when a number is out of range or a prefix is longer than the model, or holds
     *     an empty token or one holding whitespace (text not yet split)
     * @throws NullPointerException naming a null prefix or word
     * @throws ModelClosedException when the model has been closed
     * @throws IllegalStateException when the calling thread is interrupted while it samples
     */
    public List<List<String>> continueAll(List<List<String>> prefixes, int words, double temperature, long seed) {
        List<List<String>> given = TokenLists.checkedCopy(prefixes, "prefixes", "prefix");
        if (words < 0) {
            throw new IllegalArgumentException("words must be >= 0, got " + words);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be a number >= 0 (0 takes the likeliest word, 1"
                    + " samples), got " + Numbers.written(temperature));
        }
        int[][] ids = new int[given.size()][];
        long[] seeds = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = encode(given.get(i), "prefix " + i);
            seeds[i] = SamplingOptions.sentenceSeed(seed, i);
        }
        int[][] out = lifecycle.whileOpen(
                () -> sampler.sample(new ArSampler.Request(ids, seeds, temperature, words, true, true)));
        List<List<String>> text = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            List<String> row = new ArrayList<>(given.get(i));
            for (int k = given.get(i).size(); k < out[i].length; k++) {
                row.add(model.vocabulary().word(out[i][k]));
            }
            text.add(row);
        }
        return text;
    }

    /**
     * The model's negative log-likelihood of each sentence: every word and the end of the sentence
     * predicted from the words before; a sentence of {@link ArConfig#maxLength} words, which fills the model's
     * positions, has no end predicted (training never taught it one there: such a row may be a window cut from a
     * longer sentence), so its {@link Score#tokens} is its word count. The empty sentence scores its end alone.
     *
     * @throws IllegalArgumentException when a sentence is longer than the model's length (split it), or holds an
     *     empty token or one holding whitespace (text not yet split into tokens)
     * @throws NullPointerException naming a null sentence or word
     * @throws ModelClosedException when the model has been closed
     * @throws IllegalStateException when the calling thread is interrupted while it scores
     */
    public List<Score> score(List<List<String>> sentences) {
        List<List<String>> given = TokenLists.checkedCopy(sentences, "sentences", "sentence");
        int[][] ids = new int[given.size()][];
        for (int s = 0; s < ids.length; s++) {
            ids[s] = encode(given.get(s), "sentence " + s); // every one before any is scored
        }
        return lifecycle.whileOpen(() -> scoreOpen(ids));
    }

    private List<Score> scoreOpen(int[][] sentences) {
        List<Score> scores = new ArrayList<>();
        ParameterStore ps = new ParameterStore(manager, false);
        for (int from = 0; from < sentences.length; from += SCORE_BATCH) {
            Interruption.stopIfInterrupted("scoring");
            int[][] rows = Arrays.copyOfRange(sentences, from, Math.min(sentences.length, from + SCORE_BATCH));
            double[] nll = new double[rows.length];
            int[] tokens = new int[rows.length];
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NextTokenBatch batch = NextTokenBatch.of(manager, rows, config().maxLength());
                NDArray perToken = batch.nll(model.network(), ps, false);
                float[] values = perToken.toFloatArray();
                for (int n = 0; n < values.length; n++) {
                    nll[batch.rowOf()[n]] += values[n];
                    tokens[batch.rowOf()[n]]++;
                }
            }
            for (int b = 0; b < rows.length; b++) {
                scores.add(new Score(nll[b], tokens[b]));
            }
        }
        return scores;
    }

    /** Pooled NLL per token of scored sentences (total nats over total tokens). */
    public static double perToken(List<Score> scores) {
        double nll = 0;
        long tokens = 0;
        for (Score s : scores) {
            nll += s.nll();
            tokens += s.tokens();
        }
        return tokens == 0 ? Double.NaN : nll / tokens;
    }

    /**
     * The words' ids; {@code which} names the list in the error when it is too long for the model, or holds a word
     * that is empty or holds whitespace (text not yet split, which would be read as one unknown word: every such
     * sentence scored alike), refused as {@link DiffusionLM}'s calls refuse it.
     */
    private int[] encode(List<String> words, String which) {
        int max = config().maxLength();
        if (words.size() > max) {
            throw new IllegalArgumentException(which + " has " + words.size() + " words, more than the model's "
                    + max + " positions; split it");
        }
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            CallArguments.requireWord(words.get(i), "token " + i + " of " + which);
            ids[i] = model.vocabulary().id(words.get(i));
        }
        return ids;
    }

    /** How many calls are running now ({@link Lifecycle#callsInFlight}). */
    int callsInFlight() {
        return lifecycle.callsInFlight();
    }

    /** Frees the model's native memory once the calls in flight are done; later calls fail clearly. */
    @Override
    public void close() {
        lifecycle.close(manager::close);
    }
}
