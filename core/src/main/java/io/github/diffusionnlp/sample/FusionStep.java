package io.github.diffusionnlp.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.diffusionnlp.runtime.RowChunks;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.Iterator;
import java.util.List;

/**
 * The vocabulary side of a sampling step under {@link NgramFusion}: the network's likeliest words at each
 * generated position, and from them x̂₀ (every step but the last) or the words (the last step).
 */
final class FusionStep {
    private FusionStep() {}

    /**
     * Each generated row's k likeliest words by the network: their log-probabilities and ids, (n · k) each;
     * and, when asked for, the logits they were read from, one array per {@link RowChunks} slice, owned by
     * the caller's scope (else empty).
     */
    record Candidates(float[] logProb, long[] ids, int k, List<NDArray> logits) {}

    /**
     * The network's {@link NgramFusion#CANDIDATES} likeliest words per generated row, by the
     * log-probabilities of the same logits the plain step reads.
     */
    static Candidates candidates(StepLogits step, int rowsPerChunk, boolean keepLogits) {
        return candidates(step, rowsPerChunk, NgramFusion.CANDIDATES, keepLogits);
    }

    /** The network's {@code most} likeliest words per generated row (all of them in a smaller vocabulary). */
    static Candidates candidates(StepLogits step, int rowsPerChunk, int most, boolean keepLogits) {
        int k = (int) Math.min(most, step.vocabulary());
        // Per slice: the k log-probabilities, then the k ids as floats (exact: ids < 2^21); and, when
        // kept, the logits, which outlive their slice (x̂₀ reads them once the trigram terms are known).
        // RowChunks hands each slice's arrays to this call's scope at once, so a slice that fails
        // leaves none of the earlier slices' logits on the model's manager.
        List<NDList> slices = RowChunks.slices(step.rows(), rowsPerChunk, range -> {
            NDArray logits = step.logits(range);
            NDList best = logits.logSoftmax(1).topK(k, 1, true, true);
            NDArray top = best.get(0).concat(best.get(1).toType(DataType.FLOAT32, false), 1);
            return keepLogits ? new NDList(top, logits) : new NDList(top);
        });
        NDArray top = RowChunks.concat(new NDList(slices.stream().map(slice -> slice.get(0)).toList()));
        List<NDArray> kept = keepLogits ? slices.stream().map(slice -> slice.get(1)).toList() : List.of();
        float[] flat = top.toFloatArray();
        int n = (int) step.rows();
        float[] logProb = new float[n * k];
        long[] ids = new long[n * k];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                logProb[r * k + c] = flat[r * 2 * k + c];
                ids[r * k + c] = (long) flat[r * 2 * k + k + c];
            }
        }
        return new Candidates(logProb, ids, k, kept);
    }

    /**
     * x̂₀ under n-gram fusion: each word's logit gains its trigram term (words outside the candidates
     * the lowest term of their row's candidates), then {@link Sampler#estimate} as usual. The context of the
     * terms is one left-to-right pass of the fused choices. The candidates' logits are kept for the
     * estimate: computing a vocabulary-sized product again would cost as much as the step's first one.
     *
     * @param ids the rows' ids, flattened row by row ({@code len} per row)
     * @param generated the flat positions generated, in order: the rows of {@code step}
     */
    static NDArray estimate(NgramFusion fusion, StepLogits step, int rowsPerChunk, NDManager manager, long[] ids,
            List<Long> generated, int len, double x0Temperature) {
        Candidates top = candidates(step, rowsPerChunk, true);
        int k = top.k();
        NgramFusion.Fused fused = fusion.choose(ids, generated, len, top.logProb(), top.ids(), k, 1);
        float[] bonus = fused.bonus();
        float[] floor = new float[generated.size()];
        for (int r = 0; r < floor.length; r++) {
            float min = 0;
            for (int c = r * k; c < (r + 1) * k; c++) {
                min = Math.min(min, bonus[c]);
            }
            floor[r] = min;
            for (int c = r * k; c < (r + 1) * k; c++) {
                if (top.ids()[c] == Vocabulary.PAD_ID || top.logProb()[c] == Float.NEGATIVE_INFINITY) {
                    bonus[c] = min; // padding and banned words (a banned [UNK] too): no trigram term of their own
                }
            }
        }
        NDArray bonusArr = manager.create(bonus, new Shape(floor.length, k));
        NDArray idsArr = manager.create(top.ids(), new Shape(floor.length, k));
        NDArray floorArr = manager.create(floor, new Shape(floor.length, 1));
        long vocab = step.vocabulary();
        Iterator<NDArray> logits = top.logits().iterator(); // the slices in the order map visits them
        return RowChunks.map(step.rows(), rowsPerChunk, range -> {
            NDArray floors = floorArr.get(range).repeat(1, vocab);
            NDArray offsets = floors.scatter(idsArr.get(range), bonusArr.get(range), 1);
            floors.close();
            NDArray sliceLogits = logits.next();
            NDArray estimate = Sampler.estimate(sliceLogits, step.e(), x0Temperature, offsets);
            offsets.close();
            sliceLogits.close(); // read by this slice alone; the step's scope would keep it to the step's end
            return estimate;
        });
    }

    /**
     * {@code top} re-ranked by fusion: each generated row's candidates scored log p_network + λ · log p_trigram,
     * the trigram reading the other generated positions at their fused choices (as the last step's {@link #words}
     * chooses them), best first and renormalised over the candidates the network allows there; the others (at or
     * below {@code floor}, best first already) keep their place after them. The first candidate of each row is the
     * word {@link #words} writes there (its last pass's scores).
     */
    static Candidates fused(NgramFusion fusion, Candidates top, long[] ids, List<Long> generated, int len,
            float floor) {
        int k = top.k();
        float[] bonus = fusion.choose(ids, generated, len, top.logProb(), top.ids(), k, NgramFusion.SWEEPS).bonus();
        float[] logProb = new float[top.logProb().length];
        long[] out = new long[top.ids().length];
        for (int r = 0; r < generated.size(); r++) {
            int from = r * k;
            int allowed = 0;
            while (allowed < k && top.logProb()[from + allowed] > floor) {
                allowed++;
            }
            double[] score = new double[allowed];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < allowed; c++) {
                score[c] = top.logProb()[from + c] + bonus[from + c];
                max = Math.max(max, score[c]);
            }
            double sum = 0;
            for (double v : score) {
                sum += Math.exp(v - max);
            }
            double norm = max + Math.log(sum);
            Integer[] order = new Integer[allowed];
            for (int c = 0; c < allowed; c++) {
                order[c] = c;
            }
            // stable: equal scores keep the network's order, as choose keeps the first of equal scores
            java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
            for (int c = 0; c < allowed; c++) {
                logProb[from + c] = (float) (score[order[c]] - norm);
                out[from + c] = top.ids()[from + order[c]];
            }
            for (int c = allowed; c < k; c++) {
                logProb[from + c] = top.logProb()[from + c];
                out[from + c] = top.ids()[from + c];
            }
        }
        return new Candidates(logProb, out, k, List.of());
    }

    /** The last step's words under n-gram fusion: the fused choice among the network's likeliest words. */
    static long[] words(NgramFusion fusion, StepLogits step, int rowsPerChunk, long[] ids, List<Long> generated,
            int len) {
        Candidates top = candidates(step, rowsPerChunk, false);
        return fusion.choose(ids, generated, len, top.logProb(), top.ids(), top.k(), NgramFusion.SWEEPS).choice();
    }
}
