package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpTool;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import opennlp.tools.postag.POSSample;
import opennlp.tools.util.ObjectStream;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training in OpenNLP's manner: {@link DiffusionModel#train} and the {@code Train} tool. */
class TrainingTest {
    private static final SamplingOptions FEW_STEPS = SamplingOptions.builder().steps(2).build();

    @TempDir
    Path tmp;

    /** 200 Brown dev sentences as UPOS-tagged samples, and one sentence tagged with Penn Treebank tags. */
    private static List<POSSample> samples() throws IOException {
        List<POSSample> samples = new ArrayList<>();
        for (TaggedSentence s : TaggedCorpus.read(TestModels.devCorpus()).subList(0, 200)) {
            samples.add(new POSSample(s.words().toArray(String[]::new), s.tags().stream().map(Upos::name).toArray(String[]::new)));
        }
        samples.add(new POSSample(new String[] {"The", "jury", "was", "late", "."},
                new String[] {"DT", "NN", "VBD", "JJ", "."}));
        return samples;
    }

    private static TrainingParameters tiny(Path checkpoints) {
        TrainingParameters p = new TrainingParameters();
        p.put(TrainingParameters.ITERATIONS_PARAM, 3);
        p.put("Size", "tiny");
        p.put("BatchSize", 8);
        p.put("MaxLength", 32);
        p.put("VocabSize", 600);
        if (checkpoints != null) {
            p.put("CheckpointDir", checkpoints.toString());
        }
        return p;
    }

