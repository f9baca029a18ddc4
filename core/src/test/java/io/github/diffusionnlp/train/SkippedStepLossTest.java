package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step {@link Gradients#clipAndUpdate} skips (its gradient not finite) leaves the weights as they were, and its
 * loss stays out of the smoothed training loss that training-log.csv, the progress line and the checkpoint record
 * show: a blown-up step's loss, huge though finite, would otherwise sit in the curve for hundreds of steps. Skipped
 * steps provoked by a huge learning rate have NaN losses, which the smoothing drops whatever the trainer passes; a
 * finite loss with an overflowing gradient is what tells whether the trainer leaves a skipped step out. So a run's
 * checkpoint at step 5 gets its final LayerNorm's gain multiplied by 1e22: the loss (logits around 1e21) stays
 * finite, the gradient's norm overflows, every resumed step is skipped, and step 10's row is written before the
 * divergence guard stops the run at step 15.
 */
class SkippedStepLossTest {
    private static final float BLOW_UP = 1e22f;

    @Test
    void theAutoregressiveTrainerLeavesASkippedStepsFiniteLossOutOfTheLoggedLoss(@TempDir Path dir) throws IOException {
        double before = arStepsThatWillBeSkipped(dir);
        assertSkippedStepsLeftOut(dir, before, log -> new ArTrainer(TestModels.tinyRun(dir, 30, true, null, 0), null,
                log));
    }

    /**
     * The diffusion trainer's step says a NaN loss for a skipped step ({@code DiffusionStep.Result#SKIPPED}), for
     * the same reason: tested the same way.
     */
    @Test
    void theDiffusionTrainerLeavesASkippedStepsFiniteLossOutOfTheLoggedLoss(@TempDir Path dir) throws IOException {
        double before = diffusionStepsThatWillBeSkipped(dir);
        assertSkippedStepsLeftOut(dir, before, log -> new DiffusionTrainer(TestModels.tinyRun(dir, 30, true, null, 0),
                log));
    }

    /**
     * Resumes the run in {@code dir}, whose steps will all be skipped, with the trainer {@code resumed} makes on a log:
     * they are said to be skipped with a finite loss, step 10's logged loss is still step 5's ({@code before}), and
     * the divergence guard stops the run at step 15.
     */
    private static void assertSkippedStepsLeftOut(Path dir, double before,
            java.util.function.Function<PrintStream, TrainingRun> resumed) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RuntimeException stop = stopOf(() -> resumed.apply(new PrintStream(log, true, StandardCharsets.UTF_8)).run());
        assertSkippedWithFiniteLoss(log);
        assertEquals(String.format(Locale.ROOT, "%.6f", before), trainLossAt(dir, 10),
                "steps 6 to 10 were skipped: the logged loss is still step 5's");
        assertTrue(stop instanceof IllegalStateException && stop.getMessage().startsWith("training diverged: "),
                "the guard stops the run at step 15: " + stop);
    }

    /**
     * A checkpoint falls due at step 10, amid the skipped steps 6 to 15: it is put off to the next step that is not
     * skipped (here none), so the checkpoint the guard's "resume from the last checkpoint" points at is still step
     * 5's, not one of weights that were being skipped on. Both trainers.
     */
    @Test
    void noCheckpointIsWrittenWhileStepsAreSkipped(@TempDir Path dir) throws IOException {
        Path ar = dir.resolve("ar");
        arStepsThatWillBeSkipped(ar);
        RuntimeException arStop = stopOf(() -> new ArTrainer(TestModels.tinyRun(ar, 30, true, null, 0), null, quiet())
                .run());
        assertTrue(arStop != null && arStop.getMessage().contains("resume from the last checkpoint"), "" + arStop);
        assertEquals(5, ArCheckpoint.readHeader(ar).training().step(), "a checkpoint was written amid skipped steps");

        Path cdcd = dir.resolve("cdcd");
        diffusionStepsThatWillBeSkipped(cdcd);
        RuntimeException stop = stopOf(() -> new DiffusionTrainer(TestModels.tinyRun(cdcd, 30, true, null, 0), quiet())
                .run());
        assertTrue(stop != null && stop.getMessage().contains("resume from the last checkpoint"), "" + stop);
        assertEquals(5, ModelCheckpoint.readHeader(cdcd).training().step(), "a checkpoint was written amid skipped steps");
    }

    /**
     * Trains the autoregressive model 5 steps into {@code dir} and saves its checkpoint with the final norm blown up,
     * so that every resumed step is skipped; returns step 5's logged training loss.
     */
    private static double arStepsThatWillBeSkipped(Path dir) throws IOException {
        new ArTrainer(TestModels.tinyRun(dir, 5, false, null, 0), null, quiet()).run();
        try (NDManager manager = NDManager.newBaseManager()) {
            ArCheckpoint.Loaded loaded = ArCheckpoint.load(dir, manager);
            NDList moments = ArCheckpoint.loadOptimizerState(loaded, manager);
            blowUpFinalNorm(loaded.network().getParameters());
            ArCheckpoint.save(dir, loaded.network(), loaded.vocabulary(), loaded.header().training(), moments);
            return loaded.header().training().trainLoss();
        }
    }

    /** As {@link #arStepsThatWillBeSkipped}, for the diffusion model. */
    private static double diffusionStepsThatWillBeSkipped(Path dir) throws IOException {
        new DiffusionTrainer(TestModels.tinyRun(dir, 5, false, null, 0), quiet()).run();
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(dir, manager);
            NDList moments = ModelCheckpoint.loadOptimizerState(loaded, manager);
            blowUpFinalNorm(loaded.network().getParameters());
            ModelCheckpoint.save(dir, loaded.network(), loaded.vocabulary(), loaded.warp(), loaded.header().training(),
                    moments);
            return loaded.header().training().trainLoss();
        }
    }

    /** What stopped {@code run}, or null: checked after the log, which says more when the run went on. */
    private static RuntimeException stopOf(org.junit.jupiter.api.function.Executable run) {
        try {
            run.execute();
            return null;
        } catch (RuntimeException e) {
            return e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static void blowUpFinalNorm(ai.djl.util.PairList<String, Parameter> parameters) {
        for (Pair<String, Parameter> p : parameters) {
            if (p.getKey().endsWith("finalNorm_gamma")) {
                p.getValue().getArray().muli(BLOW_UP);
                return;
            }
        }
        throw new AssertionError("no final LayerNorm gain among " + parameters.keys());
    }

    /** The run said it skipped step 6 with a finite loss: else the test would test nothing the smoothing does not. */
    private static void assertSkippedWithFiniteLoss(ByteArrayOutputStream log) {
        String text = log.toString(StandardCharsets.UTF_8);
        String skipped = text.lines().filter(l -> l.startsWith("step 6 skipped: loss ")).findFirst()
                .orElseThrow(() -> new AssertionError("step 6 was not skipped:\n" + text));
        double loss = Double.parseDouble(skipped.substring("step 6 skipped: loss ".length(), skipped.indexOf(',')));
        assertTrue(Double.isFinite(loss) && loss > 1e6, skipped);
    }

    private static String trainLossAt(Path dir, int step) throws IOException {
        List<String> rows = Files.readAllLines(dir.resolve(TrainingLog.CSV), StandardCharsets.UTF_8);
        return rows.stream().filter(r -> r.startsWith(step + ",")).map(r -> r.split(",")[2]).findFirst()
                .orElseThrow(() -> new AssertionError("no row for step " + step + " in " + rows));
    }

    private static PrintStream quiet() {
        return new PrintStream(PrintStream.nullOutputStream());
    }
}
