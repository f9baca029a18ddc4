package io.github.diffusionnlp.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * One pre-LayerNorm bidirectional transformer block whose two LayerNorms are modulated by the
 * noise level (adaptive LayerNorm, as in DiT): the noise vector sets a shift, a scale and a
 * residual gate for each half. The modulation starts at zero, so every block starts as the identity.
 *
 * <p>Inputs: {@code h} (B, L, d), the noise vector after its activation, swish(noise) (B, noiseDim),
 * computed once per pass for every block, and, with relative positions, the {@link #offsetIndex}.
 * Output: the new {@code h}.
 */
final class DenoiserLayer extends AbstractBlock {
    /**
     * The relative bias table is stored divided by this. Adam moves a weight by about the learning
     * rate per step whatever its gradient, and a bias must reach a few units to steer attention: at
     * the 1e-4 rates of a resumed run, unscaled, that takes tens of thousands of steps.
     */
    private static final float RELATIVE_BIAS_SCALE = 10f;
    private final int heads;
    private final LayerNorm attnNorm;
    private final LayerNorm ffnNorm;
    private final Linear qkv;
    private final Linear attnOut;
    private final Linear ffnIn;
    private final Linear ffnOut;
    private final Linear modulation;
    /** (2·maxLength − 1, heads): a score bias for each head and offset j − i, or null when the model has none. */
    private final Parameter relativeBias;

    DenoiserLayer(ModelConfig config) {
        super((byte) 1);
        int d = config.dim();
        this.heads = config.heads();
        // Zero at the start: the layer computes what it computed without it, so an older model can be
        // grown into one with it (ModelGrowth) and keep all it has learnt.
        relativeBias = config.relativePositions() ? addParameter(Parameter.builder().setName("relativeBias")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(2L * config.maxLength() - 1, heads))
                .optInitializer(Initializer.ZEROS).build()) : null;
        attnNorm = addChildBlock("attnNorm", LayerNorm.builder().axis(2).build());
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * d).build());
        attnOut = addChildBlock("attnOut", Linear.builder().setUnits(d).build());
        ffnNorm = addChildBlock("ffnNorm", LayerNorm.builder().axis(2).build());
        ffnIn = addChildBlock("ffnIn", Linear.builder().setUnits((long) config.ffnMultiplier() * d).build());
        ffnOut = addChildBlock("ffnOut", Linear.builder().setUnits(d).build());
        modulation = addChildBlock("modulation", Linear.builder().setUnits(6L * d).build());
    }

    /** Zero modulation: shift = scale = gate = 0, so the block starts as the identity. */
    void zeroModulation() {
        modulation.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray noise = inputs.get(1);
        NDArray offsets = relativeBias == null ? null : inputs.get(2);
        NDList mod = one(modulation, ps, noise, training).expandDims(1).split(6, 2);

        NDArray a = modulate(one(attnNorm, ps, h, training), mod.get(0), mod.get(1));
        h = h.add(mod.get(2).mul(attention(ps, a, offsets, training)));

        NDArray b = modulate(one(ffnNorm, ps, h, training), mod.get(3), mod.get(4));
        NDArray ffn = one(ffnOut, ps, Activation.gelu(one(ffnIn, ps, b, training)), training);
        return new NDList(h.add(mod.get(5).mul(ffn)));
    }

    private NDArray attention(ParameterStore ps, NDArray x, NDArray offsets, boolean training) {
        Shape s = x.getShape();
        long batch = s.get(0);
        long len = s.get(1);
        long dim = s.get(2);
        long headDim = dim / heads;
        // (B, L, 3d) -> (3, B, H, L, hd)
        NDArray qkvAll = one(qkv, ps, x, training).reshape(batch, len, 3, heads, headDim).transpose(2, 0, 3, 1, 4);
        NDArray q = qkvAll.get(0);
        NDArray k = qkvAll.get(1);
        NDArray v = qkvAll.get(2);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(headDim));
        if (relativeBias != null) {
            scores = scores.add(offsetBias(ps, x, offsets, len, training));
        }
        NDArray weights = scores.softmax(-1);
        NDArray y = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, len, dim);
        return one(attnOut, ps, y, training);
    }

    /**
     * The (L·L) row index into a relative-bias table of query i and key j: the offset j − i, shifted by
     * maxLength − 1 to start at 0. The same for every layer, so the caller builds it once per pass.
     */
    static NDArray offsetIndex(NDManager manager, long len, int maxLength) {
        long[] offsets = new long[(int) (len * len)];
        for (int i = 0; i < len; i++) {
            for (int j = 0; j < len; j++) {
                offsets[(int) (i * len + j)] = j - i + maxLength - 1;
            }
        }
        return manager.create(offsets);
    }

    /**
     * The (H, L, L) bias of query i and key j: this layer's table row of offset j − i. Absolute position
     * embeddings let a head find "the word to my left" only through a learnt dot product, which a
     * model of this size learns slowly; a bias per offset makes such a head one parameter away.
     */
    private NDArray offsetBias(ParameterStore ps, NDArray like, NDArray offsets, long len, boolean training) {
        NDArray table = ps.getValue(relativeBias, like.getDevice(), training);
        NDArray bias = table.get(new ai.djl.ndarray.index.NDIndex("{}", offsets)).reshape(len, len, heads).transpose(2, 0, 1)
                .mul(RELATIVE_BIAS_SCALE);
        return bias.getDataType() == like.getDataType() ? bias : bias.toType(like.getDataType(), false);
    }

    static NDArray modulate(NDArray normed, NDArray shift, NDArray scale) {
        return normed.mul(scale.add(1f)).add(shift);
    }

    static NDArray one(ai.djl.nn.Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape h = inputShapes[0];
        Shape noise = inputShapes[1];
        attnNorm.initialize(manager, dataType, h);
        qkv.initialize(manager, dataType, h);
        attnOut.initialize(manager, dataType, h);
        ffnNorm.initialize(manager, dataType, h);
        ffnIn.initialize(manager, dataType, h);
        ffnOut.initialize(manager, dataType, ffnIn.getOutputShapes(new Shape[] {h})[0]);
        modulation.initialize(manager, dataType, noise);
    }
}
