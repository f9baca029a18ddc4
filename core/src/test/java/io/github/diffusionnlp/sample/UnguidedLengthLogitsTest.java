package io.github.diffusionnlp.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import org.junit.jupiter.api.Test;

/**
 * Guidance with the length left unguided ({@link Schedule#guideLength} false): the shipped model's logits of
 * two sets of features standing for the conditioned and unconditioned passes, guided at w = 3. The padding
 * gets the conditioned pass's probability and the words share the rest in the guided proportions; guided
 * the default way, the padding's probability moves with the words'.
 */
class UnguidedLengthLogitsTest {
    private static final float W = 3f;

    @Test
    void thePaddingKeepsTheConditionedProbabilityAndTheWordsAreGuided() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded model = ModelCheckpoint.load(TestModels.shippedModel(), manager);
            ParameterStore weights = new ParameterStore(manager, false);
            NDArray e = model.network().embeddings(weights, manager.getDevice(), false);
            long d = e.getShape().get(1);
            // features between the padding's embedding and a word's, nearer the padding in the conditioned pass,
            // so that p([PAD]) is neither 0 nor 1 and differs between the passes (as late positions' do)
            NDArray pad = e.get(new NDIndex("0:1"));
            NDArray word = e.get(new NDIndex("10:16"));
            NDArray mix = manager.create(new float[] {0.44f, 0.46f, 0.48f, 0.5f, 0.52f, 0.54f}).reshape(6, 1);
            NDArray uncondMix = mix.sub(0.02f);
            NDArray h = pad.mul(mix).add(word.mul(mix.neg().add(1f)));
            NDArray hUncond = pad.mul(uncondMix).add(word.mul(uncondMix.neg().add(1f)));
            NDArray noBans = manager.zeros(new Shape(6, 2));
            NDArray c = model.network().logits(weights, h, e, false);
            NDArray u = model.network().logits(weights, hUncond, e, false);

            NDArray unguided = new StepLogits(model.network(), weights, h, hUncond, W, false, e, noBans, null)
                    .logits(":");
            NDArray guided = new StepLogits(model.network(), weights, h, hUncond, W, true, e, noBans, null)
                    .logits(":");

            float[] conditionedPad = padding(c);
            assertArrayEquals(conditionedPad, padding(unguided), 1e-5f);
            NDArray extrapolated = u.add(c.sub(u).mul(W));
            assertArrayEquals(wordShares(extrapolated), wordShares(unguided), 1e-6f);
            assertArrayEquals(extrapolated.toFloatArray(), guided.toFloatArray(), 1e-4f); // the default as before
            float[] guidedPad = padding(guided);
            float moved = 0;
            for (int i = 0; i < guidedPad.length; i++) {
                moved = Math.max(moved, Math.abs(guidedPad[i] - conditionedPad[i]));
            }
            assertTrue(moved > 0.01f, "guided, the padding's probability moves: at most " + moved);
        }
    }

    /** p([PAD]) of each row. */
    private static float[] padding(NDArray logits) {
        return logits.softmax(1).get(new NDIndex(":, 0")).toFloatArray();
    }

    /** Each row's distribution over the words alone. */
    private static float[] wordShares(NDArray logits) {
        return logits.get(new NDIndex(":, 1:")).softmax(1).toFloatArray();
    }
}
