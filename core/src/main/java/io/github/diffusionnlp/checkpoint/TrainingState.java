package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.Predicate;

/**
 * How a checkpoint's training state ({@link ModelCheckpoint#OPTIMIZER}) names its arrays: for every
 * trained parameter path, Adam's first moment {@code <path>#mean} and second {@code <path>#variance},
 * and, when {@code model.params} holds a moving average of the weights, the trained weights
 * themselves, {@code <path>#weight}. The trainer writes and reads them; {@link ModelGrowth} rescales them.
 */
public final class TrainingState {
    private static final String MEAN = "#mean";
    private static final String VARIANCE = "#variance";
    private static final String WEIGHT = "#weight";

    private TrainingState() {}

    public static String meanName(String parameter) {
        return parameter + MEAN;
    }

    public static String varianceName(String parameter) {
        return parameter + VARIANCE;
    }

    public static String weightName(String parameter) {
        return parameter + WEIGHT;
    }

    public static boolean isMean(String name) {
        return name.endsWith(MEAN);
    }

    public static boolean isVariance(String name) {
        return name.endsWith(VARIANCE);
    }

    public static boolean isWeight(String name) {
        return name.endsWith(WEIGHT);
    }

    /** The parameter path an array's name belongs to (the whole name if it has no suffix). */
    public static String parameterOf(String name) {
        int hash = name.lastIndexOf('#');
        return hash < 0 ? name : name.substring(0, hash);
    }

    /**
     * The state with the arrays of the parameters {@code selected} matches rescaled for that
     * parameter times {@code c}: its gradient scales by 1/c, so the mean by 1/c and the variance by
     * 1/c², and Adam's next steps are what they would have been, in the new scale; its trained
     * weights scale by c like the parameter. Other arrays are kept as they are.
     */
    static NDList forParameterScaled(NDList state, Predicate<String> selected, float c) {
        if (state == null || c == 1f) {
            return state;
        }
        NDList out = new NDList();
        for (NDArray array : state) {
            String name = array.getName();
            if (selected.test(parameterOf(name))) {
                NDArray scaled = isWeight(name) ? array.mul(c) : array.div(isMean(name) ? c : c * c);
                scaled.setName(name);
                out.add(scaled);
            } else {
                out.add(array);
            }
        }
        return out;
    }
}
