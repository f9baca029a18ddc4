package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfillEvaluationProgressTest {
    /**
     * evaluate's default run samples 1,000 sentences twice at each of 16, 32 and 64 steps: its progress said
     * only how long each finished part took, not how many were left nor when the run would end.
     */
    @Test
    void eachPartSaysWhichOfHowManyItIsAndWhenTheRunShouldEnd() throws Exception {
        List<String> progress = new ArrayList<>();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            InfillEvaluation.run(lm, TaggedCorpus.read(TestModels.devCorpus()), 3, new int[] {1, 2},
                    SamplingOptions.builder().build(), null, progress::add);
        }
        assertEquals(4, progress.size(), progress.toString());
        assertTrue(progress.get(0).startsWith("single token at 1 step (part 1/4): ")
                && progress.get(0).contains(" sentences/s") && progress.get(0).contains(", ETA "), progress.toString());
        assertTrue(progress.get(3).startsWith("3-token span at 2 steps (part 4/4): ")
                && !progress.get(3).contains("ETA"), progress.toString());
    }
}
