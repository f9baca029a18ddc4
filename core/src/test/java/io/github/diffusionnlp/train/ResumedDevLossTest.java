package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed run started from its checkpoint's dev loss whatever it measured on, so that its checkpoints before its
 * first measurement recorded, beside the dev split this run names, a loss of another one (or of none: a dev split
 * gone, {@code ResumeWithoutCorpusTest}), which {@code info} showed as the model's. The record's dev loss is now
 * always of the dev split it names: carried over only when the run measures on the one the checkpoint measured on
 * (its path, size and checksum), NaN otherwise until the run measures one.
 */
class ResumedDevLossTest {
    private static final String SENTENCES = "the cat sat on the mat .\na dog ran to the park .\n"
            + "she read the old book .\nwe saw a red bird in the tree .\n";

    /** Trains to {@code steps} with a checkpoint every step; returns each checkpoint's record as it was saved. */
    private static Map<Integer, TrainingInfo> train(Path corpus, Path dev, Path out, int steps, boolean resume)
            throws IOException {
        return train(corpus, dev, out, steps, resume, 0);
    }

    /** As above, with a weight average of {@code averageDecay} (0: none). */
    private static Map<Integer, TrainingInfo> train(Path corpus, Path dev, Path out, int steps, boolean resume,
            double averageDecay) throws IOException {
        Map<Integer, TrainingInfo> saved = new HashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        OutputStream watching = new OutputStream() {
            @Override
            public void write(int b) {
                if (b != '\n') {
                    line.write(b);
                    return;
                }
                String said = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (said.startsWith("checkpoint: ")) { // said once the checkpoint is committed
                    try {
                        TrainingInfo record = ModelCheckpoint.readHeader(out).training();
                        saved.put(record.step(), record);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        new DiffusionTrainer(TrainOptions.builder(corpus, out).dev(dev).size("tiny").vocabSize(200).maxLength(16)
                .batchSize(8).steps(steps).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(1)
                .resume(resume).contextEmbeddings(false).averageDecay(averageDecay).build(),
                new PrintStream(watching, true, StandardCharsets.UTF_8)).run();
        return saved;
    }

    @Test
    void aResumeOnAnotherDevSplitRecordsNoDevLossUntilItMeasuresOne(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), SENTENCES);
        Path other = Files.writeString(tmp.resolve("other.txt"), "the dog sat on the mat .\n");
        Path out = tmp.resolve("model");
        TrainingInfo first = train(corpus, dev, out, 3, false).get(3);
        assertTrue(Double.isFinite(first.devLoss()), "measured at the last step: " + first);

        Map<Integer, TrainingInfo> resumed = train(corpus, other, out, 5, true);
        TrainingInfo before = resumed.get(4); // not measured: only the last step (5) measures
        assertEquals(other.toAbsolutePath().normalize().toString(), before.dev());
        assertEquals(Double.NaN, before.devLoss(), "dev.txt's loss recorded as other.txt's");
        assertTrue(Double.isFinite(resumed.get(5).devLoss()), "measured on other.txt at the last step");
    }

    /** The same dev split, unchanged: its last loss stands until the next measurement, as within one run. */
    @Test
    void aResumeOnTheSameDevSplitCarriesItsLastDevLoss(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), SENTENCES);
        Path out = tmp.resolve("model");
        TrainingInfo first = train(corpus, dev, out, 3, false).get(3);

        TrainingInfo before = train(corpus, null, out, 5, true).get(4); // the recorded dev split, taken again
        assertEquals(first.dev(), before.dev());
        assertEquals(first.devLoss(), before.devLoss(), "measured on this dev split at step 3");
    }

    /**
     * The same dev split, unchanged, that reads as other sentences now than for a checkpoint of before the reading
     * rules were recorded (2026-12-07; here a bare CR, which ends a line now): its loss was of other sentences, and is
     * not carried, as a changed file's is not.
     */
    @Test
    void aDevSplitThatReadsOtherwiseNowDoesNotCarryItsDevLoss(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), SENTENCES.replace('\n', '\r'));
        Path out = tmp.resolve("model");
        assertTrue(Double.isFinite(train(corpus, dev, out, 3, false).get(3).devLoss()));
        Path config = out.resolve(ModelCheckpoint.CONFIG);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(config.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("training")).remove("readingRules");
        json.writeValue(config.toFile(), tree);

        Map<Integer, TrainingInfo> resumed = train(corpus, dev, out, 5, true);
        assertEquals(Double.NaN, resumed.get(4).devLoss(), "the loss of the lines run together, carried");
        assertTrue(Double.isFinite(resumed.get(5).devLoss()), "measured at the last step");
    }

    /**
     * An averaged checkpoint records the weight average's dev loss, and a run resumed from it without {@code
     * --average} trains and saves the trained weights: the average's loss was carried over as theirs, recorded at
     * its checkpoints before its first measurement as the dev loss of weights never measured.
     */
    @Test
    void aResumeWithoutTheAverageDoesNotRecordTheAveragesDevLossAsItsOwn(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), SENTENCES);
        Path out = tmp.resolve("model");
        TrainingInfo first = train(corpus, dev, out, 3, false, 0.9).get(3);
        assertTrue(Double.isFinite(first.devLoss()) && first.averageDecay() == 0.9, "the average's: " + first);

        Map<Integer, TrainingInfo> resumed = train(corpus, null, out, 5, true, 0); // the same dev split, no average
        TrainingInfo before = resumed.get(4);
        assertEquals(first.dev(), before.dev());
        assertEquals(0, before.averageDecay(), "the trained weights saved");
        assertEquals(Double.NaN, before.devLoss(), "the average's dev loss recorded as the trained weights'");
        assertTrue(Double.isFinite(resumed.get(5).devLoss()), "measured at the last step");
    }
}
