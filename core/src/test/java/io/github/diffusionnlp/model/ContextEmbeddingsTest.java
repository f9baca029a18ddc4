package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.ops.ConvertDMatrixStruct;
import org.junit.jupiter.api.Test;

class ContextEmbeddingsTest {
    // ids: 0 padding; 1..4 animals; 5..8 verbs; 9..12 the animals' neighbours, 13..16 the verbs'; 17 unused
    private static final int VOCAB = 18;
    private static final int UNUSED = 17;
    private static final int DIM = 16;

    /** Two kinds of sentence with no neighbour in common: "(9|10) ANIMAL (11|12)" and "(13|14) VERB (15|16)". */
    private static List<int[]> corpus() {
        Random random = new Random(3);
        List<int[]> sentences = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int kind = random.nextInt(2);
            sentences.add(new int[] {9 + 4 * kind + random.nextInt(2), 1 + 4 * kind + random.nextInt(4),
                11 + 4 * kind + random.nextInt(2), 0, 0});
        }
        return sentences;
    }

    /**
     * The pairs {@code train}'s memory check counts before the context embeddings are built (audit h180) are the pairs
     * they count: of every sentence, and of every few when there are more than the most allowed.
     */
    @Test
    void thePairsCountedAheadAreThePairsCounted() {
        Random random = new Random(3);
        List<int[]> sentences = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int[] s = new int[random.nextInt(30) + 1];
            for (int j = 0; j < s.length; j++) {
                s[j] = 1 + random.nextInt(40);
            }
            sentences.add(s);
        }
        int[] lengths = sentences.stream().mapToInt(s -> s.length).toArray();
        for (int most : new int[] {ContextEmbeddings.MAX_PAIRS, 5000, 333}) {
            assertEquals(ContextEmbeddings.Ppmi.sortedPairs(sentences, 41, most, () -> { }).length,
                    ContextEmbeddings.pairs(lengths, most), "at most " + most);
        }
    }

    @Test
    void wordsWithTheSameContextsStartCloserThanOthers() {
        assertContextsGroup(ContextEmbeddings.of(corpus(), VOCAB, DIM, 0.8f, 1));
    }

    /** A corpus with more pairs than the cap is read at a stride: 2,000 sentences hold 16,000 pairs. */
    @Test
    void aLargeCorpusIsSampledEvenlyAndStillGroups() {
        float[] full = ContextEmbeddings.of(corpus(), VOCAB, DIM, 0.8f, 1);
        float[] sampled = ContextEmbeddings.of(corpus(), VOCAB, DIM, 0.8f, 1, 1_600);
        assertContextsGroup(sampled);
        assertTrue(!java.util.Arrays.equals(full, sampled), "the cap changed nothing");
    }

    private static void assertContextsGroup(float[] table) {
        for (int i = 0; i < VOCAB; i++) {
            assertEquals(0.8, Math.sqrt(dot(table, i, i)), 1e-4, "row " + i);
        }
        double animals = mean(table, 1, 4, 1, 4);
        double verbs = mean(table, 5, 8, 5, 8);
        double across = mean(table, 1, 4, 5, 8);
        assertTrue(animals > across + 0.3 && verbs > across + 0.3, animals + " " + verbs + " vs " + across);
        // the random part keeps same-context words apart (cosine at most 1 - 0.5² = 0.75)
        assertTrue(animals < 0.8 && verbs < 0.8, animals + " " + verbs);
    }

    @Test
    void unusedRowsStayRandomAndTheSeedFixesTheTable() {
        float[] a = ContextEmbeddings.of(corpus(), VOCAB, DIM, 0.8f, 1);
        assertArrayEquals(a, ContextEmbeddings.of(corpus(), VOCAB, DIM, 0.8f, 1));
        double unused = 0;
        for (int w = 1; w < UNUSED; w++) {
            unused = Math.max(unused, Math.abs(cos(a, UNUSED, w)));
        }
        assertTrue(unused < 0.75, "an unused word's row looks like a used one's: " + unused);
    }

    @Test
    void randomizedSvdFindsTheLeadingSingularValues() {
        Random random = new Random(5);
        List<int[]> sentences = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int[] s = new int[8];
            for (int j = 0; j < s.length; j++) {
                s[j] = 1 + random.nextInt(VOCAB - 1) / (1 + j % 3);
            }
            sentences.add(s);
        }
        DMatrixSparseCSC m = ContextEmbeddings.Ppmi.of(sentences, VOCAB, ContextEmbeddings.MAX_PAIRS).matrix();
        DMatrixRMaj dense = ConvertDMatrixStruct.convert(m, (DMatrixRMaj) null);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(VOCAB, VOCAB, false, false, true);
        svd.decompose(dense.copy());
        double[] exact = svd.getSingularValues().clone();
        java.util.Arrays.sort(exact);
        // U·Σ^½ has column norms √σ: compare the top 4 with the exact decomposition's
        DMatrixRMaj u = ContextEmbeddings.leftSingularVectors(m, 4, new Random(1));
        for (int c = 0; c < 4; c++) {
            double squaredNorm = 0;
            for (int i = 0; i < VOCAB; i++) {
                squaredNorm += u.get(i, c) * u.get(i, c);
            }
            assertEquals(exact[exact.length - 1 - c], squaredNorm, 1e-6 * exact[exact.length - 1], "σ" + c);
        }
    }

    private static double mean(float[] t, int aFrom, int aTo, int bFrom, int bTo) {
        double sum = 0;
        int n = 0;
        for (int a = aFrom; a <= aTo; a++) {
            for (int b = bFrom; b <= bTo; b++) {
                if (a != b) {
                    sum += cos(t, a, b);
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static double cos(float[] t, int a, int b) {
        return dot(t, a, b) / Math.sqrt(dot(t, a, a) * dot(t, b, b));
    }

    private static double dot(float[] t, int a, int b) {
        double sum = 0;
        for (int k = 0; k < DIM; k++) {
            sum += t[a * DIM + k] * t[b * DIM + k];
        }
        return sum;
    }
}
