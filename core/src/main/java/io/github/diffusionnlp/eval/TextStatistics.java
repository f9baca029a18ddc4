package io.github.diffusionnlp.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Collapse checks on generated text: repetition and unigram entropy, both case-folded. */
public final class TextStatistics {
    private TextStatistics() {}

    /** A token with no letter and no digit (". , ; `` '' -- ( )" ...). */
    public static boolean isPunctuation(String token) {
        return token.codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /**
     * Of a sentence's tokens that are not punctuation: {repeated, all}, where a token is repeated if it
     * equals (ignoring case) an earlier non-punctuation token of the sentence. "the cat saw the cat": {2, 5}.
     */
    public static long[] repeatedTokens(List<String> sentence) {
        Set<String> seen = new HashSet<>();
        long words = 0;
        long repeats = 0;
        for (String t : sentence) {
            if (isPunctuation(t)) {
                continue;
            }
            words++;
            if (!seen.add(t.toLowerCase(Locale.ROOT))) {
                repeats++;
            }
        }
        return new long[] {repeats, words};
    }

    /** Repeated tokens over all non-punctuation tokens of the sentences (0 when there are none). */
    public static double repetitionRate(Collection<? extends List<String>> sentences) {
        long repeats = 0;
        long words = 0;
        for (List<String> s : sentences) {
            long[] r = repeatedTokens(s);
            repeats += r[0];
            words += r[1];
        }
        return words == 0 ? 0 : (double) repeats / words;
    }

    /**
     * Unigram entropy in bits of all tokens of the sentences pooled (punctuation included, case
     * folded): −Σ p(w) log₂ p(w). 0 for no tokens. It grows with the number of tokens pooled, so compare two
     * texts with {@link #unigramEntropyAtSameLength}, not by this figure of each.
     */
    public static double unigramEntropy(Collection<? extends List<String>> sentences) {
        Map<String, Integer> counts = new HashMap<>();
        long n = 0;
        for (List<String> s : sentences) {
            for (String t : s) {
                counts.merge(t.toLowerCase(Locale.ROOT), 1, Integer::sum);
                n++;
            }
        }
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / n;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h == 0 ? 0 : h; // no -0.0
    }

    /** The number of tokens of the sentences, all pooled. */
    public static long tokenCount(Collection<? extends List<String>> sentences) {
        return sentences.stream().mapToLong(List::size).sum();
    }

    /**
     * The first {@code tokens} tokens of the sentences in their order: whole sentences, then the start of the one
     * the count ends in (all of them when they have no more).
     */
    public static List<List<String>> firstTokens(Collection<? extends List<String>> sentences, long tokens) {
        List<List<String>> out = new ArrayList<>();
        long left = tokens;
        for (List<String> s : sentences) {
            if (left <= 0) {
                break;
            }
            out.add(s.size() <= left ? s : s.subList(0, (int) left));
            left -= s.size();
        }
        return out;
    }

    /**
     * Unigram entropies of a text and a reference at the same number of tokens, {@code tokens}: the smaller of
     * their two counts, the longer side cut to its first {@code tokens} tokens ({@link #firstTokens}).
     */
    public record SameLengthEntropy(long tokens, double bits, double referenceBits) {
        /** How far the text's entropy is from the reference's, in percent of the reference's (0 when that is 0). */
        public double percent() {
            return referenceBits == 0 ? 0 : 100 * (bits - referenceBits) / referenceBits;
        }

        /** Whether the text's entropy is at least {@code fraction} of the reference's. */
        public boolean atLeast(double fraction) {
            return bits >= fraction * referenceBits;
        }
    }

    /**
     * {@link #unigramEntropy} of {@code text} and of {@code reference}, both at the smaller of their token
     * counts ({@link SameLengthEntropy}): a pooled entropy grows with the tokens pooled, so a longer sample reads
     * more varied than a shorter reference of the very same distribution.
     */
    public static SameLengthEntropy unigramEntropyAtSameLength(Collection<? extends List<String>> text,
            Collection<? extends List<String>> reference) {
        long tokens = Math.min(tokenCount(text), tokenCount(reference));
        return new SameLengthEntropy(tokens, unigramEntropy(firstTokens(text, tokens)),
                unigramEntropy(firstTokens(reference, tokens)));
    }
}
