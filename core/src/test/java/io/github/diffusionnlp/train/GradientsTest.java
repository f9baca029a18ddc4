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
import io.github.diffusionnlp.runtime.Autograd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    /**
     * Both trainers' update: a non-finite gradient (or loss) skips the step, says so and leaves the weights;
     * a finite one updates them; the gradients are zeroed either way.
     */
    @Test
    void clipAndUpdateSkipsANonFiniteStepAndZeroesTheGradientEitherWay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AdamW optimizer = new AdamW(manager, AdamW.TRAINING_WEIGHT_DECAY, List.of(), null);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

            PairList<String, Parameter> broken = parameters(manager, Float.NaN);
            assertFalse(Gradients.clipAndUpdate(optimizer, broken, 7, 1e-3f, 2.5, out));
            assertEquals("step 7 skipped: loss 2.5000, gradient not finite\n", log.toString(StandardCharsets.UTF_8));
            assertArrayEquals(new float[] {1f, 1f}, broken.get(0).getValue().getArray().toFloatArray(), 0f);
            assertArrayEquals(new float[4], broken.get(1).getValue().getArray().getGradient().toFloatArray(), 0f);

            log.reset();
            PairList<String, Parameter> fine = parameters(manager, 0f);
            assertFalse(Gradients.clipAndUpdate(optimizer, fine, 8, 1e-3f, Double.NaN, out), "a NaN loss skips too");
            assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("step 8 skipped: loss NaN"));
            PairList<String, Parameter> finite = parameters(manager, 0f);
            assertTrue(Gradients.clipAndUpdate(optimizer, finite, 9, 1e-3f, 2.5, out));
            assertTrue(finite.get(0).getValue().getArray().getFloat(0) < 1f, "updated against the gradient");
            assertArrayEquals(new float[2], finite.get(0).getValue().getArray().getGradient().toFloatArray(), 0f);
        }
    }
}
