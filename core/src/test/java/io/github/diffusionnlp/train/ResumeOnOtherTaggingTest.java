package io.github.diffusionnlp.train;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model resumed on a corpus tagged otherwise than its checkpoint's (audit h262). An untagged model resumed on
 * tagged text trained on the tags but kept its tag lexicon of X alone, so it still refused templates while its record
 * said "read as: --layout columns"; a tagged model resumed on plain text had its record say untagged, so that without
 * its lexicon it refused the templates it had learnt; and neither run said a word of the switch. Now the record's
 * {@code tagged} means "trained on UPOS tags at some point", an untagged model's lexicon is rebuilt from the tagged
 * corpus, and each switch is said in one note.
 */
class ResumeOnOtherTaggingTest {
    private static final String SENTENCES = "The cat sat on the mat .\nA dog ran home .\n";

    private static Path plain(Path dir) throws IOException {
        return Files.writeString(dir.resolve("plain.txt"), SENTENCES.repeat(20));
    }

    private static Path tagged(Path dir) throws IOException {
        String columns = "The\tDET\ncat\tNOUN\nsat\tVERB\non\tADP\nthe\tDET\nmat\tNOUN\n.\tPUNCT\n\n"
                + "A\tDET\ndog\tNOUN\nran\tVERB\nhome\tADV\n.\tPUNCT\n\n";
        return Files.writeString(dir.resolve("tagged.tsv"), columns.repeat(20));
    }

    private static String train(Path corpus, Path out, int steps, boolean resume) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new DiffusionTrainer(TrainOptions.builder(corpus, out).size("tiny").steps(steps).maxLength(16).batchSize(4)
                .resume(resume).build(), new PrintStream(log, true, UTF_8)).run();
        return log.toString(UTF_8);
    }

    private static long count(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).count();
    }

    @Test
    void anUntaggedModelResumedOnTaggedTextLearnsTagsAndSaysSo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("model");
        train(plain(tmp), out, 2, false);
        try (DiffusionLM lm = DiffusionLM.builder().optModel(out).build()) {
            assertFalse(lm.followsTemplates());
        }
        String log = train(tagged(tmp), out, 4, true);
        assertEquals(1, count(log, "note: the checkpoint was trained without UPOS tags"), log);
        assertTrue(log.contains("its " + ModelCheckpoint.TAG_LEXICON + " is rebuilt from this corpus"), log);
        TrainingInfo record = ModelCheckpoint.readHeader(out).training();
        assertEquals(Boolean.TRUE, record.tagged());
        assertFalse(record.untagged());
        try (DiffusionLM lm = DiffusionLM.builder().optModel(out).build()) {
            assertTrue(lm.followsTemplates(), "its tag lexicon now holds the corpus's tags");
        }
    }

    @Test
    void aTaggedModelResumedOnPlainTextKeepsItsTagsAndSaysSo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("model");
        train(tagged(tmp), out, 2, false);
        byte[] lexicon = Files.readAllBytes(out.resolve(ModelCheckpoint.TAG_LEXICON));
        String log = train(plain(tmp), out, 4, true);
        assertEquals(1, count(log, "note: the checkpoint was trained on UPOS tags"), log);
        assertEquals(0, count(log, "note: the corpus carries no UPOS tags"), "one note for the switch: " + log);
        assertArrayEquals(lexicon, Files.readAllBytes(out.resolve(ModelCheckpoint.TAG_LEXICON)));
        TrainingInfo record = ModelCheckpoint.readHeader(out).training();
        assertEquals(Boolean.TRUE, record.tagged(), "trained on tags at some point");
        assertFalse(record.untagged());
        try (DiffusionLM lm = DiffusionLM.builder().optModel(out).build()) {
            assertTrue(lm.followsTemplates());
        }
    }

    /** Without its lexicon (a model of before there was one) resuming on plain text writes none of X alone. */
    @Test
    void aTaggedModelWithoutItsLexiconResumedOnPlainTextGetsNoneOfXAlone(@TempDir Path tmp) throws Exception {
        Path trained = tmp.resolve("trained");
        train(tagged(tmp), trained, 2, false);
        Path out = TestModels.copyOfModelWithout(trained, tmp.resolve("copy"), ModelCheckpoint.TAG_LEXICON);
        String log = train(plain(tmp), out, 4, true);
        assertEquals(1, count(log, "note: the checkpoint was trained on UPOS tags"), log);
        assertFalse(Files.exists(out.resolve(ModelCheckpoint.TAG_LEXICON)),
                Arrays.toString(out.toFile().list()));
        try (DiffusionLM lm = DiffusionLM.builder().optModel(out).build()) {
            assertTrue(lm.followsTemplates());
        }
    }

    /** Without its lexicon, an untagged model (its record tells) resumed on tagged text gets one of the tags. */
    @Test
    void anUntaggedModelWithoutItsLexiconResumedOnTaggedTextGetsOne(@TempDir Path tmp) throws Exception {
        Path trained = tmp.resolve("trained");
        train(plain(tmp), trained, 2, false);
        Path out = TestModels.copyOfModelWithout(trained, tmp.resolve("copy"), ModelCheckpoint.TAG_LEXICON);
        String log = train(tagged(tmp), out, 4, true);
        assertEquals(1, count(log, "note: the checkpoint was trained without UPOS tags (its corpus was read as plain"
                + " text, one sentence a line) and this corpus carries them: its " + ModelCheckpoint.TAG_LEXICON
                + " is built from this corpus"), log);
        try (DiffusionLM lm = DiffusionLM.builder().optModel(out).build()) {
            assertTrue(lm.followsTemplates());
        }
    }

    /** The same corpus's tagging again is no switch: nothing said. */
    @Test
    void resumingOnTheSameTaggingSaysNothingOfIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("model");
        Path corpus = plain(tmp);
        train(corpus, out, 2, false);
        String log = train(corpus, out, 3, true);
        assertEquals(0, count(log, "note: the checkpoint was trained"), log);
        assertEquals(Boolean.FALSE, ModelCheckpoint.readHeader(out).training().tagged());
    }

    /** The autoregressive trainer records the same field by the same rule (it has no templates, so says nothing). */
    @Test
    void theAutoregressiveRecordKeepsTaggedToo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ar");
        Path taggedCorpus = tagged(tmp);
        new ArTrainer(TrainOptions.builder(taggedCorpus, out).size("tiny").steps(2).maxLength(16).batchSize(4)
                .build(), null, new PrintStream(PrintStream.nullOutputStream())).run();
        new ArTrainer(TrainOptions.builder(plain(tmp), out).size("tiny").steps(3).maxLength(16).batchSize(4)
                .resume(true).build(), null, new PrintStream(PrintStream.nullOutputStream())).run();
        assertEquals(Boolean.TRUE, ArCheckpoint.readHeader(out).training().tagged());
    }
}
