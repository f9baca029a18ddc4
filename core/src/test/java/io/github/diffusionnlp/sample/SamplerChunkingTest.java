package io.github.diffusionnlp.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.runtime.RowChunks;
import org.junit.jupiter.api.Test;

/**
 * The vocabulary side worked in row chunks gives exactly the tokens of the one-piece form, plain, guided
 * and under n-gram fusion (which keeps each chunk's logits for the step's x̂₀).
 */
class SamplerChunkingTest {
    @Test
    void chunkedAndWholeGiveTheSameTokens() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded model = ModelCheckpoint.load(TestModels.shippedModel(), manager);
            int rows = 24;
            int len = 16; // 360 generated positions: one full chunk of 256 and a partial one
            assertTrue(rows * len > RowChunks.ROWS);
            int[][] ids = new int[rows][len];
            boolean[][] given = new boolean[rows][len];
            boolean[][] allowPad = new boolean[rows][len];
            long[] seeds = new long[rows];
            for (int b = 0; b < rows; b++) {
                seeds[b] = 100 + b;
                given[b][0] = true; // one given word, so given positions are part of the check
                ids[b][0] = model.vocabulary().id("The");
            }
            SampleRows in = SampleRows.unconditioned(ids, given, allowPad, seeds);
            KneserNeyTrigram trigram = KneserNeyTrigram.count(model.vocabulary(),
                    TaggedCorpus.read(TestModels.devCorpus()));
            Schedule fused = new Schedule(3, 1.0, 1.0, 2.0, null, null, 1.0, new NgramFusion(trigram, 0.7));
            for (Schedule schedule : new Schedule[] {new Schedule(4, 1.0, 1.0, 1.0), new Schedule(3, 1.0, 1.0, 2.0),
                    fused}) {
                int[][] chunked = new Sampler(model.network(), model.warp(), manager, null).sample(in, schedule);
                int[][] whole = new Sampler(model.network(), model.warp(), manager, null, Integer.MAX_VALUE)
                        .sample(in, schedule);
                for (int b = 0; b < rows; b++) {
                    assertArrayEquals(whole[b], chunked[b], "row " + b + ", guidance " + schedule.guidance()
                            + (schedule.fusion() == null ? "" : ", fused"));
                }
            }
        }
    }
}
