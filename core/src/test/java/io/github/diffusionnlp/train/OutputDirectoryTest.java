package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a training run does with an {@code --out} that is not a new directory. */
class OutputDirectoryTest {
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path f : entries.toList()) {
                files.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
        }
        return files;
    }

    /** A directory of the user's own files (here: some with the names training writes) is left as it was. */
    @Test
    void aDirectoryHoldingOtherFilesIsNotTrainedInto(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("papers");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "my notes");
        Files.writeString(dir.resolve("vocab.txt"), "my word list");
        Files.writeString(dir.resolve("training-log.csv"), "my,own,log");
        Map<String, String> before = contents(dir);
        for (boolean resume : new boolean[] {false, true}) {
            IOException e = assertThrows(IOException.class, () -> TestModels.train(dir, 10, resume));
            assertEquals(dir + " holds files that are not a model's (notes.txt), which training could overwrite; give"
                    + " a new or empty output directory (TrainOptions.builder's output; nothing was changed)",
                    e.getMessage());
            assertEquals(before, contents(dir));
        }
    }

    /**
     * What a run killed before its first checkpoint leaves (the tag lexicon, the log, part of a staged save)
     * is training's own: the next run starts the model afresh there, and with --resume says so.
     */
    @Test
    void aRunKilledBeforeItsFirstCheckpointIsStartedAgain(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ModelCheckpoint.TAG_LEXICON), "partial");
        Files.writeString(dir.resolve("training-log.csv"), "step,lr,train_loss,dev_loss,seconds\n10,0.001,7,NaN,1\n");
        Files.writeString(dir.resolve(ModelCheckpoint.PARAMS + ".next"), "half a file");
        Files.writeString(dir.resolve(ModelCheckpoint.VOCAB + ".tmp"), "half a file");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new DiffusionTrainer(TestModels.tinyRun(dir, 10, true, null, 0), new PrintStream(log, true, StandardCharsets.UTF_8))
                .run();
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("note: " + dir + " holds no checkpoint to resume from"
                + " yet, so a new model starts there"), log.toString(StandardCharsets.UTF_8));
        assertEquals(10, ModelCheckpoint.readHeader(dir).training().step());
        assertTrue(Files.notExists(dir.resolve(ModelCheckpoint.PARAMS + ".next")));
    }

    /**
     * Two runs into one directory would write each other's checkpoints (and one could finish or drop the
     * other's half-written one): while a run holds the directory's lock (here: taken by the test itself),
     * another is refused with nothing changed, and goes ahead once the lock is let go.
     */
    @Test
    void aDirectoryAnotherRunIsTrainingIntoIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        TestModels.train(dir, 10, false);
        Map<String, String> before = contents(dir);
        Path lock = dir.resolve(OutputDirectory.LOCK);
        try (java.nio.channels.FileChannel held = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock taken = held.lock()) {
            IOException e = assertThrows(IOException.class, () -> TestModels.train(dir, 20, true));
            assertEquals("another training run is writing into " + dir + " (it holds " + lock + "); wait for it to end"
                    + " or stop it, or give another output directory (nothing was changed)", e.getMessage());
            assertEquals(before, contents(dir));
        }
        TestModels.train(dir, 20, true);
        assertEquals(20, ModelCheckpoint.readHeader(dir).training().step());
    }

    /**
     * The lock names its holder, so that a run refused while another command writes into the directory
     * (here grow, taken by the test) is told which one, and a holder that lets go leaves no name behind.
     */
    @Test
    void aRefusedRunIsToldWhichCommandHoldsTheDirectory(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        TestModels.train(dir, 10, false);
        Path lock = dir.resolve(OutputDirectory.LOCK);
        assertEquals("", Files.readString(lock), "the run let go of its lock without its name");
        try (ModelDirectory.Lock growing = ModelDirectory.lock(dir, "grow --out", null)) {
            IOException e = assertThrows(IOException.class, () -> TestModels.train(dir, 20, true));
            assertEquals("another command is writing into " + dir + " (grow --out, process " + ProcessHandle.current()
                    .pid() + ", holds " + lock + "); wait for it to end or stop it, or give another output directory"
                    + " (nothing was changed)", e.getMessage());
        }
        assertEquals("", Files.readString(lock));
    }

    /**
     * A second run without resume into a directory that another run is training into was told to give resume, and,
     * giving it, that the directory was busy: the lock is checked first, so it is told at once.
     */
    @Test
    void aBusyDirectoryIsSaidToBeBusyBeforeItIsSaidToHoldAModel(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        TestModels.train(dir, 10, false);
        Path lock = dir.resolve(OutputDirectory.LOCK);
        try (ModelDirectory.Lock training = ModelDirectory.lock(dir, "train --out", null)) {
            IOException e = assertThrows(IOException.class, () -> TestModels.train(dir, 20, false));
            assertEquals("another command is writing into " + dir + " (train --out, process " + ProcessHandle.current()
                    .pid() + ", holds " + lock + "); wait for it to end or stop it, or give another output directory"
                    + " (nothing was changed)", e.getMessage());
        }
    }

    /** A run that fails before it writes anything (here: on a corpus of comments) leaves no output directory. */
    @Test
    void aRunThatFailsOnItsCorpusLeavesNoOutputDirectory(@TempDir Path tmp) throws Exception {
        Path corpus = Files.writeString(tmp.resolve("comments.txt"), "# only\n\n# comments\n");
        Path out = tmp.resolve("new").resolve("model");
        TrainOptions options = TrainOptions.builder(corpus, out).size("tiny").vocabSize(2000).maxLength(32)
                .batchSize(8).steps(10).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10)
                .contextEmbeddings(false).build();
        IOException e = assertThrows(IOException.class,
                () -> new DiffusionTrainer(options, new PrintStream(PrintStream.nullOutputStream())).run());
        assertEquals(corpus + " holds no sentences (it is empty, or every line is blank or a # comment); give a corpus"
                + " of one sentence a line, or of CoNLL-U, word<TAB>UPOS or one-word lines", e.getMessage());
        assertTrue(Files.notExists(out.getParent()), "the directories the run made for its output are gone again");
    }

    /**
     * A corpus (and a dev split) without a sentence was named raw: a line break in its name split the one-line message,
     * an ESC sequence ran in the terminal. It is named visibly, as the reader's own refusals name it.
     */
    @Test
    void aCorpusWithoutSentencesIsNamedVisibly(@TempDir Path tmp) throws Exception {
        Path corpus = Files.writeString(tmp.resolve("c\u001b[2J\nERROR forged.txt"), "# only\n\n# comments\n");
        TrainOptions options = TrainOptions.builder(corpus, tmp.resolve("model")).size("tiny").vocabSize(2000)
                .maxLength(32).batchSize(8).steps(10).contextEmbeddings(false).build();
        IOException e = assertThrows(IOException.class,
                () -> new DiffusionTrainer(options, new PrintStream(PrintStream.nullOutputStream())).run());
        assertTrue(e.getMessage().startsWith(io.github.diffusionnlp.corpus.Visible.of(corpus) + " holds no sentences"),
                e.getMessage());
        Path dev = Files.writeString(tmp.resolve("d\u001b[2J\nERROR forged.txt"), "\n");
        TrainOptions withDev = TrainOptions.builder(TestModels.devCorpus(), tmp.resolve("model")).size("tiny")
                .vocabSize(2000).maxLength(32).batchSize(8).steps(10).contextEmbeddings(false).dev(dev).build();
        e = assertThrows(IOException.class,
                () -> new DiffusionTrainer(withDev, new PrintStream(PrintStream.nullOutputStream())).run());
        assertEquals(io.github.diffusionnlp.corpus.Visible.of(dev) + " (the dev split) holds no sentences (it is empty,"
                + " or every line is blank or a # comment)", e.getMessage());
    }

    /** The output is checked before the corpus is read: a bad --out must not wait for hours of preparation. */
    @Test
    void anOutputThatCannotBeADirectoryFailsBeforeTheCorpusIsRead(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        TrainOptions options = TrainOptions.builder(tmp.resolve("no-such-corpus.txt"), file.resolve("model"))
                .size("tiny").vocabSize(2000).maxLength(32).batchSize(8).steps(10).learningRate(3e-3).warmupSteps(5)
                .seed(7).checkpointEvery(10).contextEmbeddings(false).build();
        IOException e = assertThrows(IOException.class,
                () -> new DiffusionTrainer(options, new PrintStream(PrintStream.nullOutputStream())).run());
        assertTrue(e.getMessage().contains(file.toString()) && !e.getMessage().contains("no-such-corpus"), e.getMessage());
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    }
}
