package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
    /** The most arrays a state holds for one parameter: {@link #MEAN}, {@link #VARIANCE} and {@link #WEIGHT}. */
    private static final int STATE_PER_PARAMETER = 3;

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
     * The most a training state for {@code network} (an initialised block) takes: a mean, a variance and trained
     * weights of each parameter, in float32 or the parameter's own wider type, with their headers. A larger
     * file is refused before it is read.
     */
    static WholeFile.Limit largestFile(Block network) {
        long arrays = 0;
        long bytes = 0;
        for (Pair<String, Parameter> p : network.getParameters()) {
            NDArray array = p.getValue().getArray();
            arrays += STATE_PER_PARAMETER;
            bytes += STATE_PER_PARAMETER * array.size() * Math.max(Float.BYTES, array.getDataType().getNumOfBytes());
        }
        return CheckpointFiles.arrayListLimit(arrays, bytes, "the optimizer state of the network config.json describes",
                "delete it to resume with fresh optimizer moments from the saved weights");
    }

    /**
     * Fails naming {@code file} when an array of {@code state} belongs to a parameter of {@code params} but has
     * another shape: a training state copied in from another model whose parameters have the same names (the
     * checksums in its config catch that only for configs that record them). Adam's fused update would fail
     * inside PyTorch mid-step, or broadcast a moment of a compatible shape without a word.
     */
    public static void requireMatches(NDList state, PairList<String, Parameter> params, Path file)
            throws InvalidModelException {
        if (state == null) {
            return;
        }
        Map<String, Shape> shapes = new HashMap<>();
        params.forEach(p -> shapes.put(p.getKey(), p.getValue().getArray().getShape()));
        for (NDArray array : state) {
            Shape expected = shapes.get(parameterOf(array.getName()));
            if (expected != null && !expected.equals(array.getShape())) {
                throw new InvalidModelException(file, "holds " + array.getName() + " of shape " + array.getShape()
                        + " but the model's parameter " + parameterOf(array.getName()) + " has shape " + expected
                        + ": it is another model's training state. Delete it to resume with fresh optimizer"
                        + " moments from the saved weights");
            }
        }
    }

    /**
     * The state with its arrays named for the parameter paths {@code newPathOf} maps their old ones to:
     * DJL numbers child blocks by position, so a block added before others renames theirs
     * ({@code 08finalNorm_gamma} becomes {@code 10finalNorm_gamma}), and arrays left under the old
     * names would be restored to no parameter (fresh moments) and re-saved for ever. Arrays of a
     * parameter the map lacks belong to none of the model's and are dropped.
     */
    static NDList renamed(NDList state, Map<String, String> newPathOf) {
        if (state == null) {
            return null;
        }
        NDList out = new NDList();
        for (NDArray array : state) {
            String name = array.getName();
            String path = newPathOf.get(parameterOf(name));
            if (path != null) {
                array.setName(path + name.substring(parameterOf(name).length()));
                out.add(array);
            }
        }
        return out;
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
