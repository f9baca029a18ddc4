package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.Suggestion;
import java.util.Locale;

/**
 * Internal: public for the OpenNLP adapter's {@code Suggest} tool; no compatibility promise. The tab-separated rows
 * in which {@code suggest} and {@code Suggest} write each mask's likeliest words, so that the two read alike.
 */
public final class SuggestionRows {
    /** The header line's columns: line and mask are counted from 1, rank from 1 (the likeliest). */
    public static final String HEADER = "line\tmask\trank\tword\tprobability";

    private SuggestionRows() {}

    /** A row, ending in {@code \n}; the probability with 4 significant digits, written alike in every locale. */
    public static String row(int line, int mask, int rank, Suggestion s) {
        return String.format(Locale.ROOT, "%d\t%d\t%d\t%s\t%.4g\n", line, mask, rank, s.word(), s.probability());
    }
}
