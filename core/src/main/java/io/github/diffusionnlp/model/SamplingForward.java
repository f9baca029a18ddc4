package io.github.diffusionnlp.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The denoiser's forward pass as sampling runs it: the same function as {@link
 * DiffusionTransformer#forward} (to rounding), in about half the native calls a step. A single
 * sequence's step is made of a few hundred small operations, each costing more in call overhead than
 * in arithmetic, and sampling allows precomputing much of them:
 * <ul>
 *   <li>every row of a pass shares one σ, so each block's adaptive-LayerNorm shift and scale fold
 *       into the LayerNorm's own gain and bias ({@link DenoiserLayer#fold}), and these and the gates
 *       of every block and every step of a call come from one product at the start of the call;
 *   <li>the conditions (position, given flag, sentiment, UPOS) do not change between steps: added up
 *       once per call;
 *   <li>the relative-position biases depend on the width alone: built once per width; the score scale
 *       1/√hd and the logits' 1/√d are folded into the weights.
 * </ul>
 * Inference only, and the network must not be trained while an instance is used. Thread-safe.
 */
public final class SamplingForward {
    private final DiffusionTransformer network;
    private final ParameterStore ps;
    private final DataType body;
    private final int dim;
    private final NDArray modulationWeight;
    private final NDArray modulationBias;
    private final List<NDList> qkv = new ArrayList<>();
    private final NDArray outputWeight;
    private final NDArray outputBias;
    private final Map<Long, NDList> offsetBiases = new ConcurrentHashMap<>();

    /** Folds the weights of {@code network} as {@code ps} hands them out; they live as long as the network's. */
    public SamplingForward(DiffusionTransformer network, ParameterStore ps) {
        this.network = network;
        this.ps = ps;
        this.body = network.bodyType(ps);
        this.dim = network.config().dim();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList modulation = network.foldedModulation(ps);
            modulationWeight = kept(modulation.get(0));
            modulationBias = kept(modulation.get(1));
            for (DenoiserLayer layer : network.layers()) {
                NDList folded = layer.foldedQkv(ps);
                qkv.add(new NDList(kept(folded.get(0)), kept(folded.get(1))));
            }
            NDList output = network.foldedOutputProjection(ps);
            outputWeight = kept(output.get(0));
            outputBias = kept(output.get(1));
        }
    }

    private NDArray kept(NDArray x) {
        NDArray typed = DiffusionTransformer.as(body, x);
        NDScope.unregister(typed);
        return typed;
    }

    /**
     * Starts a sampling call over the σ of each step, {@code sigmas}, for rows with the given
     * positions {@code given} (B, L), float 0/1, and conditions {@code sentiment} (B) and {@code upos}
     * (B, L), as {@link DiffusionTransformer} takes them. The call's arrays belong to the caller's scope.
     */
    public Call start(double[] sigmas, NDArray given, NDArray sentiment, NDArray upos) {
        return new Call(sigmas, given, sentiment, upos);
    }

    /** One sampling call: the features of each step's pass. */
    public final class Call {
        /** Each step's c_in, from the step's σ (doubles) by the network's own {@link DiffusionTransformer#cIn}. */
        private final float[] cIns;
        private final NDArray conditions;
        private final NDArray given;
        private final NDArray notGiven;
        private final NDArray conditionFeatures;
        private final NDList biases;

        private Call(double[] sigmas, NDArray given, NDArray sentiment, NDArray upos) {
            NDManager manager = given.getManager();
            // In doubles, as the σ are, then rounded once to float: the same floats 1/√(1+σ²) computed in Java
            // gives. Its arrays die here, whatever scope the caller runs in.
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                cIns = DiffusionTransformer.cIn(manager.create(sigmas)).toType(DataType.FLOAT32, false).toFloatArray();
            }
            float[] s = new float[sigmas.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) sigmas[i];
            }
            NDArray noise = network.noiseFeatures(ps, manager.create(s), body, false);
            // (steps, K): row k holds every σ-dependent vector of step k's pass.
            conditions = Linear.linear(noise, modulationWeight, modulationBias).singletonOrThrow();
            this.given = given.expandDims(2);
            this.notGiven = this.given.neg().add(1f);
            long len = given.getShape().get(1);
            conditionFeatures = network.conditionFeatures(ps, DiffusionTransformer.as(body, this.given), sentiment,
                    upos, len, false).reshape(-1, dim);
            biases = network.config().relativePositions() ? offsetBiases.computeIfAbsent(len, this::offsetBiases)
                    : null;
        }

        private NDList offsetBiases(long len) {
            NDArray index = DenoiserLayer.offsetIndex(conditions.getManager(), len, network.config().maxLength());
            NDList out = new NDList();
            for (DenoiserLayer layer : network.layers()) {
                // conditions: any array on the body's device and in its type
                NDArray bias = layer.offsetBias(ps, conditions, index, len, false);
                NDScope.unregister(bias); // cached beyond this call
                out.add(bias);
            }
            return out;
        }

        /**
         * The output features (B·L, d), fp32, of step {@code step}'s pass at σ = sigmas[step], for the
         * noisy embeddings {@code x} (B, L, d), clean at given positions, and the self-conditioning input.
         * Flat rows, so that every product is one fused product-plus-bias (PyTorch's linear fuses the
         * bias only for 2-D inputs).
         */
        public NDArray features(int step, NDArray x, NDArray selfCond) {
            // Only the output outlives the call, and a block's temporaries (its (B·L, ffn) activations above all)
            // die with the block: otherwise every block's stayed until the caller's step ended, under that step's
            // vocabulary-sized logits.
            NDArray out;
            try (NDScope pass = new NDScope()) {
                pass.suppressNotUsedWarning();
                Shape shape = x.getShape();
                float cIn = cIns[step];
                NDList cond = conditions.get(step).split(conditions.getShape().get(1) / dim);
                // Given positions carry clean embeddings, so only generated positions are rescaled by c_in.
                NDArray scale = notGiven.mul(cIn).add(given);
                NDArray h = network.inputFeatures(ps, x.mul(scale).reshape(-1, dim), selfCond.reshape(-1, dim), body,
                        false).add(conditionFeatures);
                List<DenoiserLayer> layers = network.layers();
                for (int l = 0; l < layers.size(); l++) {
                    NDArray in = h;
                    try (NDScope block = new NDScope()) {
                        block.suppressNotUsedWarning();
                        h = layers.get(l).forwardFolded(ps, in, shape.get(0), shape.get(1),
                                cond.subList(6 * l, 6 * l + 6), qkv.get(l).get(0), qkv.get(l).get(1),
                                biases == null ? null : biases.get(l));
                        NDScope.unregister(h);
                    }
                    NDScope.register(h);
                    in.close(); // read by this block alone
                }
                int last = 6 * layers.size();
                h = LayerNorm.layerNorm(h, new Shape(dim), cond.get(last), cond.get(last + 1),
                        DenoiserLayer.LAYER_NORM_EPSILON).singletonOrThrow();
                out = DiffusionTransformer.as(DataType.FLOAT32,
                        Linear.linear(h, outputWeight, outputBias).singletonOrThrow());
                NDScope.unregister(out);
            }
            NDScope.register(out);
            return out;
        }
    }
}
