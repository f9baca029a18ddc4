package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
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

    /**
     * Java's Integer.parseInt reads any script's digits: Arabic-Indic ٣ and full-width ３ as 3. The tools read ASCII
     * digits only, as they read numbers with a fraction (Double.parseDouble refuses other digits).
     */
    @Test
    void wholeNumbersAreReadInAsciiDigitsOnly() {
        assertEquals(3, Integer.parseInt("\u0663"), "the quirk this guards against");
        assertEquals(3, Numbers.parseInt("3"));
        assertEquals(-12, Numbers.parseInt("-12"));
        assertEquals(+7L, Numbers.parseLong("+7"));
        assertEquals(Long.MAX_VALUE, Numbers.parseLong(Long.toString(Long.MAX_VALUE)));
        for (String other : new String[] {"\u0663", "\uFF13", "1\u0660", "-\u0969", "\uD835\uDFD1"}) {
            assertTrue(Numbers.hasOtherDigits(other), other);
            NumberFormatException e = assertThrows(NumberFormatException.class, () -> Numbers.parseInt(other));
            assertTrue(e.getMessage().endsWith("(not in ASCII digits (0-9))"), e.getMessage());
            assertThrows(NumberFormatException.class, () -> Numbers.parseLong(other));
        }
        assertFalse(Numbers.hasOtherDigits("-0123456789"));
        assertFalse(Numbers.hasOtherDigits(null));
        assertThrows(NumberFormatException.class, () -> Numbers.parseInt("x"));
        assertThrows(NumberFormatException.class, () -> Numbers.parseInt(" 3"));
    }
    /**
     * A data file's decimals: Java's Double.parseDouble refuses other digits already, but says nothing of why and
     * quotes what it refused raw; Numbers.parseDouble says why, and quotes it visibly.
     */
    @Test
    void decimalsAreReadInAsciiDigitsAndRefusedVisibly() {
        assertEquals(1.5, Numbers.parseDouble("1.5"));
        assertEquals(-2e-3, Numbers.parseDouble("-2.0000000000000000e-03"));
        assertEquals(Double.POSITIVE_INFINITY, Numbers.parseDouble("Infinity"), "refused by its caller, not here");
        NumberFormatException other = assertThrows(NumberFormatException.class, () -> Numbers.parseDouble("\u0663.5"));
        assertTrue(other.getMessage().endsWith("(not in ASCII digits (0-9))"), other.getMessage());
        NumberFormatException hidden = assertThrows(NumberFormatException.class,
                () -> Numbers.parseDouble("1\u001b[2J\n"));
        assertEquals("For input string: \"1<U+001B>[2J<U+000A>\"", hidden.getMessage());
        assertEquals(3.0, Double.parseDouble("\u001b3 "), "Java's reads past what is around the number");
        assertThrows(NumberFormatException.class, () -> Numbers.parseDouble("\u001b3 "));
        for (String notDecimal : new String[] {"1d", "2f", "0x1p3", "1.5D", ""}) {
            assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(notDecimal), notDecimal);
        }
        assertEquals(1e-4, Numbers.parseDouble("1.0E-4"));
        assertEquals(0.5, Numbers.parseDouble(".5"));
        assertEquals(3.0, Numbers.parseDouble("3."));
        assertTrue(Double.isNaN(Numbers.parseDouble("NaN")));
        assertEquals(Double.NEGATIVE_INFINITY, Numbers.parseDouble("-Infinity"));
    }

    /**
     * Whole numbers are refused visibly too, as decimals are: Integer.parseInt's message quoted a model file's text
     * raw (warp.tsv's bin number, "line 3 is malformed (For input string: ...)"), an ESC sequence in it run by the
     * terminal, a line break splitting the message. An ordinary refusal reads as Java's.
     */
    @Test
    void wholeNumbersAreRefusedVisibly() {
        for (Consumer<String> parse : List.<Consumer<String>>of(Numbers::parseInt, Numbers::parseLong)) {
            NumberFormatException hidden = assertThrows(NumberFormatException.class,
                    () -> parse.accept("1\u001b[2J\n"));
            assertEquals("For input string: \"1<U+001B>[2J<U+000A>\"", hidden.getMessage());
            assertEquals("For input string: \"x1\"", assertThrows(NumberFormatException.class,
                    () -> parse.accept("x1")).getMessage());
        }
        assertEquals("For input string: \"99999999999\"", assertThrows(NumberFormatException.class,
                () -> Numbers.parseInt("99999999999")).getMessage());
    }

    /**
     * A data file's numbers as a program writes them, without a leading '+' (audit h200): a tag-lexicon count or a
     * warp.tsv bin of "+3", a weight of "+0.5", were read as the number. An exponent's sign stays (%g writes
     * "1.0e+00"); parseInt and parseLong, which the command lines read options with, still take "+3".
     */
    @Test
    void aDataFilesNumberWithALeadingPlusIsRefused() {
        for (String plus : new String[] {"+0.5", "+3", "+Infinity", "+1e5"}) {
            NumberFormatException e = assertThrows(NumberFormatException.class, () -> Numbers.parseDouble(plus));
            assertEquals("For input string: \"" + plus + "\" (a leading '+': a number here is written without one)",
                    e.getMessage());
        }
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> Numbers.parseIntAsWritten("+3"));
        assertEquals("For input string: \"+3\" (a leading '+': a number here is written without one)", e.getMessage());
        assertEquals(-3, Numbers.parseIntAsWritten("-3"));
        assertEquals("For input string: \"x\"", assertThrows(NumberFormatException.class,
                () -> Numbers.parseIntAsWritten("x")).getMessage());
        assertThrows(NumberFormatException.class, () -> Numbers.parseIntAsWritten("\u0663"));
        assertEquals(1.0, Numbers.parseDouble("1.0e+00"));
        assertEquals(3, Numbers.parseInt("+3"), "an option's +3");
        assertEquals(3L, Numbers.parseLong("+3"), "an option's +3");
    }
}
