package io.github.diffusionnlp.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * The words whose embeddings lie nearest a given word's, by cosine, in the table the network reads.
 * The quickest look at what a model has learnt about its words: a random table gives unrelated
 * neighbours, a learnt one gives words used alike (<i>Monday</i>: <i>Wednesday, Saturday</i>).
 */
public final class WordNeighbours implements AutoCloseable {
    /** One neighbour and its cosine with the asked word. */
    public record Neighbour(String word, double cosine) { }

    private final NDManager manager = NDManager.newBaseManager();
    private final Vocabulary vocabulary;
    private final NDArray unitRows;

    public WordNeighbours(DiffusionLM lm) {
        this.vocabulary = lm.vocabulary();
        try (NDArray table = lm.embeddingTable(manager); NDArray norms = table.norm(new int[] {1}, true)) {
            this.unitRows = table.div(norms);
        }
    }

    /**
     * The {@code k} nearest words to {@code word} (itself and the special tokens left out), nearest first.
     *
     * @throws IllegalArgumentException if the word is not in the model's vocabulary
     */
    public List<Neighbour> nearest(String word, int k) {
        if (!vocabulary.contains(word)) {
            throw new IllegalArgumentException("'" + io.github.diffusionnlp.corpus.Visible.of(word)
                    + "' is not in the model's vocabulary of " + vocabulary.size()
                    + " words (vocab.txt); words are case-sensitive");
        }
        int id = vocabulary.id(word);
        try (NDScope scope = new NDScope()) { // the per-call arrays go when the call ends
            scope.suppressNotUsedWarning();
            NDArray cosines = unitRows.matMul(unitRows.get(id).reshape(-1, 1)).squeeze(1);
            long[] order = cosines.argSort(0, false).toLongArray();
            float[] values = cosines.toFloatArray();
            List<Neighbour> result = new ArrayList<>();
            for (int i = 0; i < order.length && result.size() < k; i++) {
                int other = (int) order[i];
                if (other != id && other != Vocabulary.PAD_ID && other != Vocabulary.UNK_ID) {
                    result.add(new Neighbour(vocabulary.word(other), values[other]));
                }
            }
            return result;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
