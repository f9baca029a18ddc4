package io.github.diffusionnlp.sample;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongIntCursor;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * An interpolated Kneser–Ney trigram model over a diffusion model's vocabulary (other words count as
 * {@code [UNK]}, as for the network), counted from a corpus: the infill baseline of {@code evaluate}
 * and the count-based expert of {@link io.github.diffusionnlp.sample.NgramFusion}. Every sentence is
 * read as {@code <s> <s> w1 … wn </s>}; {@link #bos()} and {@link #eos()} are those two ids, just past
 * the vocabulary's. Immutable after counting, so safe to share between threads.
 */
public final class KneserNeyTrigram {
    /** Kneser–Ney absolute discount. */
    private static final double DISCOUNT = 0.75;

    private final int bos;
    private final int eos;
    // Primitive maps: n-gram fusion scores about 10^6 trigrams a step, and boxed Long keys (hashed by
    // folding their halves, which piled this key layout into few buckets) cost most of its time.
    private final LongIntHashMap trigrams = new LongIntHashMap();
    // (u, v) -> {c(u v ·), N1+(u v ·)}
    private final LongObjectHashMap<int[]> trigramContexts = new LongObjectHashMap<>();
    private final LongIntHashMap bigramTypes = new LongIntHashMap(); // (v, w) -> N1+(· v w)
    // v -> {Σ_w N1+(· v w), N1+(v ·)}
    private final LongObjectHashMap<int[]> bigramContexts = new LongObjectHashMap<>();
    private final int[] unigramTypes; // w -> N1+(· w)
    private final long unigramTotal;
    private final Map<Integer, Set<Integer>> followers = new HashMap<>();
    private final Map<Integer, Set<Integer>> predecessors = new HashMap<>();
    private final int[] wordCounts;

    private KneserNeyTrigram(Vocabulary vocab, List<TaggedSentence> corpus) {
        this.bos = vocab.size();
        this.eos = vocab.size() + 1;
        wordCounts = new int[vocab.size()];
        for (TaggedSentence s : corpus) {
            int[] ids = new int[s.size() + 3];
            ids[0] = bos;
            ids[1] = bos;
            for (int i = 0; i < s.size(); i++) {
                ids[i + 2] = vocab.id(s.words().get(i));
                wordCounts[ids[i + 2]]++;
            }
            ids[ids.length - 1] = eos;
            for (int i = 2; i < ids.length; i++) {
                trigrams.addTo(key(ids[i - 2], ids[i - 1], ids[i]), 1);
            }
        }
        unigramTypes = new int[vocab.size() + 2];
        for (LongIntCursor t : trigrams) {
            int u = part(t.key, 2);
            int v = part(t.key, 1);
            int w = part(t.key, 0);
            int[] ctx = contexts(trigramContexts, key(0, u, v));
            ctx[0] += t.value;
            ctx[1]++;
            if (bigramTypes.addTo(key(0, v, w), 1) == 1) { // a new (v, w) type
                unigramTypes[w]++;
                followers.computeIfAbsent(v, x -> new HashSet<>()).add(w);
                predecessors.computeIfAbsent(w, x -> new HashSet<>()).add(v);
            }
        }
        for (LongIntCursor b : bigramTypes) {
            int[] ctx = contexts(bigramContexts, part(b.key, 1));
            ctx[0] += b.value;
            ctx[1]++;
        }
        unigramTotal = Arrays.stream(unigramTypes).asLongStream().sum();
    }

    /** Counts the trigrams of {@code corpus} over {@code vocab}. */
    public static KneserNeyTrigram count(Vocabulary vocab, List<TaggedSentence> corpus) {
        if (vocab.size() > (1 << 21) - 2) {
            throw new IllegalArgumentException("vocabularies of up to 2^21 - 2 words, got " + vocab.size());
        }
        return new KneserNeyTrigram(vocab, corpus);
    }

    /** The id of the sentence-start marker {@code <s>}. */
    public int bos() {
        return bos;
    }

    /** The id of the sentence-end marker {@code </s>}. */
    public int eos() {
        return eos;
    }

    /** P(w | u v), interpolated Kneser–Ney; never 0. */
    public double probability(int u, int v, int w) {
        int[] ctx = trigramContexts.get(key(0, u, v));
        if (ctx == null) {
            return bigram(v, w);
        }
        int c = trigrams.get(key(u, v, w)); // 0 when unseen
        return Math.max(c - DISCOUNT, 0) / ctx[0] + DISCOUNT * ctx[1] / ctx[0] * bigram(v, w);
    }

    /**
     * The log-probability of the trigrams that word position {@code i} of {@code ids} takes part in,
     * ending at i, i + 1 and i + 2 where those are inside the array and all their words are known
     * (ids ≥ 0; −1 marks a word not chosen yet). {@code ids} includes the two {@code <s>} and the
     * {@code </s>} around the sentence.
     */
    public double logScore(int[] ids, int i) {
        double score = 0;
        for (int end = i; end <= i + 2 && end < ids.length; end++) {
            if (ids[end] >= 0 && ids[end - 1] >= 0 && ids[end - 2] >= 0) {
                score += Math.log(probability(ids[end - 2], ids[end - 1], ids[end]));
            }
        }
        return score;
    }

    /** Words seen right after {@code v} in the corpus. */
    public Set<Integer> followers(int v) {
        return followers.getOrDefault(v, Set.of());
    }

    /** Words seen right before {@code w} in the corpus. */
    public Set<Integer> predecessors(int w) {
        return predecessors.getOrDefault(w, Set.of());
    }

    /** The {@code n} words (ids from 2: no [PAD] or [UNK]) the corpus uses most often, most frequent first. */
    public int[] mostFrequent(int n) {
        return IntStream.range(Vocabulary.UNK_ID + 1, wordCounts.length).boxed()
                .sorted((a, b) -> Integer.compare(wordCounts[b], wordCounts[a])).limit(n)
                .mapToInt(Integer::intValue).toArray();
    }

    private double bigram(int v, int w) {
        int[] ctx = bigramContexts.get(v);
        if (ctx == null) {
            return unigram(w);
        }
        int c = bigramTypes.get(key(0, v, w));
        return Math.max(c - DISCOUNT, 0) / ctx[0] + DISCOUNT * ctx[1] / ctx[0] * unigram(w);
    }

    /** Continuation unigram, add-one smoothed so that no word has probability 0. */
    private double unigram(int w) {
        return (unigramTypes[w] + 1.0) / (unigramTotal + unigramTypes.length);
    }

    private static int[] contexts(LongObjectHashMap<int[]> map, long key) {
        int[] ctx = map.get(key);
        if (ctx == null) {
            ctx = new int[2];
            map.put(key, ctx);
        }
        return ctx;
    }

    private static long key(int u, int v, int w) {
        return ((long) u << 42) | ((long) v << 21) | w;
    }

    private static int part(long key, int index) {
        return (int) (key >>> (21 * index)) & 0x1FFFFF;
    }
}
