package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What {@link Visible} shows of the characters a terminal would run or hide. */
class VisibleTest {
    @Test
    void controlAndFormatCharactersAreWrittenAsCodePoints() {
        assertEquals("<U+001B>]0;OWNED<U+0007><U+001B>[2Jbad", Visible.of("\u001B]0;OWNED\u0007\u001B[2Jbad"));
        assertEquals("a<U+202E>b<U+200B>c<U+00A0>d e", Visible.of("a\u202Eb\u200Bc\u00A0d e"));
        assertEquals("a<U+000A>b<U+0009>c", Visible.of("a\nb\tc"));
    }

    @Test
    void aMessageKeepsItsOwnLineBreaksAndTabsOnly() {
        assertEquals("error: x<U+001B>[2J\n  usage:\tinfo<U+000D>", Visible.inMessage("error: x\u001B[2J\n  usage:\tinfo\r"));
        String once = Visible.inMessage("\u001B");
        assertEquals(once, Visible.inMessage(once), "applied twice, as a tool's sink after its message(), it is the same");
    }
}
