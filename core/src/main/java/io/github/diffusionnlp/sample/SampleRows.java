package io.github.diffusionnlp.sample;

import io.github.diffusionnlp.model.Conditioning;
import java.util.List;

/**
 * The rows of one sampling call, all arrays indexed by row (and position, L = the model's maxLength).
 *
 * @param ids (B, L) token ids; read at given positions, and at every position in a rewrite
 * @param given (B, L) which positions are given (kept verbatim)
 * @param allowPad (B, L) where a generated position may become {@code [PAD]} (free length)
 * @param sentiment (B) each row's sentiment id ({@link Conditioning#NONE} for none)
 * @param upos (B, L) each position's UPOS id (a syntax template), or NONE
 * @param seeds (B) each row's seed: its starting noise depends on it alone
 */
public record SampleRows(int[][] ids, boolean[][] given, boolean[][] allowPad, int[] sentiment, int[][] upos,
        long[] seeds) {

    public SampleRows {
        int n = ids.length;
        if (given.length != n || allowPad.length != n || sentiment.length != n || upos.length != n
                || seeds.length != n) {
            throw new IllegalArgumentException("every array needs one entry per row (" + n + ")");
        }
    }

    /** Rows without conditions. */
    public static SampleRows unconditioned(int[][] ids, boolean[][] given, boolean[][] allowPad, long[] seeds) {
        int[][] upos = new int[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            upos[b] = new int[ids[b].length];
        }
        return new SampleRows(ids, given, allowPad, new int[ids.length], upos, seeds);
    }

    public int size() {
        return ids.length;
    }

    /** All rows of {@code parts}, in order. */
    public static SampleRows concat(List<SampleRows> parts) {
        int n = parts.stream().mapToInt(SampleRows::size).sum();
        SampleRows out = new SampleRows(new int[n][], new boolean[n][], new boolean[n][], new int[n], new int[n][],
                new long[n]);
        int r = 0;
        for (SampleRows p : parts) {
            for (int i = 0; i < p.size(); i++, r++) {
                out.ids[r] = p.ids[i];
                out.given[r] = p.given[i];
                out.allowPad[r] = p.allowPad[i];
                out.sentiment[r] = p.sentiment[i];
                out.upos[r] = p.upos[i];
                out.seeds[r] = p.seeds[i];
            }
        }
        return out;
    }
}
