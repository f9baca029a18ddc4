package io.github.diffusionnlp.sample;

import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The rows of one width ({@code len}) as one network pass takes them: flattened row by row, with each row's
 * starting noise drawn from its own seed, so that a row's noise depends on its seed alone.
 *
 * @param ids (B · len) token ids
 * @param given (B · len) 1 at given positions, 0 at the others
 * @param sentiment (B) each row's sentiment id
 * @param upos (B · len) each position's UPOS id
 * @param noise (B · len · dim) standard normal noise
 * @param generated the flat positions not given, in order
 */
record FlatRows(long[] ids, float[] given, long[] sentiment, long[] upos, float[] noise, List<Long> generated) {

    /**
     * The rows {@code members} of {@code in}, cut to {@code len} positions.
     *
     * @param inputAtGenerated whether positions not given keep the row's id (a rewrite, a row scored) or read
     *     {@code [PAD]} (sampling from noise alone, where nothing of the input may leak in)
     * @param seedSalt mixed into each row's seed ({@code seed ^ seedSalt}): 0 for the sampler's noise, another
     *     value for a use whose noise must differ from the sampler's for the same seed
     */
    static FlatRows of(SampleRows in, List<Integer> members, int len, int dim, boolean inputAtGenerated,
            long seedSalt) {
        int batch = members.size();
        long[] ids = new long[batch * len];
        float[] given = new float[batch * len];
        long[] sentiment = new long[batch];
        long[] upos = new long[batch * len];
        float[] noise = new float[batch * len * dim];
        List<Long> generated = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            int row = members.get(b);
            SplittableRandom random = new SplittableRandom(in.seeds()[row] ^ seedSalt);
            sentiment[b] = in.sentiment()[row];
            for (int i = 0; i < len; i++) {
                int p = b * len + i;
                boolean isGiven = in.given()[row][i];
                ids[p] = isGiven || inputAtGenerated ? in.ids()[row][i] : Vocabulary.PAD_ID;
                given[p] = isGiven ? 1f : 0f;
                upos[p] = in.upos()[row][i];
                if (!isGiven) {
                    generated.add((long) p);
                }
            }
            for (int j = 0; j < len * dim; j++) {
                noise[b * len * dim + j] = (float) random.nextGaussian();
            }
        }
        return new FlatRows(ids, given, sentiment, upos, noise, generated);
    }
}
