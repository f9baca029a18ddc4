package io.github.diffusionnlp.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.SamplingForward;
import io.github.diffusionnlp.model.Sentiment;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A sampling step's temporaries die as soon as they are read, not when the step ends: the network pass's every
 * block's activations (the (B·L, ffn) ones above all) used to stay alive under the step's vocabulary-sized logits,
 * and a logits slice under guidance and lexical constraints left nine (rows, V) arrays where one is the result.
 * Together they made most of a best-of-16 sentence's sampling peak at 64 positions (docs/limitations.md, best of
 * k's native memory). Checked by counting the arrays the shipped model's manager holds after each call, without
 * timing or resident memory.
 */
class SamplingStepMemoryTest {
    private static final int ROWS = 3;
    private static final int LEN = 64;

    @Test
    void aForwardPassLeavesOnlyItsOutput() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded model = ModelCheckpoint.load(TestModels.shippedModel(), manager);
            ParameterStore weights = new ParameterStore(manager, false);
            int dim = model.network().config().dim();
            SamplingForward.Call pass = new SamplingForward(model.network(), weights).start(new double[] {10, 1},
                    manager.zeros(new Shape(ROWS, LEN)), manager.zeros(new Shape(ROWS), DataType.INT64),
                    manager.zeros(new Shape(ROWS, LEN), DataType.INT64));
            NDArray x = manager.create(gaussian(ROWS * LEN * dim, 3), new Shape(ROWS, LEN, dim));
            NDArray selfCond = manager.zeros(x.getShape());
            int before = manager.getManagedArrays().size();
            NDArray h = pass.features(0, x, selfCond);
            assertEquals(new Shape(ROWS * LEN, dim), h.getShape());
            assertEquals(before + 1, manager.getManagedArrays().size(), "arrays a pass left alive beside its output");
        }
    }

    @Test
    void aGuidedLexicalLogitsSliceLeavesOnlyItsLogits() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded model = ModelCheckpoint.load(TestModels.shippedModel(), manager);
            ParameterStore weights = new ParameterStore(manager, false);
            NDArray e = model.network().embeddings(weights, manager.getDevice(), false);
            long vocabulary = e.getShape().get(0);
            int dim = (int) e.getShape().get(1);
            int n = ROWS * LEN;
            NDArray h = manager.create(gaussian(n * dim, 5), new Shape(n, dim));
            NDArray hUncond = manager.create(gaussian(n * dim, 6), new Shape(n, dim));
            WordMasks masks = WordMasks.build(manager, model.vocabulary(), model.tagLexicon(),
                    SentimentLabeller.afinn(), 0.5);
            long[] upos = new long[n];
            Arrays.fill(upos, Conditioning.uposId(Upos.NOUN));
            long[] sentiment = new long[n];
            Arrays.fill(sentiment, Conditioning.sentimentId(Sentiment.POSITIVE));
            StepLogits.Lexical lexical = new StepLogits.Lexical(masks, manager.create(upos), manager.create(sentiment));
            for (boolean guideLength : List.of(true, false)) {
                StepLogits step = new StepLogits(model.network(), weights, h, hUncond, 3f, guideLength, e,
                        manager.zeros(new Shape(n, 2)), lexical);
                NDArray logits = step.logits(":");
                assertEquals(new Shape(n, vocabulary), logits.getShape());
                long vocabularySized = manager.getManagedArrays().stream()
                        // views of one too: they keep it alive
                        .filter(a -> a.getShape().dimension() == 2 && a.getShape().get(0) == n
                                && a.getShape().get(1) >= vocabulary - 1)
                        .count();
                assertEquals(1, vocabularySized, "(rows, V) arrays a slice left alive, guiding the length: "
                        + guideLength);
                logits.close();
            }
        }
    }

    private static float[] gaussian(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