    @Test
    void trainsFromTaggedSamplesAndPackages() throws IOException {
        Path checkpoints = tmp.resolve("run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path bin = tmp.resolve("tiny.bin");
        TrainingParameters params = tiny(checkpoints);
        params.put("WarmupSteps", 3); // as long as the run, which is noted
        try (DiffusionModel model = DiffusionModel.train("en", ObjectStreamUtils.createObjectStream(samples()),
                params, new DiffusionToolFactory(), new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertEquals(600, model.getInfo().config().vocabSize());
            assertEquals(3, model.getInfo().training().step());
            model.serialize(bin);
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("step 3/3"), log.toString(StandardCharsets.UTF_8));
        // the new CheckpointDir is said to start a new model without naming core's --resume, an option this API lacks
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("note: " + checkpoints + " holds no checkpoint to"
                + " resume from yet, so a new model starts there"), log.toString(StandardCharsets.UTF_8));
        // the note names the parameter that gives the warm-up, not core's train --warmup
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("note: the warm-up (3 steps) is not shorter than the"
                + " run (3 steps), so the learning rate never reaches 0.001; give a shorter WarmupSteps"),
                log.toString(StandardCharsets.UTF_8));
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("--"), log.toString(StandardCharsets.UTF_8));
        for (String kept : List.of("config.json", "training-log.csv", "loss.png", "training-samples.conllu.gz")) {
            assertTrue(Files.isRegularFile(checkpoints.resolve(kept)), kept);
        }
        // Penn Treebank tags were read as UPOS: was is AUX (a form of be), the rest by tag
        List<TaggedSentence> written = TaggedCorpus.read(checkpoints.resolve("training-samples.conllu.gz"));
        assertEquals(List.of(Upos.DET, Upos.NOUN, Upos.AUX, Upos.ADJ, Upos.PUNCT), written.get(200).tags());
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            String[] filled = new InfillerME(packaged, FEW_STEPS).infill(new String[] {"The", "[MASK]", "was", "late", "."});
            assertEquals(5, filled.length);
            assertNotEquals("[MASK]", filled[1]);
        }
    }

    /** The words of {@link #samples()}, untagged: what a tokenizer gives of plain text. */
    private static List<String[]> untaggedSentences() throws IOException {
        return samples().stream().map(POSSample::getSentence).toList();
    }

    /**
     * trainUntagged trains on the tokens alone, through the tagged path's trainer: every word X, so the model records
     * it was trained without tags, infills, and refuses a POS template saying why; other constraints still work.
     */
    @Test
    void trainsFromUntaggedSentencesAModelThatInfillsAndRefusesTemplates() throws IOException {
        Path checkpoints = tmp.resolve("untagged-run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path bin = tmp.resolve("untagged.bin");
        List<String[]> sentences = new ArrayList<>(untaggedSentences());
        sentences.add(new String[0]); // skipped, as a blank line of plain text is
        try (DiffusionModel model = DiffusionModel.trainUntagged("en", ObjectStreamUtils.createObjectStream(sentences),
                tiny(checkpoints), new DiffusionToolFactory(), new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertEquals(3, model.getInfo().training().step());
            assertTrue(model.getInfo().training().untagged(), "the training record says the corpus had no tags");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GeneratorME(model, FEW_STEPS, ConstraintSpec.NONE.withTemplate("DET", "NOUN", "PUNCT")));
            assertTrue(e.getMessage().contains("was trained without UPOS tags (its tag-lexicon.tsv holds only X), so it"
                    + " cannot follow a POS template"), e.getMessage());
            model.serialize(bin);
        }
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("step 3/3"), said);
        assertTrue(said.contains("note: the corpus carries no UPOS tags"), said);
        List<TaggedSentence> written = TaggedCorpus.read(checkpoints.resolve(ModelTraining.CORPUS_FILE));
        assertEquals(201, written.size());
        assertEquals(List.of("The", "jury", "was", "late", "."), written.get(200).words());
        assertTrue(TaggedCorpus.untagged(written), "every word X");
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            String[] filled = new InfillerME(packaged, FEW_STEPS).infill(new String[] {"The", "[MASK]", "was", "late", "."});
            assertEquals(5, filled.length);
            assertNotEquals("[MASK]", filled[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RewriterME(packaged,
                    FEW_STEPS, 0.5, KeepSpec.NONE, ConstraintSpec.NONE.parseTemplate("DET NOUN VERB ADJ PUNCT")));
            assertEquals("model package " + bin.toAbsolutePath().normalize() + " was trained without UPOS tags (its"
                    + " tag-lexicon.tsv holds only X), so it cannot follow a POS template; retrain it on tagged sentences: Train -format tagged on word_TAG"
                    + " lines (The_DET jury_NOUN said_VERB ._PUNCT), or DiffusionModel.train on POSSamples", e.getMessage());
            String[] five = {"The", "[MASK]", "was", "late", "."};
            // refused when the infiller is made, as a generator or rewriter is, in OpenNLP's terms
            e = assertThrows(IllegalArgumentException.class, () -> new InfillerME(packaged, FEW_STEPS,
                    ConstraintSpec.NONE.parseTemplate("DET NOUN AUX ADJ PUNCT")));
            assertTrue(e.getMessage().endsWith("cannot follow a POS template; retrain it on tagged sentences: Train"
                    + " -format tagged on word_TAG lines (The_DET jury_NOUN said_VERB ._PUNCT), or DiffusionModel.train"
                    + " on POSSamples"), e.getMessage());
            assertEquals(5, new InfillerME(packaged, FEW_STEPS).infill(five).length);
            // a sentiment is no template: it is followed
            assertEquals(2, new GeneratorME(packaged, FEW_STEPS, ConstraintSpec.NONE.withSentiment("positive"))
                    .generate(2, 4).length);
        }
    }

    /** trainUntagged checks its parameters before it reads a sentence, as train does, and names a null token. */
    @Test
    void untaggedTrainingRefusesBadParametersFirstAndANullToken() {
        ObjectStream<String[]> untouchable = () -> {
            throw new AssertionError("sentences read before the parameters were checked");
        };
        TrainingParameters typo = tiny(null);
        typo.put("Iteratons", 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiffusionModel.trainUntagged(
                "en", untouchable, typo, new DiffusionToolFactory(), System.err));
        assertTrue(e.getMessage().startsWith("unknown training parameter 'Iteratons'; did you mean Iterations?"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiffusionModel.trainUntagged("en",
                ObjectStreamUtils.createObjectStream(new String[] {"A", "cat", "."}, new String[] {"The", null}),
                tiny(null), new DiffusionToolFactory(), System.err));
        assertEquals("training sentence 2: token 2 is null", e.getMessage());
        opennlp.tools.util.InvalidFormatException none = assertThrows(opennlp.tools.util.InvalidFormatException.class,
                () -> DiffusionModel.trainUntagged("en", ObjectStreamUtils.createObjectStream(List.<String[]>of()),
                        tiny(null), new DiffusionToolFactory(), System.err));
        assertEquals("the training sentences hold no words", none.getMessage());
    }

    /**
     * The samples are written as word<TAB>UPOS lines and were read back with the layout guessed: the trainer
     * says the layout it wrote, so that samples that happen to look like another layout cannot be misread.
     */
    @Test
    void theSamplesFileIsReadInTheLayoutItIsWrittenIn() {
        assertEquals(CorpusLayout.COLUMNS, ModelTraining.options(java.util.Map.of(), tmp.resolve(
                ModelTraining.CORPUS_FILE), tmp, false).layout());
    }

    /**
     * Parameters not given are left unsaid, so that a run resumed in its CheckpointDir goes on with the
     * checkpoint's steps, batch, learning rate and seed: they were set to the defaults, which the resumed run
     * then trained with (core's ResumedSettingsTest).
     */
    @Test
    void parametersNotGivenAreLeftToTheCheckpoint() {
        TrainOptions plain = ModelTraining.options(java.util.Map.of(), tmp.resolve(ModelTraining.CORPUS_FILE), tmp, true);
        Set<TrainOptions.Setting> always = java.util.EnumSet.copyOf(TrainOptions.Setting.MAY_BE_UNSAID);
        always.remove(TrainOptions.Setting.DEV); // said: no dev split (aCheckpointDirTrainedWithADevSplitIsResumedWithoutIt)
        assertEquals(always, plain.unsaid());
        TrainOptions given = ModelTraining.options(java.util.Map.of(ModelTraining.LEARNING_RATE, "3e-4",
                TrainingParameters.ITERATIONS_PARAM, 200), tmp.resolve(ModelTraining.CORPUS_FILE), tmp, true);
        Set<TrainOptions.Setting> unsaid = java.util.EnumSet.copyOf(always);
        unsaid.removeAll(Set.of(TrainOptions.Setting.LEARNING_RATE, TrainOptions.Setting.STEPS));
        assertEquals(unsaid, given.unsaid());
        assertEquals(List.of(3e-4, 200), List.of(given.learningRate(), given.steps()));
    }

    /**
     * OpenNLP's trainers take no held-out split, and neither does this one: a CheckpointDir that core's {@code train
     * --dev} trained is resumed without its dev split. Before, the resume measured on the recorded file, and once that
     * file had changed it was refused with a remedy ({@code dev(...)}, {@code noDev()}) this API does not offer.
     */
    @Test
    void aCheckpointDirTrainedWithADevSplitIsResumedWithoutIt() throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), "the dog sat on the mat .\na cat ran home .\n"
                .repeat(40));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), "the cat sat on the mat .\n");
        Path checkpoints = tmp.resolve("run");
        new io.github.diffusionnlp.train.DiffusionTrainer(TrainOptions.builder(corpus, checkpoints).dev(dev)
                .size("tiny").vocabSize(200).maxLength(16).batchSize(8).steps(2).warmupSteps(1).checkpointEvery(1)
                .contextEmbeddings(false).build(), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8)).run();
        Files.writeString(dev, "a dog ran home .\n"); // the recorded dev split has changed
        TrainingParameters p = new TrainingParameters();
        p.put(TrainingParameters.ITERATIONS_PARAM, 3);
        p.put("CheckpointDir", checkpoints.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (DiffusionModel model = DiffusionModel.train("en", ObjectStreamUtils.createObjectStream(samples()), p,
                new DiffusionToolFactory(), new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertEquals(3, model.getInfo().training().step(), log.toString(StandardCharsets.UTF_8));
            assertEquals(null, model.getInfo().training().dev(), "no dev split recorded");
        }
    }

    /**
     * ContextEmbeddings=false starts the word embeddings at random, as core's --no-context-embeddings: the setting
     * the memory refusal of a too-small heap names ("ContextEmbeddings=false"), which no parameter gave before.
     */
    @Test
    void contextEmbeddingsCanBeTurnedOffAsTheMemoryRefusalSays() {
        java.nio.file.Path corpus = tmp.resolve(ModelTraining.CORPUS_FILE);
        assertTrue(ModelTraining.options(java.util.Map.of(), corpus, tmp, false).contextEmbeddings());
        assertEquals(false, ModelTraining.options(java.util.Map.of(ModelTraining.CONTEXT_EMBEDDINGS, "FALSE"), corpus,
                tmp, false).contextEmbeddings());
        assertEquals(false, ModelTraining.options(java.util.Map.of(ModelTraining.CONTEXT_EMBEDDINGS, false), corpus,
                tmp, false).contextEmbeddings());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelTraining.options(
                java.util.Map.of(ModelTraining.CONTEXT_EMBEDDINGS, "no"), corpus, tmp, false));
        assertEquals("ContextEmbeddings takes true or false, got 'no'", e.getMessage());
        assertEquals("ContextEmbeddings=false", ModelTraining.SETTING_NAMES.given(
                TrainOptions.Setting.CONTEXT_EMBEDDINGS, false));
    }

    /** TimeBudget takes the durations core's train --time-budget takes (90m, 1h30m), not only ISO-8601's PT90M. */
    @Test
    void theTimeBudgetIsWrittenAsTrainsTimeBudget() {
        for (var given : java.util.Map.of("90m", 90L, "1h30m", 90L, "PT90M", 90L, "2h", 120L).entrySet()) {
            assertEquals(java.time.Duration.ofMinutes(given.getValue()), ModelTraining.options(
                    java.util.Map.of(ModelTraining.TIME_BUDGET, given.getKey()), tmp.resolve(ModelTraining.CORPUS_FILE),
                    tmp, false).timeBudget(), given.getKey());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelTraining.options(
                java.util.Map.of(ModelTraining.TIME_BUDGET, "ninety"), tmp.resolve(ModelTraining.CORPUS_FILE), tmp,
                false));
        assertEquals("TimeBudget 'ninety' is not a duration; write e.g. 90m, 2h, 1h30m or 45s (or ISO-8601: PT90M)",
                e.getMessage());
    }

    /**
     * A key with a "." in it is refused by name: OpenNLP's getObjectSettings() leaves such keys out, so
     * {@code put("diffusion", ITERATIONS_PARAM, 10)} was silently dropped (the run went to 5,000 steps) and
     * {@code my.Bogus=1} or {@code Learning.Rate=-1} in a parameters file trained with exit code 0.
     */
    @Test
    void aNamespacedParameterIsRefusedByName() {
        ObjectStream<POSSample> untouchable = () -> {
            throw new AssertionError("samples read before the parameters were checked");
        };
        TrainingParameters ours = tiny(null);
        ours.put("diffusion", TrainingParameters.ITERATIONS_PARAM, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionModel.train("en", untouchable, ours, new DiffusionToolFactory(), System.err));
        assertTrue(e.getMessage().startsWith("namespaced training parameter 'diffusion.Iterations': DiffusionModel.train"
                + " reads no namespaces; give it without its prefix (did you mean Iterations?); allowed: Average,"),
                e.getMessage());
        for (String[] key : new String[][] {{"Learning.Rate", " (did you mean LearningRate?)"}, {"my.Bogus", ""}}) {
            TrainingParameters other = tiny(null);
            other.put(key[0], "-1");
            e = assertThrows(IllegalArgumentException.class,
                    () -> DiffusionModel.train("en", untouchable, other, new DiffusionToolFactory(), System.err));
            assertTrue(e.getMessage().startsWith("namespaced training parameter '" + key[0] + "': DiffusionModel.train"
                    + " reads no namespaces; give it without its prefix" + key[1] + "; allowed:"), e.getMessage());
        }
    }

    /** trainUntagged's refusal of a namespaced key names trainUntagged, the method called, not train. */
    @Test
    void aNamespacedParameterToTrainUntaggedNamesTrainUntagged() {
        ObjectStream<String[]> untouchable = () -> {
            throw new AssertionError("sentences read before the parameters were checked");
        };
        TrainingParameters ours = tiny(null);
        ours.put("diffusion", TrainingParameters.ITERATIONS_PARAM, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiffusionModel.trainUntagged(
                "en", untouchable, ours, new DiffusionToolFactory(), System.err));
        assertTrue(e.getMessage().startsWith("namespaced training parameter 'diffusion.Iterations':"
                + " DiffusionModel.trainUntagged reads no namespaces; give it without its prefix (did you mean"
                + " Iterations?); allowed: Average,"), e.getMessage());
    }

    /**
     * OpenNLP's own trainers' keys, as TrainingParameters.defaultParams() sets them (Algorithm=MAXENT, TrainerType,
     * Cutoff, and Iterations=100) and OpenNLP's parameter files hold, are refused as what they are, saying where to
     * start instead: they were "unknown training parameter 'Algorithm'", as a typo is.
     */
    @Test
    void openNlpsMaxentParametersAreRefusedAsSuch() {
        ObjectStream<POSSample> untouchable = () -> {
            throw new AssertionError("samples read before the parameters were checked");
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiffusionModel.train("en",
                untouchable, TrainingParameters.defaultParams(), new DiffusionToolFactory(), System.err));
        assertTrue(e.getMessage().startsWith("training parameter 'Algorithm' is OpenNLP's maxent/perceptron trainers'"
                + " parameter, which this model has no use for; start from new TrainingParameters(), not"
                + " TrainingParameters.defaultParams() (whose Iterations=100 would also train 100 steps), or remove it"
                + " from the parameters file; allowed: Average,"), e.getMessage());
        for (String key : new String[] {TrainingParameters.TRAINER_TYPE_PARAM, TrainingParameters.CUTOFF_PARAM,
                TrainingParameters.THREADS_PARAM, "cutoff"}) {
            TrainingParameters p = tiny(null);
            p.put(key, "1");
            e = assertThrows(IllegalArgumentException.class,
                    () -> DiffusionModel.train("en", untouchable, p, new DiffusionToolFactory(), System.err));
            assertTrue(e.getMessage().startsWith("training parameter '" + key + "' is OpenNLP's maxent/perceptron"),
                    e.getMessage());
        }
    }

    @Test
    void aBadParameterFailsBeforeAnySampleIsRead() {
        ObjectStream<POSSample> untouchable = () -> {
            throw new AssertionError("samples read before the parameters were checked");
        };
        TrainingParameters unknown = tiny(null);
        unknown.put("Color", 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionModel.train("en", untouchable, unknown, new DiffusionToolFactory(), System.err));
        assertTrue(e.getMessage().startsWith("unknown training parameter 'Color'; allowed: Average, BatchSize"),
                e.getMessage());
        // a misspelt one is named with the one it most likely meant, in any case; nothing near, no guess
        for (String[] misspelt : new String[][] {{"Iteratons", "Iterations"}, {"iteratinos", "Iterations"},
                {"BatchSise", "BatchSize"}, {"seeds", "Seed"}, {"MaxLenght", "MaxLength"}}) {
            TrainingParameters typo = tiny(null);
            typo.put(misspelt[0], 5);
            e = assertThrows(IllegalArgumentException.class,
                    () -> DiffusionModel.train("en", untouchable, typo, new DiffusionToolFactory(), System.err));
            assertTrue(e.getMessage().startsWith("unknown training parameter '" + misspelt[0] + "'; did you mean "
                    + misspelt[1] + "? allowed: Average, BatchSize"), e.getMessage());
        }
        TrainingParameters step = tiny(null);
        step.put("Step", 5); // two edits from Seed, a word of its own
        e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionModel.train("en", untouchable, step, new DiffusionToolFactory(), System.err));
        assertTrue(e.getMessage().startsWith("unknown training parameter 'Step'; allowed:"), e.getMessage());
        TrainingParameters big = tiny(null);
        big.put("Size", "huge");
        e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionModel.train("en", untouchable, big, new DiffusionToolFactory(), System.err));
        assertEquals("unknown model size 'huge'; allowed: tiny, small, base", e.getMessage());
        // a value out of range is named by its parameter, not by core's train --lr, which OpenNLP has not got
        TrainingParameters negative = tiny(null);
        negative.put("LearningRate", -1.0);
        e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionModel.train("en", untouchable, negative, new DiffusionToolFactory(), System.err));
        assertEquals("learning rate (LearningRate) must be a number > 0, got -1", e.getMessage());
        TrainingParameters noTime = tiny(null);
        noTime.put("TimeBudget", "-1s");
        e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionModel.train("en", untouchable, noTime, new DiffusionToolFactory(), System.err));
        assertEquals("time budget (TimeBudget) must be positive, got PT-1S", e.getMessage());
    }

    /**
     * A CheckpointDir of the user's own files is refused before the samples are read, with nothing in it
     * changed: not even a file named as the corpus the training writes there, which it would overwrite.
     */
    @Test
    void aCheckpointDirHoldingOtherFilesIsLeftAsItWas() throws IOException {
        ObjectStream<POSSample> untouchable = () -> {
            throw new AssertionError("samples read before the checkpoint directory was checked");
        };
        Path sameName = Files.createDirectories(tmp.resolve("same-name"));
        Files.writeString(sameName.resolve(ModelTraining.CORPUS_FILE), "my own samples");
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("notes.txt"), "my notes");
        for (Path dir : List.of(sameName, notes)) {
            String own = dir == notes ? "notes.txt" : ModelTraining.CORPUS_FILE;
            IOException e = assertThrows(IOException.class,
                    () -> DiffusionModel.train("en", untouchable, tiny(dir), new DiffusionToolFactory(), System.err));
            assertEquals(dir + " holds files that are not a model's (" + own + "), which training could overwrite;"
                    + " give a new or empty output directory (CheckpointDir; nothing was changed)", e.getMessage());
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(dir.resolve(own)), files.toList());
            }
        }
        assertEquals("my own samples", Files.readString(sameName.resolve(ModelTraining.CORPUS_FILE)));
    }

    /**
     * A CheckpointDir that a run is training into (here: the test holds its lock as train does) is refused
     * before the samples are read, naming the run and the parameter, with nothing in it changed.
     */
    @Test
    void aCheckpointDirARunHoldsIsRefusedNamingTheRun() throws IOException {
        ObjectStream<POSSample> untouchable = () -> {
            throw new AssertionError("samples read while another run held the checkpoint directory");
        };
        Path dir = Files.createDirectories(tmp.resolve("running"));
        Path lock = dir.resolve(ModelDirectory.TRAINING_LOCK);
        try (ModelDirectory.Lock running = ModelDirectory.lock(dir, "train --out", null)) {
            IOException e = assertThrows(IOException.class,
                    () -> DiffusionModel.train("en", untouchable, tiny(dir), new DiffusionToolFactory(), System.err));
            assertEquals("another command is writing into " + dir + " (train --out, process "
                    + ProcessHandle.current().pid() + ", holds " + lock + "); wait for it to end or stop it, or give"
                    + " another CheckpointDir (nothing was changed)", e.getMessage());
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(lock), files.toList());
            }
        }
    }

    /**
     * What a run killed before its first checkpoint leaves in its CheckpointDir (the lock, part of its log and
     * the samples it wrote) is training's own: the next run writes its samples over them and trains.
     */
    @Test
    void aCheckpointDirOfARunKilledBeforeItsFirstCheckpointIsTrainedAgain() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("killed"));
        Files.writeString(dir.resolve("training.lock"), "");
        Files.writeString(dir.resolve("training-log.csv"), "step,lr,train_loss,dev_loss,seconds\n");
        Files.writeString(dir.resolve(ModelTraining.CORPUS_FILE), "half a gzip file");
        try (DiffusionModel model = DiffusionModel.train("en", ObjectStreamUtils.createObjectStream(samples()),
                tiny(dir), new DiffusionToolFactory(), new PrintStream(PrintStream.nullOutputStream()))) {
            assertEquals(3, model.getInfo().training().step());
        }
        assertEquals(201, TaggedCorpus.read(dir.resolve(ModelTraining.CORPUS_FILE)).size());
    }

    private record Run(int code, String err) {}

    private static Run tool(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DiffusionNlpTool.run(args, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainToolWritesAPackageFromWordTagLines() throws IOException {
        Path data = tmp.resolve("train.txt");
        Files.writeString(data, samples().stream()
                .map(s -> {
                    List<String> tokens = new ArrayList<>();
                    for (int i = 0; i < s.getSentence().length; i++) {
                        tokens.add(s.getSentence()[i] + "_" + s.getTags()[i]);
                    }
                    return String.join(" ", tokens);
                })
                .collect(Collectors.joining("\n", "", "\n")));
        Path params = tmp.resolve("params.txt");
        Files.writeString(params, "Iterations=2\nSize=tiny\nBatchSize=8\nMaxLength=32\nVocabSize=600\n");
        Path bin = tmp.resolve("tool.bin");
        Run r = tool("Train", "-model", bin.toString(), "-data", data.toString(), "-params", params.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Wrote the model package to " + bin), r.err());
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            assertEquals(2, packaged.getInfo().training().step());
        }

        Files.writeString(data, "The_DET jury_NOUN\nThe cat sat\n");
        Run bad = tool("Train", "-model", tmp.resolve("bad.bin").toString(), "-data", data.toString());
        assertEquals(1, bad.code(), bad.err());
        assertTrue(bad.err().startsWith("-data: " + data + ":2: not word_TAG tokens"), bad.err());
        assertTrue(bad.err().contains("; untagged text (tokens separated by white space, a sentence a line) trains"
                + " with -format plain\n"), "where untagged text trains: " + bad.err());
        assertTrue(!Files.exists(tmp.resolve("bad.bin")) && !Files.exists(tmp.resolve("bad.bin.part")));

        Files.writeString(params, "Iterations=two\n");
        Run badParams = tool("Train", "-model", bin.toString(), "-data", data.toString(), "-params", params.toString());
        assertEquals(1, badParams.code(), badParams.err());
        assertTrue(badParams.err().startsWith("-params: Iterations two is not a whole number"), badParams.err());
    }

    /** The words of the samples, one sentence a line, for Train -format plain. */
    private static String plainLines() throws IOException {
        return untaggedSentences().stream().map(s -> String.join(" ", s)).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void trainToolWritesAPackageFromPlainLines() throws IOException {
        // a no-break space separates tokens, as in core's --layout plain; a blank line is skipped
        Path data = Files.writeString(tmp.resolve("plain.txt"), "\uFEFF" + plainLines() + "\nThe\u00A0jury sat .\n");
        Path params = Files.writeString(tmp.resolve("params.txt"), "Iterations=2\nSize=tiny\nBatchSize=8\nMaxLength=32\n"
                + "VocabSize=600\nCheckpointDir=" + tmp.resolve("plain-run") + "\n");
        Path bin = tmp.resolve("plain.bin");
        Run r = tool("Train", "-model", bin.toString(), "-data", data.toString(), "-params", params.toString(),
                "-format", "plain");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Wrote the model package to " + bin), r.err());
        assertFalse(r.err().contains("warning:"), r.err());
        List<TaggedSentence> read = TaggedCorpus.read(tmp.resolve("plain-run").resolve(ModelTraining.CORPUS_FILE));
        assertEquals(202, read.size());
        assertEquals(List.of("The", "jury", "sat", "."), read.get(201).words());
        assertEquals("The", read.get(0).words().get(0), "the byte-order mark is no part of the first word");
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            assertEquals(2, packaged.getInfo().training().step());
            assertFalse(packaged.getDiffusionLM().followsTemplates());
        }
    }

    @Test
    void trainToolRefusesAFormatItDoesNotKnowNamingThoseItDoes() throws IOException {
        Path data = Files.writeString(tmp.resolve("plain.txt"), "The cat sat .\n");
        Run r = tool("Train", "-model", tmp.resolve("x.bin").toString(), "-data", data.toString(), "-format", "conllu");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("-format conllu: not a data format; allowed: tagged, plain\n"), r.err());
        assertTrue(r.err().contains("Usage: java -jar diffusion-nlp-opennlp.jar Train ") && r.err().contains(
                "[-format tagged|plain]"), "the usage follows, naming -format: " + r.err());
        assertFalse(Files.exists(tmp.resolve("x.bin")));
    }

    /**
     * A word_TAG file given as plain trains (each token a word, tag and all), but says so once its first lines are
     * all word_TAG; plain text is never warned of, nor a file with one untagged token among them.
     */
    @Test
    void wordTagLinesGivenAsPlainTrainWithAWarning() throws IOException {
        Path params = Files.writeString(tmp.resolve("params.txt"), "Iterations=1\nSize=tiny\nBatchSize=8\nMaxLength=16\n"
                + "VocabSize=600\n");
        Path tagged = Files.writeString(tmp.resolve("tagged.txt"), "The_DET jury_NOUN said_VERB ._PUNCT\n"
                + "It_PRP can't_AUX+PART go_vb ._.\n");
        Run r = tool("Train", "-model", tmp.resolve("t.bin").toString(), "-data", tagged.toString(), "-params",
                params.toString(), "-format", "PLAIN");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("warning: -data " + tagged + ": every token of its first 2 lines looks like"
                + " word_TAG (The_DET), and -format plain trains each as one word, tag and all; give -format tagged (the"
                + " default) to train on the tags\n"), r.err());
        assertEquals(1, r.err().split("warning:", -1).length - 1, r.err());
        Path mixed = Files.writeString(tmp.resolve("mixed.txt"), "The_DET jury_NOUN said_VERB ._PUNCT\n"
                + "snake_case names_NOUN\n");
        r = tool("Train", "-model", tmp.resolve("m.bin").toString(), "-data", mixed.toString(), "-params",
                params.toString(), "-format", "plain");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("warning:"), r.err());
    }

    @Test
    void plainTrainDataWithNoSentenceIsABadParameterNamingTheFile() throws IOException {
        for (String content : List.of("", "\n  \n", "\u00A0\n", "# a comment\n#\n")) {
            Path data = Files.writeString(tmp.resolve("empty.txt"), content);
            Run r = tool("Train", "-model", tmp.resolve("empty.bin").toString(), "-data", data.toString(), "-format",
                    "plain");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().startsWith("-data " + data + ": no sentence to train on (the file is empty or has only"
                    + " blank or # comment lines); give one sentence a line, tokens separated by spaces"), r.err());
            assertFalse(r.err().contains("warning:"), r.err());
            assertFalse(Files.exists(tmp.resolve("empty.bin")));
        }
    }

    @Test
    void trainDataNotInItsEncodingIsABadParameterSayingHowToGiveIt() throws IOException {
        Path data = Files.write(tmp.resolve("latin1.txt"),
                "Caf\u00e9_NOUN au_ADP lait_NOUN ._PUNCT\n".getBytes(StandardCharsets.ISO_8859_1));
        Run r = tool("Train", "-model", tmp.resolve("latin1.bin").toString(), "-data", data.toString());
        assertEquals(1, r.code(), r.err()); // was 2, "error: Input length = 1"
        // not "after line 0": nothing was read before the bad bytes
        assertTrue(r.err().startsWith("-data: " + data + ": not UTF-8 text (on its first lines); give the file's encoding"
                + " with -encoding"), r.err());
    }

    @Test
    void sampleTagsReadInAnyCaseAndTagsOfNeitherSetAreCountedAloud() throws IOException {
        String lines = "The_det jury_noun said_VBD ._.\nThe_AT jury_NN said_VBD ._.\nA_AT dog_NN\n";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<TaggedSentence> read;
        try (ObjectStream<POSSample> samples = new opennlp.tools.postag.WordTagSampleStream(
                new opennlp.tools.util.PlainTextByLineStream(() -> new ByteArrayInputStream(
                        lines.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))) {
            read = ModelTraining.read(samples, new PrintStream(log, true, StandardCharsets.UTF_8));
        }
        assertEquals(List.of(Upos.DET, Upos.NOUN, Upos.VERB, Upos.PUNCT), read.get(0).tags(),
                "lower-case UPOS reads as UPOS, as core's TaggedCorpus reads it");
        assertEquals(List.of(Upos.X, Upos.NOUN, Upos.VERB, Upos.PUNCT), read.get(1).tags());
        assertEquals("note: 2 of 10 sample tokens have tags that are neither UD UPOS nor Penn Treebank (most often:"
                + " 'AT' 2); they train as X, which POS templates cannot ask for\n", log.toString(StandardCharsets.UTF_8));
    }

    /** Empty -data was "error: the training samples hold no sentences", exit 2, naming no file; now as the other -data errors. */
    @Test
    void trainDataWithNoSentenceIsABadParameterNamingTheFile() throws IOException {
        for (String content : List.of("", "\n  \n")) {
            Path data = Files.writeString(tmp.resolve("empty.txt"), content);
            Run r = tool("Train", "-model", tmp.resolve("empty.bin").toString(), "-data", data.toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().startsWith("-data " + data + ": no word_TAG sentence to train on"), r.err());
            assertTrue(!Files.exists(tmp.resolve("empty.bin")));
        }
    }
}
