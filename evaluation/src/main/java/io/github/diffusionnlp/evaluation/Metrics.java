package io.github.diffusionnlp.evaluation;

import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.eval.TextStatistics;
import io.github.diffusionnlp.model.Sentiment;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The metric functions of the constraints evaluation, each on plain tokens and tags so that it can be
 * checked by hand. Rates are returned as {@link Ratio}s (hits over a total) and pooled over sentences by
 * adding hits and totals (a micro average: long sentences weigh more).
 */
public final class Metrics {
    /** Content words by UPOS: the tokens whose survival a rewrite is measured on. */
    public static final Set<Upos> CONTENT = EnumSet.of(Upos.NOUN, Upos.PROPN, Upos.VERB, Upos.ADJ, Upos.ADV);

    private Metrics() {}

    /** A count of hits out of a total; {@link #value()} is their share (0 when the total is 0). */
    public record Ratio(long hits, long total) {
        public static final Ratio ZERO = new Ratio(0, 0);

        public Ratio {
            if (hits < 0 || total < 0 || hits > total) {
                throw new IllegalArgumentException("bad ratio " + hits + "/" + total);
            }
        }

        public Ratio plus(Ratio other) {
            return new Ratio(hits + other.hits, total + other.total);
        }

        public double value() {
            return total == 0 ? 0 : (double) hits / total;
        }
    }

    /**
     * Tag accuracy against a template: positions {@code i < template.size()} where the judge's tag equals
     * the template's. Positions the output lacks (a shorter output) count as wrong; extra output
     * positions are ignored. Total = the template's length.
     */
    public static Ratio tagAccuracy(List<Upos> template, List<Upos> judged) {
        long hits = 0;
        for (int i = 0; i < template.size() && i < judged.size(); i++) {
            if (template.get(i) == judged.get(i)) {
                hits++;
            }
        }
        return new Ratio(hits, template.size());
    }

    /**
     * Content words kept: of the input's content-word tokens (NOUN, PROPN, VERB, ADJ, ADV by the input's own
     * tags), how many occur in the output, anywhere, ignoring case. Matching is one to one: an input word
     * that occurs twice is kept twice only if the output has it twice.
     */
    public static Ratio contentWordsKept(List<String> inputWords, List<Upos> inputTags, List<String> output) {
        if (inputWords.size() != inputTags.size()) {
            throw new IllegalArgumentException("words and tags differ in length");
        }
        Map<String, Integer> available = counts(output);
        long total = 0;
        long kept = 0;
        for (int i = 0; i < inputWords.size(); i++) {
            if (!CONTENT.contains(inputTags.get(i))) {
                continue;
            }
            total++;
            String w = lower(inputWords.get(i));
            Integer left = available.get(w);
            if (left != null && left > 0) {
                kept++;
                available.put(w, left - 1);
            }
        }
        return new Ratio(kept, total);
    }

    /**
     * Repetition: of a sentence's tokens that are not punctuation, the share equal (ignoring case) to an
     * earlier non-punctuation token of the same sentence. "the cat saw the cat" has 2 of 5.
     */
    public static Ratio repetition(List<String> sentence) {
        long[] r = TextStatistics.repeatedTokens(sentence);
        return new Ratio(r[0], r[1]);
    }

    /** {@link #repetition(List)} pooled over sentences (repeated tokens over all non-punctuation tokens). */
    public static Ratio repetition(Collection<? extends List<String>> sentences) {
        Ratio r = Ratio.ZERO;
        for (List<String> s : sentences) {
            r = r.plus(repetition(s));
        }
        return r;
    }

    /**
     * CoreNLP's five sentiment classes as our three labels: 0 and 1 (very negative, negative) are
     * negative, 2 neutral, 3 and 4 (positive, very positive) positive. {@code -1} (not judged: an empty
     * sentence) gives null.
     */
    public static Sentiment sentimentOfClass(int coreNlpClass) {
        return switch (coreNlpClass) {
            case -1 -> null;
            case 0, 1 -> Sentiment.NEGATIVE;
            case 2 -> Sentiment.NEUTRAL;
            case 3, 4 -> Sentiment.POSITIVE;
            default -> throw new IllegalArgumentException("CoreNLP sentiment classes are 0..4, got " + coreNlpClass);
        };
    }

    /** Share of judged classes that map to the wanted label; unjudged (-1) sentences count as failures. */
    public static Ratio judgedAs(List<Integer> classes, Sentiment wanted) {
        long hits = classes.stream().filter(c -> sentimentOfClass(c) == wanted).count();
        return new Ratio(hits, classes.size());
    }

    private static Map<String, Integer> counts(List<String> tokens) {
        Map<String, Integer> m = new HashMap<>();
        for (String t : tokens) {
            m.merge(lower(t), 1, Integer::sum);
        }
        return m;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
