package io.github.diffusionnlp.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.TagLexicon;
import io.github.diffusionnlp.model.Vocabulary;

/**
 * Lexical constraints: which words a generated position may take under its UPOS tag and its
 * sentence's sentiment, as logit offsets added at every sampling step (so x̂₀ already leans on the
 * allowed words, not only the final argmax).
 *
 * <ul>
 *   <li>a tag allows the words the training corpus tagged so in at least a given share of their uses
 *       ({@link TagLexicon#allowed}); no tag, or the padding after a template's end: any word;
 *   <li>a sentiment bans negations ("not", "never", "didn't": they flip what follows) and the AFINN
 *       words rated against it: negative words for positive, positive words for negative, every rated
 *       word for neutral. The lexicon is the one that labelled the training data.
 * </ul>
 * Immutable once built; its table lives on the manager given to {@link #build} (the model's).
 */
public final class WordMasks {
    /**
     * A banned word's logit offset: far below any real logit yet finite, so where a tag and a sentiment
     * together ban every word the position keeps the model's own distribution instead of NaN. The same
     * offset as a word the model may never write ({@link DiffusionTransformer#UNWRITABLE}).
     */
    static final float BANNED = DiffusionTransformer.UNWRITABLE;

    /**
     * Row {@code upos × SENTIMENT_IDS + sentiment}: the tag's offsets plus the sentiment's (3.6 MB at 12,000 words),
     * so that a step gathers one (N, V) array rather than two and their sum.
     */
    private final NDArray byTagAndSentiment;

    private WordMasks(NDArray byTagAndSentiment) {
        this.byTagAndSentiment = byTagAndSentiment;
    }

    /**
     * @param tags the model's tag lexicon, or null (then tags restrict nothing)
     * @param minTagShare in (0, 1]: the share of a word's training uses that must carry the slot's tag
     */
    public static WordMasks build(NDManager manager, Vocabulary vocab, TagLexicon tags, SentimentLabeller lexicon,
            double minTagShare) {
        if (!(minTagShare > 0 && minTagShare <= 1)) {
            throw new IllegalArgumentException("the minimum tag share must be in (0, 1],"
                    + " got " + Numbers.written(minTagShare));
        }
        int v = vocab.size();
        float[] tagRows = new float[Conditioning.UPOS_IDS * v];
        if (tags != null) {
            for (Upos t : Upos.values()) {
                boolean[] allowed = tags.allowed(t, minTagShare);
                int row = Conditioning.uposId(t) * v;
                for (int id = 0; id < v; id++) {
                    tagRows[row + id] = allowed[id] ? 0f : BANNED;
                }
            }
        }
        float[] sentimentRows = new float[Conditioning.SENTIMENT_IDS * v];
        for (Sentiment s : Sentiment.values()) {
            int row = Conditioning.sentimentId(s) * v;
            for (int id = 0; id < v; id++) {
                String word = vocab.word(id);
                int valence = lexicon.valence(word);
                boolean against = switch (s) {
                    case POSITIVE -> valence < 0;
                    case NEGATIVE -> valence > 0;
                    case NEUTRAL -> valence != 0;
                };
                sentimentRows[row + id] = against || SentimentLabeller.isNegation(word) ? BANNED : 0f;
            }
        }
        float[] pairRows = new float[Conditioning.UPOS_IDS * Conditioning.SENTIMENT_IDS * v];
        for (int t = 0; t < Conditioning.UPOS_IDS; t++) {
            for (int s = 0; s < Conditioning.SENTIMENT_IDS; s++) {
                int row = (t * Conditioning.SENTIMENT_IDS + s) * v;
                for (int id = 0; id < v; id++) {
                    pairRows[row + id] = tagRows[t * v + id] + sentimentRows[s * v + id];
                }
            }
        }
        NDArray byTagAndSentiment = manager.create(pairRows,
                new Shape((long) Conditioning.UPOS_IDS * Conditioning.SENTIMENT_IDS, v));
        NDScope.unregister(byTagAndSentiment); // it outlives any scope the first caller has open
        return new WordMasks(byTagAndSentiment);
    }

    /** The offsets (N, V) for N positions with UPOS ids {@code upos} (N) and sentiment ids {@code sentiment} (N). */
    NDArray offsets(NDArray upos, NDArray sentiment) {
        NDArray pair = upos.mul(Conditioning.SENTIMENT_IDS).add(sentiment);
        NDArray offsets = byTagAndSentiment.get(new NDIndex("{}", pair));
        pair.close();
        return offsets;
    }
}
