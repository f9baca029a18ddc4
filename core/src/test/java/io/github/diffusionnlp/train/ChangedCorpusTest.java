package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.checkpoint.CorpusFingerprint;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed on the same corpus path whose file had been edited since (or replaced by another corpus) said
 * nothing: only another path was noted. The checkpoint records the corpus's size and crc32c, and a resume on a file
 * that no longer has them says so, as it says of another path.
 */
class ChangedCorpusTest {
    private static final String SENTENCES = "the cat sat on the mat .\na dog ran to the park .\n"
            + "she read the old book .\nwe saw a red bird in the tree .\n";

    @Test
    void aResumeOnAnEditedCorpusSaysSo(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(60));
        Path out = tmp.resolve("model");
        train(corpus, out, 10, false);
        TrainingInfo first = ModelCheckpoint.readHeader(out).training();
        assertEquals(CorpusFingerprint.of(corpus), CorpusFingerprint.recorded(first), "the checkpoint records it");
        assertEquals(Files.size(corpus), first.corpusBytes());

        assertFalse(train(corpus, out, 20, true).contains("has changed"), "the same file: no note");

        // one word changed, the same size: only the checksum tells
        Files.writeString(corpus, SENTENCES.repeat(59) + SENTENCES.replace("cat", "rat"));
        CorpusFingerprint then = CorpusFingerprint.recorded(ModelCheckpoint.readHeader(out).training());
        CorpusFingerprint now = CorpusFingerprint.of(corpus);
        assertEquals(then.bytes(), now.bytes());
        String log = train(corpus, out, 30, true);
        assertTrue(log.contains("note: resuming on " + corpus.toAbsolutePath().normalize() + ", which has changed since"
                + " the checkpoint was trained on it (" + now.describe() + ", where the checkpoint recorded "
                + then.describe() + "); the checkpoint's vocabulary stays, and words it lacks are read as unknown"), log);
        assertEquals(now, CorpusFingerprint.recorded(ModelCheckpoint.readHeader(out).training()),
                "the new checkpoint records the file it trained on");
    }

    /** A checkpoint of before the fingerprint was recorded gets no note: there is nothing to compare. */
    @Test
    void aCheckpointThatRecordsNoFingerprintGetsNoNote(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES);
        TrainingInfo before = new TrainingInfo(corpus.toAbsolutePath().normalize().toString(), 4, 10, 10, 8, 3e-3, 7, 1,
                5, Double.NaN, null);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new TrainingNotes(TrainOptions.builder(corpus, tmp.resolve("m")).steps(10).batchSize(8).learningRate(3e-3)
                .seed(7).resume(true).build().resumedFrom(before), new PrintStream(log, true, StandardCharsets.UTF_8))
                .noteResuming(before, TaggedCorpus.Reading.DEFAULT, CorpusFingerprint.of(corpus), null);
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    private static String train(Path corpus, Path out, int steps, boolean resume) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new DiffusionTrainer(TrainOptions.builder(corpus, out).size("tiny").vocabSize(200).maxLength(16).batchSize(8)
                .steps(steps).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10).resume(resume)
                .contextEmbeddings(false).build(), new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        return log.toString(StandardCharsets.UTF_8);
    }
}
