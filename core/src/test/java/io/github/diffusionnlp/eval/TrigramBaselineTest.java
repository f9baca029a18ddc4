package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.sample.KneserNeyTrigram;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrigramBaselineTest {
    private static TaggedSentence sentence(String text) {
        List<String> words = List.of(text.split(" "));
        return new TaggedSentence(words, Collections.nCopies(words.size(), Upos.X));
    }

    private static final List<TaggedSentence> CORPUS = List.of(
            sentence("the cat sat on the mat ."),
            sentence("the dog sat on the rug ."),
            sentence("a cat sat on a mat ."),
            sentence("the cat ate the fish ."),
            sentence("the dog ate a bone ."));

    private static Vocabulary vocabulary() {
        return Vocabulary.build(CORPUS.stream().map(TaggedSentence::words).toList(), 100);
    }

    /** The baseline's model, the interpolated Kneser–Ney trigram n-gram fusion also uses. */
    @Test
    void probabilitiesSumToOneInSeenAndUnseenContexts() {
        Vocabulary vocab = vocabulary();
        KneserNeyTrigram lm = KneserNeyTrigram.count(vocab, CORPUS);
        int bos = vocab.size();
        int[][] contexts = {{bos, bos}, {vocab.id("the"), vocab.id("cat")}, {vocab.id("mat"), vocab.id("cat")},
            {vocab.id("fish"), vocab.id("bone")}};
        for (int[] c : contexts) {
            double sum = 0;
            for (int w = 0; w < vocab.size() + 2; w++) {
                sum += lm.probability(c[0], c[1], w);
            }
            assertEquals(1.0, sum, 1e-9, "context " + vocab.word(c[0] < vocab.size() ? c[0] : 0) + " " + c[1]);
        }
    }

    @Test
    void fillsFromBothSides() {
        TrigramBaseline lm = TrigramBaseline.train(vocabulary(), CORPUS);
        assertEquals(List.of("the", "cat", "sat", "on", "the", "mat", "."),
                lm.infill(List.of("the", "[MASK]", "sat", "on", "the", "mat", ".")));
        // the right side decides: "ate" is followed by "the fish" only after "cat"
        assertEquals(List.of("the", "dog", "ate", "a", "bone", "."),
                lm.infill(List.of("the", "[MASK]", "ate", "a", "bone", ".")));
        assertEquals(List.of("the", "cat", "sat", "on", "the", "mat", "."),
                lm.infill(List.of("the", "[MASK]", "[MASK]", "on", "the", "mat", ".")));
    }
}
