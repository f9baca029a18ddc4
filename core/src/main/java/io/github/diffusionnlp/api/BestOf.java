package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.model.Sentiment;
import java.util.List;

/** How best-of-k candidates ({@link Constraints#withCandidates}) are seeded and ranked. */
final class BestOf {
    /**
     * Candidate j of a row is sampled with seed {@code seed + j * SEED_STRIDE}: odd and far from small
     * integers, so candidates never take the seed of a neighbouring sentence; candidate 0 is the row itself.
     */
    static final long SEED_STRIDE = 0x9E3779B97F4A7C15L;

    /** The lexicon that labelled the training data (loaded on first use of best of k). */
    private static final SentimentLabeller AFINN = SentimentLabeller.afinn();

    private BestOf() {}

    /**
     * How far the lexicon rates a sentence toward a label: its summed valence for positive, minus it for
     * negative, and for neutral minus its sentiment words' absolute valences ("good but bad" sums to 0
     * yet is not neutral).
     */
    static double toward(Sentiment label, List<String> words) {
        return switch (label) {
            case POSITIVE -> AFINN.score(words);
            case NEGATIVE -> -AFINN.score(words);
            case NEUTRAL -> -AFINN.intensity(words);
        };
    }
}
