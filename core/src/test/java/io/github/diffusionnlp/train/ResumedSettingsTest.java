package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed run's learning rate, batch, seed and steps: the checkpoint's unless said, and a said one that differs
 * is named beside the checkpoint's (it used to take the builder's and command line's defaults without a word).
 */
class ResumedSettingsTest {
    /** The tiny plan, every setting said (as the user's first run said them). */
    private static TrainOptions.Builder firstRun(Path dir) {
        return TrainOptions.builder(TestModels.devCorpus(), dir).size("tiny").vocabSize(2000).maxLength(32)
                .batchSize(8).steps(20).learningRate(3e-3).seed(7).checkpointEvery(10).contextEmbeddings(false);
    }

    /**
     * A run killed after its step-10 checkpoint and resumed with nothing but {@code resume} (as {@code train
     * --corpus C --out M --resume}) ends with an unbroken run's weights and record. The budget only keeps the
     * run without the fix (5,000 steps at batch 64) short; it is a minute, not seconds, so that the ten steps left
     * finish within it on a machine under load (at 10 s a load average near 20 stopped them at step 14).
     */
    @Test
    void aPlainResumeGoesOnWithTheCheckpointsSettingsAndMatchesAnUnbrokenRun(@TempDir Path tmp) throws Exception {
        Path unbroken = tmp.resolve("unbroken");
        Path killed = tmp.resolve("killed");
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        new DiffusionTrainer(firstRun(unbroken).build(), quiet).run();
        assertThrows(IllegalStateException.class,
                () -> new DiffusionTrainer(firstRun(killed).build(), TestModels.logKillingAfter("(step 10)")).run());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new DiffusionTrainer(TrainOptions.builder(TestModels.devCorpus(), killed).resume(true)
                .timeBudget(Duration.ofSeconds(60)).build(), new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        TrainingInfo record = ModelCheckpoint.readHeader(killed).training();
        assertEquals(List.of(20, 20, 8, 3e-3, 7L), List.of(record.step(), record.totalSteps(), record.batchSize(),
                record.learningRate(), record.seed()));
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(!said.contains("note: resuming") && !said.contains("note: the checkpoint was planned"), said);
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionTrainerTest.assertSameWeights(
                    DiffusionTrainerTest.arrays(ModelCheckpoint.load(unbroken, m).network().getParameters()),
                    DiffusionTrainerTest.arrays(ModelCheckpoint.load(killed, m).network().getParameters()),
                    "a plain resume against the unbroken run");
        }
    }

