package io.github.diffusionnlp.ar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.AutoregressiveLM;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.train.ArTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoregressiveModelTest {
    private static final Vocabulary VOCAB = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "a", "b", "c"));

    /** A 2-layer model with random weights. */
    private static CausalTransformer randomModel(NDManager m) {
        CausalTransformer network = new CausalTransformer(new ArConfig(VOCAB.size(), 16, 2, 2, 2, 12));
        ai.djl.engine.Engine.getInstance().setRandomSeed(3);
        network.initialize(m);
        // embeddings at std 0.1 and 0.5 instead of 0.02: distributions neither uniform nor one-hot
        network.getParameters().get("tokenEmbedding").getArray().muli(5f);
        network.getParameters().get("positionEmbedding").getArray().muli(25f);
        return network;
    }

    @Test
    void cachedAndUncachedSamplingGiveTheSameTokens() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArSampler sampler = new ArSampler(randomModel(m), m);
            int[][] prefixes = {{}, {2, 3}, {}, {4}, {2, 2, 2}};
            long[] seeds = {1, 2, 3, 4, 5};
            for (boolean stopAtEnd : new boolean[] {true, false}) {
                int[][] cached = sampler.sample(new ArSampler.Request(prefixes, seeds, 1.0, 9, stopAtEnd, true));
                int[][] uncached = sampler.sample(new ArSampler.Request(prefixes, seeds, 1.0, 9, stopAtEnd, false));
                for (int b = 0; b < prefixes.length; b++) {
                    assertArrayEquals(uncached[b], cached[b], "row " + b);
                    for (int i = 0; i < prefixes[b].length; i++) {
                        assertEquals(prefixes[b][i], cached[b][i], "prefix kept");
                    }
                    if (!stopAtEnd) {
                        assertEquals(Math.min(12, prefixes[b].length + 9), cached[b].length, "fixed length");
                    }
                }
            }
        }
    }

    @Test
    void aRowDependsOnItsSeedAloneAndNeverGetsUnknown() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArSampler sampler = new ArSampler(randomModel(m), m);
            int[][] alone = sampler.sample(new ArSampler.Request(new int[][] {{2}}, new long[] {7}, 1.0, 11, false, true));
            int[][] batch = sampler.sample(new ArSampler.Request(new int[][] {{3}, {2}, {}}, new long[] {1, 7, 9}, 1.0, 11,
                    false, true));
            assertArrayEquals(alone[0], batch[1]);
            for (int[] row : batch) {
                for (int id : row) {
                    assertNotEquals(Vocabulary.UNK_ID, id);
                    assertNotEquals(Vocabulary.PAD_ID, id);
                }
            }
            int[][] other = sampler.sample(new ArSampler.Request(new int[][] {{2}}, new long[] {8}, 1.0, 11, false, true));
            assertTrue(!java.util.Arrays.equals(alone[0], other[0]), "another seed, another sentence: "
                    + java.util.Arrays.toString(alone[0]) + " " + java.util.Arrays.toString(other[0]));
        }
    }

    /**
     * All weights zero but the output bias, set to ln p: every position predicts p whatever it reads,
     * so a sentence's NLL is −Σ ln p(w) − ln p(end), by hand.
     */
    @Test
    void nllOfAFixedDistributionIsComputedByHand(@TempDir Path dir) throws Exception {
        double[] p = {0.1, 0.0, 0.5, 0.25, 0.15}; // [PAD] (the end), [UNK], a, b, c
        try (NDManager m = NDManager.newBaseManager()) {
            CausalTransformer network = new CausalTransformer(new ArConfig(VOCAB.size(), 8, 1, 2, 2, 6));
            network.initialize(m);
            for (Pair<String, Parameter> param : network.getParameters()) {
                param.getValue().getArray().muli(0f);
            }
            float[] logP = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                logP[i] = (float) Math.log(Math.max(p[i], 1e-30));
            }
            network.getParameters().get("outputBias").getArray().set(logP);
            ArCheckpoint.save(dir, network, VOCAB, new TrainingInfo("hand", 0, 0, 0, 0, 0, 0, 0, 0, 0, null), null);
        }
        try (AutoregressiveLM lm = AutoregressiveLM.load(dir, null)) {
            List<AutoregressiveLM.Score> scores = lm.score(List.of(List.of("a", "b"), List.of("c"),
                    List.of("a", "a", "a", "a", "a", "c")));
            assertEquals(-Math.log(0.5) - Math.log(0.25) - Math.log(0.1), scores.get(0).nll(), 1e-5);
            assertEquals(3, scores.get(0).tokens());
            assertEquals(-Math.log(0.15) - Math.log(0.1), scores.get(1).nll(), 1e-5);
            // six words fill the model's length: the end is not predicted (it may be a cut window)
            assertEquals(-5 * Math.log(0.5) - Math.log(0.15), scores.get(2).nll(), 1e-5);
            assertEquals(6, scores.get(2).tokens());
            assertEquals((scores.get(0).nll() + scores.get(1).nll()) / 5,
                    AutoregressiveLM.perToken(scores.subList(0, 2)), 1e-9);
            assertThrows(IllegalArgumentException.class, () -> lm.score(List.of(List.of("a", "a", "a", "a", "a", "a", "a"))));
        }
    }

    /**
     * Garbage collections during training change nothing (the causal model's score scale goes through
     * {@link io.github.diffusionnlp.model.Scalars}); both runs on one thread
     * ({@link io.github.diffusionnlp.train.Reproducible}), so that only the collections differ.
     */
    @Test
    void garbageCollectionsDuringTrainingChangeNothing(@TempDir Path tmp) throws Exception {
        List<byte[]> weights = new java.util.ArrayList<>();
        for (boolean collecting : new boolean[] {false, true}) {
            Path dir = tmp.resolve(collecting ? "collected" : "quiet");
            TrainOptions options = TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000)
                    .maxLength(32).batchSize(16).steps(10).learningRate(3e-3).warmupSteps(5).seed(7)
                    .checkpointEvery(10).contextEmbeddings(false).build();
            java.util.concurrent.Callable<TrainingInfo> training = () -> io.github.diffusionnlp.train.Reproducible.run(
                    () -> new ArTrainer(options, null, new PrintStream(PrintStream.nullOutputStream())).run());
            if (collecting) {
                TestModels.underConstantGarbageCollection(training);
            } else {
                training.call();
            }
            weights.add(Files.readAllBytes(dir.resolve(ArCheckpoint.PARAMS)));
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(weights.get(0), weights.get(1));
    }

    @Test
    void trainsSavesResumesAndRefusesABrokenCheckpoint(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainOptions options = TrainOptions.builder(TestModels.devCorpus(), dir).dev(TestModels.devCorpus())
                .size("tiny").vocabSize(2000).maxLength(32).batchSize(16).steps(60).learningRate(3e-3).warmupSteps(5)
                .seed(7).checkpointEvery(30).contextEmbeddings(false).build();
        ArTrainer trainer = new ArTrainer(options, null, new PrintStream(log, true, StandardCharsets.UTF_8));
        TrainingInfo info = trainer.run();
        assertEquals(60, info.step());
        String text = log.toString(StandardCharsets.UTF_8);
        double first = Double.parseDouble(text.lines().filter(l -> l.startsWith("step 10/")).findFirst().orElseThrow()
                .split("\\s+")[3]);
        assertTrue(info.trainLoss() < first - 0.5, "loss falls: " + first + " -> " + info.trainLoss());
        assertTrue(Files.isRegularFile(dir.resolve("loss.png")));

        TrainOptions more = TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000)
                .maxLength(32).batchSize(16).steps(70).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(30)
                .resume(true).contextEmbeddings(false).build();
        assertEquals(70, new ArTrainer(more, null, new PrintStream(PrintStream.nullOutputStream())).run().step());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(70, new ArTrainer(more, null, new PrintStream(again, true, StandardCharsets.UTF_8)).run().step());
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("nothing to do: " + dir
                + " has already trained 70 of 70 steps"), again.toString(StandardCharsets.UTF_8));
        try (AutoregressiveLM lm = AutoregressiveLM.load(dir, null)) {
            List<List<String>> text2 = lm.generate(3, 1.0, 5);
            assertEquals(text2, lm.generate(3, 1.0, 5), "same seed, same sentences");
            assertEquals(3, text2.size());
        }
        Path params = dir.resolve(ArCheckpoint.PARAMS);
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> AutoregressiveLM.load(dir, null));
        assertTrue(e.getMessage().contains(ArCheckpoint.PARAMS) && e.getMessage().contains("truncated"), e.getMessage());
        // a shape larger than the weights is refused before the network is built (and its weights allocated)
        Files.write(params, bytes);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"layers\" : 2", "\"layers\" : 40"));
        InvalidModelException tooBig = assertThrows(InvalidModelException.class, () -> AutoregressiveLM.load(dir, null));
        assertTrue(tooBig.getMessage().contains("describes a network of at least"), tooBig.getMessage());
        Path diffusion = TestModels.tinyModel();
        InvalidModelException wrongKind = assertThrows(InvalidModelException.class,
                () -> AutoregressiveLM.load(diffusion, null));
        assertTrue(wrongKind.getMessage().contains("train-ar"), wrongKind.getMessage());
    }

    /**
     * train-ar resumed on another corpus and with another --steps says what train says: that the corpus
     * changed, what the learning rate does under the new plan, and that the kept vocabulary misses the
     * corpus (here: all but the full stop).
     */
    @Test
    void resumingOnAnotherCorpusAndStepCountSaysWhatTrainSays(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ar");
        new ArTrainer(TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000).maxLength(32)
                .batchSize(8).steps(10).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10)
                .contextEmbeddings(false).build(), null, new PrintStream(PrintStream.nullOutputStream())).run();
        Path other = Files.writeString(tmp.resolve("other.txt"), "Zyx qwv plorg ktz .\nPlorg zyx wum .\n".repeat(10));
        TrainOptions longer = TrainOptions.builder(other, dir).size("tiny").vocabSize(2000).maxLength(32).batchSize(8)
                .steps(20).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10).resume(true)
                .contextEmbeddings(false).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new ArTrainer(longer, null, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("note: resuming on " + other.toAbsolutePath() + ", not the corpus the checkpoint was"
                + " trained on (" + TestModels.devCorpus().toAbsolutePath().normalize() + ")"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "note: the checkpoint was planned for 10 steps"
                + " and this run for 20 steps; the learning rate follows the new plan's schedule: %.2e at step 11, where the"
                + " old plan had %.2e", longer.learningRateAt(11), 3e-4)), text);
        assertTrue(text.contains("covers only 22.2% of the corpus's tokens") && text.contains("train a new model"), text);
    }

    /**
     * train-ar resumed with a --size, --length or --vocab other than its checkpoint's says, as train does, that it
     * keeps the checkpoint's shape and vocabulary (it said nothing, and trained on in the old shape); a plain resume,
     * which says none of them, and a --size whose matched shape is the checkpoint's, draw no such note.
     */
    @Test
    void resumingWithAnotherShapeSaysTheShapeIsKeptAsTrainDoes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ar");
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        new ArTrainer(TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000).maxLength(32)
                .batchSize(8).steps(10).checkpointEvery(10).build(), null, quiet).run();
        String plain = arResumeLog(TrainOptions.builder(TestModels.devCorpus(), dir).steps(11).resume(true));
        assertFalse(plain.contains("keeps the checkpoint's shape"), plain);
        String sameSize = arResumeLog(TrainOptions.builder(TestModels.devCorpus(), dir).steps(12).resume(true)
                .size("tiny"));
        assertFalse(sameSize.contains("keeps the checkpoint's shape"), sameSize);

        String asked = arResumeLog(TrainOptions.builder(TestModels.devCorpus(), dir).steps(13).resume(true)
                .size("small").maxLength(64).vocabSize(500));
        assertTrue(asked.contains("note: resuming keeps the checkpoint's shape (2 layers, width 64, 2 heads, 32"
                + " positions) and vocabulary (") && asked.contains(" words), not size(\"small\"), maxLength(64),"
                + " vocabSize(500)'s; size(...), maxLength(...) and vocabSize(...) shape new models only"), asked);
    }

    private static String arResumeLog(TrainOptions.Builder options) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new ArTrainer(options.build(), null, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        return log.toString(StandardCharsets.UTF_8);
    }

    /**
     * train-ar, as train, refuses a corpus or a dev split without a sentence (an empty dev split trained on
     * without a dev loss, where train refused it).
     */
    @Test
    void aCorpusOrDevSplitWithoutSentencesIsRefused(@TempDir Path tmp) throws Exception {
        Path comments = Files.writeString(tmp.resolve("comments.txt"), "# only\n\n# comments\n");
        Path corpus = Files.writeString(tmp.resolve("c.txt"), "The day was long .\n");
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> new ArTrainer(
                TrainOptions.builder(comments, tmp.resolve("ar")).size("tiny").vocabSize(2000).maxLength(32).batchSize(8)
                        .steps(1).learningRate(3e-3).warmupSteps(1).seed(7).checkpointEvery(10).contextEmbeddings(false)
                        .build(), null, quiet).run());
        assertTrue(e.getMessage().startsWith(comments + " holds no sentences"), e.getMessage());
        e = assertThrows(java.io.IOException.class, () -> new ArTrainer(TrainOptions.builder(corpus, tmp.resolve("ar2"))
                .dev(comments).size("tiny").vocabSize(2000).maxLength(32).batchSize(8).steps(1).learningRate(3e-3)
                .warmupSteps(1).seed(7).checkpointEvery(10).contextEmbeddings(false).build(), null, quiet).run());
        assertTrue(e.getMessage().startsWith(comments + " (the dev split) holds no sentences"), e.getMessage());
    }

    /** train-ar, as train, says that sentences longer than the model's rows are cut (it said nothing). */
    @Test
    void sentencesLongerThanTheRowsAreSaidToBeCut(@TempDir Path tmp) throws Exception {
        String longSentence = String.join(" ", java.util.Collections.nCopies(40, "word")) + " .\n";
        Path corpus = Files.writeString(tmp.resolve("long.txt"), "The day was long .\n".repeat(5) + longSentence);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new ArTrainer(TrainOptions.builder(corpus, tmp.resolve("ar")).size("tiny").vocabSize(2000).maxLength(32)
                .batchSize(8).steps(1).learningRate(3e-3).warmupSteps(1).seed(7).checkpointEvery(10)
                .contextEmbeddings(false).build(), null, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("note: 1 sentence longer than the model's 32 positions is cut into several rows"),
                text);
    }

    /**
     * A vocabulary taken with --vocab-from that misses the corpus draws the warning, and advice that fits it:
     * --vocab sizes only a vocabulary built from the corpus, so telling the user to raise it would change
     * nothing.
     */
    @Test
    void aBorrowedVocabularyThatMissesTheCorpusIsNotToldToGrowVocab(@TempDir Path tmp) throws Exception {
        Path corpus = Files.writeString(tmp.resolve("other.txt"), "Zyx qwv plorg ktz .\nPlorg zyx wum .\n".repeat(10));
        Path vocabFrom = Files.createDirectories(tmp.resolve("other-model")); // a model of other words: only its vocabulary is read
        Vocabulary.build(List.of(List.of("The", "day", "was", "long", ".")), 100).save(vocabFrom.resolve("vocab.txt"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new ArTrainer(TrainOptions.builder(corpus, tmp.resolve("ar")).size("tiny").vocabSize(2000).maxLength(32)
                .batchSize(8).steps(1).learningRate(3e-3).warmupSteps(1).seed(7).checkpointEvery(10)
                .contextEmbeddings(false).build(), vocabFrom, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("covers only 22.2% of the corpus's tokens"), text);
        assertTrue(!text.contains("vocabSize("), text);
        // a library run: named as ArTrainer takes it, not as train-ar's --vocab-from
        assertTrue(text.contains("The vocabulary of " + vocabFrom + " (ArTrainer's vocabularyFrom) comes from the"
                + " corpus that model was trained on: train on that corpus, or leave out ArTrainer's vocabularyFrom to"
                + " build the vocabulary from this one"), text);
    }

    @Test
    void matchedConfigHasTheDiffusionModelsShapeAndParameterCount() {
        ArConfig c = ArTrainer.matchingConfig("small", 12000, 64);
        assertEquals(256, c.dim());
        assertEquals(4, c.layers());
        assertEquals(12000, c.vocabSize());
        assertEquals(7_354_848, c.parameters(), 0.05 * 7_354_848); // the shipped diffusion model's count
        try (NDManager m = NDManager.newBaseManager()) {
            CausalTransformer network = new CausalTransformer(c);
            network.initialize(m);
            long counted = 0;
            for (Pair<String, Parameter> p : network.getParameters()) {
                counted += p.getValue().getArray().size();
            }
            assertEquals(c.parameters(), counted);
        }
    }
}
