package io.github.diffusionnlp.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Products with a number that are safe inside an autograd graph.
 *
 * <p>DJL's PyTorch {@code NDArray#mul(Number)} (and {@code div}, {@code pow}, {@code maximum} ... with
 * a number, and {@link Activation#swish}, which multiplies by its β) wraps the number in a 0-d array
 * whose memory is a Java direct buffer, and closes that array as soon as the product is made. PyTorch's
 * autograd keeps the 0-d tensor to multiply the gradient by in backward, but once the array is closed
 * nothing keeps its buffer alive: a garbage collection between forward and backward frees it, and
 * backward multiplies by whatever has reused that memory. Found as gradients off by factors of 2^±100
 * and "gradient not finite" skips in long runs, and as two runs of the same seed parting ways. Here
 * the number becomes a tensor PyTorch allocates and owns. Outside a graph (sampling) the plain
 * methods are fine.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x · v}. */
    public static NDArray times(NDArray x, double v) {
        return x.mul(scalar(x, v));
    }

    /** {@code x / v}. */
    public static NDArray over(NDArray x, double v) {
        return x.div(scalar(x, v));
    }

    /** {@code v / x}. */
    public static NDArray divide(double v, NDArray x) {
        return scalar(x, v).div(x);
    }

    /** swish(x) = x · sigmoid(x) (β = 1). */
    public static NDArray swish(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** {@code v} as a 0-d array of {@code x}'s type on its device, in PyTorch's own memory. */
    private static NDArray scalar(NDArray x, double v) {
        return x.getManager().full(new Shape(), (float) v, x.getDataType()).toDevice(x.getDevice(), false);
    }
}
