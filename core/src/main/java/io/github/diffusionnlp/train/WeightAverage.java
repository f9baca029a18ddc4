package io.github.diffusionnlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.github.diffusionnlp.checkpoint.TrainingState;
import io.github.diffusionnlp.model.Numbers;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of the network's weights, the weights a diffusion model is usually
 * sampled with: the last iterate carries the noise of its last few hundred updates, the average
 * much less of it.
 *
 * <p>With an average, a checkpoint's {@code model.params} holds the average (so that everything that
 * loads a model samples from it) and the training state holds the trained weights themselves,
 * named {@link TrainingState#weightName}, to resume from. The decay starts low and rises to its
 * setting, (1 + n) / (10 + n) at step n, so that a new model's first updates are not buried under
 * its random start; counting by the run's step (not by this object's updates) keeps a resumed
 * run's average an unbroken one's, and starts an average begun on a trained model at full decay.
 * The losses a run logs are the trained weights', but for the validation loss a checkpoint
 * records, which is its model's: the average's.
 */
final class WeightAverage {
    private final float decay;
    private final Map<String, NDArray> average = new LinkedHashMap<>();

    /** Starts the average at the network's present weights. */
    WeightAverage(NDManager manager, float decay, PairList<String, Parameter> params) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("weight-average decay must be in (0, 1), got " + Numbers.written(decay));
        }
        this.decay = decay;
        for (Pair<String, Parameter> p : params) {
            NDArray copy = p.getValue().getArray().duplicate();
            copy.attach(manager);
            copy.setRequiresGradient(false);
            average.put(p.getKey(), copy);
        }
    }

    /** Moves the average toward the weights just updated by step {@code step} (counted from 1). */
    void update(PairList<String, Parameter> params, int step) {
        float d = Math.min(decay, (1f + step) / (10f + step));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Pair<String, Parameter> p : params) {
                average.get(p.getKey()).muli(d).addi(p.getValue().getArray().mul(1 - d));
            }
        }
    }

    /**
     * Saves a checkpoint whose weights are the average: runs {@code save} with the average in the
     * network's parameters and, as its training state, {@code optimizerState} plus the trained
     * weights; then puts the trained weights back.
     */
    void saveAveraged(PairList<String, Parameter> params, NDList optimizerState, Save save) throws IOException {
        NDList trained = new NDList();
        for (Pair<String, Parameter> p : params) {
            NDArray kept = p.getValue().getArray().duplicate();
            kept.setName(TrainingState.weightName(p.getKey()));
            trained.add(kept);
        }
        try {
            for (Pair<String, Parameter> p : params) {
                copyInto(average.get(p.getKey()), p.getValue().getArray());
            }
            NDList state = new NDList(optimizerState);
            state.addAll(trained);
            save.save(state);
        } finally {
            for (int i = 0; i < params.size(); i++) {
                copyInto(trained.get(i), params.get(i).getValue().getArray());
            }
            trained.close();
        }
    }

    /**
     * For a resumed run whose network was loaded from an averaged checkpoint: the average restarts
     * from the loaded (averaged) weights, and the network takes the trained weights the state
     * holds. Parameters the state has no weights for keep the loaded ones. Returns how many were
     * restored.
     */
    static int restoreTrained(NDList state, PairList<String, Parameter> params) {
        if (state == null) {
            return 0;
        }
        Map<String, Parameter> byName = new LinkedHashMap<>();
        params.forEach(p -> byName.put(p.getKey(), p.getValue()));
        int restored = 0;
        for (NDArray saved : state) {
            if (TrainingState.isWeight(saved.getName())) {
                Parameter p = byName.get(TrainingState.parameterOf(saved.getName()));
                if (p != null && p.getArray().getShape().equals(saved.getShape())) {
                    copyInto(saved, p.getArray());
                    saved.close(); // copied: the state need not hold a second set of weights
                    restored++;
                }
            }
        }
        return restored;
    }

    /**
     * Copies {@code from}'s values into {@code to}'s own memory. Not {@code NDArray#copyTo}, which on
     * PyTorch goes through a Java buffer that the target then keeps a reference to ({@code
     * PtNDArray#set(Buffer)}); writing in place leaves a live parameter's memory as it was.
     */
    static void copyInto(NDArray from, NDArray to) {
        to.set(new NDIndex("..."), from);
    }

    /** Writes a checkpoint with the given training state. */
    @FunctionalInterface
    interface Save {
        void save(NDList state) throws IOException;
    }
}
