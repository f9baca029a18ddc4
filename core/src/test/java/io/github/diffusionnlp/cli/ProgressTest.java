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

    /**
     * A batch still sampling says how far its windows are, after the lines before it: a line of 100,000 tokens (some
     * 1,600 windows) printed nothing for minutes (audit h254).
     */
    @Test
    void aBatchStillSamplingCountsItsWindows() {
        Progress lines = new Progress("rewrite", "line", "lines");
        assertEquals("rewrite: 3 lines, line 4: 320/1563 windows, 12.5 windows/s, ETA 99 s",
                lines.line(3, "line 4", 320, 1563, 25.6, "window", "windows"));
        assertEquals("rewrite: 1 line, lines 2-33: 1/40 windows, 6.0 s/window, ETA 234 s",
                lines.line(1, "lines 2-33", 1, 40, 6, "window", "windows"));
        assertEquals("rewrite: 0 lines, line 1: 0/1 window", lines.line(0, "line 1", 0, 1, 6, "window", "windows"));
        assertEquals("infill: 0 lines, line 1: 7 windows, 1.4 windows/s",
                new Progress("infill", "line", "lines").line(0, "line 1", 7, -1, 5, "window", "windows"));
    }
}
