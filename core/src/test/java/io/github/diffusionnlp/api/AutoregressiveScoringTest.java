package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.LongRunMemory;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.ar.NextTokenBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code brown-ar} model's scores: causal (a word's log-probability depends on the words before it
 * alone, not on later words nor on the other rows of its batch, which pad it on the right), the same for a sentence
 * alone and in a batch of mixed lengths (the empty sentence, unknown words, one filling the model's 64 positions,
 * whose end is not predicted), and the same from four threads at once as from one, with no array left after.
 */
class AutoregressiveScoringTest {
    private static AutoregressiveLM lm;

    private static Path shipped() {
        return TestModels.root().resolve("test-data/models/brown-ar");
    }

    @BeforeAll
    static void load() throws Exception {
        lm = AutoregressiveLM.load(shipped(), null);
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(" "));
    }

    @Test
    void perTokenNllOfAPrefixIgnoresLaterWordsAndBatchmates() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ArCheckpoint.Loaded model = ArCheckpoint.load(shipped(), m);
            var v = model.vocabulary();
            int[] a = ids(v, "The jury said that the city was late .");
            int[] b = ids(v, "The jury said nothing at all about the election or its money , he said .");
            int[] c = ids(v, "It");
            ParameterStore ps = new ParameterStore(m, false);
            float[] alone = NextTokenBatch.of(m, new int[][] {a}, 64).nll(model.network(), ps, false).toFloatArray();
            float[] other = NextTokenBatch.of(m, new int[][] {b}, 64).nll(model.network(), ps, false).toFloatArray();
            for (int i = 0; i < 3; i++) { // "The jury said": the same words, after the same words
                assertEquals(alone[i], other[i], 1e-4, "token " + i);
            }
            NextTokenBatch mixed = NextTokenBatch.of(m, new int[][] {b, a, c}, 64);
            float[] all = mixed.nll(model.network(), ps, false).toFloatArray();
            List<Float> ofA = new ArrayList<>();
            for (int n = 0; n < all.length; n++) {
                if (mixed.rowOf()[n] == 1) {
                    ofA.add(all[n]);
                }
            }
            assertEquals(alone.length, ofA.size());
            for (int i = 0; i < alone.length; i++) {
                assertEquals(alone[i], ofA.get(i), 1e-4, "token " + i + " in a batch");
            }
        }
    }

    private static int[] ids(io.github.diffusionnlp.model.Vocabulary v, String s) {
        return words(s).stream().mapToInt(v::id).toArray();
    }

    @Test
    void aSentenceScoredAloneAndInABatchAgree() {
        List<List<String>> sentences = List.of(words("The jury said that the city was late ."), words(""),
                words("Zyxwvut qqq ."), words("It rained all day in Boston , and the committee met anyway ."),
                words(String.join(" ", java.util.Collections.nCopies(64, "the"))));
        List<AutoregressiveLM.Score> together = lm.score(sentences);
        for (int i = 0; i < sentences.size(); i++) {
            AutoregressiveLM.Score alone = lm.score(List.of(sentences.get(i))).get(0);
            assertEquals(alone.tokens(), together.get(i).tokens(), "sentence " + i);
            assertEquals(alone.nll(), together.get(i).nll(), 1e-3, "sentence " + i);
            assertTrue(Double.isFinite(alone.nll()) && alone.nll() > 0, "sentence " + i + ": " + alone);
        }
        assertEquals(1, together.get(1).tokens());
        assertEquals(64, together.get(4).tokens());
    }

    @Test
    void concurrentCallsGiveWhatSerialCallsGiveAndFreeTheirArrays() throws Exception {
        List<List<String>> sentences = List.of(words("The jury said that the city was late ."),
                words("It rained ."));
        List<AutoregressiveLM.Score> scores = lm.score(sentences);
        List<List<String>> generated = lm.generate(3, 1.0, 11);
        List<List<String>> continued = lm.continueAll(List.of(words("The jury"), words("")), 6, 0.8, 5);
        int before = LongRunMemory.processArrays();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < 3; r++) {
                        assertEquals(scores, lm.score(sentences));
                        assertEquals(generated, lm.generate(3, 1.0, 11));
                        assertEquals(continued, lm.continueAll(List.of(words("The jury"), words("")), 6, 0.8, 5));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, LongRunMemory.processArrays(), "arrays left after the calls");
    }
}
