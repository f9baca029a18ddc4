package io.github.diffusionnlp.train;

import io.github.diffusionnlp.model.Sentiment;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Internal (the {@code row-lengths} command's; no compatibility promise). How many training rows have each length,
 * element {@code i} counting rows of {@code i + 1} words, over all rows ({@code TrainingInfo#rowLengths}) and over
 * the rows of each sentiment label as training labels them ({@code TrainingInfo#rowLengthsByLabel}; a label no row
 * has is left out). Counted as the rows are made, each row labelled once: the overall counts are the labels' summed.
 */
public record RowLengths(List<Integer> overall, Map<Sentiment, List<Integer>> byLabel) {
    /** Counts rows one by one, as {@link PackedRows} and {@link TrainingData#rowLengths} make them. */
    static final class Counter {
        private final int[] overall;
        private final Map<Sentiment, int[]> byLabel = new EnumMap<>(Sentiment.class);

        /** For rows of at most {@code width} words. */
        Counter(int width) {
            overall = new int[width];
        }

        /** One row of {@code words} words, labelled {@code label}. */
        void add(int words, Sentiment label) {
            overall[words - 1]++;
            byLabel.computeIfAbsent(label, l -> new int[overall.length])[words - 1]++;
        }

        RowLengths counts() {
            Map<Sentiment, List<Integer>> labelled = new EnumMap<>(Sentiment.class);
            byLabel.forEach((label, c) -> labelled.put(label, boxed(c)));
            return new RowLengths(boxed(overall), Collections.unmodifiableMap(labelled));
        }

        private static List<Integer> boxed(int[] counts) {
            return Arrays.stream(counts).boxed().toList();
        }
    }
}
