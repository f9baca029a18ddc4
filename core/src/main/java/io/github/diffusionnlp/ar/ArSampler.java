package io.github.diffusionnlp.ar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.runtime.Interruption;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Ancestral sampling from the causal model, one word per forward pass, with or without a key/value
 * cache. With the cache a pass reads only the newest token and attends to the cached keys of the
 * earlier ones; without it every pass recomputes the whole prefix (the cost a cache saves, kept for
 * the speed comparison and to check the cache: both give the same tokens).
 *
 * <p>Each row draws from its own seeded generator on the Java side, so its words depend on its seed
 * and prefix alone, not on the rest of the batch. {@code [UNK]} is never generated (nor by the
 * diffusion sampler). Safe to call from several threads: each call works in its own {@link NDScope}. A
 * thread interrupted while it samples stops before the next word with an {@link IllegalStateException}
 * ("interrupted while sampling"), its interrupt kept.
 */
public final class ArSampler {
    private final CausalTransformer network;
    private final NDManager manager;

    public ArSampler(CausalTransformer network, NDManager manager) {
        this.network = network;
        this.manager = manager;
    }

    /**
     * What to sample.
     *
     * @param prefixes each row's given first words (ids), possibly empty
     * @param seeds one per row
     * @param temperature 1 samples the model's distribution, 0 takes the most likely word
     * @param words words to add to each row at most (fewer if the model ends the sentence, or the row
     *     reaches the model's maxLength)
     * @param stopAtEnd true: a row ends when the model predicts the end ({@code [PAD]}); false: the end
     *     is never chosen, so every row gets exactly {@code words} new words (fixed-length timing)
     * @param cache use the key/value cache
     */
    public record Request(int[][] prefixes, long[] seeds, double temperature, int words, boolean stopAtEnd,
            boolean cache) {
        public Request {
            if (prefixes.length != seeds.length) {
                throw new IllegalArgumentException(prefixes.length + " prefixes but " + seeds.length + " seeds");
            }
            if (!(temperature >= 0) || words < 0) {
                throw new IllegalArgumentException("temperature must be >= 0 and words >= 0");
            }
        }
    }

    /** Each row's prefix followed by its sampled words (without the end marker). */
    public int[][] sample(Request request) {
        int[][] out = new int[request.prefixes().length][];
        Map<Integer, List<Integer>> byPrefix = new TreeMap<>();
        for (int b = 0; b < out.length; b++) {
            byPrefix.computeIfAbsent(request.prefixes()[b].length, n -> new ArrayList<>()).add(b);
        }
        byPrefix.forEach((length, members) -> sampleGroup(members, length, request, out));
        return out;
    }

    private void sampleGroup(List<Integer> members, int prefixLength, Request request, int[][] out) {
        int batch = members.size();
        int maxLength = network.config().maxLength();
        if (prefixLength > maxLength) {
            throw new IllegalArgumentException("a prefix of " + prefixLength + " words is longer than the model's "
                    + maxLength);
        }
        int total = Math.min(maxLength, prefixLength + request.words());
        long[][] tokens = new long[batch][total + 1]; // [PAD] start, prefix, new words
        SplittableRandom[] random = new SplittableRandom[batch];
        boolean[] ended = new boolean[batch];
        for (int k = 0; k < batch; k++) {
            int b = members.get(k);
            for (int i = 0; i < prefixLength; i++) {
                tokens[k][i + 1] = request.prefixes()[b][i];
            }
            random[k] = new SplittableRandom(request.seeds()[b]);
        }
        int[] lengths = new int[batch];
        Arrays.fill(lengths, prefixLength);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            ParameterStore ps = new ParameterStore(manager, false);
            NDList cache = null;
            try {
                for (int t = prefixLength; t < total; t++) {
                    // the cache is freed below, the step's arrays by its scope
                    Interruption.stopIfInterrupted("sampling");
                    float[] logits;
                    try (NDScope step = new NDScope()) {
                        step.suppressNotUsedWarning();
                        NDList inputs;
                        if (request.cache() && cache != null) {
                            inputs = new NDList(column(tokens, t));
                            inputs.addAll(cache);
                        } else {
                            inputs = new NDList(prefix(tokens, t + 1));
                        }
                        NDList result = network.forward(ps, inputs, false);
                        NDArray h = result.get(0);
                        NDArray last = h.get(new NDIndex(":, -1, :"));
                        logits = network.logits(ps, last, false).toFloatArray();
                        if (request.cache()) {
                            NDList next = result.subNDList(1);
                            NDScope.unregister(next);
                            if (cache != null) {
                                cache.close();
                            }
                            cache = next;
                        }
                    }
                    boolean allEnded = true;
                    int vocab = network.config().vocabSize();
                    for (int k = 0; k < batch; k++) {
                        int word = draw(logits, k * vocab, vocab, request.temperature(), request.stopAtEnd(),
                                random[k]);
                        if (ended[k]) {
                            continue; // its draw is still taken, so each row's stream of draws is its own
                        }
                        if (word == Vocabulary.PAD_ID) {
                            ended[k] = true;
                        } else {
                            tokens[k][t + 1] = word;
                            lengths[k] = t + 1;
                        }
                        allEnded &= ended[k];
                    }
                    if (allEnded) {
                        break;
                    }
                }
            } finally {
                if (cache != null) {
                    cache.close();
                }
            }
        }
        for (int k = 0; k < batch; k++) {
            int[] row = new int[lengths[k]];
            for (int i = 0; i < lengths[k]; i++) {
                row[i] = (int) tokens[k][i + 1];
            }
            out[members.get(k)] = row;
        }
    }

    /** Tokens {@code 0..width-1} of every row: (B, width). */
    private NDArray prefix(long[][] tokens, int width) {
        long[] flat = new long[tokens.length * width];
        for (int k = 0; k < tokens.length; k++) {
            System.arraycopy(tokens[k], 0, flat, k * width, width);
        }
        return manager.create(flat, new Shape(tokens.length, width));
    }

    /** Token {@code t} of every row: (B, 1). */
    private NDArray column(long[][] tokens, int t) {
        long[] flat = new long[tokens.length];
        for (int k = 0; k < tokens.length; k++) {
            flat[k] = tokens[k][t];
        }
        return manager.create(flat, new Shape(tokens.length, 1));
    }

    /**
     * A word from the logits {@code [from, from + vocab)}: softmax at the temperature (argmax at 0),
     * never {@code [UNK]}, and never the end unless {@code allowEnd}.
     */
    static int draw(float[] logits, int from, int vocab, double temperature, boolean allowEnd,
            SplittableRandom random) {
        double u = random.nextDouble();
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            if (allowed(v, allowEnd) && logits[from + v] > max) {
                max = logits[from + v];
                best = v;
            }
        }
        if (temperature == 0) {
            return best;
        }
        double sum = 0;
        double[] p = new double[vocab];
        for (int v = 0; v < vocab; v++) {
            p[v] = allowed(v, allowEnd) ? Math.exp((logits[from + v] - max) / temperature) : 0;
            sum += p[v];
        }
        double target = u * sum;
        double acc = 0;
        for (int v = 0; v < vocab; v++) {
            acc += p[v];
            if (p[v] > 0 && acc >= target) {
                return v;
            }
        }
        return best;
    }

    private static boolean allowed(int id, boolean allowEnd) {
        return id != Vocabulary.UNK_ID && (allowEnd || id != Vocabulary.PAD_ID);
    }
}
