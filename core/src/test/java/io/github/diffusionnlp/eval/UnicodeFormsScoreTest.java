package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Held-out text in NFD scored against a model of NFC words: an audit's French model gave 30.0% with 15% of the
 * masked words unknown on the NFD copy of a held-out file, against 35.0% and 0% on the file itself, as each
 * accented truth was compared, and looked up, in its other form.
 */
class UnicodeFormsScoreTest {
    private static final Vocabulary VOCAB = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "\u00e9tait",
            "\u00e0", "Paris", "."));

    @Test
    void aWordTheModelWritesInNfcIsTheHeldOutWordInNfd() {
        List<List<String>> truth = List.of(List.of("Il", "e\u0301tait", "a\u0300", "Paris", "."));
        InfillEvaluation.Task task = new InfillEvaluation.Task("2-token span",
                List.of(List.of("Il", DiffusionLM.MASK, DiffusionLM.MASK, "Paris", ".")), List.of(new int[] {1, 2}), truth);
        List<List<String>> filled = List.of(List.of("Il", "\u00e9tait", "\u00e0", "Paris", "."));
        InfillEvaluation.Result r = InfillEvaluation.score(task, filled, 8, "\u00e0", VOCAB);
        assertEquals(1.0, r.accuracy());
        assertEquals(1.0, r.spanExact());
        assertEquals(0.0, r.outOfVocabulary());
        assertEquals(0.5, r.baseline(), "the most frequent word, à, is the second masked word");
    }
}
