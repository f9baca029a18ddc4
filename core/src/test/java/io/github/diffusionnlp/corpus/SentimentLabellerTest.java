package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.model.Sentiment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentLabellerTest {
    private final SentimentLabeller labeller = SentimentLabeller.afinn();

    private static List<String> words(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void sumsTheLexiconValences() {
        // AFINN-165: good +3, happy +3, terrible -3
        assertEquals(6, labeller.score(words("a good and happy day")));
        assertEquals(-3, labeller.score(words("a terrible day")));
        assertEquals(0, labeller.score(words("the committee met on Monday")));
    }

    @Test
    void negationFlipsTheNextTwoWords() {
        assertEquals(-3, labeller.score(words("it was not good")));
        assertEquals(-3, labeller.score(words("it wasn't very good")));
        assertEquals(3, labeller.score(words("not that anyone said it was good")), "too far from the negation");
    }

    @Test
    void labelsByThreshold() {
        assertEquals(Sentiment.POSITIVE, labeller.label(words("What a Good , happy day !")));
        assertEquals(Sentiment.NEGATIVE, labeller.label(words("It was a terrible , awful night .")));
        assertEquals(Sentiment.NEUTRAL, labeller.label(words("He walked to the station .")));
        assertEquals(Sentiment.NEGATIVE, labeller.label(words("it was not good at all")));
    }

    @Test
    void intensityCountsSentimentEitherWay() {
        assertEquals(0, labeller.score(words("a good and terrible day")));
        assertEquals(6, labeller.intensity(words("a good and terrible day")), "not neutral, though it sums to 0");
        assertEquals(0, labeller.intensity(words("the committee met on Monday")));
    }

    /**
     * THRESHOLD is inclusive both ways: the training labels of every model (the shipped one's 21.5% positive)
     * were made so, and a sentiment condition means what they meant. AFINN-165: like +2, sad -2, cool +1.
     */
    @Test
    void aSumOfExactlyTheThresholdCarriesTheLabel() {
        assertEquals(Sentiment.POSITIVE, labeller.label(words("I like it")));
        assertEquals(Sentiment.NEGATIVE, labeller.label(words("a sad day")));
        assertEquals(Sentiment.NEUTRAL, labeller.label(words("a cool day")));
        assertEquals(Sentiment.NEUTRAL, labeller.label(words("I like it but it is sad")), "+2 - 2: neither");
    }

    /** A negation flips the words after it, not itself: "no" is rated -1 and stays so. */
    @Test
    void aNegationKeepsItsOwnValence() {
        assertEquals(-1, labeller.score(words("no")));
        assertEquals(-1, labeller.valence("No"), "any case");
        assertEquals(0, labeller.valence("committee"));
    }
    /**
     * The lexicon's valences were read by Java's Integer.parseInt, which reads any script's digits (Arabic-Indic 3 as
     * 3), and a line without a tab failed on a StringIndexOutOfBoundsException naming nothing; both are refused now,
     * naming the file and the line.
     */
    @Test
    void aLexiconLineThatIsNoWordAndWholeNumberIsRefusedByItsLine() throws java.io.IOException {
        assertEquals(3, SentimentLabeller.of(lexicon("good\t3\nbad\t-3\n"), "x.tsv").valence("Good"));
        IllegalStateException other = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> SentimentLabeller.of(lexicon("bad\t-3\ngood\t\u0663\n"), "x.tsv"));
        assertEquals("x.tsv:2: the valence '\u0663' of 'good' is not a whole number in ASCII digits (0-9) (a broken"
                + " build?)", other.getMessage());
        IllegalStateException noTab = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> SentimentLabeller.of(lexicon("good 3\n"), "x.tsv"));
        assertEquals(true, noTab.getMessage().startsWith("x.tsv:1: 'good 3' is not 'word TAB valence'"),
                noTab.getMessage());
    }

    private static java.io.InputStream lexicon(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
