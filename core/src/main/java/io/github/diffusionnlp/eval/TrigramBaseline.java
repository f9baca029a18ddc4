package io.github.diffusionnlp.eval;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A classical infill baseline: an interpolated Kneser–Ney trigram model over the diffusion model's own
 * vocabulary (other words are {@code [UNK]}, as for the model), trained on the same corpus. A masked
 * token is filled with the word that maximises the product of the trigram probabilities of every
 * trigram it takes part in — two words of context on each side; a span is filled left to right, each
 * word scored by the trigrams whose other words are known or already chosen. Far simpler than the
 * network, so the gap to it says how much of the context the network actually uses.
 */
public final class TrigramBaseline {
    /** Kneser–Ney absolute discount. */
    private static final double DISCOUNT = 0.75;
    /** The most frequent words, always among the candidates. */
    private static final int FREQUENT_CANDIDATES = 300;

    private final Vocabulary vocab;
    private final int bos;
    private final int eos;
    private final Map<Long, Integer> trigrams = new HashMap<>();
    private final Map<Long, int[]> trigramContexts = new HashMap<>(); // (u, v) -> {c(u v ·), N1+(u v ·)}
    private final Map<Long, Integer> bigramTypes = new HashMap<>(); // (v, w) -> N1+(· v w)
    private final Map<Integer, int[]> bigramContexts = new HashMap<>(); // v -> {Σ_w N1+(· v w), N1+(v ·)}
    private final int[] unigramTypes; // w -> N1+(· w)
    private final long unigramTotal;
    private final Map<Integer, Set<Integer>> followers = new HashMap<>();
    private final Map<Integer, Set<Integer>> predecessors = new HashMap<>();
    private final int[] frequent;

    private TrigramBaseline(Vocabulary vocab, List<TaggedSentence> corpus) {
        this.vocab = vocab;
        this.bos = vocab.size();
        this.eos = vocab.size() + 1;
        int[] counts = new int[vocab.size()];
        for (TaggedSentence s : corpus) {
            int[] ids = padded(s.words());
            for (int i = 2; i < ids.length; i++) {
                trigrams.merge(key(ids[i - 2], ids[i - 1], ids[i]), 1, Integer::sum);
                if (ids[i] < vocab.size()) {
                    counts[ids[i]]++;
                }
            }
        }
        unigramTypes = new int[vocab.size() + 2];
        for (Map.Entry<Long, Integer> t : trigrams.entrySet()) {
            long k = t.getKey();
            int u = part(k, 2);
            int v = part(k, 1);
            int w = part(k, 0);
            int[] ctx = trigramContexts.computeIfAbsent(key(0, u, v), x -> new int[2]);
            ctx[0] += t.getValue();
            ctx[1]++;
            if (bigramTypes.merge(key(0, v, w), 1, Integer::sum) == 1) { // a new (v, w) type
                unigramTypes[w]++;
                followers.computeIfAbsent(v, x -> new HashSet<>()).add(w);
                predecessors.computeIfAbsent(w, x -> new HashSet<>()).add(v);
            }
        }
        for (Map.Entry<Long, Integer> b : bigramTypes.entrySet()) {
            int[] ctx = bigramContexts.computeIfAbsent(part(b.getKey(), 1), x -> new int[2]);
            ctx[0] += b.getValue();
            ctx[1]++;
        }
        unigramTotal = Arrays.stream(unigramTypes).asLongStream().sum();
        frequent = java.util.stream.IntStream.range(Vocabulary.UNK_ID + 1, vocab.size()).boxed()
                .sorted((a, b) -> Integer.compare(counts[b], counts[a])).limit(FREQUENT_CANDIDATES)
                .mapToInt(Integer::intValue).toArray();
    }

    /** Counts the trigrams of {@code corpus} (the model's training sentences) over {@code vocab}. */
    public static TrigramBaseline train(Vocabulary vocab, List<TaggedSentence> corpus) {
        return new TrigramBaseline(vocab, corpus);
    }

    /** Fills every {@link DiffusionLM#MASK} of a sentence; other tokens come back unchanged. */
    public List<String> infill(List<String> tokens) {
        int[] ids = new int[tokens.size() + 4];
        boolean[] masked = new boolean[ids.length];
        ids[0] = bos;
        ids[1] = bos;
        ids[ids.length - 2] = eos;
        ids[ids.length - 1] = eos;
        for (int i = 0; i < tokens.size(); i++) {
            masked[i + 2] = DiffusionLM.MASK.equals(tokens.get(i));
            ids[i + 2] = masked[i + 2] ? -1 : vocab.id(tokens.get(i));
        }
        List<String> out = new ArrayList<>(tokens);
        for (int i = 2; i < ids.length - 2; i++) {
            if (!masked[i]) {
                continue;
            }
            Set<Integer> candidates = new HashSet<>();
            for (int f : frequent) {
                candidates.add(f);
            }
            candidates.addAll(followers.getOrDefault(ids[i - 1], Set.of()));
            if (ids[i + 1] >= 0) {
                candidates.addAll(predecessors.getOrDefault(ids[i + 1], Set.of()));
            }
            candidates.remove(Vocabulary.PAD_ID);
            candidates.remove(Vocabulary.UNK_ID);
            candidates.remove(eos);
            double best = Double.NEGATIVE_INFINITY;
            int bestId = frequent[0];
            for (int w : candidates) {
                ids[i] = w;
                double score = 0;
                // the trigrams ending at i, i + 1 and i + 2 (not past the sentence end), if all known
                for (int end = i; end <= i + 2 && end < ids.length - 1; end++) {
                    if (ids[end] >= 0 && ids[end - 1] >= 0 && ids[end - 2] >= 0) {
                        score += Math.log(probability(ids[end - 2], ids[end - 1], ids[end]));
                    }
                }
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

    /** P(w | u v), interpolated Kneser–Ney. */
    double probability(int u, int v, int w) {
        int[] ctx = trigramContexts.get(key(0, u, v));
        if (ctx == null) {
            return bigram(v, w);
        }
        int c = trigrams.getOrDefault(key(u, v, w), 0);
        return Math.max(c - DISCOUNT, 0) / ctx[0] + DISCOUNT * ctx[1] / ctx[0] * bigram(v, w);
    }

    private double bigram(int v, int w) {
        int[] ctx = bigramContexts.get(v);
        if (ctx == null) {
            return unigram(w);
        }
        int c = bigramTypes.getOrDefault(key(0, v, w), 0);
        return Math.max(c - DISCOUNT, 0) / ctx[0] + DISCOUNT * ctx[1] / ctx[0] * unigram(w);
    }

    /** Continuation unigram, add-one smoothed so that no word has probability 0. */
    private double unigram(int w) {
        return (unigramTypes[w] + 1.0) / (unigramTotal + unigramTypes.length);
    }

    private int[] padded(List<String> words) {
        int[] ids = new int[words.size() + 3];
        ids[0] = bos;
        ids[1] = bos;
        for (int i = 0; i < words.size(); i++) {
            ids[i + 2] = vocab.id(words.get(i));
        }
        ids[ids.length - 1] = eos;
        return ids;
    }

    private static long key(int u, int v, int w) {
        return ((long) u << 42) | ((long) v << 21) | w;
    }

    private static int part(long key, int index) {
        return (int) (key >>> (21 * index)) & 0x1FFFFF;
    }
}
