package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import io.github.diffusionnlp.model.Autograd;
import org.junit.jupiter.api.Test;

class GradientsTest {
    /** Two parameters whose gradients are {3, 0} and {0, 4, 0, last}: with last = 0, global norm 5. */
    private static PairList<String, Parameter> parameters(NDManager manager, float last) {
        PairList<String, Parameter> out = new PairList<>();
        float[][] grads = {{3f, 0f}, {0f, 4f, 0f, last}};
        Autograd.COLLECTOR.lock();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = manager.zeros(new Shape());
            for (int i = 0; i < grads.length; i++) {
                Parameter p = Parameter.builder().setName("p" + i).setType(Parameter.Type.WEIGHT).build();
                p.setArray(manager.ones(new Shape(grads[i].length)));
                p.getArray().setRequiresGradient(true);
                loss = loss.add(p.getArray().mul(manager.create(grads[i])).sum()); // d loss / d p = grads[i]
                out.add(p.getName(), p);
            }
            collector.backward(loss);
        } finally {
            Autograd.COLLECTOR.unlock();
        }
        return out;
    }

    @Test
    void scalesTheWholeGradientToTheLargestNormAllowed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PairList<String, Parameter> params = parameters(manager, 0f);
            assertTrue(Gradients.clip(params, 1f));
            assertArrayEquals(new float[] {0.6f, 0f}, params.get(0).getValue().getArray().getGradient().toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {0f, 0.8f, 0f, 0f}, params.get(1).getValue().getArray().getGradient().toFloatArray(),
                    1e-5f);
        }
    }

    @Test
    void leavesASmallerGradientAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PairList<String, Parameter> params = parameters(manager, 0f);
            assertTrue(Gradients.clip(params, 10f));
            assertEquals(4f, params.get(1).getValue().getArray().getGradient().getFloat(1), 0f);
        }
    }

    @Test
    void refusesANonFiniteGradientAndZeroingClearsIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PairList<String, Parameter> params = parameters(manager, Float.NaN);
            assertFalse(Gradients.clip(params, 1f));
            Gradients.zero(params);
            assertArrayEquals(new float[4], params.get(1).getValue().getArray().getGradient().toFloatArray(), 0f);
            assertFalse(Gradients.clip(parameters(manager, Float.POSITIVE_INFINITY), 1f));
        }
    }
}
