package io.github.diffusionnlp.ar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The autoregressive baseline: a GPT-2-style causal transformer (learned positions, pre-LayerNorm
 * blocks, output tied to the input embeddings). A sentence is read as {@code [PAD] w1 … wn} and
 * predicts {@code w1 … wn [PAD]}: {@code [PAD]} is both the start and the end of a sentence, as it
 * marks the end of a free-length sentence in the diffusion model.
 *
 * <p>Inputs: token ids (B, T) int64, optionally followed by the key/value cache of the positions
 * before them, two arrays (B, H, P, hd) per layer, in layer order. Output: the final features
 * (B, T, d) followed by the cache of all P + T positions. Without a cache the T positions start at 0.
 */
public final class CausalTransformer extends AbstractBlock {
    private final ArConfig config;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final Parameter outputBias;
    private final List<CausalLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;

    public CausalTransformer(ArConfig config) {
        super((byte) 1);
        this.config = config;
        int d = config.dim();
        tokenEmbedding = addParameter(Parameter.builder().setName("tokenEmbedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabSize(), d)).build());
        positionEmbedding = addParameter(Parameter.builder().setName("positionEmbedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.positions(), d)).build());
        outputBias = addParameter(Parameter.builder().setName("outputBias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(config.vocabSize())).optInitializer(Initializer.ZEROS).build());
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer" + i, new CausalLayer(config)));
        }
        finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
        setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    }

    public ArConfig config() {
        return config;
    }

    /** The lookup tables (word and position embeddings): rows are looked up, not multiplied, so not decayed. */
    public List<Parameter> tables() {
        return List.of(tokenEmbedding, positionEmbedding);
    }

    /** Builds the network and allocates (random) weights on {@code manager}. */
    public void initialize(NDManager manager) {
        // the type of the weights, not of the ids
        initialize(manager, DataType.FLOAT32, new Shape(1, config.positions()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        long len = ids.getShape().get(1);
        long past = inputs.size() > 1 ? inputs.get(1).getShape().get(2) : 0;
        if (past + len > config.positions()) {
            throw new IllegalArgumentException("positions " + past + ".." + (past + len - 1) + " exceed the model's "
                    + config.positions());
        }
        ai.djl.Device device = ids.getDevice();
        NDArray e = ps.getValue(tokenEmbedding, device, training);
        NDArray positions = ps.getValue(positionEmbedding, device, training)
                .get(new NDIndex(past + ":" + (past + len)));
        Shape s = ids.getShape();
        NDArray h = e.get(new NDIndex("{}", ids.flatten())).reshape(s.get(0), len, -1).add(positions.expandDims(0));
        NDList cache = new NDList();
        for (int i = 0; i < layers.size(); i++) {
            NDList in = inputs.size() > 1 ? new NDList(h, inputs.get(1 + 2 * i), inputs.get(2 + 2 * i)) : new NDList(h);
            NDList out = layers.get(i).forward(ps, in, training);
            h = out.get(0);
            cache.add(out.get(1));
            cache.add(out.get(2));
        }
        NDList result = new NDList(finalNorm.forward(ps, new NDList(h), training).singletonOrThrow());
        result.addAll(cache);
        return result;
    }

    /** Next-token logits of features {@code h} (N, d), tied to the input embeddings: (N, V). */
    public NDArray logits(ParameterStore ps, NDArray h, boolean training) {
        ai.djl.Device device = h.getDevice();
        NDArray product = h.matMul(ps.getValue(tokenEmbedding, device, training).transpose());
        NDArray bias = ps.getValue(outputBias, device, training);
        // Without a graph the bias goes into the product's own array: the same floats, one (N, V) array written
        // instead of two (scoring's reach ~90 MB a batch, which on this machine cost more to write than to add).
        return training || JniUtils.isGradMode() ? product.add(bias) : product.addi(bias);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.dim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        Shape h = new Shape(ids.get(0), ids.get(1), config.dim());
        for (CausalLayer layer : layers) {
            layer.initialize(manager, DataType.FLOAT32, h);
        }
        finalNorm.initialize(manager, DataType.FLOAT32, h);
    }
}
