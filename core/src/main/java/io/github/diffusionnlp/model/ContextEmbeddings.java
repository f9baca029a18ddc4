package io.github.diffusionnlp.model;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.ops.ConvertDMatrixStruct;
import org.ejml.sparse.csc.CommonOps_DSCC;

/**
 * A starting word-embedding table in which words used in similar contexts start near each other:
 * the truncated SVD of the corpus's positive-PMI word-context matrix (neighbours within {@link
 * #WINDOW} tokens, context counts smoothed to the power 0.75, rows U·Σ^½; Levy, Goldberg and Dagan
 * 2015), found by randomized subspace iteration (Halko, Martinsson and Tropp 2011), plus a random part
 * so that words with the same contexts still start apart.
 *
 * <p>Why: the network reads the table only L2-normalised, and with random rows it must learn each
 * word's associations separately; trained tables move slowly (see {@link DiffusionTransformer}'s
 * {@code EMBEDDING_INIT}). Rows the corpus never shows (padding, unused ids) stay random.
 */
public final class ContextEmbeddings {
    static final int WINDOW = 2;
    private static final double CONTEXT_SMOOTHING = 0.75;
    /** Share of each row (in norm) that is its own random vector: same-context words start at cosine ≤ 0.75. */
    static final double RANDOM_SHARE = 0.5;
    private static final int OVERSAMPLING = 16;
    private static final int POWER_ITERATIONS = 3;
    /** At most about this many (word, neighbour) pairs are counted (see {@code Ppmi.sortedPairs}). */
    static final int MAX_PAIRS = 50_000_000;

    private ContextEmbeddings() {}

    /**
     * The table, row-major (vocabSize × dim), each row of norm {@code rowNorm}.
     *
     * @param sentences word ids of the training sentences; ids ≤ 0 (padding) are skipped
     */
    public static float[] of(List<int[]> sentences, int vocabSize, int dim, float rowNorm, long seed) {
        return of(sentences, vocabSize, dim, rowNorm, seed, () -> { });
    }

    /**
     * As {@link #of(List, int, int, float, long)}, running {@code check} between the passes (every few thousand
     * sentences counted, each matrix product of the SVD), which may throw (unchecked) to stop: a training run's
     * Ctrl-C. The 20 s this takes on Brown are otherwise not interruptible.
     */
    public static float[] of(List<int[]> sentences, int vocabSize, int dim, float rowNorm, long seed,
            Runnable check) {
        return of(sentences, vocabSize, dim, rowNorm, seed, MAX_PAIRS, check);
    }

    /**
     * About the most of Java's heap {@link #of} takes for sentences of these {@code lengths} (in words), beside what
     * its caller holds: the sentences as word ids (4 bytes a word, 20 a sentence), and, the larger of the two phases
     * that follow, the (word, neighbour) pairs ({@link #pairs}, 8 bytes each, at most about {@link #MAX_PAIRS}: 400 MB)
     * or the SVD, as nine vocabSize × (dim + 16) matrices of doubles: it holds five or six such matrices at once (the
     * sketch, its copy, the QR's and the SVD's working copies, the result), beside the positive-PMI matrix (12 bytes
     * a distinct pair with a positive PMI, known only once the pairs are sorted), and a small heap cannot always find
     * room for arrays of that size in one piece. Measured: Brown's training split at {@code --size small} (a
     * 12,000-word vocabulary, dim 256) ran out of memory in the SVD under -Xmx224m and not under -Xmx256m; this
     * counts 235 MB for it, 254 MB with its sentences and ids.
     */
    public static long bytes(int[] lengths, int vocabSize, int dim) {
        long words = 0;
        for (int n : lengths) {
            words += n;
        }
        long ids = 4 * words + 20L * lengths.length;
        long svd = 9L * 8 * vocabSize * Math.min(dim + OVERSAMPLING, vocabSize);
        return ids + Math.max(8 * pairs(lengths, MAX_PAIRS), svd);
    }

    /** How many (word, neighbour) pairs {@link #of} counts in sentences of these {@code lengths} (in words). */
    public static long pairs(int[] lengths) {
        return pairs(lengths, MAX_PAIRS);
    }

    /**
     * How many (word, neighbour) pairs {@link #of} counts in sentences of these {@code lengths}, at most about
     * {@code maxPairs}: as {@code Ppmi.sortedPairs} counts them, every word being a word (no padding).
     */
    static long pairs(int[] lengths, int maxPairs) {
        PairSample sample = PairSample.of(lengths, maxPairs);
        long n = 0;
        for (int index = 0; index < lengths.length && n < sample.most(); index += sample.stride()) {
            for (int d = 1; d <= WINDOW; d++) {
                n += 2L * Math.max(0, lengths[index] - d);
            }
        }
        return Math.min(n, sample.most());
    }

