package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Readies a network to have its weights loaded without allocating weights that the load would only replace.
 *
 * <p>Why: DJL gives a block's parameters their shapes only in {@code Block.initialize}, which also fills each
 * parameter with its initializer's (random) values; a load that initialised the network and then decoded the file
 * held every weight twice at its peak. Here each parameter is initialised with an empty array (no data; PyTorch
 * allocates no storage for it) of the network's data type instead: the shapes, which {@link DjlArrayFileCheck}
 * checks the file against, are set as initialising sets them, and DJL's {@code Parameter.load} then puts the
 * file's array in place of the empty one (which {@link CheckpointFiles#loadParameters} closes).
 */
public final class UnfilledNetwork {
    /** An array of no elements, of the type asked for: the parameter's shape is kept apart from its array. */
    private static final Initializer EMPTY = (manager, shape, dataType) -> manager.create(new Shape(0), dataType);

    private UnfilledNetwork() {
    }

    /**
     * Runs {@code initialize} (the network's own initialisation on {@code manager}) with every parameter of
     * {@code network} given an empty array, then gives each parameter its own initializer back: the network's
     * parameters have their shapes, and {@link Parameter#getArray()} arrays of its data type that hold nothing.
     */
    public static void shape(AbstractBlock network, NDManager manager, Consumer<NDManager> initialize) {
        initializeInstead(network, manager, initialize, parameter -> EMPTY);
    }

    /**
     * Runs {@code initialize} with each parameter that {@code given} holds taking that array itself (not a copy;
     * the parameter then shares it) rather than its initializer's values, and the others their own initializers'
     * values: a network grown from another ({@link ModelGrowth}) allocates starting values for its new parameters
     * only, not random ones for every weight that the old ones would then overwrite.
     *
     * @throws IllegalStateException naming the parameter when a given array's shape or type is not its own
     */
    public static void initializeWith(AbstractBlock network, NDManager manager, Consumer<NDManager> initialize,
            Map<Parameter, NDArray> given) {
        initializeInstead(network, manager, initialize, parameter -> {
            NDArray array = given.get(parameter);
            return array == null ? null : (m, shape, dataType) -> {
                if (!array.getShape().equals(shape) || array.getDataType() != dataType) {
                    throw new IllegalStateException("the array given to " + parameter.getName() + " is "
                            + array.getDataType() + array.getShape() + ", where it needs " + dataType + shape);
                }
                return array;
            };
        });
    }

    /**
     * Runs {@code initialize} with each parameter initialised by the initializer {@code instead} gives it (null: its
     * own), then gives each parameter its own initializer back.
     */
    private static void initializeInstead(AbstractBlock network, NDManager manager, Consumer<NDManager> initialize,
            Function<Parameter, Initializer> instead) {
        Map<Parameter, Initializer> own = new IdentityHashMap<>();
        for (Parameter p : network.getParameters().values()) {
            Initializer other = instead.apply(p);
            if (other != null) {
                own.put(p, p.getInitializer());
                p.setInitializer(other);
            }
        }
        try {
            initialize.accept(manager);
        } finally {
            own.forEach(Parameter::setInitializer);
        }
    }
}
