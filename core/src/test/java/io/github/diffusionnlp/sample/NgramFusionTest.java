package io.github.diffusionnlp.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last step's choice of words under n-gram fusion, on hand-made network distributions. */
class NgramFusionTest {
    private static final List<TaggedSentence> CORPUS = List.of(
            sentence("the cat sat on the mat ."),
            sentence("the cat sat on the rug ."),
            sentence("a cat sat on a mat ."),
            sentence("the dog ate the bone ."));
    private static final Vocabulary VOCAB = Vocabulary.build(CORPUS.stream().map(TaggedSentence::words).toList(), 100);
    private static final KneserNeyTrigram TRIGRAM = KneserNeyTrigram.count(VOCAB, CORPUS);
    private static final int LEN = 8;

    private static TaggedSentence sentence(String text) {
        List<String> words = List.of(text.split(" "));
        return new TaggedSentence(words, Collections.nCopies(words.size(), Upos.X));
    }

    private static int id(String word) {
        return VOCAB.id(word);
    }

    /** One row of {@link #LEN} ids: the words, then padding (generated positions' ids are not read). */
    private static long[] row(String... words) {
        long[] ids = new long[LEN];
        for (int i = 0; i < words.length; i++) {
            ids[i] = VOCAB.id(words[i]);
        }
        return ids;
    }

    /** One row "the ? sat on the mat ." + padding, position 1 generated, the network preferring "dog". */
    private static long[] chooseSingle(double weight, float dogLogProb, float catLogProb) {
        long[] ids = row("the", "[PAD]", "sat", "on", "the", "mat", ".");
        float[] logProb = {dogLogProb, catLogProb, -9f};
        long[] candidates = {id("dog"), id("cat"), id("bone")};
        return new NgramFusion(TRIGRAM, weight).choose(ids, List.of(1L), LEN, logProb, candidates, 3, 
                NgramFusion.SWEEPS).choice();
    }

    @Test
    void theTrigramOverrulesAWeakPreference() {
        // "the cat sat" was counted three times, "the dog sat" never
        assertArrayEquals(new long[] {id("cat")}, chooseSingle(1.0, -0.6f, -0.8f));
    }

    @Test
    void aStrongNetworkPreferenceOrASmallWeightStands() {
        assertArrayEquals(new long[] {id("dog")}, chooseSingle(1.0, -0.01f, -8f));
        assertArrayEquals(new long[] {id("dog")}, chooseSingle(1e-3, -0.6f, -0.8f));
    }

    @Test
    void adjacentGeneratedWordsAreChosenTogether() {
        // "the ? ? on the mat ." with the network's first choices "dog ate" (never before "on")
        long[] ids = row("the", "[PAD]", "[PAD]", "on", "the", "mat", ".");
        float[] logProb = {-0.5f, -0.7f, -0.5f, -0.7f};
        long[] candidates = {id("dog"), id("cat"), id("ate"), id("sat")};
        long[] out = new NgramFusion(TRIGRAM, 1.0).choose(ids, List.of(1L, 2L), LEN, logProb, candidates, 2, 
                NgramFusion.SWEEPS).choice();
        assertArrayEquals(new long[] {id("cat"), id("sat")}, out);
    }

    @Test
    void paddingAndBannedWordsAreNotChosen() {
        long[] ids = row("the", "cat");
        // position 2: a word, with a banned candidate the trigram would like; position 3: the padding stays
        float[] logProb = {-1f, Float.NEGATIVE_INFINITY, -0.1f, -3f};
        long[] candidates = {id("ate"), id("sat"), Vocabulary.PAD_ID, id("on")};
        long[] out = new NgramFusion(TRIGRAM, 5.0).choose(ids, List.of(2L, 3L), LEN, logProb, candidates, 2, 
                NgramFusion.SWEEPS).choice();
        assertArrayEquals(new long[] {id("ate"), Vocabulary.PAD_ID}, out);
    }

    @Test
    void wordsAfterAChosenPaddingAreChosenWithTheWordsAroundIt() {
        // "the ? ? ? on the mat ." where position 1 chose the padding: the output reads "the ? ? on the mat
        // .", so positions 2 and 3 are chosen as in adjacentGeneratedWordsAreChosenTogether (a sentence
        // ending at the padding would leave them the network's "dog ate")
        long[] ids = row("the", "[PAD]", "[PAD]", "[PAD]", "on", "the", "mat", ".");
        float[] logProb = {-0.1f, -3f, -0.5f, -0.7f, -0.5f, -0.7f};
        long[] candidates = {Vocabulary.PAD_ID, id("dog"), id("dog"), id("cat"), id("ate"), id("sat")};
        long[] out = new NgramFusion(TRIGRAM, 1.0).choose(ids, List.of(1L, 2L, 3L), LEN, logProb, candidates, 2,
                NgramFusion.SWEEPS).choice();
        assertArrayEquals(new long[] {Vocabulary.PAD_ID, id("cat"), id("sat")}, out);
    }

    @Test
    void weightMustBePositive() {
        for (double w : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NgramFusion(TRIGRAM, w));
            assertTrue(e.getMessage().contains(io.github.diffusionnlp.model.Numbers.written(w)), e.getMessage());
        }
    }
}
