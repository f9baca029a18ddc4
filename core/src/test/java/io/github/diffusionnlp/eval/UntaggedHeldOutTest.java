package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * evaluate --heldout takes plain text too, whose tokens are all tagged X: the single-token task, which masks
 * "one random non-punctuation token", masked its full stops and commas as well, the easiest words to fill,
 * and a line of punctuation alone counted as a usable sentence.
 */
class UntaggedHeldOutTest {
    private static TaggedSentence untagged(String line) {
        List<String> words = List.of(line.split(" "));
        return new TaggedSentence(words, Collections.nCopies(words.size(), Upos.X));
    }

    @Test
    void theSingleTokenTaskNeverMasksPunctuationOfAnUntaggedSentence() {
        List<TaggedSentence> sentences = Collections.nCopies(200, untagged("Yes , he said ."));
        InfillEvaluation.Task task = InfillEvaluation.singleToken(sentences, new Random(1));
        for (int[] p : task.positions()) {
            String word = sentences.get(0).words().get(p[0]);
            assertFalse(word.equals(",") || word.equals("."), "masked '" + word + "'");
        }
    }

    @Test
    void aLineOfPunctuationAloneIsNotUsable() {
        assertEquals(1, InfillEvaluation.usableSentences(List.of(untagged("... ! ? !"), untagged("Yes , he said .")), 32));
        assertTrue(InfillEvaluation.usableSentences(List.of(untagged("Yes , he said .")), 32) == 1);
    }
}
