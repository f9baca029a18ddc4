package io.github.diffusionnlp.eval;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.sample.KneserNeyTrigram;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A classical infill baseline: an interpolated Kneser–Ney trigram model ({@link KneserNeyTrigram}) over
 * the diffusion model's own vocabulary, counted from the same corpus. A masked
 * token is filled with the word that maximises the product of the trigram probabilities of every
 * trigram it takes part in — two words of context on each side; a span is filled left to right, each
 * word scored by the trigrams whose other words are known or already chosen. Far simpler than the
 * network, so the gap to it says how much of the context the network actually uses.
 */
public final class TrigramBaseline {
    /** The most frequent words, always among the candidates. */
    private static final int FREQUENT_CANDIDATES = 300;

    private final Vocabulary vocab;
    private final KneserNeyTrigram trigram;
    private final int[] frequent;

    private TrigramBaseline(Vocabulary vocab, List<TaggedSentence> corpus) {
        this.vocab = vocab;
        this.trigram = KneserNeyTrigram.count(vocab, corpus);
        this.frequent = trigram.mostFrequent(FREQUENT_CANDIDATES);
    }

    /** Counts the trigrams of {@code corpus} (the model's training sentences) over {@code vocab}. */
    public static TrigramBaseline train(Vocabulary vocab, List<TaggedSentence> corpus) {
        return new TrigramBaseline(vocab, corpus);
    }

    /** Fills every {@link DiffusionLM#MASK} of a sentence; other tokens come back unchanged. */
    public List<String> infill(List<String> tokens) {
        int[] ids = new int[tokens.size() + 3];
        boolean[] masked = new boolean[ids.length];
        ids[0] = trigram.bos();
        ids[1] = trigram.bos();
        ids[ids.length - 1] = trigram.eos();
        for (int i = 0; i < tokens.size(); i++) {
            masked[i + 2] = DiffusionLM.MASK.equals(tokens.get(i));
            ids[i + 2] = masked[i + 2] ? -1 : vocab.id(tokens.get(i));
        }
        List<String> out = new ArrayList<>(tokens);
        for (int i = 2; i < ids.length - 1; i++) {
            if (!masked[i]) {
                continue;
            }
            Set<Integer> candidates = new HashSet<>();
            for (int f : frequent) {
                candidates.add(f);
            }
            candidates.addAll(trigram.followers(ids[i - 1]));
            if (ids[i + 1] >= 0) {
                candidates.addAll(trigram.predecessors(ids[i + 1]));
            }
            candidates.remove(Vocabulary.PAD_ID);
            candidates.remove(Vocabulary.UNK_ID);
            candidates.remove(trigram.eos());
            double best = Double.NEGATIVE_INFINITY;
            int bestId = frequent[0];
            for (int w : candidates) {
                ids[i] = w;
                double score = trigram.logScore(ids, i);
                if (score > best) {
                    best = score;
                    bestId = w;
                }
            }
            ids[i] = bestId;
            out.set(i - 2, vocab.word(bestId));
        }
        return out;
    }
}
