package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingState;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightAverageTest {
    /** The average's decay rises to its setting as (1 + n) / (10 + n): 2/11 after the first update. */
    @Test
    void followsTheWeightsAtItsWarmingDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PairList<String, Parameter> params = parameter(manager, 0f);
            WeightAverage average = new WeightAverage(manager, 0.5f, params, false);
            NDArray w = params.get(0).getValue().getArray();
            float expected = 0f;
            for (int n = 1; n <= 12; n++) {
                w.set(new float[] {n, n, n});
                average.update(params);
                float d = Math.min(0.5f, (1f + n) / (10f + n));
                expected = d * expected + (1 - d) * n;
            }
            float[] saved = averaged(average, params);
            assertArrayEquals(new float[] {expected, expected, expected}, saved, 1e-5f);
            assertArrayEquals(new float[] {12, 12, 12}, w.toFloatArray(), "the trained weights are put back");
            // continued from a saved average, the decay is at its setting from the first update
            WeightAverage resumed = new WeightAverage(manager, 0.5f, parameter(manager, 2f), true);
            PairList<String, Parameter> next = parameter(manager, 4f);
            resumed.update(next);
            assertArrayEquals(new float[] {3, 3, 3}, averaged(resumed, next), 1e-6f);
        }
    }

    /**
     * With an average, model.params holds it and the state the trained weights; a run resumed from
     * there continues both as if it had not stopped (decay 0.5 is reached by step 8, so the warming
     * the resumed average skips does not matter here).
     */
    /**
     * With an average, model.params holds it (and config.json its validation loss) and the training
     * state the trained weights, from which a resumed run trains on: the trained weights of an
     * averaged run, resumed, are those of the same run without an average (averaging never touches
     * training).
     */
    @Test
    void checkpointsHoldTheAverageAndResumeFromTheTrainedWeights(@TempDir Path tmp) throws Exception {
        Path averaged = tmp.resolve("averaged");
        Path plain = tmp.resolve("plain");
        for (Path dir : new Path[] {averaged, plain}) {
            double decay = dir == averaged ? 0.5 : 0;
            train(dir, 10, false, decay);
            train(dir, 20, true, decay);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            PairList<String, Parameter> averageSaved = ModelCheckpoint.load(averaged, m).network().getParameters();
            PairList<String, Parameter> plainSaved = ModelCheckpoint.load(plain, m).network().getParameters();
            NDList state = ModelCheckpoint.loadOptimizerState(averaged, m);
            // the trained weights are the same, so a different validation loss is the average's
            double averageDev = ModelCheckpoint.readHeader(averaged).training().devLoss();
            double plainDev = ModelCheckpoint.readHeader(plain).training().devLoss();
            assertTrue(Double.isFinite(averageDev) && averageDev != plainDev, averageDev + " vs " + plainDev);
            assertTrue(ModelCheckpoint.loadOptimizerState(plain, m).stream()
                    .noneMatch(a -> TrainingState.isWeight(a.getName())), "without an average, no weights in the state");
            for (int k = 0; k < plainSaved.size(); k++) {
                String name = plainSaved.get(k).getKey();
                float[] trained = state.get(TrainingState.weightName(name)).toFloatArray();
                assertArrayEquals(plainSaved.get(k).getValue().getArray().toFloatArray(), trained, 1e-6f, name);
                if (name.contains("Embedding")) {
                    assertFalse(java.util.Arrays.equals(trained, averageSaved.get(k).getValue().getArray().toFloatArray()),
                            name + ": model.params holds the trained weights, not their average");
                }
            }
        }
    }

    private static void train(Path dir, int steps, boolean resume, double decay) throws java.io.IOException {
        TrainOptions options = new TrainOptions(TestModels.devCorpus(), TestModels.devCorpus(), dir, "tiny", 2000, 32, 8, steps, null,
                3e-3, 5, 7, 10, resume, false, false, decay);
        new DiffusionTrainer(options, new PrintStream(PrintStream.nullOutputStream())).run();
    }

    /** What saving with the average in place would write. */
    private static float[] averaged(WeightAverage average, PairList<String, Parameter> params) {
        float[][] out = new float[1][];
        try {
            average.saveAveraged(params, new NDList(), state -> {
                out[0] = params.get(0).getValue().getArray().toFloatArray();
                assertEquals(1, state.size());
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out[0];
    }

    private static PairList<String, Parameter> parameter(NDManager manager, float value) {
        Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        w.setArray(manager.full(new Shape(3), value));
        PairList<String, Parameter> params = new PairList<>();
        params.add("w", w);
        return params;
    }
}
