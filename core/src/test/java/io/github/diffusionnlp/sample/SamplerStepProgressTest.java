package io.github.diffusionnlp.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Sampler#sample(SampleRows, Schedule, java.util.function.BooleanSupplier, java.util.function.DoubleConsumer)}
 * says the share of the call's row-steps done after every Euler step: the width groups one after another, a row with
 * nothing to generate done from the start; the words are those of the call without it (audit h265: a batch said
 * nothing until all its steps were done).
 */
class SamplerStepProgressTest {
    @Test
    void theShareOfRowStepsDoneIsSaidAfterEveryStepGroupAfterGroup() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded model = ModelCheckpoint.load(TestModels.tinyModel(), manager);
            int len = 32;
            int rows = 4;
            int[][] ids = new int[rows][len];
            boolean[][] given = new boolean[rows][len];
            boolean[][] allowPad = new boolean[rows][len];
            long[] seeds = {11, 12, 13, 14};
            int the = model.vocabulary().id("the");
            for (int b : new int[] {0, 1, 3}) { // width 16: positions 16.. given as padding
                for (int i = 16; i < len; i++) {
                    given[b][i] = true;
                    ids[b][i] = Vocabulary.PAD_ID;
                }
            }
            for (int i = 0; i < 16; i++) { // row 3: nothing to generate
                given[3][i] = true;
                ids[3][i] = the;
            }
            // row 2: every position generated, width 32
            SampleRows in = SampleRows.unconditioned(ids, given, allowPad, seeds);
            Sampler sampler = new Sampler(model.network(), model.warp(), manager, null);
            Schedule schedule = new Schedule(3, 1.0, 1.0, 1.0);
            List<Double> shares = new ArrayList<>();
            int[][] watched = sampler.sample(in, schedule, () -> true, shares::add);
            // 12 row-steps: row 3's 3 done at once; the width-16 group's two rows, step by step; then row 2's
            assertEquals(List.of(3 / 12.0, 5 / 12.0, 7 / 12.0, 9 / 12.0, 10 / 12.0, 11 / 12.0, 12 / 12.0), shares);
            int[][] plain = sampler.sample(in, schedule);
            for (int b = 0; b < rows; b++) {
                assertArrayEquals(plain[b], watched[b], "row " + b);
            }
        }
    }
}
