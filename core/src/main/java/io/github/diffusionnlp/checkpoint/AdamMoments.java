package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.Predicate;

/**
 * How a checkpoint's optimizer state ({@link ModelCheckpoint#OPTIMIZER}) names Adam's moments: for
 * every trained parameter path, its first moment {@code <path>#mean} then its second {@code
 * <path>#variance}. The trainer's optimizer writes and reads them; {@link ModelGrowth} rescales them.
 */
public final class AdamMoments {
    private static final String MEAN = "#mean";
    private static final String VARIANCE = "#variance";

    private AdamMoments() {}

    public static String meanName(String parameter) {
        return parameter + MEAN;
    }

    public static String varianceName(String parameter) {
        return parameter + VARIANCE;
    }

    /** The parameter path a moment's name belongs to (the whole name if it has no moment suffix). */
    public static String parameterOf(String momentName) {
        int hash = momentName.lastIndexOf('#');
        return hash < 0 ? momentName : momentName.substring(0, hash);
    }

    /**
     * The moments with those of the parameters {@code selected} matches rescaled for that parameter
     * times {@code c}: its gradient scales by 1/c, so the mean by 1/c and the variance by 1/c², and
     * Adam's next steps are what they would have been, in the new scale. Other moments are kept as they are.
     */
    static NDList forParameterScaled(NDList state, Predicate<String> selected, float c) {
        if (state == null || c == 1f) {
            return state;
        }
        NDList out = new NDList();
        for (NDArray moment : state) {
            String name = moment.getName();
            if (selected.test(parameterOf(name))) {
                NDArray scaled = moment.div(name.endsWith(MEAN) ? c : c * c);
                scaled.setName(name);
                out.add(scaled);
            } else {
                out.add(moment);
            }
        }
        return out;
    }
}
