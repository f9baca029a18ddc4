package io.github.diffusionnlp.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The weights of a {@link DiffusionTransformer} as the forward pass sees them, cast once to a lower
 * {@link Precision}: a {@link ParameterStore} that hands every block its cast copy. The vocabulary
 * side's parameters (the embedding table and the output bias) stay fp32. Inference only; read-only
 * after construction, so one instance serves any number of threads.
 */
public final class CastWeights extends ParameterStore {
    /** Parameters of the vocabulary side, which runs in fp32 whatever the precision. */
    private static final Set<String> FP32_ONLY = Set.of("tokenEmbedding", "outputBias");

    private final Map<String, NDArray> cast = new ConcurrentHashMap<>();

    /** Casts the network's weights into {@code manager}, which must outlive this store. */
    public CastWeights(DiffusionTransformer network, Precision precision, NDManager manager) {
        super(manager, false);
        for (Pair<String, Parameter> p : network.getParameters()) {
            Parameter parameter = p.getValue();
            NDArray value = parameter.getArray();
            if (!FP32_ONLY.contains(p.getKey()) && value.getDataType() != precision.dataType()) {
                NDArray copy = value.toType(precision.dataType(), true);
                copy.attach(manager);
                cast.put(parameter.getId(), copy);
            }
        }
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        NDArray value = cast.get(parameter.getId());
        return value != null ? value : parameter.getArray();
    }
}
