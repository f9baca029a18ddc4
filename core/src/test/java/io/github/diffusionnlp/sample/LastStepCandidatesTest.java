package io.github.diffusionnlp.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The last-step candidates an experiment reads (ArRerankingExperiment) are the ones the greedy step chose
 * from: at every gap the likeliest candidate is the word written, best first, and looking does not change
 * what is sampled.
 */
class LastStepCandidatesTest {
    @Test
    void greedyWordIsTheFirstCandidateAndSamplingIsUnchanged() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded model = ModelCheckpoint.load(TestModels.shippedModel(), manager);
            Vocabulary vocab = model.vocabulary();
            int len = model.network().config().maxLength();
            List<List<String>> sentences = List.of(List.of("The", "committee", "said", "that", "the", "bill", "."),
                    List.of("He", "went", "to", "the", "house", "of", "his", "father", "."));
            int[][] gaps = {{1, 5}, {3}};
            int[][] ids = new int[2][len];
            boolean[][] given = new boolean[2][len];
            for (int b = 0; b < 2; b++) {
                Arrays.fill(given[b], true);
                for (int i = 0; i < sentences.get(b).size(); i++) {
                    ids[b][i] = vocab.id(sentences.get(b).get(i));
                }
                for (int p : gaps[b]) {
                    given[b][p] = false;
                    ids[b][p] = Vocabulary.PAD_ID;
                }
            }
            SampleRows in = SampleRows.unconditioned(ids, given, new boolean[2][len], new long[] {0, 1});
            Schedule schedule = new Schedule(2, 0.0, 1.0, 1.0);
            Sampler sampler = new Sampler(model.network(), model.warp(), manager, null);
            long[][][] seen = new long[2][len][];
            float[][][] seenLogProb = new float[2][len][];
            int[][] probed = sampler.sampleShowingLastStepCandidates(in, schedule, last -> {
                seen[last.row()][last.position()] = last.ids();
                seenLogProb[last.row()][last.position()] = last.logProb();
            });
            int[][] plain = sampler.sample(in, schedule);
            for (int b = 0; b < 2; b++) {
                assertArrayEquals(plain[b], probed[b], "row " + b);
                for (int p : gaps[b]) {
                    assertNotNull(seen[b][p], "row " + b + ", gap " + p);
                    assertEquals(NgramFusion.CANDIDATES, seen[b][p].length);
                    assertEquals(probed[b][p], seen[b][p][0], "row " + b + ", gap " + p);
                    for (int c = 1; c < seenLogProb[b][p].length; c++) {
                        assertTrue(seenLogProb[b][p][c] <= seenLogProb[b][p][c - 1], "best first");
                    }
                }
                for (int p = 0; p < len; p++) {
                    if (given[b][p]) {
                        assertEquals(null, seen[b][p], "given position " + p + " has no candidates");
                    }
                }
            }
        }
    }
}
