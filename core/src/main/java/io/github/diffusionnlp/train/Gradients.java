package io.github.diffusionnlp.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.PrintStream;
import java.util.Locale;

/** Gradient housekeeping shared by the trainers. */
final class Gradients {
    /** The gradient's largest global norm in both trainers' updates ({@link #clipAndUpdate}). */
    static final float CLIP_NORM = 1f;

    private Gradients() {}

    /**
     * The update after backward, one for both trainers so that the autoregressive baseline differs from the
     * diffusion model in its objective alone: the gradient clipped to global norm {@link #CLIP_NORM}, then
     * {@code optimizer}'s update, unless {@code loss} or the gradient is not finite (the step is then skipped
     * and said to be, on {@code log}); the gradients zeroed for the next step either way.
     *
     * @return whether the parameters were updated
     */
    static boolean clipAndUpdate(AdamW optimizer, PairList<String, Parameter> parameters, int step, float lr,
            double loss, PrintStream log) {
        boolean finite = Double.isFinite(loss) && clip(parameters, CLIP_NORM);
        if (finite) {
            optimizer.update(parameters, step, lr);
        } else {
            log.printf(Locale.ROOT, "step %d skipped: loss %.4f, gradient not finite%n", step, loss);
        }
        zero(parameters);
        return finite;
    }

    /**
     * Scales the gradient to global norm at most {@code maxNorm}; false if it is not finite. The
     * parameters' norms are combined natively and read once: a read per parameter waited on each in
     * turn, and squaring a gradient wrote a second array of its size.
     */
    static boolean clip(PairList<String, Parameter> parameters, float maxNorm) {
        double norm;
        try (NDList norms = new NDList()) {
            for (Pair<String, Parameter> p : parameters) {
                norms.add(p.getValue().getArray().getGradient().norm());
            }
            try (NDArray stacked = NDArrays.stack(norms); NDArray total = stacked.norm()) {
                norm = total.getFloat();
            }
        }
        if (!Double.isFinite(norm)) {
            return false;
        }
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (Pair<String, Parameter> p : parameters) {
                p.getValue().getArray().getGradient().muli(scale);
            }
        }
        return true;
    }

    static void zero(PairList<String, Parameter> parameters) {
        for (Pair<String, Parameter> p : parameters) {
            // set, not g -= g: a NaN or infinity would survive that and poison every later step
            p.getValue().getArray().getGradient().set(new NDIndex("..."), 0f);
        }
    }
}
