package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.LongRunMemory.Reading;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of {@link LongRunMemory}'s readings: what RSS holds beyond the heap, and the verdict on it. */
class LongRunMemoryTest {
    @Test
    void beyondTheHeapIsResidentMemoryLessTheCommittedHeap() {
        assertEquals(300_000, new Reading(100, 800_000, 500_000, 200_000, 95, 95).beyondHeapKb());
    }

    @Test
    void aGrowingHeapIsNotReadAsNativeGrowth() {
        // the CoreNLP run's shape: RSS up 29% after the warm-up, all of it the committed heap
        List<Reading> readings = List.of(new Reading(0, 500_000, 300_000, 20_000, 91, 91),
                new Reading(100, 600_000, 300_000, 40_000, 95, 95),
                new Reading(2000, 776_000, 476_000, 60_000, 95, 95));
        String summary = LongRunMemory.summary("corenlp-x", readings, 100);
        assertEquals("long-run corenlp-x: after the warm-up (100 → 2000 calls) beyond the heap 300,000 → 300,000 kB"
                + " (+0.0%); RSS 600,000 → 776,000 kB (+29.3%), of it heap committed 300,000 → 476,000 kB", summary);
    }

    @Test
    void changeIsAPercentageOfTheFirstValue() {
        assertEquals(29.3, LongRunMemory.change(600_000, 776_000), 0.05);
        assertEquals(-25.0, LongRunMemory.change(400, 300), 1e-9);
        assertEquals(0.0, LongRunMemory.change(0, 300), 1e-9);
    }

    @Test
    void theWarmUpReadingIsTheFirstAtOrAfterIt() {
        List<Reading> readings = List.of(new Reading(0, 1, 0, 0, 0, 0), new Reading(40, 2, 0, 0, 0, 0),
                new Reading(80, 3, 0, 0, 0, 0));
        assertEquals(40, LongRunMemory.afterWarmUp(readings, 40).calls());
        assertEquals(80, LongRunMemory.afterWarmUp(readings, 50).calls());
        assertEquals(0, LongRunMemory.afterWarmUp(readings, 500).calls());
    }

    @Test
    void aRealReadingHoldsTheHeapWithinResidentMemory() {
        Reading last = LongRunMemory.read(0, () -> 0);
        assertTrue(last.heapCommittedKb() >= last.heapUsedKb() && last.heapUsedKb() > 0, last.toString());
        assertTrue(last.rssKb() > 0 && last.beyondHeapKb() < last.rssKb(), last.toString());
    }
}