    /**
     * A first run with its own warm-up (8 of 20 steps, where the default is 2), killed after its step-10 checkpoint
     * and resumed plainly, goes on with that warm-up and ends with the unbroken run's weights: the checkpoint
     * records it. It used to resume with the default warm-up of the steps, its learning rate from step 11 on that
     * of another schedule.
     */
    @Test
    void aPlainResumeGoesOnWithTheCheckpointsWarmup(@TempDir Path tmp) throws Exception {
        Path unbroken = tmp.resolve("unbroken");
        Path killed = tmp.resolve("killed");
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        new DiffusionTrainer(firstRun(unbroken).warmupSteps(8).build(), quiet).run();
        assertThrows(IllegalStateException.class, () -> new DiffusionTrainer(firstRun(killed).warmupSteps(8).build(),
                TestModels.logKillingAfter("(step 10)")).run());
        assertEquals(8, ModelCheckpoint.readHeader(killed).training().warmupSteps(), "the checkpoint records it");
        new DiffusionTrainer(TrainOptions.builder(TestModels.devCorpus(), killed).resume(true).build(), quiet).run();
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionTrainerTest.assertSameWeights(
                    DiffusionTrainerTest.arrays(ModelCheckpoint.load(unbroken, m).network().getParameters()),
                    DiffusionTrainerTest.arrays(ModelCheckpoint.load(killed, m).network().getParameters()),
                    "a plain resume of a run with its own warm-up against the unbroken run");
        }
    }

    /**
     * A record of before the warm-up was recorded (the shipped model's config has none) resumes with the default
     * warm-up of its steps, as it always did; a recorded default warm-up follows --steps said otherwise, as the
     * default does, and one the user chose stays.
     */
    @Test
    void aWarmupNotRecordedIsTheDefaultAndARecordedDefaultFollowsTheSteps() throws Exception {
        assertEquals(null, ModelCheckpoint.readHeader(TestModels.shippedModel()).training().warmupSteps(),
                "the shipped model's config, written before the warm-up was recorded");
        Path corpus = TestModels.devCorpus();
        TrainOptions plain = TrainOptions.builder(corpus, Path.of("m")).resume(true).build();
        assertEquals(10, plain.resumedFrom(recorded(100, null)).warmupSteps(), "unrecorded: the default of 100 steps");
        assertEquals(7, plain.resumedFrom(recorded(100, 7)).warmupSteps(), "recorded: the checkpoint's");
        TrainOptions longer = TrainOptions.builder(corpus, Path.of("m")).steps(400).resume(true).build();
        assertEquals(40, longer.resumedFrom(recorded(100, 10)).warmupSteps(), "the default of 100 follows --steps 400");
        assertEquals(7, longer.resumedFrom(recorded(100, 7)).warmupSteps(), "a chosen one stays");
        TrainOptions said = TrainOptions.builder(corpus, Path.of("m")).warmupSteps(3).resume(true).build();
        assertEquals(3, said.resumedFrom(recorded(100, 7)).warmupSteps(), "a said one wins");
        String note = notes(TrainOptions.builder(corpus, Path.of("m")).steps(100).seed(1).batchSize(16).warmupSteps(3),
                recorded(100, 7));
        assertTrue(note.contains("note: resuming with warmupSteps(3) (the checkpoint's: 7);"), "and is named: " + note);
        String before = notes(TrainOptions.builder(corpus, Path.of("m")).steps(100).seed(1).batchSize(16)
                .warmupSteps(3), recorded(100, null));
        assertFalse(before.contains("warmupSteps("), "a checkpoint of before has none to name: " + before);
    }

    /** A checkpoint at step 50 of {@code steps}, with {@code warmup} recorded (null: a config of before). */
    private static TrainingInfo recorded(int steps, Integer warmup) {
        return new TrainingInfo("corpus", 100, 50, steps, 16, 1e-3, 1, 60, 5.0, Double.NaN, null, 0, null, null,
                null, warmup);
    }

    /** The notes a resume of {@code checkpoint} prints with {@code options}. */
    private static String notes(TrainOptions.Builder options, TrainingInfo checkpoint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TrainingNotes(options.resume(true).build().resumedFrom(checkpoint),
                new PrintStream(out, true, StandardCharsets.UTF_8))
                .noteResuming(checkpoint, TaggedCorpus.Reading.DEFAULT, null, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The audit's run: --lr 0.0003 --batch 16 --steps 200, stopped at 100. Resumed with --steps 200 it says nothing
     * (nothing changes); with another --lr, --batch or --seed it names both values; with another --steps alone the
     * schedule note names the steps and the rate it gives is the checkpoint's peak's, not the default's.
     */
    @Test
    void settingsSaidOtherwiseOnResumeAreNamedWithTheCheckpointsValue() {
        Path corpus = TestModels.devCorpus();
        TrainingInfo checkpoint = new TrainingInfo(corpus.toAbsolutePath().normalize().toString(), 2000, 100, 200, 16,
                3e-4, 1, 60, 5.0, Double.NaN, null);
        TrainOptions.Builder same = TrainOptions.builder(corpus, Path.of("m")).steps(200);
        assertEquals("", notes(same, checkpoint));

        // the command line's notes name its options
        String rate = notes(TrainOptions.builder(corpus, Path.of("m")).settingNames(SettingNames.COMMAND_LINE).steps(200)
                .learningRate(1e-3), checkpoint);
        assertTrue(rate.startsWith("note: the checkpoint was planned for a peak learning rate of 3.00e-04 (--lr) and"
                + " this run for a peak learning rate of 1.00e-03 (--lr); the learning rate follows the new plan's"
                + " schedule: "), rate);

        String batchAndSeed = notes(TrainOptions.builder(corpus, Path.of("m")).settingNames(SettingNames.COMMAND_LINE)
                .batchSize(64).seed(5), checkpoint);
        assertTrue(batchAndSeed.contains("note: resuming with --batch 64 (the checkpoint's: 16) and --seed 5 (the"
                + " checkpoint's: 1);"), batchAndSeed);
        // a library run's notes name the builder's methods (they named train's options, which it has not got)
        String called = notes(TrainOptions.builder(corpus, Path.of("m")).batchSize(64).seed(5).learningRate(1e-3),
                checkpoint);
        assertTrue(called.contains("note: resuming with batchSize(64) (the checkpoint's: 16) and seed(5) (the"
                + " checkpoint's: 1);") && called.contains("a peak learning rate of 1.00e-03 (learningRate(...))"),
                called);

        TrainOptions longer = TrainOptions.builder(corpus, Path.of("m")).steps(400).build().resumedFrom(checkpoint);
        String steps = notes(TrainOptions.builder(corpus, Path.of("m")).steps(400), checkpoint);
        assertTrue(steps.startsWith(String.format(java.util.Locale.ROOT, "note: the checkpoint was planned for 200"
                + " steps and this run for 400 steps; the learning rate follows the new plan's schedule: %.2e at step"
                + " 101,", longer.learningRateAt(101))), steps);
        assertEquals(3e-4, longer.learningRate());
    }
}
