package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TrainingData#rowLengths} counts the rows training makes: a long sentence as its windows. */
class RowLengthsTest {
    private static TaggedSentence words(int n) {
        return new TaggedSentence(Collections.nCopies(n, "w"), Collections.nCopies(n, Upos.NOUN));
    }

    @Test
    void countsEachWindowOfALongSentence() {
        // 10 words in windows of 4: rows of 4, 4 and 2; 3 words: one row of 3; 4 words: one of 4
        assertEquals(List.of(0, 1, 1, 3), TrainingData.rowLengths(List.of(words(10), words(3), words(4)), 4));
    }
}
