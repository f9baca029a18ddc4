package io.github.diffusionnlp.model;

import io.github.diffusionnlp.corpus.Upos;
import java.util.List;

/**
 * The ids of the conditioning inputs: a sentence-level sentiment label and a per-position UPOS tag.
 * Id 0 means "not given" for both. Training drops each one now and then (replaces it by 0), so one
 * model serves free and constrained use, and classifier-free guidance can contrast the two.
 */
public final class Conditioning {
    /** The condition is not given. */
    public static final int NONE = 0;
    /** Sentiment ids: none, then {@link Sentiment} in order. */
    public static final int SENTIMENT_IDS = 1 + Sentiment.values().length;
    /** UPOS ids: none, the 17 UPOS tags in {@link Upos} order, then {@link #END}. */
    public static final int UPOS_IDS = 2 + Upos.values().length;
    /** The tag of positions after the end of the sentence (its padding): a template fixes the length. */
    public static final int END = UPOS_IDS - 1;

    private Conditioning() {}

    public static int sentimentId(Sentiment sentiment) {
        return sentiment == null ? NONE : 1 + sentiment.ordinal();
    }

    public static int uposId(Upos tag) {
        return tag == null ? NONE : 1 + tag.ordinal();
    }

    /** A row of UPOS ids for a template of {@code tags} in a row of {@code width} positions (END after it). */
    public static int[] uposRow(List<Upos> tags, int width) {
        if (tags.size() > width) {
            throw new IllegalArgumentException("a template of " + tags.size() + " tags is longer than the model's "
                    + width + " positions");
        }
        int[] row = new int[width];
        for (int i = 0; i < width; i++) {
            row[i] = i < tags.size() ? uposId(tags.get(i)) : END;
        }
        return row;
    }
}
