package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.diffusionnlp.runtime.Autograd;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    /**
     * The gradient through a product with a number is still that number after the garbage collections
     * a long forward pass may see before its backward. (With DJL's {@code mul(Number)} this test reads
     * freed memory: see {@link Scalars}.)
     */
    @Test
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() throws InterruptedException {
        float[] values = {1f, -2f, 0.5f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(values);
            x.setRequiresGradient(true);
            Autograd.COLLECTOR.lock();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Scalars.times(x, 3).add(Scalars.over(x, 4)).add(Scalars.swish(x)).sum();
                for (int k = 0; k < 3; k++) { // the JDK frees a dead direct buffer after a collection, on its own thread
                    System.gc();
                    Thread.sleep(50);
                }
                collector.backward(y);
            } finally {
                Autograd.COLLECTOR.unlock();
            }
            float[] gradient = x.getGradient().toFloatArray();
            for (int i = 0; i < values.length; i++) {
                double s = 1 / (1 + Math.exp(-values[i]));
                assertEquals(3 + 0.25 + s + values[i] * s * (1 - s), gradient[i], 1e-5, "d/dx at x = " + values[i]);
            }
        }
    }
}
