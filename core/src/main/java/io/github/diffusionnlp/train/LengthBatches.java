package io.github.diffusionnlp.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which rows each training step reads. Each epoch is shuffled (keyed by the seed, so a resumed run
 * sees the same order), cut into chunks of {@link #BUCKET_BATCHES} batches, and each chunk sorted by
 * length before being split into batches, whose order is shuffled again: a batch holds sentences of
 * similar length and is cut to its longest, which saves most of the work spent on padding.
 */
final class LengthBatches {
    private static final int BUCKET_BATCHES = 50;

    private final int[] lengths;
    private final int batch;
    private final long seed;
    private int cachedEpoch = -1;
    private List<int[]> batches;

    LengthBatches(int[] lengths, int batch, long seed) {
        this.lengths = lengths;
        this.batch = batch;
        this.seed = seed;
    }

    /** The row indexes of step {@code step} (counting from 1). */
    int[] members(int step) {
        int perEpoch = Math.max(1, lengths.length / batch);
        int epoch = (step - 1) / perEpoch;
        if (epoch != cachedEpoch) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < lengths.length; i++) {
                order.add(i);
            }
            Random random = new Random(seed * 7919 + epoch);
            Collections.shuffle(order, random);
            int chunk = batch * BUCKET_BATCHES;
            for (int from = 0; from < order.size(); from += chunk) {
                order.subList(from, Math.min(order.size(), from + chunk))
                        .sort(Comparator.comparingInt(i -> lengths[i]));
            }
            batches = new ArrayList<>();
            for (int b = 0; b < perEpoch; b++) {
                int[] members = new int[batch];
                for (int k = 0; k < batch; k++) {
                    members[k] = order.get((b * batch + k) % order.size());
                }
                batches.add(members);
            }
            Collections.shuffle(batches, random);
            cachedEpoch = epoch;
        }
        return batches.get((step - 1) % perEpoch);
    }
}
