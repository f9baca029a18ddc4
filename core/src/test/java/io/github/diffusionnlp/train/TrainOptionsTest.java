package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainOptionsTest {
    private static final Path CORPUS = Path.of("corpus.txt");
    private static final Path OUT = Path.of("model");

    @Test
    void builderStartsAtTheTrainCommandsDefaults() {
        TrainOptions o = TrainOptions.builder(CORPUS, OUT).build();
        // the same values, each left unsaid (a resumed run takes the checkpoint's in their place)
        assertEquals(new TrainOptions(CORPUS, null, OUT, "small", 12000, 64, 64, 5000, null, 1e-3, 200, 1, 250, false,
                true, false, 0, null, null, TrainOptions.Setting.MAY_BE_UNSAID, false, SettingNames.BUILDER), o);
        TrainOptions set = TrainOptions.builder(CORPUS, OUT).dev(CORPUS).size("tiny").steps(30).batchSize(8)
                .timeBudget(Duration.ofMinutes(5)).relativePositions(true).averageDecay(0.999).resume(true).build();
        assertEquals("tiny", set.size());
        assertEquals(30, set.steps());
        assertEquals(3, set.warmupSteps(), "a run shorter than ten warm-ups warms up for a tenth of it");
        assertEquals(50, TrainOptions.builder(CORPUS, OUT).steps(30).warmupSteps(50).build().warmupSteps());
        assertEquals(8, set.batchSize());
        assertEquals(Duration.ofMinutes(5), set.timeBudget());
        assertTrue(set.relativePositions() && set.resume() && set.contextEmbeddings());
        assertEquals(CORPUS, set.dev());
        assertNull(o.dev());
    }

    /**
     * {@code dev} and {@code noDev} replace each other, the last called winning, as the builder's Javadoc says:
     * {@code noDev().dev(x)} measures on x, {@code dev(x).noDev()} on nothing (said), and {@code noDev().dev(null)}
     * says nothing again (a resumed run's recorded dev split), not none.
     */
    @Test
    void theLastOfDevAndNoDevWins() {
        Path dev = Path.of("dev.txt");
        TrainOptions devLast = TrainOptions.builder(CORPUS, OUT).noDev().dev(dev).build();
        assertEquals(dev, devLast.dev());
        assertTrue(devLast.said(TrainOptions.Setting.DEV));
        TrainOptions noDevLast = TrainOptions.builder(CORPUS, OUT).dev(dev).noDev().build();
        assertNull(noDevLast.dev());
        assertTrue(noDevLast.said(TrainOptions.Setting.DEV), "said: none");
        TrainOptions nullLast = TrainOptions.builder(CORPUS, OUT).noDev().dev(null).build();
        assertNull(nullLast.dev());
        assertFalse(nullLast.said(TrainOptions.Setting.DEV), "unsaid again: the recorded one on resuming");
        assertEquals(TrainOptions.builder(CORPUS, OUT).build(), nullLast);
    }

    /**
     * The constructor that takes no {@code contextEmbeddings} starts a model's embeddings at random, where the builder
     * starts them from the corpus's contexts: kept so (runs made with it would train other weights), and deprecated,
     * its javadoc pointing to the builder and saying so.
     */
    @Test
    @SuppressWarnings("deprecation")
    void theShortConstructorIsDeprecatedAndItsRandomEmbeddingsAreTheBuildersContextEmbeddingsFalse()
            throws NoSuchMethodException {
        TrainOptions constructed = new TrainOptions(CORPUS, null, OUT, "tiny", 12000, 64, 64, 5000, null, 1e-3, 200, 1,
                250, false);
        assertFalse(constructed.contextEmbeddings());
        assertTrue(TrainOptions.builder(CORPUS, OUT).build().contextEmbeddings(), "the builder's default");
        assertEquals(TrainOptions.builder(CORPUS, OUT).size("tiny").vocabSize(12000).maxLength(64).batchSize(64)
                .steps(5000).learningRate(1e-3).warmupSteps(200).seed(1).checkpointEvery(250).resume(false)
                .contextEmbeddings(false).noDev().build(), constructed); // every value given: its null dev, none
        assertTrue(TrainOptions.class.getConstructor(Path.class, Path.class, Path.class, String.class, int.class,
                int.class, int.class, int.class, Duration.class, double.class, int.class, long.class, int.class,
                boolean.class).isAnnotationPresent(Deprecated.class), "a caller is told to use the builder");
    }

    /**
     * A null dev given to a deprecated constructor says the dev split: none, not even the one a resumed checkpoint
     * records ({@code noDev()}, which {@code ResumeWithoutCorpusTest#noDevTurnsTheRecordedDevSplitOff} runs), as
     * their Javadoc says, where the builder's {@code dev(null)} leaves it unsaid; the two that take {@code unsaid}
     * leave it unsaid when the set holds DEV.
     */
    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedConstructorsNullDevIsNoDevSplit() {
        java.util.Set<TrainOptions.Setting> none = java.util.Set.of();
        java.util.Set<TrainOptions.Setting> devUnsaid = java.util.Set.of(TrainOptions.Setting.DEV);
        List<TrainOptions> noDev = List.of(
                new TrainOptions(CORPUS, null, OUT, "tiny", 100, 8, 4, 10, null, 1e-3, 1, 1, 5, true, false, false, 0,
                        null, null, none, false),
                new TrainOptions(CORPUS, null, OUT, "tiny", 100, 8, 4, 10, null, 1e-3, 1, 1, 5, true, false, false, 0,
                        null, null, none),
                new TrainOptions(CORPUS, null, OUT, "tiny", 100, 8, 4, 10, null, 1e-3, 1, 1, 5, true, false, false, 0,
                        null, null),
                new TrainOptions(CORPUS, null, OUT, "tiny", 100, 8, 4, 10, null, 1e-3, 1, 1, 5, true, false, false, 0,
                        null),
                new TrainOptions(CORPUS, null, OUT, "tiny", 100, 8, 4, 10, null, 1e-3, 1, 1, 5, true, false, false, 0),
                new TrainOptions(CORPUS, null, OUT, "tiny", 100, 8, 4, 10, null, 1e-3, 1, 1, 5, true));
        for (TrainOptions o : noDev) {
            assertNull(o.dev());
            assertTrue(o.said(TrainOptions.Setting.DEV), "said: none, " + o);
        }
        assertEquals(TrainOptions.builder(CORPUS, OUT).size("tiny").vocabSize(100).maxLength(8).batchSize(4)
                .steps(10).learningRate(1e-3).warmupSteps(1).seed(1).checkpointEvery(5).resume(true)
                .contextEmbeddings(false).noDev().build(), noDev.get(2));
        assertFalse(new TrainOptions(CORPUS, null, OUT, "tiny", 100, 8, 4, 10, null, 1e-3, 1, 1, 5, true, false,
                false, 0, null, null, devUnsaid, false).said(TrainOptions.Setting.DEV), "unsaid: the recorded one");
        assertFalse(new TrainOptions(CORPUS, null, OUT, "tiny", 100, 8, 4, 10, null, 1e-3, 1, 1, 5, true, false,
                false, 0, null, null, devUnsaid).said(TrainOptions.Setting.DEV), "unsaid: the recorded one");
    }

    /**
     * The positional constructors beside the canonical one, each a shorter list of the same settings, are
     * deprecated: a caller is told to use the builder, which names each setting it gives.
     */
    @Test
    void everyPositionalConstructorButTheCanonicalOneIsDeprecated() {
        int canonical = TrainOptions.class.getRecordComponents().length;
        java.lang.reflect.Constructor<?>[] constructors = TrainOptions.class.getConstructors();
        assertEquals(7, constructors.length, "the canonical constructor and six shorter ones");
        for (java.lang.reflect.Constructor<?> c : constructors) {
            assertEquals(c.getParameterCount() != canonical, c.isAnnotationPresent(Deprecated.class),
                    c.getParameterCount() + " parameters");
        }
    }

    /** A library user reads the builder's method that gives the setting, not train's option they have not got. */
    @Test
    void aSettingOutOfRangeIsNamedAsTheBuilderGivesIt() {
        assertMessage("rows per step (batchSize(...)) must be at least 1, got 0",
                TrainOptions.builder(CORPUS, OUT).batchSize(0));
        assertMessage("unknown model size 'huge'; allowed: tiny, small, base", TrainOptions.builder(CORPUS, OUT).size("huge"));
        assertMessage("learning rate (learningRate(...)) must be a number > 0, got -1",
                TrainOptions.builder(CORPUS, OUT).learningRate(-1));
        assertMessage("learning rate (learningRate(...)) must be a number > 0, got NaN",
                TrainOptions.builder(CORPUS, OUT).learningRate(Double.NaN));
        assertMessage("warm-up steps (warmupSteps(...)) must be at least 0, got -1",
                TrainOptions.builder(CORPUS, OUT).warmupSteps(-1));
        assertMessage("steps between checkpoints (checkpointEvery(...)) must be at least 1, got 0",
                TrainOptions.builder(CORPUS, OUT).checkpointEvery(0));
        assertMessage("positions per row (maxLength(...)) must be at least 2, got 1",
                TrainOptions.builder(CORPUS, OUT).maxLength(1));
        assertMessage("positions per row (maxLength(...)) must be at most 512, got 10000; longer sentences are cut"
                + " into several rows", TrainOptions.builder(CORPUS, OUT).maxLength(10000));
        assertMessage("time budget (timeBudget(...)) must be positive, got PT-1S",
                TrainOptions.builder(CORPUS, OUT).timeBudget(Duration.ofSeconds(-1)));
        assertMessage("weight-average decay (averageDecay(...)) must be 0 (none) or in (0, 1), got 1",
                TrainOptions.builder(CORPUS, OUT).averageDecay(1));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> TrainOptions.builder(null, OUT).build());
        assertEquals("corpus (null only with resume(true), to train on the corpus the checkpoint records)",
                npe.getMessage());
    }

    /** The command line's refusals name train's options, as they did before callers named their own. */
    @Test
    void aSettingOutOfRangeIsNamedAsTheCommandLineGivesIt() {
        assertMessage("rows per step (train --batch) must be at least 1, got 0",
                TrainOptions.builder(CORPUS, OUT).settingNames(SettingNames.COMMAND_LINE).batchSize(0));
        assertMessage("learning rate (train --lr) must be a number > 0, got NaN",
                TrainOptions.builder(CORPUS, OUT).settingNames(SettingNames.COMMAND_LINE).learningRate(Double.NaN));
        assertMessage("positions per row (train --length) must be at most 512, got 10000; longer sentences are cut"
                + " into several rows", TrainOptions.builder(CORPUS, OUT).settingNames(SettingNames.COMMAND_LINE)
                        .maxLength(10000));
        assertMessage("time budget (train --time-budget) must be positive, got PT-1S", TrainOptions.builder(CORPUS, OUT)
                .settingNames(SettingNames.COMMAND_LINE).timeBudget(Duration.ofSeconds(-1)));
        assertMessage("weight-average decay (train --average) must be 0 (none) or in (0, 1), got 1",
                TrainOptions.builder(CORPUS, OUT).settingNames(SettingNames.COMMAND_LINE).averageDecay(1));
    }

    /** Only the settings a resumed run may take from its checkpoint start unsaid; the names say each one. */
    @Test
    void onlyTheSettingsThatMayBeUnsaidStartUnsaid() {
        TrainOptions o = TrainOptions.builder(CORPUS, OUT).build();
        assertEquals(TrainOptions.Setting.MAY_BE_UNSAID, o.unsaid());
        assertTrue(o.said(TrainOptions.Setting.CHECKPOINT_EVERY) && o.said(TrainOptions.Setting.OUTPUT));
        assertEquals(List.of("batchSize(32)", "size(\"base\")", "--batch 32", "--relative-positions"), List.of(
                SettingNames.BUILDER.given(TrainOptions.Setting.BATCH, 32),
                SettingNames.BUILDER.given(TrainOptions.Setting.SIZE, "base"),
                SettingNames.COMMAND_LINE.given(TrainOptions.Setting.BATCH, 32),
                SettingNames.COMMAND_LINE.given(TrainOptions.Setting.RELATIVE_POSITIONS, true)));
        assertEquals("--size, --length and --vocab", SettingNames.COMMAND_LINE.list(List.of(
                TrainOptions.Setting.SIZE, TrainOptions.Setting.LENGTH, TrainOptions.Setting.VOCAB)));
    }

    /**
     * A checkpoint's record names the corpus and the dev split absolutely: the model may be used, and resumed, from
     * another directory.
     */
    @Test
    void theCheckpointRecordNamesTheCorpusAbsolutelyWithThePlan() {
        TrainOptions options = TrainOptions.builder(Path.of("corpus/../train.txt"), Path.of("out")).steps(300)
                .batchSize(16).learningRate(2e-3).seed(5).dev(Path.of("corpus/../dev.txt")).build();
        io.github.diffusionnlp.checkpoint.TrainingInfo info = options.checkpointRecord(40, 120, 9.5, 3.25, 4.5,
                0.999, new io.github.diffusionnlp.corpus.TaggedCorpus.Reading(io.github.diffusionnlp.corpus.CorpusLayout.COLUMNS,
                        io.github.diffusionnlp.corpus.MultiwordTokens.PARTS), true, null, null);
        assertEquals(Path.of("train.txt").toAbsolutePath().toString(), info.corpus());
        assertEquals(Path.of("dev.txt").toAbsolutePath().toString(), info.dev());
        assertEquals(java.util.List.of(40, 120, 300, 16, 5L), java.util.List.of(info.trainSentences(), info.step(),
                info.totalSteps(), info.batchSize(), info.seed()));
        assertEquals(java.util.List.of(2e-3, 9.5, 3.25, 4.5, 0.999), java.util.List.of(info.learningRate(),
                info.wallSeconds(), info.trainLoss(), info.devLoss(), info.averageDecay()));
        assertEquals(true, info.tagged());
        assertEquals(io.github.diffusionnlp.corpus.CorpusLayout.COLUMNS, info.layout(), "the reading's layout");
        assertEquals(io.github.diffusionnlp.corpus.MultiwordTokens.PARTS, info.multiword(), "the reading's multiword");
        assertEquals(java.util.Map.of(), info.metrics(), "no metrics until evaluate records some");
    }

    private static void assertMessage(String expected, TrainOptions.Builder builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals(expected, e.getMessage());
    }

    /**
     * A resumed run takes the steps, batch, peak rate and seed its checkpoint recorded where they are left unsaid
     * (they were the builder's defaults, so a plain resume jumped a 3e-4 run to 1e-3 and its batch of 16 to 64),
     * and keeps those said; the warm-up, not recorded, follows the steps unless said.
     */
    @Test
    void aResumedRunTakesTheCheckpointsRecordedSettingsWhereUnsaid() {
        io.github.diffusionnlp.checkpoint.TrainingInfo checkpoint = new io.github.diffusionnlp.checkpoint.TrainingInfo(
                "corpus.tsv", 2000, 100, 400, 16, 3e-4, 9, 60, 5.0, Double.NaN, null);
        TrainOptions plain = TrainOptions.builder(CORPUS, OUT).resume(true).build().resumedFrom(checkpoint);
        assertEquals(List.of(400, 16, 3e-4, 9L, 40), List.of(plain.steps(), plain.batchSize(), plain.learningRate(),
                plain.seed(), plain.warmupSteps()));
        TrainOptions said = TrainOptions.builder(CORPUS, OUT).resume(true).steps(800).batchSize(32).learningRate(1e-4)
                .seed(2).warmupSteps(10).build().resumedFrom(checkpoint);
        assertEquals(List.of(800, 32, 1e-4, 2L, 10), List.of(said.steps(), said.batchSize(), said.learningRate(),
                said.seed(), said.warmupSteps()));
        TrainOptions longer = TrainOptions.builder(CORPUS, OUT).resume(true).steps(1000).build().resumedFrom(checkpoint);
        assertEquals(List.of(1000, 3e-4, 100), List.of(longer.steps(), longer.learningRate(), longer.warmupSteps()));
        // values said, each of them, stay
        TrainOptions allSaid = TrainOptions.builder(CORPUS, OUT).size("small").vocabSize(12000).maxLength(64)
                .batchSize(64).steps(5000).learningRate(1e-3).warmupSteps(200).seed(1).resume(true).build();
        assertEquals(allSaid, allSaid.resumedFrom(checkpoint));
        assertEquals(plain, plain.resumedFrom(null), "a new model's options are as given");
    }

    /**
     * The bound of 4,096 rows a step (2026-12-07) is for a --batch given: a checkpoint of a run trained before it with
     * more rows resumed with "rows per step (train --batch) must be at most 4096, got 5000", naming an option not
     * given; it resumes at its own batch, as any recorded setting. A batch said above the bound is still refused.
     */
    @Test
    void aResumedRunKeepsARecordedBatchAboveTheBound() {
        io.github.diffusionnlp.checkpoint.TrainingInfo checkpoint = new io.github.diffusionnlp.checkpoint.TrainingInfo(
                "corpus.tsv", 20000, 100, 400, 5000, 3e-4, 9, 60, 5.0, Double.NaN, null);
        TrainOptions resumed = TrainOptions.builder(CORPUS, OUT).resume(true).build().resumedFrom(checkpoint);
        assertEquals(5000, resumed.batchSize());
        assertMessage("rows per step (batchSize(...)) must be at most 4096, got 5000",
                TrainOptions.builder(CORPUS, OUT).resume(true).batchSize(5000));
    }
}
