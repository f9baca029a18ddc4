package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InfillChunksTest {
    /**
     * evaluate fills a part's sentences a few batches at a time, to say how far it is within a part that runs
     * for minutes; sentence i keeps sentenceSeed(i), so the words are those of one call over all the sentences.
     */
    @Test
    void fillingInChunksWritesWhatOneCallWrites() throws Exception {
        List<List<String>> masked = InfillEvaluation.singleToken(
                TaggedCorpus.read(TestModels.devCorpus()).stream().filter(s -> s.size() >= 4 && s.size() <= 32)
                        .limit(37).toList(), new Random(3)).masked();
        SamplingOptions sampled = SamplingOptions.builder().steps(2).seed(5).batchSize(4).temperature(1).build();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            assertEquals(lm.infillAll(masked, sampled), InfillEvaluation.fill(lm, masked, sampled, "part", done -> { }));
        }
    }
}
