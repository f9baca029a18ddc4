package io.github.diffusionnlp.corpus;

import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Sentiment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Labels a tokenized sentence negative, neutral or positive with the AFINN-165 lexicon: the sum of its
 * words' valences (−5..+5), a word's valence flipped when one of the two words before it is a
 * negation ("not", "never", "didn't", …). A sum of at least {@link #THRESHOLD} is positive, at most
 * −{@link #THRESHOLD} negative. These labels train the model's sentiment condition; the model is
 * judged by a different classifier (CoreNLP's), never by this one.
 */
public final class SentimentLabeller {
    /**
     * Far enough from 0 that one faintly coloured word (rated ±1: "cool", "no") leaves a sentence neutral; one
     * rated ±2 ("like", "sad") labels it, as it labelled every model's training rows.
     */
    public static final int THRESHOLD = 2;
    /**
     * The share of English text's tokens that AFINN-165 rates: 4.7% of the Brown training split's 968,351 tokens
     * (punctuation included; 4.7%, 4.7% and 5.2% of its train, held-out and dev splits), counted over the FORM
     * column of test-data/brown/*.conllu.gz as training counts it ({@code TrainingNotes#noteSentimentLexicon}).
     */
    public static final double ENGLISH_RATED_SHARE = 0.047;
    /**
     * Below this share of rated tokens a corpus is probably not English, and labels from this lexicon mean little:
     * under half of Brown's. Of Brown's consecutive 2,000-token stretches, 1 in 100 falls below it, of its
     * 10,000-token ones none (the lowest: 2.7%); a French corpus of 3,904 tokens gets 1.5% (tout, pain, super, ...
     * rated as the English words they spell).
     */
    public static final double NOT_ENGLISH_RATED_SHARE = 0.02;
    /** Fewer tokens than this rate too unevenly to judge (Brown's 500-token stretches go down to 0.4%). */
    public static final int TOKENS_TO_JUDGE_LANGUAGE = 2_000;
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "non", "nor", "cannot",
            "neither", "nobody", "nothing", "nowhere", "without");

    /** The bundled lexicon, a resource beside this class. */
    private static final String AFINN = "afinn-165.tsv";

    private final Map<String, Integer> valence;

    private SentimentLabeller(Map<String, Integer> valence) {
        this.valence = valence;
    }

    /** The labeller with the bundled AFINN-165 lexicon (see afinn-165.tsv's NOTICE for its provenance). */
    public static SentimentLabeller afinn() {
        try (InputStream in = SentimentLabeller.class.getResourceAsStream(AFINN)) {
            if (in == null) {
                throw new IllegalStateException(AFINN + " is missing from the classpath (a broken build?)");
            }
            return of(in, AFINN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + AFINN, e);
        }
    }

    /**
     * The labeller of a lexicon of {@code word TAB valence} lines read from {@code in}, which {@code name} names in a
     * refusal: a line without a tab or whose valence is no whole number in ASCII digits ({@link Numbers#parseInt}:
     * Java's {@code Integer.parseInt} reads any script's digits) is refused naming its line, as a broken build.
     */
    static SentimentLabeller of(InputStream in, String name) throws IOException {
        Map<String, Integer> valence = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            n++;
            int tab = line.indexOf('\t');
            String where = name + ":" + n + ": ";
            if (tab <= 0) {
                throw new IllegalStateException(where + "'" + Visible.of(line) + "' is not 'word TAB valence' (a broken"
                        + " build?)");
            }
            String word = line.substring(0, tab);
            String value = line.substring(tab + 1).trim();
            try {
                valence.put(word, Numbers.parseInt(value));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(where + "the valence '" + Visible.of(value) + "' of '"
                        + Visible.of(word) + "' is not a whole number " + Numbers.IN_ASCII_DIGITS
                        + " (a broken build?)", e);
            }
        }
        return new SentimentLabeller(Map.copyOf(valence));
    }

    /** The summed, negation-aware valence of a tokenized sentence. */
    public int score(List<String> tokens) {
        int sum = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Integer v = valence.get(tokens.get(i).toLowerCase(Locale.ROOT));
            if (v != null) {
                sum += negated(tokens, i) ? -v : v;
            }
        }
        return sum;
    }

    /** How much sentiment a sentence carries either way: the sum of its words' absolute valences. */
    public int intensity(List<String> tokens) {
        int sum = 0;
        for (String t : tokens) {
            sum += Math.abs(valence.getOrDefault(t.toLowerCase(Locale.ROOT), 0));
        }
        return sum;
    }

    /** A word's AFINN valence (−5..+5, any case), 0 for a word the lexicon does not rate. */
    public int valence(String word) {
        return valence.getOrDefault(word.toLowerCase(Locale.ROOT), 0);
    }

    /** Whether a word flips the valence of the words after it ("not", "never", "didn't", …). */
    public static boolean isNegation(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return NEGATIONS.contains(w) || w.endsWith("n't");
    }

    public Sentiment label(List<String> tokens) {
        int score = score(tokens);
        return score >= THRESHOLD ? Sentiment.POSITIVE : score <= -THRESHOLD ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
    }

    private static boolean negated(List<String> tokens, int i) {
        for (int j = Math.max(0, i - 2); j < i; j++) {
            if (isNegation(tokens.get(j))) {
                return true;
            }
        }
        return false;
    }
}
