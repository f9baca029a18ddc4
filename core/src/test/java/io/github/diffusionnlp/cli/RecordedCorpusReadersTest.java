package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The commands that read a model's corpus as the data it was trained on ({@code tag-lexicon}, {@code row-lengths},
 * {@code evaluate}'s trigram baseline by default) refuse, as {@code train --resume} does, a corpus of a model of
 * before the reading rules were recorded (2026-12-07) that reads as other sentences now: a bare CR ends a line now,
 * and plain text reads {@code #MeToo is trending} as a sentence. They recorded the row lengths and tag counts of other
 * sentences than the model was trained on, unsaid.
 */
@Isolated
class RecordedCorpusReadersTest {
    private static final String SENTENCES = "the cat sat on the mat .\na dog ran to the park .\n"
            + "she read the old book .\nwe saw a red bird in the tree .\n";

    @Test
    void rowLengthsAndTagLexiconRefuseAHashtagCorpusOfAModelOfBefore(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("tweets.txt"), "# collected\n#MeToo is trending today .\n"
                + SENTENCES.repeat(10));
        Path model = trainedOldModel(tmp, corpus);
        String config = Files.readString(model.resolve(ModelCheckpoint.CONFIG));
        String file = corpus.toAbsolutePath().normalize().toString();
        for (List<String> command : List.of(List.of("row-lengths", "the row lengths recorded would be those of",
                "its row lengths"), List.of("tag-lexicon", "the tag lexicon would count the tags of",
                "its tag lexicon"))) {
            Run run = MainTest.run("", command.get(0), "--model", model.toString(), "--corpus", corpus.toString());
            assertEquals(1, run.code(), run.err());
            assertEquals("error: " + file + ", the corpus the model was trained on, reads as other sentences now than"
                    + " it did for the run that trained it: its line 2, #MeToo is trending today ., starts with # and"
                    + " is a sentence of plain text since 2026-12-07, but the build that wrote the model skipped every"
                    + " line starting with # as a comment; " + command.get(1) + " other sentences than the model was"
                    + " trained on. Drop the lines starting with # as that build did (grep -v '^#' " + file
                    + " > NEW) and give --corpus NEW, or train a new model on it (train), which records "
                    + command.get(2) + " itself", lastLine(run));
        }
        assertEquals(config, Files.readString(model.resolve(ModelCheckpoint.CONFIG)), "nothing recorded");
        Path dropped = Files.writeString(tmp.resolve("new.txt"), SENTENCES.repeat(10));
        Run remedy = MainTest.run("", "row-lengths", "--model", model.toString(), "--corpus", dropped.toString());
        assertEquals(0, remedy.code(), remedy.err());
    }

    @Test
    void rowLengthsRefusesABareCrCorpusOfAModelOfBefore(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("mac.txt"), SENTENCES.repeat(10).replace('\n', '\r'));
        Path model = trainedOldModel(tmp, corpus);
        Run run = MainTest.run("", "row-lengths", "--model", model.toString(), "--corpus", corpus.toString());
        assertEquals(1, run.code(), run.err());
        assertEquals("error: " + corpus.toAbsolutePath().normalize() + ", the corpus the model was trained on, reads"
                + " as other sentences now than it did for the run that trained it: it holds a bare CR (an old Mac"
                + " line end) on its line 1, which ends a line since 2026-12-07 but ended none for the build that"
                + " wrote the model: that run read the lines around it as one; the row lengths recorded would be those"
                + " of other sentences than the model was trained on. No file reads by these rules as that build read"
                + " it: train a new model on it (train), which records its row lengths itself", lastLine(run));
    }

    /**
     * {@code evaluate}'s trigram baseline, counted by default from the model's corpus, and n-gram fusion's trigrams,
     * counted by default from it too, are refused so; the file named as {@code --train} or {@code --ngram-corpus} is
     * the user's to name, and read as it reads now.
     */
    @Test
    void theTrigramsOfTheModelsCorpusAreRefusedButNotOfAFileNamed(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("tweets.txt"), "#MeToo is trending today .\n"
                + SENTENCES.repeat(10));
        Path model = trainedOldModel(tmp, corpus);
        String file = corpus.toAbsolutePath().normalize().toString();
        String why = "error: " + file + ", the corpus the model was trained on, reads as other sentences now than it"
                + " did for the run that trained it: its line 1, #MeToo is trending today ., starts with # and is a"
                + " sentence of plain text since 2026-12-07, but the build that wrote the model skipped every line"
                + " starting with # as a comment; ";
        Run evaluate = MainTest.run("", "evaluate", "--model", model.toString(), "--heldout", corpus.toString(),
                "--sentences", "1", "--step-counts", "1");
        assertEquals(1, evaluate.code(), evaluate.err());
        assertEquals(why + "the trigram baseline would be counted from other sentences than the model was trained on."
                + " Drop the lines starting with # as that build did (grep -v '^#' " + file + " > NEW) and give"
                + " --train NEW, or give --train " + file + " to count it from the file as it reads now, or --train"
                + " none", lastLine(evaluate));
        Run fused = MainTest.run("the [MASK] sat on the mat .\n", "infill", "--model", model.toString(), "--steps",
                "2", "--ngram-weight", "1");
        assertEquals(1, fused.code(), fused.err());
        assertEquals(why + "n-gram fusion would count the trigrams of other sentences than the model was trained on."
                + " Drop the lines starting with # as that build did (grep -v '^#' " + file + " > NEW) and give NEW as"
                + " the n-gram corpus, or give the file itself as the n-gram corpus (DiffusionLM.Builder#optNgramCorpus,"
                + " --ngram-corpus; OpenNLP: -ngramCorpus; CoreNLP: diffusion.ngramCorpus) to count the trigrams of"
                + " its lines as they read now", lastLine(fused));
        Run named = MainTest.run("the [MASK] sat on the mat .\n", "infill", "--model", model.toString(), "--steps",
                "2", "--ngram-weight", "1", "--ngram-corpus", file);
        assertEquals(0, named.code(), named.err());
    }

    /**
     * A model of before that records no size and checksum of its corpus cannot tell its corpus from another file: any
     * {@code --corpus} that reads otherwise now is refused, but the refusal does not call it the corpus the model was
     * trained on (the user may have given another file), nor the file at the recorded path the same file still.
     */
    @Test
    void withoutARecordedChecksumTheRefusalDoesNotClaimTheFileIsTheModelsCorpus(@TempDir Path tmp)
            throws IOException {
        Path corpus = Files.writeString(tmp.resolve("tweets.txt"), "#MeToo is trending today .\n"
                + SENTENCES.repeat(10));
        Path model = trainedOldModel(tmp, corpus);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        ((ObjectNode) tree.get("training")).remove(List.of("corpusBytes", "corpusChecksum"));
        json.writeValue(config.toFile(), tree);
        Path other = Files.writeString(tmp.resolve("other.txt"), SENTENCES + "#tbt to the old park .\n");
        String why = ", starts with # and is a sentence of plain text since 2026-12-07, but the build that wrote the"
                + " model skipped every line starting with # as a comment; ";
        String unknown = "the row lengths recorded would be those of other sentences than the model was trained on (the"
                + " model records no size and checksum of its corpus to tell). Drop the lines starting with # as that"
                + " build did (grep -v '^#' ";
        String remedy = " > NEW) and give --corpus NEW, or train a new model on it (train), which records its row"
                + " lengths itself";
        String file = other.toAbsolutePath().normalize().toString();
        Run given = MainTest.run("", "row-lengths", "--model", model.toString(), "--corpus", other.toString());
        assertEquals(1, given.code(), given.err());
        assertEquals("error: " + file + ", given as the corpus the model was trained on, reads as other sentences now"
                + " than by the rules of the build that trained the model (before 2026-12-07): its line 5, #tbt to the"
                + " old park ." + why + "if the model was trained on it, " + unknown + file + remedy, lastLine(given));
        String own = corpus.toAbsolutePath().normalize().toString();
        Run recorded = MainTest.run("", "row-lengths", "--model", model.toString(), "--corpus", corpus.toString());
        assertEquals(1, recorded.code(), recorded.err());
        assertEquals("error: " + own + ", the corpus the model records, reads as other sentences now than by the rules"
                + " of the build that trained the model (before 2026-12-07): its line 1, #MeToo is trending today ."
                + why + "if it is still the file the model was trained on, " + unknown + own + remedy,
                lastLine(recorded));
    }

    /**
     * A record that names its corpus by a relative path, as the shipped models' do (edited to travel with the
     * repository), is that file wherever the model's corpus is found under the model's parents: n-gram fusion's
     * default corpus, found so, was refused as a file "given as the corpus the model was trained on" though no one
     * gave it.
     */
    @Test
    void aCorpusRecordedRelativeIsTheCorpusTheModelRecordsWhereItIsFound(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(Files.createDirectories(tmp.resolve("data")).resolve("tweets.txt"),
                "#MeToo is trending today .\n" + SENTENCES.repeat(10));
        Path model = trainedOldModel(tmp, corpus);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        ObjectNode training = (ObjectNode) tree.get("training");
        training.remove(List.of("corpusBytes", "corpusChecksum"));
        training.put("corpus", "data/tweets.txt");
        json.writeValue(config.toFile(), tree);
        Run fused = MainTest.run("the [MASK] sat on the mat .\n", "infill", "--model", model.toString(), "--steps",
                "2", "--ngram-weight", "1");
        assertEquals(1, fused.code(), fused.err());
        assertTrue(lastLine(fused).startsWith("error: " + corpus.toAbsolutePath().normalize() + ", the corpus the"
                + " model records, reads as other sentences now"), lastLine(fused));
    }

    /** A model that records the rules it read by, or a corpus the changes do not touch, is read as before. */
    @Test
    void aModelOfTheseRulesOrAnUntouchedCorpusIsReadAsBefore(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("tweets.txt"), "#MeToo is trending today .\n"
                + SENTENCES.repeat(10));
        Path model = tmp.resolve("model");
        Run trained = MainTest.run("", "train", "--corpus", corpus.toString(), "--out", model.toString(), "--size",
                "tiny", "--length", "16", "--batch", "8", "--steps", "3");
        assertEquals(0, trained.code(), trained.err());
        Run run = MainTest.run("", "row-lengths", "--model", model.toString(), "--corpus", corpus.toString());
        assertEquals(0, run.code(), run.err());
        Path untouched = Files.writeString(tmp.resolve("plain.txt"), "# a comment\n" + SENTENCES.repeat(10));
        Path old = trainedOldModel(tmp, untouched);
        Run before = MainTest.run("", "tag-lexicon", "--model", old.toString(), "--corpus", untouched.toString());
        assertEquals(0, before.code(), before.err());
    }

    /** The error, after the reader's notes. */
    static String lastLine(Run run) {
        List<String> lines = run.err().strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** Three steps of a tiny model on {@code corpus}, its config then one of before readingRules was recorded. */
    static Path trainedOldModel(Path tmp, Path corpus) throws IOException {
        Path model = tmp.resolve("old-" + corpus.getFileName());
        Run trained = MainTest.run("", "train", "--corpus", corpus.toString(), "--out", model.toString(), "--size",
                "tiny", "--length", "16", "--batch", "8", "--steps", "3");
        assertEquals(0, trained.code(), trained.err());
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        ((ObjectNode) tree.get("training")).remove("readingRules");
        json.writeValue(config.toFile(), tree);
        return model;
    }
}
