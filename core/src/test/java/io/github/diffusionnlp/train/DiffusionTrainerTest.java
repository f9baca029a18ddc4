package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffusionTrainerTest {
    /** Holds {@link #tenStepModel()}, trained once for the class. */
    @TempDir
    static Path shared;

    private static Path tenSteps;

    /**
     * {@code TestModels.train(dir, 10, false)}'s model, trained once for the class: at the tiny model's size a run
     * repeats bit for bit ({@link #aRunKilledAfterACheckpointAndResumedMatchesAnUnbrokenOne}), so a copy of it is
     * what training it again in each test gave. Never changed: tests change their {@link #copyOfTenStepModel}.
     */
    private static synchronized Path tenStepModel() throws IOException {
        if (tenSteps == null) {
            Path dir = shared.resolve("ten-steps");
            TestModels.train(dir, 10, false);
            tenSteps = dir;
        }
        return tenSteps;
    }

    /** A copy of {@link #tenStepModel()}'s files in {@code dir}, as training it there for 10 steps writes them. */
    private static void copyOfTenStepModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(tenStepModel())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    /** Asserts that two networks' weights are the same, bit for bit. */
    static void assertSameWeights(List<NDArray> expected, List<NDArray> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(expected.get(k).toFloatArray(), actual.get(k).toFloatArray(), what + ", array " + k);
        }
    }

    static List<NDArray> arrays(PairList<String, Parameter> params) {
        return params.values().stream().map(Parameter::getArray).toList();
    }

    @Test
    void lossFallsAndLogsAndPlotsAreWritten() throws Exception {
        Path dir = TestModels.tinyModel();
        List<String> log = Files.readAllLines(dir.resolve("training-log.csv"), StandardCharsets.UTF_8);
        double first = Double.parseDouble(log.get(1).split(",")[2]);
        double last = Double.parseDouble(log.get(log.size() - 1).split(",")[2]);
        assertTrue(last < first, "loss should fall: " + first + " -> " + last);
        assertTrue(Files.size(dir.resolve("loss.png")) > 1000);
        assertTrue(Files.size(dir.resolve("warp.png")) > 1000);
    }

    /**
     * The last row of training-log.csv holds the dev loss the checkpoint records: the last step's was measured after
     * the row was written, so the row (and the "step N/N" line) showed the one of 250 steps before, or none. The
     * run also says how much of its corpus the English sentiment lexicon rates (Brown's dev split: 5.2%).
     */
    @Test
    void theLastRowHoldsTheDevLossTheCheckpointRecords(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        TrainingInfo info = new DiffusionTrainer(TestModels.tinyRun(dir, 12, false, TestModels.devCorpus(), 0),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        List<String> rows = Files.readAllLines(dir.resolve("training-log.csv"), StandardCharsets.UTF_8);
        String[] last = rows.get(rows.size() - 1).split(",");
        assertEquals("12", last[0]);
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f", info.devLoss()), last[3]);
        assertEquals("NaN", rows.get(1).split(",")[3], "step 10 measured nothing: " + rows);
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("sentiment labels: the AFINN-165 lexicon, which is English, rates 5.2% of the"
                + " corpus's tokens (English text: about 4.7%)"), said);
        assertFalse(said.contains("not English") || said.contains("untokenised"), said);
    }

    /**
     * A library run's note names the builder's method that gives the warm-up: it named train's --warmup, which a
     * caller of {@code TrainOptions.builder} has not got.
     */
    @Test
    void aWarmupNotShorterThanTheRunIsNotedNamingTheBuildersMethod(@TempDir Path tmp) throws Exception {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        new DiffusionTrainer(TestModels.tinyRun(tmp.resolve("model"), 3, false, null, 0),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("note: the warm-up (5 steps) is not shorter than the run (3 steps), so the learning"
                + " rate never reaches 0.003; give a shorter warmupSteps(...)"), said);
        assertFalse(said.contains("--"), "no option of train's is named: " + said);
    }

    /** A run of one step is "1 step" in the note, as in train's done: line: it said "the run (1 steps)". */
    @Test
    void aOneStepRunIsNotedInTheSingular(@TempDir Path tmp) throws Exception {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        new DiffusionTrainer(TestModels.tinyRun(tmp.resolve("model"), 1, false, null, 0),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("note: the warm-up (5 steps) is not shorter than the run (1 step), so the learning"
                + " rate never reaches 0.003"), said);
    }

    @Test
    void aModelIsNeverTrainedOverWithoutResume(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        copyOfTenStepModel(dir);
        Map<String, byte[]> before = new java.util.TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                before.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        IOException e = assertThrows(IOException.class, () -> TestModels.train(dir, 10, false));
        // a library run, named as the builder gives it (it said train's --resume, which no library user has)
        assertEquals(dir + " already holds a model; give resume(true) to go on training it, or another output directory"
                + " (nothing was changed)", e.getMessage());
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertArrayEquals(before.get(f.getFileName().toString()), Files.readAllBytes(f), f.toString());
            }
        }
        // the corpus is named absolutely, so that using the model from another directory finds the same file
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(TestModels.devCorpus().toAbsolutePath().normalize().toString(),
                    ModelCheckpoint.load(dir, m).header().training().corpus());
        }
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        e = assertThrows(IOException.class, () -> TestModels.train(file, 10, false));
        assertTrue(e.getMessage().startsWith("the output " + file + " is a file"), e.getMessage());
    }

    @Test
    void resumeContinuesFromTheSavedStepWithItsOptimizerState(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        copyOfTenStepModel(dir);
        assertTrue(Files.size(dir.resolve(ModelCheckpoint.OPTIMIZER)) > 0);
        float[] atTen;
        try (NDManager m = NDManager.newBaseManager()) {
            atTen = ModelCheckpoint.load(dir, m).network().getParameters().get(0).getValue().getArray().toFloatArray();
        }
        TestModels.train(dir, 20, true);
        List<String> log = Files.readAllLines(dir.resolve("training-log.csv"), StandardCharsets.UTF_8);
        assertEquals("step,lr,train_loss,dev_loss,seconds", log.get(0));
        assertEquals(List.of("10", "20"), log.subList(1, log.size()).stream().map(l -> l.split(",")[0]).toList());
        try (NDManager m = NDManager.newBaseManager()) {
            var resumed = ModelCheckpoint.load(dir, m);
            TrainingInfo info = resumed.header().training();
            assertEquals(20, info.step());
            float[] atTwenty = resumed.network().getParameters().get(0).getValue().getArray().toFloatArray();
            assertFalse(java.util.Arrays.equals(atTen, atTwenty), "resumed run did not train");
        }
        // asking for steps already done trains nothing and says so
        TestModels.train(dir, 20, true);
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(20, ModelCheckpoint.readHeader(dir).training().step());
        }
    }

    /**
     * A run killed right after a checkpoint (here: its log throws once the step-10 checkpoint is
     * written) and resumed ends with the weights of a run never stopped, bit for bit: at the tiny
     * model's size PyTorch's CPU kernels are deterministic (at real sizes they are not: README,
     * Limitations), so any difference is state the checkpoint lost.
     */
    @Test
    void aRunKilledAfterACheckpointAndResumedMatchesAnUnbrokenOne(@TempDir Path tmp) throws Exception {
        Path killed = tmp.resolve("killed");
        Path unbroken = TestModels.tinyModel(); // TestModels.train(dir, 20, false)'s model, shared by the run
        TrainOptions plan = TestModels.tinyRun(killed, 20, false, null, 0); // TestModels.train's plan
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new DiffusionTrainer(plan, TestModels.logKillingAfter("(step 10)")).run());
        assertEquals(10, ModelCheckpoint.readHeader(killed).training().step());
        TestModels.train(killed, 20, true);
        try (NDManager m = NDManager.newBaseManager()) {
            assertSameWeights(arrays(ModelCheckpoint.load(unbroken, m).network().getParameters()),
                    arrays(ModelCheckpoint.load(killed, m).network().getParameters()), "resumed against unbroken");
        }
    }

    /**
     * Garbage collections during training (here: one every few milliseconds, on another thread) leave
     * the weights bit for bit as they are without: DJL's products with a number once left backward
     * reading memory a collection had freed ({@link io.github.diffusionnlp.model.Scalars}). The run
     * takes every path a step can: word embeddings from contexts, relative positions,
     * self-conditioning, a weight average and its validation pass at a checkpoint.
     */
    @Test
    void garbageCollectionsDuringTrainingChangeNothing(@TempDir Path tmp) throws Exception {
        Path quiet = tmp.resolve("quiet");
        Path collected = tmp.resolve("collected");
        java.util.function.Function<Path, TrainOptions> plan = dir -> TrainOptions.builder(TestModels.devCorpus(), dir)
                .dev(TestModels.devCorpus()).size("tiny").vocabSize(2000).maxLength(32).batchSize(8).steps(12)
                .learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10).relativePositions(true)
                .averageDecay(0.9).build();
        PrintStream quietLog = new PrintStream(PrintStream.nullOutputStream());
        new DiffusionTrainer(plan.apply(quiet), quietLog).run();
        TestModels.underConstantGarbageCollection(() -> new DiffusionTrainer(plan.apply(collected), quietLog).run());
        try (NDManager m = NDManager.newBaseManager()) {
            assertSameWeights(arrays(ModelCheckpoint.load(quiet, m).network().getParameters()),
                    arrays(ModelCheckpoint.load(collected, m).network().getParameters()), "with collections against without");
        }
    }

    /**
     * {@link Reproducible}: two runs on a batch large enough for PyTorch to split its sums between
     * threads (64 rows; on two threads, runs of this plan part by rounding within ten steps) end
     * bit for bit alike, and the thread count is put back.
     */
    @Test
    void reproducibleRunsOfARealBatchAgreeBitForBit(@TempDir Path tmp) throws Exception {
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads the native library
        int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        List<List<NDArray>> weights = new java.util.ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (String run : List.of("first", "second")) {
                Path dir = tmp.resolve(run);
                Reproducible.run(() -> new DiffusionTrainer(TrainOptions.builder(TestModels.devCorpus(), dir)
                        .size("tiny").vocabSize(2000).maxLength(32).batchSize(64).steps(10).learningRate(3e-3)
                        .warmupSteps(5).seed(7).checkpointEvery(10).contextEmbeddings(false).build(),
                        new PrintStream(PrintStream.nullOutputStream())).run());
                weights.add(arrays(ModelCheckpoint.load(dir, m).network().getParameters()));
            }
            assertSameWeights(weights.get(0), weights.get(1), "two reproducible runs");
        }
        assertEquals(threads, ai.djl.pytorch.jni.JniUtils.getNumThreads(), "thread count put back");
    }

    /**
     * Resuming on another corpus keeps the checkpoint's vocabulary: the run says so, and warns when that
     * vocabulary misses most of the new corpus (here: most words but the full stop), which would train a model
     * of [UNK]s.
     */
    @Test
    void resumingOnAnotherCorpusSaysSoAndWarnsOfAVocabularyThatMissesIt(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        copyOfTenStepModel(dir);
        Path other = Files.writeString(tmp.resolve("other.txt"), "Zyx qwv plorg ktz .\nPlorg zyx wum .\n".repeat(10));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        new DiffusionTrainer(TrainOptions.builder(other, dir).size("tiny").vocabSize(2000).maxLength(32).batchSize(8)
                .steps(20).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10).resume(true)
                .contextEmbeddings(false).build(),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("note: resuming on " + other.toAbsolutePath() + ", not the corpus the checkpoint was"
                + " trained on (" + TestModels.devCorpus().toAbsolutePath().normalize() + ")"), text);
        assertTrue(text.contains("covers only 22.2% of the corpus's tokens") && text.contains("train a new model"), text);
    }

    /**
     * A resumed run that plans more steps than its checkpoint did follows the new plan's learning-rate
     * curve, which here (10 steps done of 10, now 20) raises the rate from the old plan's end: it says so.
     */
    @Test
    void resumingWithAnotherStepCountSaysWhatTheLearningRateDoes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        copyOfTenStepModel(dir);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        TrainOptions longer = TestModels.tinyRun(dir, 20, true, null, 0);
        new DiffusionTrainer(longer, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String expected = String.format(java.util.Locale.ROOT, "note: the checkpoint was planned for 10 steps and this"
                + " run for 20 steps; the learning rate follows the new plan's schedule: %.2e at step 11, where the old plan"
                + " had %.2e", longer.learningRateAt(11), 3e-4);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(expected), log.toString(StandardCharsets.UTF_8));
    }

    /**
     * A plain {@code train --resume} asks for no shape: the defaults it carries (size small, 64 positions) are
     * not a request for another one, so it draws no note that the checkpoint's shape is kept (it did on a tiny
     * model, dumping {@code ModelConfig[vocabSize=...]}); a size that was asked for and differs is named, and the
     * kept shape said in words.
     */
    @Test
    void resumingSaysTheShapeIsKeptOnlyWhenAnotherWasAskedFor(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        copyOfTenStepModel(dir); // tiny, 32 positions
        String plain = resumeLog(TrainOptions.builder(TestModels.devCorpus(), dir).batchSize(8).steps(11).resume(true));
        assertFalse(plain.contains("keeps the checkpoint's shape"), plain);

        String asked = resumeLog(TrainOptions.builder(TestModels.devCorpus(), dir).batchSize(8).steps(12).resume(true)
                .size("base"));
        assertTrue(asked.contains("note: resuming keeps the checkpoint's shape (2 layers, width 64, 2 heads, 32"
                + " positions) and vocabulary (") && asked.contains(" words), not size(\"base\")'s;"), asked);
        assertFalse(asked.contains("ModelConfig["), asked);

        // a --vocab said on resume is said to be kept to the checkpoint's vocabulary, as README says (it was not)
        String vocab = resumeLog(TrainOptions.builder(TestModels.devCorpus(), dir).batchSize(8).steps(13).resume(true)
                .vocabSize(500));
        assertTrue(vocab.contains("words), not vocabSize(500)'s; size(...), maxLength(...), vocabSize(...) and"
                + " relativePositions(...) shape new models only"), vocab);
    }

    private static String resumeLog(TrainOptions.Builder options) throws Exception {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        new DiffusionTrainer(options.build(), new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        return log.toString(StandardCharsets.UTF_8);
    }

    /**
     * A finished plan extended by a step or two stays at the end of both curves: the note said "1.00e-04 at
     * step 401, where the old plan had 1.00e-04", a change of nothing. It is left out when the rates agree.
     */
    @Test
    void aScheduleChangeThatLeavesTheRateAsItWasIsNotNoted(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        copyOfTenStepModel(dir);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        new DiffusionTrainer(TestModels.tinyRun(dir, 11, true, null, 0),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("the learning rate follows the new plan's"),
                log.toString(StandardCharsets.UTF_8));
    }

    /** A model saved without its optimizer moments (as the shipped one) resumes with fresh ones and trains on. */
    @Test
    void resumeWithoutOptimizerMomentsStartsThemAfresh(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        copyOfTenStepModel(dir);
        Files.delete(dir.resolve(ModelCheckpoint.OPTIMIZER));
        float[] atTen;
        try (NDManager m = NDManager.newBaseManager()) {
            atTen = ModelCheckpoint.load(dir, m).network().getParameters().get(0).getValue().getArray().toFloatArray();
        }
        TestModels.train(dir, 20, true);
        assertTrue(Files.size(dir.resolve(ModelCheckpoint.OPTIMIZER)) > 0, "moments saved again");
        try (NDManager m = NDManager.newBaseManager()) {
            var resumed = ModelCheckpoint.load(dir, m);
            assertEquals(20, resumed.header().training().step());
            float[] atTwenty = resumed.network().getParameters().get(0).getValue().getArray().toFloatArray();
            assertFalse(java.util.Arrays.equals(atTen, atTwenty), "resumed run did not train");
            for (int i = 0; i < atTwenty.length; i++) {
                assertTrue(Float.isFinite(atTwenty[i]));
            }
        }
    }

    /**
     * The word embeddings must learn, not stay the random codes they start as: the network reads them
     * normalised, so their raw scale sets how fast Adam turns them (DiffusionTransformer.EMBEDDING_INIT).
     * Measured on this run: mean cosine between a row at step 1 and at step 40 0.949 at the scale 0.05,
     * 0.9998 at the old scale 1.
     */
    @Test
    void wordEmbeddingsTurnAsTrainingRuns(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        TestModels.train(dir, 1, false);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray start = frequentWords(dir, m);
            TestModels.train(dir, 40, true);
            NDArray end = frequentWords(dir, m);
            // rows of norm sqrt(d): their dot product over d is the cosine
            NDArray cosines = start.mul(end).sum(new int[] {1}).div(end.getShape().get(1));
            float mean = cosines.mean().getFloat();
            assertTrue(mean < 0.98f, "the 50 most frequent words' embeddings kept their direction: mean cosine " + mean);
        }
    }

    /** Normalised embeddings (rows of norm sqrt(d)) of word ids 2..51, the most frequent words. */
    private static NDArray frequentWords(Path dir, NDManager m) throws java.io.IOException {
        ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(dir, m);
        return loaded.network().embeddings(new ParameterStore(m, false), m.getDevice(), false).get("2:52");
    }

    /**
     * A new model asked for context embeddings starts with ContextEmbeddings' table (one step later
     * still close to it) and with relative positions when asked; a random table is unrelated to it.
     */
    @Test
    void newModelsCanStartFromCorpusContextsAndRelativePositions(@TempDir Path tmp) throws Exception {
        Path withContexts = tmp.resolve("contexts");
        Path plain = tmp.resolve("plain");
        for (Path dir : List.of(withContexts, plain)) {
            boolean asked = dir == withContexts;
            new DiffusionTrainer(TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000)
                    .maxLength(32).batchSize(8).steps(1).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10)
                    .contextEmbeddings(asked).relativePositions(asked).build(),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(withContexts, m);
            assertTrue(loaded.network().config().relativePositions());
            assertFalse(ModelCheckpoint.load(plain, m).network().config().relativePositions());
            var vocab = loaded.vocabulary();
            int dim = loaded.network().config().dim();
            float[] expected = io.github.diffusionnlp.model.ContextEmbeddings.of(
                    io.github.diffusionnlp.corpus.TaggedCorpus.read(TestModels.devCorpus()).stream()
                            .map(s -> s.words().stream().mapToInt(vocab::id).toArray()).toList(),
                    vocab.size(), dim, 1f, 7);
            NDArray table = m.create(expected).reshape(vocab.size(), dim).get("2:52");
            NDArray normed = table.div(table.norm(new int[] {1}, true)).mul((float) Math.sqrt(dim));
            float withTable = normed.mul(frequentWords(withContexts, m)).sum(new int[] {1}).div(dim).mean().getFloat();
            float withRandom = normed.mul(frequentWords(plain, m)).sum(new int[] {1}).div(dim).mean().getFloat();
            assertTrue(withTable > 0.95f && Math.abs(withRandom) < 0.1f, withTable + " vs " + withRandom);
        }
    }

    @Test
    void scheduleWarmsUpThenDecaysToATenth() {
        TrainOptions o = TrainOptions.builder(Path.of("c"), Path.of("o")).size("tiny").vocabSize(100).maxLength(8)
                .batchSize(4).steps(1000).learningRate(1e-3).warmupSteps(100).seed(1).checkpointEvery(100)
                .contextEmbeddings(false).build();
        assertEquals(1e-5, o.learningRateAt(1), 1e-9);
        assertEquals(1e-3, o.learningRateAt(100), 1e-9);
        assertTrue(o.learningRateAt(500) < 1e-3 && o.learningRateAt(500) > 1e-4);
        assertEquals(1e-4, o.learningRateAt(1000), 1e-9);
    }

    /**
     * A UD treebank end to end (gzipped CoNLL-U with a byte-order mark, CRLF, comments holding tabs, a
     * multiword token, an empty node, a FORM with a space, a sentence longer than the rows): the model's
     * words are the text's words (the multiword token as written, MultiwordTokensTest) split on whitespace,
     * and the cut sentence is said.
     */
    @Test
    void aTreebankTrainsOnItsWhitespaceTextWords(@TempDir Path tmp) throws Exception {
        StringBuilder ud = new StringBuilder("\uFEFF# sent_id = 1\r\n# text = Don't go\tnow\r\n"
                + "1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\r\n1\tDo\tdo\tAUX\t_\t_\t3\taux\t_\t_\r\n"
                + "2\tn't\tnot\tPART\t_\t_\t3\tadvmod\t_\t_\r\n3\tgo\tgo\tVERB\t_\t_\t0\troot\t_\t_\r\n"
                + "3.1\tgone\tgo\tVERB\t_\t_\t_\t_\t3:conj\t_\r\n4\thọc sinh\t_\tNOUN\t_\t_\t3\tobj\t_\t_\r\n\r\n");
        for (int i = 1; i <= 40; i++) {
            ud.append(i).append("\tword\tword\tNOUN\t_\t_\t0\tdep\t_\t_\n");
        }
        Path corpus = tmp.resolve("ud.conllu.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(corpus))) {
            out.write(ud.toString().getBytes(StandardCharsets.UTF_8));
        }
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        Path dir = tmp.resolve("model");
        new DiffusionTrainer(TrainOptions.builder(corpus, dir).size("tiny").vocabSize(2000).maxLength(32).batchSize(8)
                .steps(1).learningRate(3e-3).warmupSteps(1).seed(7).checkpointEvery(10).contextEmbeddings(false)
                .build(),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertEquals(java.util.Set.of("[PAD]", "[UNK]", "Don't", "go", "học", "sinh", "word"),
                java.util.Set.copyOf(Files.readAllLines(dir.resolve("vocab.txt"))));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("note: 1 sentence longer than the model's 32 positions is cut into several rows"),
                text);
    }
}
