package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped model on a fixed held-out sample (200 sentences, greedy, 16 steps) must infill better
 * than floors set below what it measured when it was committed, so that a change that breaks the
 * model or the sampler shows up here. A model that ignores context scores about 1% on either task.
 */
class ShippedModelInfillTest {
    // measured with these settings on the shipped model (context table, relative positions, 27,000 steps):
    // 20.0% and 16.5% (baselines 4.5% and 5.0%); the model before it: 13.0% and 15.3%
    static final double SINGLE_TOKEN_FLOOR = 0.16;
    static final double SPAN_FLOOR = 0.14;

    @Test
    void heldOutInfillBeatsItsFloors() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            List<InfillEvaluation.Result> results = InfillEvaluation.run(lm,
                    TaggedCorpus.read(TestModels.root().resolve("test-data/brown/heldout.conllu.gz")), 200,
                    new int[] {16}, SamplingOptions.builder().seed(0).temperature(0).build(), s -> { });
            System.out.print(InfillEvaluation.table(results));
            InfillEvaluation.Result single = results.get(0);
            InfillEvaluation.Result span = results.get(1);
            assertTrue(single.accuracy() >= SINGLE_TOKEN_FLOOR, "single token: " + single);
            assertTrue(span.accuracy() >= SPAN_FLOOR, "3-token span: " + span);
        }
    }
}
