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

    /**
     * A combining mark with nothing of its own to sit on (first in the text, after a bracket, a quote or a space) was
     * written raw and drew itself over the quote or bracket beside it, so that "'\u0301[MASK]'" read as a mask in
     * accented quotes: such a mark is written as its code point; one on a letter, digit or symbol stays.
     */
    @Test
    void aCombiningMarkWithNoBaseIsWrittenAsACodePoint() {
        assertEquals("<U+0301>[MASK]", Visible.of("\u0301[MASK]"));
        assertEquals("[MASK]<U+0301>", Visible.of("[MASK]\u0301"));
        assertEquals("token '<U+0301>[MASK]' is not a mask", Visible.inMessage("token '\u0301[MASK]' is not a mask"));
        assertEquals("a <U+20DD><U+0301>", Visible.of("a \u20DD\u0301"), "an enclosing mark, and one stacked on it");
        assertEquals("Cafe\u0301 e\u0301\u0302 \u0915\u093F 1\uFE0F\u20E3 \u2764\uFE0F",
                Visible.of("Cafe\u0301 e\u0301\u0302 \u0915\u093F 1\uFE0F\u20E3 \u2764\uFE0F"),
                "marks on a letter (stacked too), a Devanagari vowel sign, a keycap and an emoji's variation selector");
        String once = Visible.inMessage("'\u0301'");
        assertEquals(once, Visible.inMessage(once));
    }

    /**
     * Messages quote, as a whole, text that quotes the user's already (the CoreNLP annotator's allowed values, a
     * command's shown path, a cause's message): {@link Visible#of} leaves its own output as it is, a backslash of a
     * Windows path included, so nothing is shown twice ({@code <U+001B>}, never an escape of it).
     */
    @Test
    void ofLeavesItsOwnOutputAsItIs() {
        for (String s : java.util.List.of("C:\\Users\\it's mine\\model", "\\\\server\\share\\x\u001B[2J",
                "a\u001B]0;x\u0007b\nc", "\u0301[MASK]", "'\u0301'", "\u200B\u0301x", "Cafe\u0301 \u2764\uFE0F",
                "<U+001B>", "x\uD800y", "a\u00A0b\u2028c")) {
            String once = Visible.of(s);
            assertEquals(once, Visible.of(once), s);
            assertEquals(once, Visible.inMessage(once), s);
        }
        assertEquals("C:\\Users\\x<U+001B>", Visible.of("C:\\Users\\x\u001B"));
    }
}
