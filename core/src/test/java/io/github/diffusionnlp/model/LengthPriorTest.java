package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthPriorTest {
    @Test
    void drawsOnlyLengthsItCountedInProportion() {
        LengthPrior prior = LengthPrior.of(List.of(0, 30, 0, 10)); // 3 rows of 2 words for each row of 4
        int[] drawn = new int[5];
        for (long seed = 0; seed < 4000; seed++) {
            drawn[prior.draw(seed)]++;
        }
        assertEquals(0, drawn[1] + drawn[3], Arrays.toString(drawn));
        assertEquals(0.75, drawn[2] / 4000.0, 0.03, Arrays.toString(drawn));
        assertEquals(2.5, prior.mean(), 1e-12);
        assertEquals(Math.sqrt(0.75), prior.sd(), 1e-12); // lengths 2 and 4, p = 3/4 and 1/4
        assertEquals(40, prior.total());
    }

    @Test
    void theSameSeedDrawsTheSameLengthAndNeighbouringSeedsDiffer() {
        LengthPrior prior = LengthPrior.of(List.of(1, 1, 1, 1, 1, 1, 1, 1));
        int[] first = new int[64];
        for (int seed = 0; seed < 64; seed++) {
            first[seed] = prior.draw(seed);
            assertEquals(first[seed], prior.draw(seed));
        }
        assertTrue(Arrays.stream(first).distinct().count() == 8, Arrays.toString(first));
    }

    @Test
    void saysWhatIsWrongWithCounts() {
        assertNull(LengthPrior.whatIsWrong(List.of(0, 1), 2));
        assertEquals("have 2 counts for a model of 3 positions (one for each length from 1 to 3)",
                LengthPrior.whatIsWrong(List.of(0, 1), 3));
        assertEquals("count -1 rows of 2 words; a count must be 0 or more",
                LengthPrior.whatIsWrong(List.of(4, -1), 2));
        assertEquals("count null rows of 1 word; a count must be 0 or more",
                LengthPrior.whatIsWrong(Arrays.asList(null, 1), 2));
        assertEquals("count no rows at all", LengthPrior.whatIsWrong(List.of(0, 0), 2));
        assertEquals("are empty", LengthPrior.whatIsWrong(List.of(), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LengthPrior.of(List.of(0)));
        assertEquals("row lengths count no rows at all", e.getMessage());
    }

    @Test
    void describesItself() {
        assertEquals("2.5 ± 0.9 words (40 rows)", LengthPrior.of(List.of(0, 30, 0, 10)).toString());
    }
}
