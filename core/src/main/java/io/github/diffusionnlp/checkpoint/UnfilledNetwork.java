package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

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
        Map<Parameter, Initializer> own = new IdentityHashMap<>();
        for (Parameter p : network.getParameters().values()) {
            own.put(p, p.getInitializer());
            p.setInitializer(EMPTY);
        }
        try {
            initialize.accept(manager);
        } finally {
            own.forEach(Parameter::setInitializer);
        }
    }
}
