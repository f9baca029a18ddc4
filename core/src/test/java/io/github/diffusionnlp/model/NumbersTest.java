package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void numbersAreWrittenAsAPersonWritesThem() {
        assertEquals("-1", Numbers.written(-1.0));
        assertEquals("2", Numbers.written(2.0));
        assertEquals("0", Numbers.written(0.0));
        assertEquals("0", Numbers.written(-0.0));
        assertEquals("0.7", Numbers.written(0.7));
        assertEquals("-0.1", Numbers.written(-0.1));
        assertEquals("1.5", Numbers.written(1.50));
        assertEquals("0.00001", Numbers.written(1e-5));
        assertEquals("1000000", Numbers.written(1e6));
        assertEquals("1E-10", Numbers.written(1e-10));
        assertEquals("1E+300", Numbers.written(1e300));
        assertEquals("NaN", Numbers.written(Double.NaN));
        assertEquals("Infinity", Numbers.written(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", Numbers.written(Double.NEGATIVE_INFINITY));
        // a float with its own shortest digits, not those of the double it widens to
        assertEquals("0.999", Numbers.written(0.999f));
        assertEquals("-1", Numbers.written(-1f));
        assertEquals("NaN", Numbers.written(Float.NaN));
    }
}
