package io.github.diffusionnlp.ar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentences as next-token prediction: each row read as {@code [PAD] w1 … wn}, cut to the batch's
 * longest sentence, predicting {@code w1 … wn [PAD]}. The end is not predicted for a row that fills
 * all maxLength positions: it may be a window cut from a longer sentence. Used for training and for
 * scoring (NLL), so both count exactly the same tokens.
 *
 * @param inputs (B, width) token ids
 * @param positions (N) flattened positions that predict a token
 * @param targets (N) the tokens they predict
 * @param rowOf the row of each predicted token
 * @param width n + 1 for the longest row's n words
 */
public record NextTokenBatch(NDArray inputs, NDArray positions, NDArray targets, int[] rowOf, int width) {

    /** {@code rows}: word ids, right-padded with {@code [PAD]} or not; at most maxLength words each. */
    public static NextTokenBatch of(NDManager m, int[][] rows, int maxLength) {
        int longest = 1;
        for (int[] row : rows) {
            longest = Math.max(longest, Vocabulary.unpaddedLength(row));
        }
        if (longest > maxLength) {
            throw new IllegalArgumentException("a row has " + longest + " words; the model reads at most " + maxLength);
        }
        int width = longest + 1;
        long[] inputs = new long[rows.length * width];
        List<Long> positions = new ArrayList<>();
        List<Long> targets = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (int b = 0; b < rows.length; b++) {
            int n = Vocabulary.unpaddedLength(rows[b]);
            for (int i = 0; i <= n; i++) {
                if (i == n && n == maxLength) {
                    break;
                }
                if (i < n) {
                    inputs[b * width + i + 1] = rows[b][i];
                }
                positions.add((long) b * width + i);
                targets.add(i < n ? (long) rows[b][i] : Vocabulary.PAD_ID);
                rowOf.add(b);
            }
        }
        return new NextTokenBatch(m.create(inputs, new Shape(rows.length, width)),
                m.create(positions.stream().mapToLong(Long::longValue).toArray()),
                m.create(targets.stream().mapToLong(Long::longValue).toArray()),
                rowOf.stream().mapToInt(Integer::intValue).toArray(), width);
    }

    /** Predicted tokens in the batch. */
    public int count() {
        return rowOf.length;
    }

    /** −ln p of each predicted token: (N). */
    public NDArray nll(CausalTransformer network, ParameterStore ps, boolean training) {
        NDArray h = network.forward(ps, new NDList(inputs), training).get(0);
        NDArray picked = h.reshape(-1, h.getShape().get(2)).get(new NDIndex("{}", positions));
        return network.logits(ps, picked, training).logSoftmax(1).gather(targets.expandDims(1), 1).squeeze(1).neg();
    }
}
