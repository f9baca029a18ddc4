package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Growing a model (relative-position bias, more blocks) keeps what it computes, and what was added trains. */
class ModelGrowthTest {
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(8).seed(5).build();

    private static List<List<String>> someOutputs(Path model) throws IOException {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model).build()) {
            List<List<String>> out = new java.util.ArrayList<>(lm.generate(3, OPTIONS));
            out.add(lm.infill(Arrays.asList("the [MASK] of the [MASK] was".split(" ")), OPTIONS));
            return out;
        }
    }

    @Test
    void grownModelComputesWhatTheOldOneDid(@TempDir Path dir) throws IOException {
        Path grown = dir.resolve("grown");
        long added = ModelGrowth.addRelativePositions(TestModels.tinyModel(), grown);

        ModelConfig old = ModelCheckpoint.readHeader(TestModels.tinyModel()).model();
        ModelConfig now = ModelCheckpoint.readHeader(grown).model();
        assertFalse(old.relativePositions());
        assertEquals(old.withRelativePositions(), now);
        assertEquals((long) old.layers() * (2L * old.maxLength() - 1) * old.heads(), added);
        assertEquals(ModelCheckpoint.readHeader(TestModels.tinyModel()).training().step(),
                ModelCheckpoint.readHeader(grown).training().step());
        assertEquals(someOutputs(TestModels.tinyModel()), someOutputs(grown));
    }

    @Test
    void theAddedBiasLearnsWhenTrainingResumes(@TempDir Path dir) throws IOException {
        Path grown = dir.resolve("grown");
        ModelGrowth.addRelativePositions(TestModels.tinyModel(), grown);
        TestModels.train(grown, 30, true);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(grown, manager);
            assertEquals(30, loaded.header().training().step());
            int tables = 0;
            for (Pair<String, Parameter> p : loaded.network().getParameters()) {
                if (p.getKey().endsWith("relativeBias")) {
                    tables++;
                    assertTrue(p.getValue().getArray().abs().max().getFloat() > 0, p.getKey() + " stayed at zero");
                }
            }
            assertEquals(loaded.network().config().layers(), tables);
        }
    }

    /** Weights of one block: two norms, the attention and feed-forward products, the noise modulation. */
    private static long blockSize(ModelConfig c) {
        long d = c.dim();
        long f = (long) c.ffnMultiplier() * d;
        return 2 * 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + (d * f + f) + (f * d + d) + (c.noiseDim() * 6 * d + 6 * d);
    }

    @Test
    void deeperModelComputesWhatTheOldOneDid(@TempDir Path dir) throws IOException {
        Path grown = dir.resolve("deeper");
        ModelConfig old = ModelCheckpoint.readHeader(TestModels.tinyModel()).model();
        long added = ModelGrowth.grow(TestModels.tinyModel(), grown, true, old.layers() + 2);

        ModelConfig now = ModelCheckpoint.readHeader(grown).model();
        assertEquals(old.withLayers(old.layers() + 2).withRelativePositions(), now);
        assertEquals(2 * blockSize(old) + (long) now.layers() * (2L * old.maxLength() - 1) * old.heads(), added);
        assertEquals(someOutputs(TestModels.tinyModel()), someOutputs(grown));
    }

    /**
     * Growing holds the old model (weights and optimizer moments, as a load holds them) and the new parameters'
     * starting values, nothing more: the old weights become the grown network's own. It initialised the whole grown
     * network at random and then copied the old weights over, holding every kept weight twice.
     */
    @Test
    void growingAllocatesOnlyTheNewParametersBesideTheOldModel(@TempDir Path dir) throws IOException {
        Path model = TestModels.tinyModel();
        int layers = ModelCheckpoint.readHeader(model).model().layers();
        long loaded;
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.loadOptimizerState(ModelCheckpoint.load(model, manager), manager);
            loaded = dataBytes(manager.getManagedArrays());
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            long added = ModelGrowth.grow(model, dir.resolve("deeper"), true, layers + 2, 1f, manager);
            assertEquals(loaded + Float.BYTES * added, dataBytes(manager.getManagedArrays()),
                    "bytes held after growing: the old model's and the new parameters'");
        }
    }

    private static long dataBytes(java.util.List<ai.djl.ndarray.NDArray> arrays) {
        return arrays.stream().mapToLong(a -> a.size() * a.getDataType().getNumOfBytes()).sum();
    }

    @Test
    void theAddedBlocksOpenTheirGatesWhenTrainingResumes(@TempDir Path dir) throws IOException {
        Path grown = dir.resolve("deeper");
        int layers = ModelCheckpoint.readHeader(TestModels.tinyModel()).model().layers();
        ModelGrowth.grow(TestModels.tinyModel(), grown, false, layers + 1);
        TestModels.train(grown, 30, true);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(grown, manager);
            boolean found = false;
            for (Pair<String, Parameter> p : loaded.network().getParameters()) {
                if (ModelGrowth.withoutChildIndexes(p.getKey()).startsWith("layer" + layers + "_modulation")
                        && p.getKey().endsWith("weight")) {
                    found = true;
                    assertTrue(p.getValue().getArray().abs().max().getFloat() > 0, p.getKey() + " stayed at zero");
                }
            }
            assertTrue(found, "no modulation weight in the added block");
        }
    }

    /**
     * DJL numbers child blocks by position, so added blocks rename the ones after them ({@code 08finalNorm_gamma}
     * becomes {@code 09finalNorm_gamma}): their optimizer state moves to the new names with the weights, and no
     * array is left under a name no parameter has (it was restored to nothing and re-saved for ever).
     */
    @Test
    void deeperModelKeepsTheRenamedBlocksOptimizerStateUnderTheirNewNames(@TempDir Path dir) throws IOException {
        Path grown = dir.resolve("deeper");
        int layers = ModelCheckpoint.readHeader(TestModels.tinyModel()).model().layers();
        ModelGrowth.grow(TestModels.tinyModel(), grown, false, layers + 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded old = ModelCheckpoint.load(TestModels.tinyModel(), manager);
            ModelCheckpoint.Loaded deeper = ModelCheckpoint.load(grown, manager);
            NDList oldState = ModelCheckpoint.loadOptimizerState(old, manager);
            NDList newState = ModelCheckpoint.loadOptimizerState(deeper, manager);
            java.util.Map<String, String> grownPath = new java.util.HashMap<>();
            for (Pair<String, Parameter> p : deeper.network().getParameters()) {
                grownPath.put(ModelGrowth.withoutChildIndexes(p.getKey()), p.getKey());
            }
            int renamed = 0;
            for (NDArray before : oldState) {
                String parameter = TrainingState.parameterOf(before.getName());
                String now = grownPath.get(ModelGrowth.withoutChildIndexes(parameter));
                String after = now + before.getName().substring(parameter.length());
                assertTrue(before.contentEquals(moment(newState, after)), after + " does not hold " + before.getName());
                if (!now.equals(parameter)) {
                    renamed++;
                }
            }
            assertTrue(renamed >= 4, "finalNorm's and outputProjection's moments were not among the renamed: " + renamed);
            for (String block : List.of("finalNorm", "outputProjection")) {
                assertTrue(newState.stream().anyMatch(a -> ModelGrowth.withoutChildIndexes(a.getName())
                        .startsWith(block) && TrainingState.isMean(a.getName())), "no moments of " + block);
            }
            for (NDArray array : newState) {
                assertTrue(grownPath.containsValue(TrainingState.parameterOf(array.getName())),
                        array.getName() + " belongs to no parameter of the grown model");
            }
        }
    }

    private static NDArray embeddingTable(ModelCheckpoint.Loaded loaded) {
        return loaded.network().getParameters().get("tokenEmbedding").getArray();
    }

    private static NDArray moment(NDList state, String name) {
        return state.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void rescaledEmbeddingsComputeTheSameAndKeepAdamsStepsInProportion(@TempDir Path dir) throws IOException {
        Path rescaled = dir.resolve("rescaled");
        assertEquals(0, ModelGrowth.grow(TestModels.tinyModel(), rescaled, false, 0, 0.05f));
        assertEquals(someOutputs(TestModels.tinyModel()), someOutputs(rescaled));
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded old = ModelCheckpoint.load(TestModels.tinyModel(), manager);
            ModelCheckpoint.Loaded grown = ModelCheckpoint.load(rescaled, manager);
            NDArray before = embeddingTable(old);
            NDArray after = embeddingTable(grown);
            assertTrue(after.sub(before.mul(0.05f)).abs().max().getFloat() < 1e-6f, "the table was not scaled by 0.05");
            NDList oldState = ModelCheckpoint.loadOptimizerState(old, manager);
            NDList newState = ModelCheckpoint.loadOptimizerState(grown, manager);
            NDArray mean = moment(newState, TrainingState.meanName("tokenEmbedding"));
            NDArray variance = moment(newState, TrainingState.varianceName("tokenEmbedding"));
            // m / sqrt(v), the direction and size of Adam's step, is unchanged
            assertTrue(mean.sub(moment(oldState, TrainingState.meanName("tokenEmbedding")).mul(20f)).abs().max().getFloat()
                    <= 1e-4f * mean.abs().max().getFloat() + 1e-12f);
            assertTrue(variance.sub(moment(oldState, TrainingState.varianceName("tokenEmbedding")).mul(400f)).abs().max().getFloat()
                    <= 1e-4f * variance.abs().max().getFloat() + 1e-12f);
            NDArray other = oldState.stream().filter(m -> !m.getName().startsWith("tokenEmbedding#")).findFirst()
                    .orElseThrow();
            assertTrue(other.contentEquals(moment(newState, other.getName())), other.getName() + " changed");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelGrowth.grow(TestModels.tinyModel(), dir.resolve("bad"), false, 0, -1f));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    /** Trained weights kept beside an averaged model scale like the parameter; its moments inversely. */
    @Test
    void rescalingTheStateScalesTrainedWeightsWithTheParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList state = new NDList();
            for (String name : List.of(TrainingState.meanName("t"), TrainingState.varianceName("t"),
                    TrainingState.weightName("t"), TrainingState.weightName("other"))) {
                NDArray a = manager.ones(new ai.djl.ndarray.types.Shape(2));
                a.setName(name);
                state.add(a);
            }
            NDList scaled = TrainingState.forParameterScaled(state, "t"::equals, 0.5f);
            assertEquals(List.of(2f, 4f, 0.5f, 1f), scaled.stream().map(a -> a.getFloat(0)).toList());
            assertEquals(state.stream().map(NDArray::getName).toList(), scaled.stream().map(NDArray::getName).toList());
        }
    }

    @Test
    void refusesGrowthThatAddsNothing(@TempDir Path dir) throws IOException {
        int layers = ModelCheckpoint.readHeader(TestModels.tinyModel()).model().layers();
        IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class,
                () -> ModelGrowth.grow(TestModels.tinyModel(), dir.resolve("a"), false, layers));
        assertTrue(fewer.getMessage().contains("already has " + layers + " layers"), fewer.getMessage());
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> ModelGrowth.grow(TestModels.tinyModel(), dir.resolve("b"), false, 0));
        assertTrue(nothing.getMessage().contains("nothing to grow"), nothing.getMessage());
    }

    @Test
    void refusesAnOccupiedDirectoryAndAGrownModel(@TempDir Path dir) throws IOException {
        assertThrows(IOException.class, () -> ModelGrowth.addRelativePositions(TestModels.tinyModel(),
                TestModels.tinyModel()));
        Path grown = dir.resolve("grown");
        ModelGrowth.addRelativePositions(TestModels.tinyModel(), grown);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelGrowth.addRelativePositions(grown, dir.resolve("again")));
        assertTrue(e.getMessage().contains("already"), e.getMessage());
    }

    /**
     * Grown from the library (not only through {@code grow --out}) into a directory of the user's own files,
     * or one a training run is writing into, the model is refused with nothing there changed: the grown
     * model's vocab.txt and training-log.csv used to overwrite theirs.
     */
    @Test
    void refusesADirectoryOfOtherFilesOrARunningTraining(@TempDir Path dir) throws IOException {
        Path papers = Files.createDirectories(dir.resolve("papers"));
        Files.writeString(papers.resolve("notes.txt"), "my notes");
        Files.writeString(papers.resolve("vocab.txt"), "my word list");
        IOException foreign = assertThrows(IOException.class,
                () -> ModelGrowth.addRelativePositions(TestModels.tinyModel(), papers));
        assertEquals(papers + " holds files that are not a model's (notes.txt), which training could overwrite; give"
                + " a new or empty output directory (ModelGrowth.grow's target; nothing was changed)",
                foreign.getMessage());
        try (var files = Files.list(papers)) {
            assertEquals(2, files.count());
        }
        assertEquals("my word list", Files.readString(papers.resolve("vocab.txt")));

        Path training = Files.createDirectories(dir.resolve("training"));
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(
                training.resolve(ModelDirectory.TRAINING_LOCK), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var held = lock.lock()) {
            IOException running = assertThrows(IOException.class,
                    () -> ModelGrowth.addRelativePositions(TestModels.tinyModel(), training));
            assertTrue(running.getMessage().startsWith("another training run is writing into " + training),
                    running.getMessage());
        }
        try (var files = Files.list(training)) {
            assertEquals(1, files.count());
        }
    }

    /**
     * grow writes its target under the lock train holds there, so that a train --resume started on it while
     * grow writes is refused instead of writing between its files, and lets go of it without its name; a
     * running training's lock names the run in grow's refusal.
     */
    @Test
    void growsUnderTheTargetsLock(@TempDir Path dir) throws IOException {
        Path grown = dir.resolve("grown");
        ModelGrowth.addRelativePositions(TestModels.tinyModel(), grown);
        assertEquals("", Files.readString(grown.resolve(ModelDirectory.TRAINING_LOCK)));

        Path training = Files.createDirectories(dir.resolve("training"));
        try (ModelDirectory.Lock run = ModelDirectory.lock(training, "train --out", "give another output directory")) {
            IOException e = assertThrows(IOException.class,
                    () -> ModelGrowth.addRelativePositions(TestModels.tinyModel(), training));
            assertEquals("another command is writing into " + training + " (train --out, process "
                    + ProcessHandle.current().pid() + ", holds " + training.resolve(ModelDirectory.TRAINING_LOCK)
                    + "); wait for it to end or stop it, or give another output directory (nothing was changed)",
                    e.getMessage());
        }
    }

    @Test
    void aConfigWrittenBeforeRelativePositionsLoadsWithout(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        try (var files = Files.list(TestModels.tinyModel())) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        String json = Files.readString(config);
        String older = json.replaceAll(",\\s*\"relativePositions\" : false", "");
        assertFalse(older.contains("relativePositions"), "the test did not remove the field");
        Files.writeString(config, older);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertFalse(ModelCheckpoint.load(model, manager).network().config().relativePositions());
        }
    }
}
