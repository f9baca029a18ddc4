package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestCorpora;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
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
 * A model records how its corpus was read (the layout guessed, the multiword tokens' reading), and what reads
 * that corpus again without being told otherwise reads it so: a model trained on {@code de el} is fused and
 * resumed on {@code de el}, not on today's default {@code del}. A model of before the record read its
 * multiword tokens as their parts.
 */
class RecordedCorpusReadingTest {
    @TempDir
    Path dir;

    /** The treebank's file. */
    static Path treebank(Path dir) throws IOException {
        return TestCorpora.spanishTreebank(dir, 16);
    }

    /** Two steps of a tiny model on the treebank, its multiword tokens read as {@code multiword} (null: not said). */
    static TrainOptions.Builder run(Path corpus, Path out, MultiwordTokens multiword) {
        return TrainOptions.builder(corpus, out).size("tiny").steps(2).maxLength(16).batchSize(4).checkpointEvery(2)
                .contextEmbeddings(false).multiword(multiword);
    }

    private static String train(TrainOptions options) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new DiffusionTrainer(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theConfigRecordsTheLayoutGuessedAndTheMultiwordReading() throws IOException {
        Path model = dir.resolve("model");
        train(run(treebank(dir), model, MultiwordTokens.PARTS).build());
        TrainingInfo t = ModelCheckpoint.readHeader(model).training();
        assertEquals(CorpusLayout.CONLLU, t.layout(), "the guess, not auto");
        assertEquals(MultiwordTokens.PARTS, t.multiword());
        String config = Files.readString(model.resolve(ModelCheckpoint.CONFIG));
        assertTrue(config.contains("\"layout\" : \"conllu\"") && config.contains("\"multiword\" : \"parts\""), config);
    }

    @Test
    void aConfigWithoutTheRecordIsReadAsBeforeItWasRecordedAndLoadsUnchanged() throws IOException {
        Path shipped = TestModels.shippedModel();
        byte[] before = Files.readAllBytes(shipped.resolve(ModelCheckpoint.CONFIG));
        TrainingInfo t = ModelCheckpoint.readHeader(shipped).training();
        assertNull(t.layout());
        assertNull(t.multiword());
        assertEquals(new TaggedCorpus.Reading(CorpusLayout.AUTO, MultiwordTokens.PARTS), t.corpusReading());
        assertArrayEquals(before, Files.readAllBytes(shipped.resolve(ModelCheckpoint.CONFIG)));
    }

    @Test
    void fusionReadsTheModelsOwnCorpusAsItWasRead() throws IOException {
        Path corpus = treebank(dir);
        Path model = dir.resolve("model");
        train(run(corpus, model, MultiwordTokens.PARTS).build());
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model).build()) {
            assertEquals(new TaggedCorpus.Reading(CorpusLayout.CONLLU, MultiwordTokens.PARTS), lm.ngramCorpusReading());
        }
        // said otherwise without a corpus: refused, as the command line refuses --multiword without --ngram-corpus
        assertThrows(IllegalStateException.class, () -> DiffusionLM.builder().optModel(model)
                .optNgramCorpusReading(null, MultiwordTokens.SURFACE).build());
        // another corpus is not the model's: its layout guessed, but its counts are fused with the model's words,
        // so its multiword tokens are read as the model's were (surface would count del, which the model never has)
        Path other = Files.copy(corpus, dir.resolve("other.conllu"));
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model).optNgramCorpus(other).build()) {
            assertEquals(new TaggedCorpus.Reading(CorpusLayout.AUTO, MultiwordTokens.PARTS), lm.ngramCorpusReading());
        }
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model).optNgramCorpus(other)
                .optNgramCorpusReading(null, MultiwordTokens.SURFACE).build()) {
            assertEquals(TaggedCorpus.Reading.DEFAULT, lm.ngramCorpusReading(), "said otherwise, as said");
        }
        // a config of before the record (the fields removed): guessed, and parts
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        Files.writeString(config, Files.readString(config).replaceAll(",\\s*\"layout\" : \"conllu\"", "")
                .replaceAll(",\\s*\"multiword\" : \"parts\"", ""));
        assertFalse(Files.readString(config).contains("multiword"));
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model).build()) {
            assertEquals(new TaggedCorpus.Reading(CorpusLayout.AUTO, MultiwordTokens.PARTS), lm.ngramCorpusReading());
        }
    }

    @Test
    void aResumedRunReadsItsCorpusAsRecordedAndSaysWhenToldOtherwise() throws IOException {
        Path corpus = treebank(dir);
        Path model = dir.resolve("model");
        train(run(corpus, model, MultiwordTokens.PARTS).build());
        // its vocabulary holds de and el, not del: read as parts again, it covers every token
        String resumed = train(run(corpus, model, null).steps(4).resume(true).build());
        assertTrue(resumed.contains("covers 100.0% of training tokens"), resumed);
        assertFalse(resumed.contains("multiword("), resumed);
        assertEquals(MultiwordTokens.PARTS, ModelCheckpoint.readHeader(model).training().multiword());

        String told = train(run(corpus, model, MultiwordTokens.SURFACE).steps(6).resume(true).build());
        // a library run: named as the builder gives it
        assertTrue(told.contains("note: resuming with multiword(MultiwordTokens.SURFACE)") && told.contains("read with"
                + " parts") && told.contains("; without multiword(...) the run reads them as the checkpoint did"), told);
        assertEquals(MultiwordTokens.SURFACE, ModelCheckpoint.readHeader(model).training().multiword());
    }

    /**
     * A model of before the record was read in a guessed layout: resumed with --layout auto, it is read as it was,
     * and nothing is said (it said "resuming with --layout auto, where the checkpoint read the same corpus as auto");
     * told another layout, it says so.
     */
    @Test
    void aModelOfBeforeTheRecordResumedWithLayoutAutoSaysNothingOfTheLayoutAndWithAnotherSaysSo() throws IOException {
        Path corpus = treebank(dir);
        Path model = dir.resolve("model");
        train(run(corpus, model, MultiwordTokens.PARTS).build());
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        Files.writeString(config, Files.readString(config).replaceAll(",\\s*\"layout\" : \"conllu\"", ""));
        assertNull(ModelCheckpoint.readHeader(model).training().layout());
        String resumed = train(run(corpus, model, null).layout(CorpusLayout.AUTO).steps(4).resume(true).build());
        assertFalse(resumed.contains("layout("), resumed);
        // the record now says conllu (the guess); told another layout that reads the file, the run says so
        Files.writeString(config, Files.readString(config).replaceAll(",\\s*\"layout\" : \"conllu\"", ""));
        String told = train(run(corpus, model, null).layout(CorpusLayout.CONLLU).steps(6).resume(true).build());
        assertTrue(told.contains("note: resuming with layout(CorpusLayout.CONLLU), where the checkpoint read the same"
                + " corpus as auto"), told);
    }
}
