package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress line's count agrees with its noun: "1 line", not "1 lines". */
class ProgressTest {
    @Test
    void oneIsSingularAndOtherCountsPlural() {
        Progress lines = new Progress("infill", "line", "lines");
        assertEquals("infill: 1 line, 5.0 s/line", lines.line(1, 5), "was 0.2 lines/s");
        assertEquals("infill: 0 lines", lines.line(0, 5), "was 0.0 lines/s");
        assertEquals("infill: 1 line, 60.0 s/line", lines.line(1, 60), "was 0.0 lines/s: a slow first line");
        assertEquals("infill: 12 lines, 2.0 lines/s", lines.line(12, 6));
    }

    @Test
    void withATotalTheNounAgreesWithTheTotal() {
        assertEquals("generate: 1/5 sentences, 5.0 s/sentence, ETA 20 s",
                new Progress("generate", "sentence", "sentences").total(5).line(1, 5));
        assertEquals("generate: 0/1 sentence",
                new Progress("generate", "sentence", "sentences").total(1).line(0, 5));
    }
}
