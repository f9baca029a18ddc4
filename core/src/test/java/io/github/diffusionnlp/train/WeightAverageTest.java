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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightAverageTest {
    /** The average's decay rises to its setting as (1 + n) / (10 + n) at step n: 2/11 at the first. */
    @Test
    void followsTheWeightsAtItsWarmingDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PairList<String, Parameter> params = parameter(manager, 0f);
            WeightAverage average = new WeightAverage(manager, 0.5f, params);
            NDArray w = params.get(0).getValue().getArray();
            float expected = 0f;
            for (int n = 1; n <= 12; n++) {
                w.set(new float[] {n, n, n});
                average.update(params, n);
                float d = Math.min(0.5f, (1f + n) / (10f + n));
                expected = d * expected + (1 - d) * n;
            }
            float[] saved = averaged(average, params);
            assertArrayEquals(new float[] {expected, expected, expected}, saved, 1e-5f);
            assertArrayEquals(new float[] {12, 12, 12}, w.toFloatArray(), "the trained weights are put back");
            // begun late in a run (a resumed or trained model), it is at its setting from the first update
            WeightAverage resumed = new WeightAverage(manager, 0.5f, parameter(manager, 2f));
            PairList<String, Parameter> next = parameter(manager, 4f);
            resumed.update(next, 27_001);
            assertArrayEquals(new float[] {3, 3, 3}, averaged(resumed, next), 1e-6f);
        }
    }

    /**
     * With an average, model.params holds it (and config.json its validation loss and decay) and the
     * training state the trained weights, which are a plain run's bit for bit: the average changes
     * what is saved, not how the network trains (each run here stops at step 10 and resumes).
     */
    @Test
    void checkpointsHoldTheAverageAndTheWeightsOfAPlainRun(@TempDir Path tmp) throws Exception {
        Path averaged = tmp.resolve("averaged");
        Path plain = tmp.resolve("plain");
        for (Path dir : new Path[] {averaged, plain}) {
            double decay = dir == averaged ? 0.5 : 0;
            train(dir, 10, false, decay);
            train(dir, 20, true, decay);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded averageCheckpoint = ModelCheckpoint.load(averaged, m);
            ModelCheckpoint.Loaded plainCheckpoint = ModelCheckpoint.load(plain, m);
            PairList<String, Parameter> averageSaved = averageCheckpoint.network().getParameters();
            PairList<String, Parameter> plainSaved = plainCheckpoint.network().getParameters();
            NDList state = ModelCheckpoint.loadOptimizerState(averageCheckpoint, m);
            List<NDArray> trained = trainedWeights(state, plainSaved);
            DiffusionTrainerTest.assertSameWeights(DiffusionTrainerTest.arrays(plainSaved), trained,
                    "an averaged run's trained weights against a plain run's");
            assertFalse(Arrays.equals(trained.get(0).toFloatArray(), averageSaved.get(0).getValue().getArray().toFloatArray()),
                    "model.params holds the trained weights, not their average");
            double averageDev = ModelCheckpoint.readHeader(averaged).training().devLoss();
            double plainDev = ModelCheckpoint.readHeader(plain).training().devLoss();
            assertTrue(Double.isFinite(averageDev) && averageDev != plainDev, "the average's validation loss: "
                    + averageDev + " vs " + plainDev);
            assertEquals(0.5, ModelCheckpoint.readHeader(averaged).training().averageDecay());
            assertEquals(0, ModelCheckpoint.readHeader(plain).training().averageDecay());
            assertTrue(ModelCheckpoint.loadOptimizerState(plainCheckpoint, m).stream()
                    .noneMatch(a -> TrainingState.isWeight(a.getName())), "without an average, no weights in the state");
        }
    }

    /**
     * Killed after its step-10 checkpoint and resumed, an averaged run saves what an unbroken one does,
     * average and trained weights alike, bit for bit (at decay 0.9 the average is still warming up at
     * step 11, so a resumed average that restarted its warm-up, or skipped it, would differ).
     */
    @Test
    void aKilledAndResumedAveragedRunMatchesAnUnbrokenOne(@TempDir Path tmp) throws Exception {
        Path unbroken = tmp.resolve("unbroken");
        Path killed = tmp.resolve("killed");
        train(unbroken, 20, false, 0.9);
        TrainOptions plan = TestModels.tinyRun(killed, 20, false, TestModels.devCorpus(), 0.9);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new DiffusionTrainer(plan, TestModels.logKillingAfter("(step 10)")).run());
        train(killed, 20, true, 0.9);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded unbrokenCheckpoint = ModelCheckpoint.load(unbroken, m);
            ModelCheckpoint.Loaded killedCheckpoint = ModelCheckpoint.load(killed, m);
            PairList<String, Parameter> a = unbrokenCheckpoint.network().getParameters();
            PairList<String, Parameter> b = killedCheckpoint.network().getParameters();
            DiffusionTrainerTest.assertSameWeights(DiffusionTrainerTest.arrays(a), DiffusionTrainerTest.arrays(b), "average");
            DiffusionTrainerTest.assertSameWeights(
                    trainedWeights(ModelCheckpoint.loadOptimizerState(unbrokenCheckpoint, m), a),
                    trainedWeights(ModelCheckpoint.loadOptimizerState(killedCheckpoint, m), a), "trained weights");
        }
    }

    /**
     * A checkpoint of an averaged run names the trained weights' dev loss beside the average's only when its step
     * measured it: one saved before the first measurement printed "(NaN without)", and one of a run resumed on the
     * same dev split printed the checkpoint's loss, which is the average's, as the trained weights'.
     */
    @Test
    void aCheckpointNamesTheTrainedWeightsDevLossOnlyWhereItsStepMeasuredIt(@TempDir Path tmp) throws IOException {
        String sentences = "the cat sat on the mat .\na dog ran to the park .\nshe read the old book .\n";
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), sentences.repeat(30));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), sentences);
        Path out = tmp.resolve("model");
        List<String> first = averagedRun(corpus, dev, out, 3, false); // a checkpoint every step; step 3 measures
        List<String> resumed = averagedRun(corpus, dev, out, 5, true); // on the same dev split
        for (List<String> lines : List.of(first, resumed)) {
            assertTrue(lines.stream().noneMatch(line -> line.contains("NaN")), String.join("\n", lines));
            List<String> averaged = lines.stream().filter(line -> line.contains("with the weight average")).toList();
            assertEquals(lines == first ? 3 : 2, averaged.size(), String.join("\n", lines));
            for (int i = 0; i < averaged.size() - 1; i++) { // steps 1, 2 and 4 measure no dev loss
                assertTrue(averaged.get(i).matches("dev loss \\d+\\.\\d{4} with the weight average"), averaged.get(i));
            }
            String last = averaged.get(averaged.size() - 1); // the last step measures the trained weights too
            assertTrue(last.matches("dev loss \\d+\\.\\d{4} with the weight average \\(\\d+\\.\\d{4} without\\)"), last);
        }
    }

    /** A tiny averaged run with a checkpoint every step; returns the lines it printed. */
    private static List<String> averagedRun(Path corpus, Path dev, Path out, int steps, boolean resume)
            throws IOException {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        new DiffusionTrainer(TrainOptions.builder(corpus, out).dev(dev).size("tiny").vocabSize(200).maxLength(16)
                .batchSize(8).steps(steps).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(1)
                .resume(resume).contextEmbeddings(false).averageDecay(0.9).build(),
                new PrintStream(said, true, StandardCharsets.UTF_8)).run();
        return said.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The trained weights a training state holds, in the order of {@code params}. */
    private static List<NDArray> trainedWeights(NDList state, PairList<String, Parameter> params) {
        return params.keys().stream().map(name -> state.get(TrainingState.weightName(name))).toList();
    }

    private static void train(Path dir, int steps, boolean resume, double decay) throws java.io.IOException {
        new DiffusionTrainer(TestModels.tinyRun(dir, steps, resume, TestModels.devCorpus(), decay),
                new PrintStream(PrintStream.nullOutputStream())).run();
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
