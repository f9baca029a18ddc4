package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.ReadingRules;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading of a corpus changed on 2026-12-07: a bare CR ends a line, and plain text reads a line such as {@code
 * #MeToo is trending} as a sentence, where every {@code #} line was a comment. A checkpoint of before records the same
 * size and checksum of such a file, unchanged, so a resume passed that check and trained on other sentences than the
 * checkpoint was trained on, unsaid. A checkpoint now records the rules it read by ({@code readingRules}), and a
 * resume of one that records none, on a file those changes read otherwise, is refused naming the file, what changed
 * and what to do; a file they do not touch resumes as before.
 */
class ReadingRulesResumeTest {
    private static final String SENTENCES = "the cat sat on the mat .\na dog ran to the park .\n"
            + "she read the old book .\nwe saw a red bird in the tree .\n";

    @Test
    void aBareCrCorpusOfACheckpointOfBeforeIsRefused(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("mac corpus.txt"), SENTENCES.repeat(30).replace('\n', '\r'));
        Path out = tmp.resolve("model");
        train(corpus, out, 10);
        assertEquals(ReadingRules.CURRENT, record(out).readingRules(), "a new run records the rules it read by");
        train(corpus, out, 20); // recorded by these rules: resumes as before
        assertEquals(20, record(out).step());

        forgetReadingRules(out.resolve(ModelCheckpoint.CONFIG));
        assertNull(record(out).readingRules(), "a config of before records none");
        IOException e = assertThrows(IOException.class, () -> train(corpus, out, 30));
        String file = corpus.toAbsolutePath().normalize().toString();
        assertEquals(file + ", the corpus the checkpoint in " + out + " was trained on, reads as other sentences now"
                + " than it did for the run that wrote the checkpoint: it holds a bare CR (an old Mac line end) on its"
                + " line 1, which ends a line since 2026-12-07 but ended none for the build that wrote the checkpoint:"
                + " that run read the lines around it as one; resuming would train the model on other sentences than"
                + " it was trained on. Start a new model on it (another TrainOptions.builder's output, without"
                + " resume(true)), or, to go on training this one on its lines as they read now, convert its line ends"
                + " to \\n (perl -pe 's/\\r\\n?/\\n/g' '" + file + "' > NEW) and give TrainOptions.builder's corpus"
                + " \"NEW\"", e.getMessage());
        assertEquals(20, record(out).step(), "nothing trained");
    }

    @Test
    void plainHashtagSentencesOfACheckpointOfBeforeAreRefused(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("tweets.txt"), "# collected 2026-12-01\n"
                + "#MeToo is trending today .\n" + SENTENCES.repeat(30));
        Path out = tmp.resolve("model");
        train(corpus, out, 10);
        forgetReadingRules(out.resolve(ModelCheckpoint.CONFIG));
        IOException e = assertThrows(IOException.class, () -> train(corpus, out, 20));
        String file = corpus.toAbsolutePath().normalize().toString();
        assertEquals(file + ", the corpus the checkpoint in " + out + " was trained on, reads as other sentences now"
                + " than it did for the run that wrote the checkpoint: its line 2, #MeToo is trending today ., starts"
                + " with # and is a sentence of plain text since 2026-12-07, but the build that wrote the checkpoint"
                + " skipped every line starting with # as a comment; resuming would train the model on other sentences"
                + " than it was trained on. Start a new model on it (another TrainOptions.builder's output, without"
                + " resume(true)), or, to go on training this one on the sentences it was trained on, drop the lines"
                + " starting with # as that build did (grep -v '^#' " + file + " > NEW) and give"
                + " TrainOptions.builder's corpus \"NEW\"", e.getMessage());

        // the remedy it names: the lines it was trained on, in another file
        Path dropped = Files.writeString(tmp.resolve("new.txt"), SENTENCES.repeat(30));
        train(dropped, out, 20);
        assertEquals(20, record(out).step());
    }

    /**
     * A copy of the corpus at another path, of the size and checksum the checkpoint records, is the same corpus and
     * reads otherwise now as the file itself does: it was resumed on without the check, which took the recorded path
     * alone for the corpus. Another file of other bytes is not the checkpoint's corpus, and resumes as before.
     */
    @Test
    void aCopyOfTheCorpusAtAnotherPathIsRefusedToo(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("tweets.txt"), "#MeToo is trending today .\n"
                + SENTENCES.repeat(30));
        Path out = tmp.resolve("model");
        train(corpus, out, 10);
        forgetReadingRules(out.resolve(ModelCheckpoint.CONFIG));
        Path copy = Files.copy(corpus, Files.createDirectory(tmp.resolve("copies")).resolve("tweets.txt.bak"));
        IOException e = assertThrows(IOException.class, () -> train(copy, out, 20));
        String file = copy.toAbsolutePath().normalize().toString();
        assertEquals(file + ", a copy of the corpus the checkpoint in " + out + " was trained on ("
                + corpus.toAbsolutePath().normalize() + ": the size and checksum the checkpoint records), reads as"
                + " other sentences now than it did for the run that wrote the checkpoint: its line 1, #MeToo is"
                + " trending today ., starts with # and is a sentence of plain text since 2026-12-07, but the build"
                + " that wrote the checkpoint skipped every line starting with # as a comment; resuming would train"
                + " the model on other sentences than it was trained on. Start a new model on it (another"
                + " TrainOptions.builder's output, without resume(true)), or, to go on training this one on the"
                + " sentences it was trained on, drop the lines starting with # as that build did (grep -v '^#' "
                + file + " > NEW) and give TrainOptions.builder's corpus \"NEW\"", e.getMessage());
        assertEquals(10, record(out).step(), "nothing trained");

        Path other = Files.writeString(tmp.resolve("other.txt"), "#MeToo is trending now .\n" + SENTENCES.repeat(30));
        train(other, out, 20); // not the checkpoint's corpus: read as it reads now
        assertEquals(20, record(out).step());
    }

    /** Comments by both rules, CRLF line ends: read alike, resumed as before, the rules recorded now. */
    @Test
    void aCorpusTheChangesDoNotTouchResumesAsBefore(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), ("# a header\n#\n#  two spaces\n"
                + SENTENCES.repeat(30)).replace("\n", "\r\n") + "# last\r");
        Path out = tmp.resolve("model");
        train(corpus, out, 10);
        forgetReadingRules(out.resolve(ModelCheckpoint.CONFIG));
        train(corpus, out, 20);
        assertEquals(20, record(out).step());
        assertEquals(ReadingRules.CURRENT, record(out).readingRules());
    }

    /** train-ar resumes through the same reading, refused the same. */
    @Test
    void theAutoregressiveTrainerRefusesToo(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30).replace("\n", "\r"));
        Path out = tmp.resolve("ar");
        new ArTrainer(options(corpus, out, 10), null, quiet()).run();
        assertEquals(ReadingRules.CURRENT, ArCheckpoint.readHeader(out).training().readingRules());
        forgetReadingRules(out.resolve(ModelCheckpoint.CONFIG));
        IOException e = assertThrows(IOException.class,
                () -> new ArTrainer(options(corpus, out, 20), null, quiet()).run());
        assertEquals(true, e.getMessage().contains("bare CR"), e.getMessage());
    }

    private static TrainingInfo record(Path out) throws IOException {
        return ModelCheckpoint.readHeader(out).training();
    }

    /** Makes {@code config}'s training record one of before the rules were recorded. */
    private static void forgetReadingRules(Path config) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        ((ObjectNode) tree.get("training")).remove("readingRules");
        json.writeValue(config.toFile(), tree);
    }

    private static TrainOptions options(Path corpus, Path out, int steps) {
        return TrainOptions.builder(corpus, out).size("tiny").vocabSize(200).maxLength(16).batchSize(8).steps(steps)
                .learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10).resume(steps > 10)
                .contextEmbeddings(false).build();
    }

    private static void train(Path corpus, Path out, int steps) throws IOException {
        new DiffusionTrainer(options(corpus, out, steps), quiet()).run();
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
