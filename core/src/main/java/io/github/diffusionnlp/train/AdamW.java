package io.github.diffusionnlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.github.diffusionnlp.checkpoint.TrainingState;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AdamW (decoupled weight decay) over a model's parameters, using DJL's fused PyTorch update.
 *
 * <p>DJL's own {@code AdamW} keeps its moments private and counts steps itself, so a resumed run
 * would restart warm-up with empty moments; this one holds its moments by parameter path, saves and
 * restores them as an {@link NDList} (named as {@link TrainingState} says), and takes the step number from
 * the caller.
 */
final class AdamW {
    /** The weight decay both trainers train with (the autoregressive baseline as the diffusion model). */
    static final float TRAINING_WEIGHT_DECAY = 0.01f;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.99f;
    private static final float EPSILON = 1e-8f;

    private final NDManager manager;
    private final float weightDecay;
    private final Map<String, Moments> moments = new LinkedHashMap<>();
    private final Set<Parameter> tables;

    /**
     * One parameter's moments and the step they began at: 1 for a run's own or restored moments; the
     * step they were created at for moments started later (a run resumed without its saved moments, a
     * parameter that growing a model added). Adam's bias correction counts from there: counted from
     * the run's step, fresh zero moments would pass for warm ones and the first hundred or so
     * updates would be up to twice their size.
     */
    private record Moments(NDArray mean, NDArray variance, int from) {}

    /**
     * {@code tables}: the network's lookup tables, which are not decayed (see {@link #update});
     * {@code saved}: moments to continue from ({@link #state()} of an earlier run), or null for none.
     */
    AdamW(NDManager manager, float weightDecay, Collection<Parameter> tables, NDList saved) {
        this.manager = manager;
        this.weightDecay = weightDecay;
        this.tables = Collections.newSetFromMap(new IdentityHashMap<>());
        this.tables.addAll(tables);
        if (saved != null) {
            restore(saved);
        }
    }

    /**
     * One update of every parameter with a gradient. {@code step} counts from 1. Weight decay applies
     * to the weight matrices only: not to the lookup tables given at construction (embeddings,
     * attention's offset bias) nor to biases and norms, whose scale is meaningful.
     */
    void update(PairList<String, Parameter> params, int step, float learningRate) {
        for (Pair<String, Parameter> p : params) {
            NDArray w = p.getValue().getArray();
            NDArray grad = w.getGradient();
            Moments m = moments.computeIfAbsent(p.getKey(), k -> {
                Moments fresh = new Moments(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()),
                        manager.zeros(w.getShape(), w.getDataType(), w.getDevice()), step);
                NDScope.unregister(fresh.mean(), fresh.variance()); // the moments outlive the step's scope
                return fresh;
            });
            int age = step - m.from() + 1;
            float corrected = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, age)) / (1 - Math.pow(BETA1, age)));
            float decay = decays(p.getValue()) ? weightDecay : 0f;
            w.getNDArrayInternal().adamUpdate(new NDList(w, grad, m.mean(), m.variance()), new NDList(w),
                    learningRate, corrected, decay, 1f, -1f, BETA1, BETA2, EPSILON, true, true);
        }
    }

    boolean decays(Parameter p) {
        return p.getArray().getShape().dimension() == 2 && !tables.contains(p);
    }

    NDList state() {
        NDList out = new NDList();
        for (Map.Entry<String, Moments> e : moments.entrySet()) {
            NDArray mean = e.getValue().mean();
            NDArray variance = e.getValue().variance();
            mean.setName(TrainingState.meanName(e.getKey()));
            variance.setName(TrainingState.varianceName(e.getKey()));
            out.add(mean);
            out.add(variance);
        }
        return out;
    }

    /**
     * Restores saved moments, taken to be as old as the run (the bias correction is then ≈ 1). Other
     * arrays of the training state (trained weights) are not the optimizer's and are skipped.
     */
    private void restore(NDList state) {
        Map<String, NDArray> means = new LinkedHashMap<>();
        Map<String, NDArray> variances = new LinkedHashMap<>();
        for (NDArray array : state) {
            String name = array.getName();
            if (TrainingState.isMean(name)) {
                means.put(TrainingState.parameterOf(name), array);
            } else if (TrainingState.isVariance(name)) {
                variances.put(TrainingState.parameterOf(name), array);
            }
        }
        means.forEach((parameter, mean) -> {
            NDArray variance = variances.get(parameter);
            if (variance != null) {
                moments.put(parameter, new Moments(mean, variance, 1));
            }
        });
    }
}
