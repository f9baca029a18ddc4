package io.github.diffusionnlp.model;

import static io.github.diffusionnlp.model.DenoiserLayer.modulate;
import static io.github.diffusionnlp.model.DenoiserLayer.one;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.github.diffusionnlp.runtime.RowChunks;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDCD denoiser: a bidirectional transformer that reads noisy word embeddings and predicts,
 * at every position, a distribution over the vocabulary (score interpolation: trained with
 * cross-entropy, its expected embedding x̂₀ = softmax(logits)·E gives the score (x̂₀ − x)/σ²).
 *
 * <p>Inputs, as an {@link NDList}:
 * <ol>
 *   <li>{@code x} (B, L, d), L ≤ maxLength: noisy embeddings e + σ·ε; at given positions the clean embedding e;
 *   <li>{@code sigma} (B): the noise level of each row;
 *   <li>{@code given} (B, L): 1 where the token is given (conditioning), 0 where it is generated;
 *   <li>{@code selfCond} (B, L, d): the previous estimate of x̂₀, or zeros;
 *   <li>{@code sentiment} (B), int64: each row's sentiment id, {@link Conditioning#NONE} when not given;
 *   <li>{@code upos} (B, L), int64: each position's UPOS id (a syntax template), or NONE.
 * </ol>
 * The two conditions are learnt embeddings added to the input features of every position, like the
 * position embedding.
 * Output: the features h (B, L, d). The logits of chosen positions are {@link #logits}(h rows, E),
 * with E from {@link #embeddings}: callers compute them only where tokens are generated, since the
 * vocabulary-sized product dominates the cost.
 */
public final class DiffusionTransformer extends AbstractBlock {
    /**
     * Initial scale of the position and given-flag embeddings: the same order as the token features
     * (about 0.3 to 0.6 after the input projection). At 0.02, like the other weights, they are too faint
     * to steer attention early: a tiny model did not learn to copy a word from a fixed offset
     * (ContextLearningTest) in 1,500 steps with faint positions, and learnt it in 400 with these; and
     * a model that cannot tell given words from noise attends to both alike.
     */
    private static final float INPUT_MARKER_INIT = 0.5f;
    /**
     * Initial scale of the raw word-embedding table. The network only sees its rows L2-normalised, so
     * this scale changes nothing the network computes, only how fast training turns the rows: Adam
     * moves each component by about the learning rate a step whatever its gradient's size, so a row's
     * direction changes by about lr / scale a step. At scale 1 (rows of norm 16) the tables of models
     * trained 27,000 steps were still their random initialisation (the same nearest neighbours, raw
     * norms 16.05 against 16.00), and the network read its words through random codes.
     */
    static final float EMBEDDING_INIT = 0.05f;

    private final ModelConfig config;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final Parameter givenEmbedding;
    private final Parameter sentimentEmbedding;
    private final Parameter uposEmbedding;
    private final Parameter outputBias;
    private final Linear inputProjection;
    private final Linear noiseHidden;
    private final Linear noiseOut;
    private final List<DenoiserLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear finalModulation;
    private final Linear outputProjection;

    public DiffusionTransformer(ModelConfig config) {
        super((byte) 1);
        this.config = config;
        int d = config.dim();
        tokenEmbedding = addParameter(Parameter.builder().setName("tokenEmbedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabSize(), d)).optInitializer(new NormalInitializer(EMBEDDING_INIT))
                .build());
        positionEmbedding = addParameter(marker("positionEmbedding", new Shape(config.maxLength(), d)));
        givenEmbedding = addParameter(marker("givenEmbedding", new Shape(d)));
        sentimentEmbedding = addParameter(marker("sentimentEmbedding", new Shape(Conditioning.SENTIMENT_IDS, d)));
        uposEmbedding = addParameter(marker("uposEmbedding", new Shape(Conditioning.UPOS_IDS, d)));
        outputBias = addParameter(Parameter.builder().setName("outputBias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(config.vocabSize())).optInitializer(Initializer.ZEROS).build());
        inputProjection = addChildBlock("inputProjection", Linear.builder().setUnits(d).build());
        noiseHidden = addChildBlock("noiseHidden", Linear.builder().setUnits(config.noiseDim()).build());
        noiseOut = addChildBlock("noiseOut", Linear.builder().setUnits(config.noiseDim()).build());
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer" + i, new DenoiserLayer(config)));
        }
        finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
        finalModulation = addChildBlock("finalModulation", Linear.builder().setUnits(2L * d).build());
        outputProjection = addChildBlock("outputProjection", Linear.builder().setUnits(d).build());
        setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        // setInitializer above reaches our own parameters too; restore their specific ones.
        tokenEmbedding.setInitializer(new NormalInitializer(EMBEDDING_INIT));
        for (Parameter marker : List.of(positionEmbedding, givenEmbedding, sentimentEmbedding, uposEmbedding)) {
            marker.setInitializer(new NormalInitializer(INPUT_MARKER_INIT));
        }
        for (DenoiserLayer layer : layers) {
            layer.zeroModulation();
        }
        finalModulation.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
    }

    private static Parameter marker(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
                .optInitializer(new NormalInitializer(INPUT_MARKER_INIT)).build();
    }

    public ModelConfig config() {
        return config;
    }

    /** Builds the network and allocates (random) weights on {@code manager}. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, inputShapes(1));
    }

    /**
     * How many weights the initialized network holds: the count a model reports ("N parameters") and the
     * one the autoregressive baseline is matched to.
     */
    public long parameterCount() {
        long count = 0;
        for (ai.djl.util.Pair<String, Parameter> p : getParameters()) {
            count += p.getValue().getArray().size();
        }
        return count;
    }

    /**
     * Makes the words {@code ids} unwritable: their output bias goes far below any logit (finite, as a lexical
     * ban's, so that a position banning every word keeps a distribution), so no sampler ever picks them, while
     * their embeddings, which read them where they are given, stay. For an inference copy of the weights only:
     * the loaded model's, never one that is trained or saved.
     */
    public void neverWrite(int[] ids) {
        if (ids.length == 0) {
            return;
        }
        NDArray bias = outputBias.getArray();
        float[] values = bias.toFloatArray();
        for (int id : ids) {
            values[id] = UNWRITABLE;
        }
        bias.set(values);
    }

    /**
     * The output bias of a word no sampler may write ({@link #neverWrite}); lexical constraints ban words by
     * the same offset.
     */
    public static final float UNWRITABLE = -1e4f;

    public Shape[] inputShapes(long batch) {
        long len = config.maxLength();
        int d = config.dim();
        return new Shape[] {new Shape(batch, len, d), new Shape(batch), new Shape(batch, len), new Shape(batch, len, d),
            new Shape(batch), new Shape(batch, len)};
    }

    /**
     * E: every row of the embedding table L2-normalised and scaled to norm √d (unit variance per component).
     * Written as one product of the table with a per-row factor √d / ‖row‖: training differentiates
     * this every step, and each table-sized operation here is one more in backward too.
     */
    public NDArray embeddings(ParameterStore ps, ai.djl.Device device, boolean training) {
        NDArray raw = ps.getValue(tokenEmbedding, device, training);
        return raw.mul(Scalars.divide(Math.sqrt(config.dim()), raw.norm(new int[] {1}, true).add(1e-6f)));
    }

    /**
     * Replaces the initial word-embedding table with {@link ContextEmbeddings} of {@code sentences}
     * (word ids), rows at this model's initial scale. Call after {@link #initialize}, before training.
     */
    public void initWordEmbeddingsFromContexts(List<int[]> sentences, long seed) {
        initWordEmbeddingsFromContexts(sentences, seed, () -> { });
    }

    /**
     * As {@link #initWordEmbeddingsFromContexts(List, long)}, running {@code check} between the computation's passes
     * ({@link ContextEmbeddings#of(List, int, int, float, long, Runnable)}), which may throw to stop it, the table
     * then left as it was.
     */
    public void initWordEmbeddingsFromContexts(List<int[]> sentences, long seed, Runnable check) {
        int d = config.dim();
        float rowNorm = (float) (EMBEDDING_INIT * Math.sqrt(d));
        float[] table = ContextEmbeddings.of(sentences, config.vocabSize(), d, rowNorm, seed, check);
        tokenEmbedding.getArray().set(table);
    }

    /** c_in = 1/√(1+σ²): scales a noisy input back to unit variance. */
    public static NDArray cIn(NDArray sigma) {
        return sigma.square().add(1f).sqrt().pow(-1f);
    }

    /** c_noise = ln(σ)/4, the scalar through which the network sees the noise level. */
    public static NDArray cNoise(NDArray sigma) {
        return sigma.log().div(4f);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray sigma = inputs.get(1);
        NDArray given = inputs.get(2).expandDims(2);
        NDArray selfCond = inputs.get(3);
        NDArray sentiment = inputs.get(4);
        NDArray upos = inputs.get(5);
        // The body runs in its weights' type (fp32, or fp16 through CastWeights); inputs are fp32.
        DataType body = ps.getValue(positionEmbedding, x.getDevice(), training).getDataType();
        // Every block and the final modulation read the noise vector through the same swish: once here.
        NDArray noise = noiseFeatures(ps, sigma, body, training);

        // Given positions carry clean embeddings, so only generated positions are rescaled by c_in.
        NDArray cIn = cIn(sigma).reshape(-1, 1, 1);
        NDArray scale = given.add(given.neg().add(1f).mul(cIn));
        long len = x.getShape().get(1);
        NDArray h = inputFeatures(ps, x.mul(scale), selfCond, body, training)
                .add(conditionFeatures(ps, as(body, given), sentiment, upos, len, training));
        // The offset index depends only on the row length: built once per pass, shared by every layer.
        NDList layerInputs = config.relativePositions()
                ? new NDList(h, noise, DenoiserLayer.offsetIndex(h.getManager(), len, config.maxLength()))
                : new NDList(h, noise);
        for (DenoiserLayer layer : layers) {
            h = layer.forward(ps, layerInputs, training).singletonOrThrow();
            layerInputs.set(0, h);
        }
        NDList mod = one(finalModulation, ps, noise, training).expandDims(1).split(2, 2);
        h = modulate(one(finalNorm, ps, h, training), mod.get(0), mod.get(1));
        // Scaled by 1/√d so that the tied logits start near unit variance.
        h = Scalars.times(one(outputProjection, ps, h, training), (float) (1 / Math.sqrt(config.dim())));
        return new NDList(as(DataType.FLOAT32, h)); // the vocabulary side is always fp32
    }

    /** The input projection of the scaled noisy embeddings and the self-conditioning input, (B, L, d) or flat. */
    NDArray inputFeatures(ParameterStore ps, NDArray scaledX, NDArray selfCond, DataType body, boolean training) {
        return one(inputProjection, ps, as(body, scaledX.concat(selfCond, -1)), training);
    }

    /**
     * What the network adds to every position's input besides the words: its position, whether it is
     * given ({@code given} (B, L, 1)), the row's sentiment and the position's UPOS tag; (B, L, d).
     */
    NDArray conditionFeatures(ParameterStore ps, NDArray given, NDArray sentiment, NDArray upos, long len,
            boolean training) {
        ai.djl.Device device = given.getDevice();
        NDArray positions = ps.getValue(positionEmbedding, device, training);
        // Rows may be shorter than maxLength (batches are cut to their longest sentence).
        if (len < config.maxLength()) {
            positions = positions.get(new ai.djl.ndarray.index.NDIndex(":" + len));
        }
        return positions.expandDims(0)
                .add(given.mul(ps.getValue(givenEmbedding, device, training)))
                .add(ps.getValue(sentimentEmbedding, device, training)
                        .get(new ai.djl.ndarray.index.NDIndex("{}", sentiment))
                        .expandDims(1))
                .add(embed(ps.getValue(uposEmbedding, device, training), upos));
    }

    /** The type the transformer body runs in under {@code ps} (fp32, or fp16 through CastWeights). */
    DataType bodyType(ParameterStore ps) {
        return ps.getValue(positionEmbedding, positionEmbedding.getArray().getDevice(), false).getDataType();
    }

    List<DenoiserLayer> layers() {
        return layers;
    }

    /**
     * The lookup tables, whose scale means something and which training must not decay: the word
     * embeddings, the position, given-flag, sentiment and UPOS embeddings, and each block's
     * relative-position bias.
     */
    public List<Parameter> tables() {
        List<Parameter> out = new ArrayList<>(List.of(tokenEmbedding, positionEmbedding, givenEmbedding,
                sentimentEmbedding, uposEmbedding));
        for (DenoiserLayer layer : layers) {
            layer.relativeBias().ifPresent(out::add);
        }
        return out;
    }

    /**
     * Every σ-dependent vector of a pass as one affine map of swish(noise), for {@link
     * SamplingForward}: each block's six ({@link DenoiserLayer#foldedModulation}), then the final
     * LayerNorm's gain and bias with its modulation folded in; {weight (K, noiseDim), bias (K)}, fp32.
     */
    NDList foldedModulation(ParameterStore ps) {
        NDList weights = new NDList();
        NDList biases = new NDList();
        for (DenoiserLayer layer : layers) {
            NDList folded = layer.foldedModulation(ps);
            weights.add(folded.get(0));
            biases.add(folded.get(1));
        }
        NDList w = DenoiserLayer.fp32(ps, finalModulation, "weight").split(2, 0);
        NDList b = DenoiserLayer.fp32(ps, finalModulation, "bias").split(2, 0);
        NDList last = DenoiserLayer.fold(DenoiserLayer.fp32(ps, finalNorm, "gamma"),
                DenoiserLayer.fp32(ps, finalNorm, "beta"), w.get(0), w.get(1), b.get(0), b.get(1));
        weights.add(last.get(0));
        weights.add(last.get(1));
        biases.add(last.get(2));
        biases.add(last.get(3));
        return new NDList(ai.djl.ndarray.NDArrays.concat(weights, 0), ai.djl.ndarray.NDArrays.concat(biases, 0));
    }

    /** The output projection's weight and bias with the logits' 1/√d folded in; fp32. */
    NDList foldedOutputProjection(ParameterStore ps) {
        float scale = (float) (1 / Math.sqrt(config.dim()));
        return new NDList(DenoiserLayer.fp32(ps, outputProjection, "weight").mul(scale),
                DenoiserLayer.fp32(ps, outputProjection, "bias").mul(scale));
    }

    /** swish of the noise vector of each σ: (B, noiseDim), in the body's type. */
    NDArray noiseFeatures(ParameterStore ps, NDArray sigma, DataType body, boolean training) {
        return Scalars.swish(noiseVector(ps, sigma, body, training));
    }

    static NDArray as(DataType type, NDArray x) {
        return x.getDataType() == type ? x : x.toType(type, false);
    }

    /**
     * Logits of output features {@code h} (N, d), tied to the embedding table: h·Eᵀ + b, shape (N, V).
     * One fused product-plus-bias (PyTorch's linear): the separate bias add wrote a second
     * vocabulary-sized array (about 5% of a single sequence's sampling step).
     */
    public NDArray logits(ParameterStore ps, NDArray h, NDArray e, boolean training) {
        return Linear.linear(h, e, ps.getValue(outputBias, h.getDevice(), training)).singletonOrThrow();
    }

    /** The features of the flattened (B·L) positions {@code rows} of {@code h} (B, L, d) or (B·L, d): (N, d). */
    public static NDArray pick(NDArray h, NDArray rows) {
        Shape s = h.getShape();
        return h.reshape(-1, s.get(s.dimension() - 1)).get(new ai.djl.ndarray.index.NDIndex("{}", rows));
    }

    /** The clean embeddings of token {@code ids} (B, L) in the table {@code e}: (B, L, d). */
    public static NDArray embed(NDArray e, NDArray ids) {
        Shape s = ids.getShape();
        return e.get(new ai.djl.ndarray.index.NDIndex("{}", ids.flatten())).reshape(s.get(0), s.get(1), -1);
    }

    /**
     * x̂₀ = softmax(logits)·E, the expected embedding, of output features {@code h} (N, d): (N, d),
     * a slice of rows at a time ({@link RowChunks}). For passes no gradient flows through.
     */
    public NDArray expectedEmbedding(ParameterStore ps, NDArray h, NDArray e) {
        return RowChunks.map(h.getShape().get(0), RowChunks.ROWS,
                range -> logits(ps, h.get(range), e, false).softmax(1).matMul(e));
    }

    /**
     * The self-conditioning input for the next pass: x̂₀ at the generated {@code rows}, the clean
     * embedding at given positions. {@code clean} is (B, L, d), {@code given} (B, L, 1).
     */
    public static NDArray selfCondition(NDArray x0Rows, NDArray rows, NDArray clean, NDArray given) {
        Shape shape = clean.getShape();
        long dim = shape.get(2);
        NDArray index = rows.expandDims(1).repeat(1, dim);
        NDArray scattered = clean.getManager().zeros(new Shape(shape.get(0) * shape.get(1), dim))
                .scatter(index, x0Rows, 0).reshape(shape);
        return scattered.add(clean.mul(given));
    }

    /** Sinusoidal features of c_noise through a two-layer MLP: (B) -> (B, noiseDim). */
    private NDArray noiseVector(ParameterStore ps, NDArray sigma, DataType body, boolean training) {
        int half = config.noiseDim() / 2;
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) {
            // c_noise spans about [0, 1.5]; the factor 1000 spreads it over the usual timestep range.
            freqs[i] = (float) (1000.0 * Math.exp(-Math.log(10000.0) * i / half));
        }
        NDArray angles = cNoise(sigma).expandDims(1).mul(sigma.getManager().create(freqs).expandDims(0));
        NDArray features = as(body, angles.sin().concat(angles.cos(), 1));
        NDArray hidden = Scalars.swish(one(noiseHidden, ps, features, training));
        return one(noiseOut, ps, hidden, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {x};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        long batch = x.get(0);
        int d = config.dim();
        inputProjection.initialize(manager, dataType, new Shape(batch, x.get(1), 2L * d));
        Shape features = new Shape(batch, config.noiseDim());
        noiseHidden.initialize(manager, dataType, features);
        noiseOut.initialize(manager, dataType, features);
        for (DenoiserLayer layer : layers) {
            layer.initialize(manager, dataType, x, features);
        }
        finalNorm.initialize(manager, dataType, x);
        finalModulation.initialize(manager, dataType, features);
        outputProjection.initialize(manager, dataType, x);
    }
}