    /**
     * Which pairs are counted in sentences of these lengths: every {@code stride}-th sentence's, at most {@code
     * most} (about {@code maxPairs}, and no more than all of them), so that a huge corpus's pairs fit in memory.
     */
    record PairSample(int stride, long most) {
        static PairSample of(int[] lengths, int maxPairs) {
            long size = 0;
            int longest = 0;
            for (int n : lengths) {
                size += 2L * WINDOW * n;
                longest = Math.max(longest, n);
            }
            return new PairSample((int) Math.max(1, (size + maxPairs - 1) / maxPairs),
                    Math.min(size, maxPairs + 2L * WINDOW * longest));
        }
    }

    static float[] of(List<int[]> sentences, int vocabSize, int dim, float rowNorm, long seed, int maxPairs) {
        return of(sentences, vocabSize, dim, rowNorm, seed, maxPairs, () -> { });
    }

    private static float[] of(List<int[]> sentences, int vocabSize, int dim, float rowNorm, long seed, int maxPairs,
            Runnable check) {
        Random random = new Random(seed);
        Ppmi ppmi = Ppmi.of(sentences, vocabSize, maxPairs, check);
        check.run();
        DMatrixRMaj context = leftSingularVectors(ppmi.matrix(), Math.min(dim, vocabSize), random, check);
        check.run();
        float[] table = new float[vocabSize * dim];
        double contextShare = Math.sqrt(1 - RANDOM_SHARE * RANDOM_SHARE);
        for (int i = 0; i < vocabSize; i++) {
            double[] own = new double[dim];
            double ownNorm = 0;
            for (int k = 0; k < dim; k++) {
                own[k] = random.nextGaussian();
                ownNorm += own[k] * own[k];
            }
            double contextNorm = 0;
            for (int k = 0; k < context.numCols; k++) {
                contextNorm += context.get(i, k) * context.get(i, k);
            }
            boolean seen = ppmi.seen()[i] && contextNorm > 0;
            double a = seen ? contextShare / Math.sqrt(contextNorm) : 0;
            double b = (seen ? RANDOM_SHARE : 1) / Math.sqrt(ownNorm);
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                double v = b * own[k] + (k < context.numCols ? a * context.get(i, k) : 0);
                table[i * dim + k] = (float) v;
                norm += v * v;
            }
            float scale = (float) (rowNorm / Math.sqrt(norm));
            for (int k = 0; k < dim; k++) {
                table[i * dim + k] *= scale;
            }
        }
        return table;
    }

    /** U_r·Σ_r^½ of the rank-r truncated SVD of {@code m}, (rows × r), by randomized subspace iteration. */
    static DMatrixRMaj leftSingularVectors(DMatrixSparseCSC m, int rank, Random random) {
        return leftSingularVectors(m, rank, random, () -> { });
    }

    private static DMatrixRMaj leftSingularVectors(DMatrixSparseCSC m, int rank, Random random, Runnable check) {
        int size = m.numRows;
        int k = Math.min(rank + OVERSAMPLING, size);
        DMatrixRMaj y = times(m, gaussian(size, k, random));
        for (int q = 0; q < POWER_ITERATIONS; q++) {
            check.run();
            DMatrixRMaj back = transposeTimes(m, orthonormal(y));
            check.run();
            y = times(m, orthonormal(back));
        }
        check.run();
        DMatrixRMaj basis = orthonormal(y);
        // Mᵀ·Q = W·S·Zᵀ, so M ≈ Q·Z·S·Wᵀ: the left singular vectors are Q·Z.
        DMatrixRMaj projected = transposeTimes(m, basis);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(projected.numRows, k, false,
                true, true);
        if (!svd.decompose(projected)) {
            throw new IllegalStateException("SVD of the word-context matrix did not converge");
        }
        double[] values = svd.getSingularValues();
        DMatrixRMaj z = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(null, false, values, values.length, z, false);
        int r = Math.min(rank, values.length);
        DMatrixRMaj leading = CommonOps_DDRM.extract(z, 0, k, 0, r);
        CommonOps_DDRM.multCols(leading, Arrays.stream(values, 0, r).map(Math::sqrt).toArray());
        DMatrixRMaj out = new DMatrixRMaj(size, r);
        CommonOps_DDRM.mult(basis, leading, out);
        return out;
    }

    private static DMatrixRMaj times(DMatrixSparseCSC m, DMatrixRMaj x) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, x.numCols);
        CommonOps_DSCC.mult(m, x, out);
        return out;
    }

    private static DMatrixRMaj transposeTimes(DMatrixSparseCSC m, DMatrixRMaj x) {
        DMatrixRMaj out = new DMatrixRMaj(m.numCols, x.numCols);
        CommonOps_DSCC.multTransA(m, x, out);
        return out;
    }

    private static DMatrixRMaj orthonormal(DMatrixRMaj a) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(a.numRows, a.numCols);
        // EJML reports a column of zeros (a rank-deficient sketch: a tiny corpus) as failure, yet its Q
        // stays orthonormal, which is all subspace iteration needs.
        qr.decompose(a.copy());
        return qr.getQ(null, true);
    }

    private static DMatrixRMaj gaussian(int rows, int cols, Random random) {
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = random.nextGaussian();
        }
        return out;
    }

    /** The positive-PMI matrix of words (rows) against their neighbours within the window (columns). */
    record Ppmi(DMatrixSparseCSC matrix, boolean[] seen) {
        static Ppmi of(List<int[]> sentences, int vocabSize, int maxPairs) {
            return of(sentences, vocabSize, maxPairs, () -> { });
        }

        static Ppmi of(List<int[]> sentences, int vocabSize, int maxPairs, Runnable check) {
            long[] pairs = sortedPairs(sentences, vocabSize, maxPairs, check);
            check.run();
            double[] rowTotal = new double[vocabSize];
            double[] colTotal = new double[vocabSize];
            int distinct = 0;
            for (int p = 0; p < pairs.length; p++) {
                rowTotal[(int) (pairs[p] / vocabSize)]++;
                colTotal[(int) (pairs[p] % vocabSize)]++;
                distinct += p == 0 || pairs[p] != pairs[p - 1] ? 1 : 0;
            }
            double smoothedSum = Arrays.stream(colTotal).map(c -> Math.pow(c, CONTEXT_SMOOTHING)).sum();
            DMatrixSparseTriplet triplets = new DMatrixSparseTriplet(vocabSize, vocabSize, distinct);
            boolean[] seen = new boolean[vocabSize];
            for (int p = 0; p < pairs.length; ) {
                int end = p;
                while (end < pairs.length && pairs[end] == pairs[p]) {
                    end++;
                }
                int row = (int) (pairs[p] / vocabSize);
                int col = (int) (pairs[p] % vocabSize);
                // PMI with smoothed context probabilities: log(P(w,c) / (P(w)·P_α(c))); the total count cancels.
                double pmi = Math.log((end - p) * smoothedSum
                        / (rowTotal[row] * Math.pow(colTotal[col], CONTEXT_SMOOTHING)));
                if (pmi > 0) {
                    triplets.addItem(row, col, pmi);
                    seen[row] = true;
                }
                p = end;
            }
            return new Ppmi(ConvertDMatrixStruct.convert(triplets, (DMatrixSparseCSC) null), seen);
        }

        /**
         * Every (word, neighbour) pair within the window as word·V + neighbour, sorted so equal pairs are
         * adjacent. A corpus with more than {@code maxPairs} pairs is read at an even stride of its
         * sentences: counts of that many pairs already rank a 12,000-word vocabulary's contexts well, and the
         * array costs 8 bytes a pair.
         */
        static long[] sortedPairs(List<int[]> sentences, int vocabSize, int maxPairs, Runnable check) {
            PairSample sample = PairSample.of(sentences.stream().mapToInt(s -> s.length).toArray(), maxPairs);
            int stride = sample.stride();
            int most = Math.toIntExact(sample.most());
            // counted first, so that the array is made at its size: one made at most and cut to the count took
            // twice the pairs' 400 MB at once, and ran a 29-million-word corpus out of memory under -Xmx1g
            long[] pairs = new long[pairs(sentences, stride, most, null, vocabSize, check)];
            pairs(sentences, stride, most, pairs, vocabSize, check);
            check.run();
            Arrays.sort(pairs);
            return pairs;
        }

        /**
         * Counts the pairs of every {@code stride}-th sentence, at most {@code most}, and writes them into
         * {@code into} (null: counts only).
         */
        private static int pairs(List<int[]> sentences, int stride, int most, long[] into, int vocabSize,
                Runnable check) {
            int n = 0;
            for (int index = 0; index < sentences.size(); index += stride) {
                if (index / stride % 4096 == 0) { // every few thousand sentences
                    check.run();
                }
                int[] s = sentences.get(index);
                for (int i = 0; i < s.length; i++) {
                    for (int j = Math.max(0, i - WINDOW); j <= Math.min(s.length - 1, i + WINDOW); j++) {
                        if (j != i && s[i] > 0 && s[j] > 0 && n < most) {
                            if (into != null) {
                                into[n] = (long) s[i] * vocabSize + s[j];
                            }
                            n++;
                        }
                    }
                }
            }
            return n;
        }
    }
}
