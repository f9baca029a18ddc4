package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * evaluate printed accuracies without their uncertainty, and README read differences of 0.6 points at N = 1,000 (a
 * standard error of about 1.2) as results (audit h238). Each row now carries the standard error of its accuracy over
 * the sentences sampled: the words of one span are filled together and are right or wrong together more often than
 * independent words, so it is read sentence by sentence, not as if every masked word were a draw of its own.
 */
class InfillStandardErrorTest {
    private static final Vocabulary VOCAB = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "a", "b", "."));

    /** A task of {@code rights.length} sentences of {@code width} masked words, {@code rights[s]} of them right. */
    private static InfillEvaluation.Result scored(int width, int... rights) {
        List<List<String>> masked = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        List<List<String>> truth = new ArrayList<>();
        List<List<String>> filled = new ArrayList<>();
        int[] where = new int[width];
        for (int i = 0; i < width; i++) {
            where[i] = i;
        }
        for (int right : rights) {
            List<String> t = new ArrayList<>();
            List<String> m = new ArrayList<>();
            List<String> f = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                t.add("a");
                m.add(DiffusionLM.MASK);
                f.add(i < right ? "a" : "b");
            }
            t.add(".");
            m.add(".");
            f.add(".");
            truth.add(t);
            masked.add(m);
            filled.add(f);
            positions.add(where);
        }
        InfillEvaluation.Task task = new InfillEvaluation.Task(width == 1 ? "single token" : width + "-token span",
                masked, positions, truth);
        return InfillEvaluation.score(task, filled, 8, "b", VOCAB);
    }

    @Test
    void singleWordsHaveTheBinomialStandardErrorOverSentences() {
        InfillEvaluation.Result r = scored(1, 1, 1, 0, 0);
        assertEquals(0.5, r.accuracy());
        assertEquals(Math.sqrt(1.0 / 12), r.standardError(), 1e-12, "sqrt(sum of (r - p t)^2 / (n (n - 1))) / t");
    }

    @Test
    void aSpanRightOrWrongWholeCountsAsOneDrawNotThree() {
        InfillEvaluation.Result r = scored(3, 3, 0);
        assertEquals(0.5, r.accuracy());
        assertEquals(0.5, r.standardError(), 1e-12);
        assertTrue(r.standardError() > Math.sqrt(0.25 / 6), "more than if the 6 words were independent draws");
    }

    @Test
    void theTablePrintsItBesideTheAccuracy() {
        String table = InfillEvaluation.table(List.of(scored(1, 1, 1, 0, 0)));
        assertTrue(table.contains("| model accuracy | standard error |"), table);
        assertTrue(table.contains("| 50.0% | 28.9 points |"), table);
    }
}
