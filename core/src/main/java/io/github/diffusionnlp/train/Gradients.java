package io.github.diffusionnlp.train;

import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/** Gradient housekeeping shared by the trainers. */
final class Gradients {
    private Gradients() {}

    /** Scales the gradient to global norm at most {@code maxNorm}; false if it is not finite. */
    static boolean clip(PairList<String, Parameter> parameters, float maxNorm) {
        double sumSquares = 0;
        for (Pair<String, Parameter> p : parameters) {
            sumSquares += p.getValue().getArray().getGradient().square().sum().getFloat();
        }
        double norm = Math.sqrt(sumSquares);
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
