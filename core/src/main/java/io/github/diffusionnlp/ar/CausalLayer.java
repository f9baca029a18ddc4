package io.github.diffusionnlp.ar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.diffusionnlp.model.Scalars;

/**
 * One pre-LayerNorm causal transformer block (GPT-2 style).
 *
 * <p>Inputs: {@code h} (B, T, d) for T new positions, optionally followed by the keys and values of
 * the positions before them, each (B, H, P, hd). Output: the new {@code h} and the keys and values
 * of all P + T positions, which a caller feeds back for the next position (the KV cache).
 */
final class CausalLayer extends AbstractBlock {
    private final int heads;
    /** Each head's width, d / heads. */
    private final int headDim;
    private final LayerNorm attnNorm;
    private final LayerNorm ffnNorm;
    private final Linear qkv;
    private final Linear attnOut;
    private final Linear ffnIn;
    private final Linear ffnOut;

    CausalLayer(ArConfig config) {
        super((byte) 1);
        int d = config.dim();
        this.heads = config.heads();
        this.headDim = config.headDim();
        attnNorm = addChildBlock("attnNorm", LayerNorm.builder().axis(2).build());
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * d).build());
        attnOut = addChildBlock("attnOut", Linear.builder().setUnits(d).build());
        ffnNorm = addChildBlock("ffnNorm", LayerNorm.builder().axis(2).build());
        ffnIn = addChildBlock("ffnIn", Linear.builder().setUnits((long) config.ffnMultiplier() * d).build());
        ffnOut = addChildBlock("ffnOut", Linear.builder().setUnits(d).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        Shape s = h.getShape();
        long batch = s.get(0);
        long len = s.get(1);
        long dim = s.get(2);
        // (B, T, 3d) -> three (B, H, T, hd) views, split along their own axis so that backward joins their
        // gradients in one concatenation (as the diffusion model's DenoiserLayer.attend; docs/speed.md)
        NDList parts = one(qkv, ps, one(attnNorm, ps, h, training), training)
                .reshape(batch, len, 3, heads, headDim).split(3, 2);
        NDArray q = parts.get(0).squeeze(2).transpose(0, 2, 1, 3);
        NDArray k = parts.get(1).squeeze(2).transpose(0, 2, 1, 3);
        NDArray v = parts.get(2).squeeze(2).transpose(0, 2, 1, 3);
        long past = 0;
        if (inputs.size() == 3) {
            past = inputs.get(1).getShape().get(2);
            k = inputs.get(1).concat(k, 2);
            v = inputs.get(2).concat(v, 2);
        }
        NDArray scores = Scalars.times(q.matMul(k.transpose(0, 1, 3, 2)), 1.0 / Math.sqrt(headDim));
        if (len > 1) {
            scores = scores.add(causalMask(h.getManager(), len, past));
        }
        NDArray y = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, len, dim);
        h = h.add(one(attnOut, ps, y, training));
        NDArray ffn = one(ffnOut, ps, Activation.gelu(one(ffnIn, ps, one(ffnNorm, ps, h, training), training)),
                training);
        return new NDList(h.add(ffn), k, v);
    }

    /** (T, P + T): 0 where new position i may see key j (j ≤ P + i), a large negative number elsewhere. */
    private static NDArray causalMask(NDManager manager, long len, long past) {
        int rows = (int) len;
        int cols = (int) (past + len);
        float[] mask = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = (int) past + i + 1; j < cols; j++) {
                mask[i * cols + j] = -1e9f;
            }
        }
        return manager.create(mask, new Shape(rows, cols));
    }

    private static NDArray one(ai.djl.nn.Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape h = inputShapes[0];
        attnNorm.initialize(manager, dataType, h);
        qkv.initialize(manager, dataType, h);
        attnOut.initialize(manager, dataType, h);
        ffnNorm.initialize(manager, dataType, h);
        ffnIn.initialize(manager, dataType, h);
        ffnOut.initialize(manager, dataType, ffnIn.getOutputShapes(new Shape[] {h})[0]);
    }
}
