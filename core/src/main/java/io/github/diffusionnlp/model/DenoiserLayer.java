package io.github.diffusionnlp.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArrays;
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
import java.util.List;
import java.util.Optional;

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
    /** DJL's LayerNorm default, which {@link #attnNorm} and {@link #ffnNorm} use. */
    static final float LAYER_NORM_EPSILON = 1e-5f;
    private final int heads;
    /** Each head's width, d / heads. */
    private final int headDim;
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
        this.headDim = config.headDim();
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

    /** The learnt attention bias per head and word offset, if this model has relative positions. */
    Optional<Parameter> relativeBias() {
        return Optional.ofNullable(relativeBias);
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
        NDArray bias = relativeBias == null ? null : offsetBias(ps, x, offsets, s.get(1), training);
        NDArray y = attend(one(qkv, ps, x, training), s.get(0), s.get(1), bias, 1.0 / Math.sqrt(headDim));
        return one(attnOut, ps, y.reshape(s), training);
    }

    /**
     * Self-attention of {@code batch} rows of {@code len} positions from their query-key-value product
     * {@code qkvOut} ((B, L, 3d) or (B·L, 3d)): scores scaled by {@code scoreScale} (1 when the scale
     * is folded into the query weights), plus {@code bias} (H, L, L) when not null. Returns the heads'
     * outputs as (B, L, H, hd), before the output projection.
     */
    private NDArray attend(NDArray qkvOut, long batch, long len, NDArray bias, double scoreScale) {
        // Split along the (B, L, 3, H, hd) layout's own axis, each part then viewed as (B, H, L, hd): the same
        // views as indexing a (3, B, H, L, hd) transpose, but backward joins the three gradients in one
        // concatenation that is already qkvOut's layout. Indexing wrote each part's gradient into a zeroed
        // array of all three, added the three, and copied the sum back from the transposed layout (docs/speed.md).
        NDList parts = qkvOut.reshape(batch, len, 3, heads, headDim).split(3, 2);
        NDArray q = parts.get(0).squeeze(2).transpose(0, 2, 1, 3);
        NDArray k = parts.get(1).squeeze(2).transpose(0, 2, 1, 3);
        NDArray v = parts.get(2).squeeze(2).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (scoreScale != 1.0) {
            scores = Scalars.times(scores, scoreScale);
        }
        if (bias != null) {
            scores = scores.add(bias);
        }
        return scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3);
    }

    /**
     * The forward pass of {@link SamplingForward} on {@code h} (B·L, d), flat so that every product
     * is one fused product-plus-bias: {@code cond} holds this block's six σ-dependent vectors (d) for
     * the current step - attention LayerNorm gain and bias, attention gate, then the same three for
     * the feed-forward half - with the modulation folded into the LayerNorm's own gain and bias;
     * {@code qkvWeight} / {@code qkvBias} have the score scale folded into the query rows; {@code bias}
     * (H, L, L) is the relative-position bias or null.
     */
    NDArray forwardFolded(ParameterStore ps, NDArray h, long batch, long len, List<NDArray> cond, NDArray qkvWeight,
            NDArray qkvBias, NDArray bias) {
        Shape flat = h.getShape();
        Shape normalized = new Shape(flat.get(1));
        NDArray a = LayerNorm.layerNorm(h, normalized, cond.get(0), cond.get(1), LAYER_NORM_EPSILON).singletonOrThrow();
        NDArray heads = attend(Linear.linear(a, qkvWeight, qkvBias).singletonOrThrow(), batch, len, bias, 1.0);
        h = h.add(cond.get(2).mul(one(attnOut, ps, heads.reshape(flat), false)));
        NDArray b = LayerNorm.layerNorm(h, normalized, cond.get(3), cond.get(4), LAYER_NORM_EPSILON).singletonOrThrow();
        NDArray ffn = one(ffnOut, ps, Activation.gelu(one(ffnIn, ps, b, false)), false);
        return h.add(cond.get(5).mul(ffn));
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
    NDArray offsetBias(ParameterStore ps, NDArray like, NDArray offsets, long len, boolean training) {
        NDArray table = ps.getValue(relativeBias, like.getDevice(), training);
        NDArray bias = Scalars.times(table.get(new ai.djl.ndarray.index.NDIndex("{}", offsets)).reshape(len, len, heads)
                .transpose(2, 0, 1), RELATIVE_BIAS_SCALE);
        return bias.getDataType() == like.getDataType() ? bias : bias.toType(like.getDataType(), false);
    }

    /**
     * This block's σ-dependent vectors as {@link #forwardFolded} reads them, as one affine map of
     * swish(noise): {weight (6d, noiseDim), bias (6d)}, in fp32.
     */
    NDList foldedModulation(ParameterStore ps) {
        NDList w = fp32(ps, modulation, "weight").split(6, 0);
        NDList b = fp32(ps, modulation, "bias").split(6, 0);
        NDList attn = fold(fp32(ps, attnNorm, "gamma"), fp32(ps, attnNorm, "beta"), w.get(0), w.get(1), b.get(0),
                b.get(1));
        NDList ffn = fold(fp32(ps, ffnNorm, "gamma"), fp32(ps, ffnNorm, "beta"), w.get(3), w.get(4), b.get(3),
                b.get(4));
        return new NDList(
                NDArrays.concat(new NDList(attn.get(0), attn.get(1), w.get(2), ffn.get(0), ffn.get(1), w.get(5)), 0),
                NDArrays.concat(new NDList(attn.get(2), attn.get(3), b.get(2), ffn.get(2), ffn.get(3), b.get(5)), 0));
    }

    /** The query-key-value weight and bias with the score scale 1/√hd folded into the query rows (fp32). */
    NDList foldedQkv(ParameterStore ps) {
        NDArray weight = fp32(ps, qkv, "weight");
        NDArray bias = fp32(ps, qkv, "bias");
        long dim = weight.getShape().get(1);
        float[] rowScale = new float[(int) (3 * dim)];
        java.util.Arrays.fill(rowScale, 0, (int) dim, (float) (1 / Math.sqrt(headDim)));
        java.util.Arrays.fill(rowScale, (int) dim, rowScale.length, 1f);
        NDArray scale = weight.getManager().create(rowScale);
        return new NDList(weight.mul(scale.expandDims(1)), bias.mul(scale));
    }

    /**
     * Folds an adaptive-LayerNorm modulation into the LayerNorm's gain γ and bias β: LN(h)·(1 + scale)
     * + shift = n̂·γ(1 + scale) + β(1 + scale) + shift, with scale = W_scale·n + b_scale and shift =
     * W_shift·n + b_shift affine in the noise vector n, so gain and bias are affine in n too.
     *
     * @return {gain weight, bias weight, gain bias, bias bias}
     */
    static NDList fold(NDArray gamma, NDArray beta, NDArray wShift, NDArray wScale, NDArray bShift, NDArray bScale) {
        NDArray onePlus = bScale.add(1f);
        return new NDList(wScale.mul(gamma.expandDims(1)), wScale.mul(beta.expandDims(1)).add(wShift),
                gamma.mul(onePlus), beta.mul(onePlus).add(bShift));
    }

    static NDArray fp32(ParameterStore ps, ai.djl.nn.Block block, String name) {
        Parameter parameter = block.getParameters().get(name);
        NDArray value = ps.getValue(parameter, parameter.getArray().getDevice(), false);
        return value.getDataType() == DataType.FLOAT32 ? value : value.toType(DataType.FLOAT32, true);
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
