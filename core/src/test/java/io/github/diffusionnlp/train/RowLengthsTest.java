package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainingData#rowLengths} counts the rows training makes: a long sentence as its windows; {@link
 * TrainingData#rowLengthsByLabel} counts them by the label training gives each window.
 */
class RowLengthsTest {
    private static TaggedSentence words(int n) {
        return new TaggedSentence(Collections.nCopies(n, "w"), Collections.nCopies(n, Upos.NOUN));
    }

    @Test
    void countsEachWindowOfALongSentence() {
        // 10 words in windows of 4: rows of 4, 4 and 2; 3 words: one row of 3; 4 words: one of 4
        assertEquals(List.of(0, 1, 1, 3), TrainingData.rowLengths(List.of(words(10), words(3), words(4)), 4));
    }

    private static TaggedSentence sentence(String... words) {
        return new TaggedSentence(List.of(words), Collections.nCopies(words.length, Upos.NOUN));
    }

    @Test
    void countsEachWindowUnderItsOwnLabel() {
        // windows of 4: "good" (AFINN +3) makes its window positive, "bad" (-3) negative; the rest are neutral
        List<TaggedSentence> sentences = List.of(sentence("a", "good", "day", "here", "and", "so", "on"),
                sentence("a", "bad", "day"), sentence("a", "day"), sentence("w", "w", "w", "w", "w", "bad"));
        Map<Sentiment, List<Integer>> byLabel = TrainingData.rowLengthsByLabel(sentences, 4, SentimentLabeller.afinn());
        assertEquals(Map.of(Sentiment.POSITIVE, List.of(0, 0, 0, 1), Sentiment.NEGATIVE, List.of(0, 1, 1, 0),
                Sentiment.NEUTRAL, List.of(0, 1, 1, 1)), byLabel);
        List<Integer> summed = new ArrayList<>(Collections.nCopies(4, 0));
        byLabel.values().forEach(c -> {
            for (int i = 0; i < 4; i++) {
                summed.set(i, summed.get(i) + c.get(i));
            }
        });
        assertEquals(TrainingData.rowLengths(sentences, 4), summed, "the rows counted overall, split by label");
    }

    @Test
    void aLabelNoRowHasIsLeftOut() {
        assertEquals(Map.of(Sentiment.NEUTRAL, List.of(0, 1)), TrainingData.rowLengthsByLabel(
                List.of(sentence("a", "day")), 2, SentimentLabeller.afinn()));
    }
}
