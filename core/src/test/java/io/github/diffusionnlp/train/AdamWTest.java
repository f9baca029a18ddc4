package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.github.diffusionnlp.ar.CausalTransformer;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.TrainingState;
import io.github.diffusionnlp.runtime.Autograd;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static final float LR = 1e-3f;

    /**
     * Under a constant gradient every bias-corrected Adam update has the size of the learning rate;
     * the run's first step and a resumed run's first steps without saved moments alike (counted from
     * the run's step, fresh moments made the resumed run's tenth update about twice as large).
     */
    @Test
    void updatesHaveTheLearningRatesSizeWhetherFreshOrResumedWithoutMoments() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(LR, largestUpdate(new AdamW(manager, 0f, List.of(), null), parameter(manager), 1), 1e-5);
            assertEquals(LR, largestUpdate(new AdamW(manager, 0f, List.of(), null), parameter(manager), 27_001), 1e-5);
        }
    }

    @Test
    void restoredMomentsAreTakenAsWarm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AdamW warm = new AdamW(manager, 0f, List.of(), null);
            PairList<String, Parameter> params = parameter(manager);
            for (int step = 1; step <= 1_000; step++) {
                step(warm, params, step);
            }
            // Moments of 1,000 steps of a constant gradient: restored, the next updates again have the rate's size.
            AdamW resumed = new AdamW(manager, 0f, List.of(), warm.state());
            assertEquals(LR, largestUpdate(resumed, params, 5_001), 1e-5);
            // A parameter the saved state lacks (as after growing a model) starts its own moments then.
            PairList<String, Parameter> added = parameter(manager, "added");
            assertEquals(LR, largestUpdate(resumed, added, 5_011), 1e-5);
        }
    }

    /**
     * Saved moments of another shape than the parameter's (a training state copied in from another model of the
     * same names) are refused by name before training, not left to fail or broadcast inside PyTorch's update.
     */
    @Test
    void refusesSavedMomentsOfAnotherShape() throws InvalidModelException {
        try (NDManager manager = NDManager.newBaseManager()) {
            AdamW other = new AdamW(manager, 0f, List.of(), null);
            step(other, parameter(manager, "w", 1), 1);
            java.nio.file.Path file = java.nio.file.Path.of("model", "optimizer.ndlist");
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> TrainingState.requireMatches(other.state(), parameter(manager, "w", 4), file));
            assertTrue(e.getMessage().startsWith(file + " "), e.getMessage());
            assertTrue(e.getMessage().contains("w#mean") && e.getMessage().contains("(1)")
                    && e.getMessage().contains("(4)") && e.getMessage().contains("Delete it"), e.getMessage());
            TrainingState.requireMatches(other.state(), parameter(manager, "w", 1), file); // its own passes
        }
    }

    /** Weight matrices are decayed; embeddings, the relative-position bias, biases and norms are not. */
    @Test
    void decaysTheWeightMatricesAndNotTheTables() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DiffusionTransformer diffusion = new DiffusionTransformer(ModelConfig.ofSize("tiny", 50, 16).withRelativePositions());
            diffusion.initialize(manager);
            CausalTransformer causal = new CausalTransformer(ArTrainer.matchingConfig("tiny", 50, 16));
            causal.initialize(manager);
            assertDecays(new AdamW(manager, 0.01f, diffusion.tables(), null), diffusion.getParameters());
            assertDecays(new AdamW(manager, 0.01f, causal.tables(), null), causal.getParameters());
        }
    }

    private static void assertDecays(AdamW adam, PairList<String, Parameter> params) {
        int decayed = 0;
        for (Pair<String, Parameter> p : params) {
            String name = p.getKey();
            boolean table = name.contains("Embedding") || name.contains("relativeBias");
            boolean matrix = p.getValue().getArray().getShape().dimension() == 2;
            assertEquals(matrix && !table, adam.decays(p.getValue()), name);
            decayed += adam.decays(p.getValue()) ? 1 : 0;
        }
        assertTrue(decayed > 0 && decayed < params.size(), decayed + " of " + params.size() + " decayed");
    }

    /** The largest absolute change of the parameter over ten updates from {@code firstStep}. */
    private static double largestUpdate(AdamW adam, PairList<String, Parameter> params, int firstStep) {
        double largest = 0;
        for (int step = firstStep; step < firstStep + 10; step++) {
            largest = Math.max(largest, step(adam, params, step));
        }
        return largest;
    }

    private static PairList<String, Parameter> parameter(NDManager manager) {
        return parameter(manager, "w");
    }

    private static PairList<String, Parameter> parameter(NDManager manager, String name) {
        return parameter(manager, name, 4);
    }

    private static PairList<String, Parameter> parameter(NDManager manager, String name, int size) {
        Parameter w = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        w.setArray(manager.ones(new Shape(size)));
        PairList<String, Parameter> params = new PairList<>();
        params.add(name, w);
        return params;
    }

    /** One update under the gradient 3 (loss 3·Σw); returns the largest absolute change. */
    private static double step(AdamW adam, PairList<String, Parameter> params, int step) {
        NDArray w = params.get(0).getValue().getArray();
        w.setRequiresGradient(true);
        NDArray before = w.duplicate();
        Autograd.COLLECTOR.lock();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(w.mul(3f).sum());
        } finally {
            Autograd.COLLECTOR.unlock();
        }
        adam.update(params, step, LR);
        return w.sub(before).abs().max().getFloat();
    }
}
