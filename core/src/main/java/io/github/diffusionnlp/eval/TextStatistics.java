package io.github.diffusionnlp.eval;

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
     * folded): −Σ p(w) log₂ p(w). 0 for no tokens. It grows with the sample, so compare it only with a
     * reference of about the same number of tokens.
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
}
