package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Devices;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.ModelClosedException;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Precision;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.steer.NoisySentimentClassifier;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A message quoting data printed its ESC sequences raw, and the terminal ran them (retitled the window, cleared the
 * screen): a banned-words line, a word of a model's vocab.txt, a model path (audit h130, finding 7). They are written
 * as code points now ({@link io.github.diffusionnlp.corpus.Visible}), and so are the paths in notes (audit h178).
 */
@Isolated
class ControlCharactersInMessagesTest {
    private static final String ESCAPES = "\u001B]0;OWNED\u0007\u001B[2J";
    private static final String SHOWN = "<U+001B>]0;OWNED<U+0007><U+001B>[2J";
    /** A name that would also split a one-line message and forge a line of its own after it. */
    private static final String FORGING = ESCAPES + "\nERROR forged";

    @Test
    void aBannedWordsLineIsQuotedWithItsControlCharactersShown(@TempDir Path tmp) throws IOException {
        Path list = Files.writeString(tmp.resolve("bw.txt"), "fine\n" + ESCAPES + "bad word\n");
        MainTest.Run run = MainTest.run("", "generate", "--model", TestModels.tinyModel().toString(), "--count", "1",
                "--banned-words", list.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(list + ":2: '" + SHOWN + "bad word' is more than one word"), run.err());
        assertFalse(run.err().contains("\u001B") || run.err().contains("\u0007"), run.err());
    }

    /** picocli's own parse errors quote the bad argument; they bypassed the handler that shows control characters. */
    @Test
    void aBadOptionValueIsQuotedWithItsControlCharactersShown() {
        MainTest.Run run = MainTest.run("", "generate", "--steps", ESCAPES);
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("'" + SHOWN + "'"), run.err());
        assertFalse(run.err().contains("\u001B") || run.err().contains("\u0007"), run.err());
    }

    @Test
    void aModelPathIsQuotedWithItsControlCharactersShown(@TempDir Path tmp) {
        MainTest.Run run = MainTest.run("", "info", "--model", tmp.resolve(ESCAPES + "model").toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(tmp.resolve(SHOWN + "model").toString()), run.err());
        assertFalse(run.err().contains("\u001B") || run.err().contains("\u0007"), run.err());
    }

    /**
     * The commands' notes name the files they read and wrote, printed as they are rather than as errors are (through
     * Main's handler): evaluate's held-out and trigram files, tag-lexicon's model and the file it wrote.
     */
    @Test
    void pathsInNotesAreWrittenWithTheirControlCharactersShown(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(ESCAPES + "dir"));
        Path heldout = Files.copy(TestModels.devCorpus(), dir.resolve("dev.conllu.gz"));
        MainTest.Run evaluate = MainTest.run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout",
                heldout.toString(), "--train", heldout.toString(), "--sentences", "1", "--step-counts", "1");
        assertEquals(0, evaluate.code(), evaluate.err());
        String shown = tmp.resolve(SHOWN + "dir").resolve("dev.conllu.gz").toString();
        assertTrue(evaluate.err().contains("held-out sentences: " + shown), evaluate.err());
        assertTrue(evaluate.err().contains("trigram baseline counted from " + shown), evaluate.err());
        assertFalse(evaluate.err().contains("\u001B") || evaluate.err().contains("\u0007"), evaluate.err());

        Path model = TestModels.copyOfTinyModel(dir);
        MainTest.Run lexicon = MainTest.run("", "tag-lexicon", "--model", model.toString(), "--corpus",
                TestModels.devCorpus().toString());
        assertEquals(0, lexicon.code(), lexicon.err());
        assertTrue(lexicon.out().contains("wrote " + tmp.resolve(SHOWN + "dir").resolve("model")), lexicon.out());
        assertFalse(lexicon.out().contains("\u001B") || lexicon.out().contains("\u0007"), lexicon.out());
        assertFalse(lexicon.err().contains("\u001B") || lexicon.err().contains("\u0007"), lexicon.err());
    }

    @Test
    void aVocabularyWordIsQuotedWithItsControlCharactersShown(@TempDir Path tmp) {
        Path vocab = tmp.resolve("vocab.txt");
        IOException e = assertThrows(IOException.class, () -> Vocabulary.fromLines(vocab,
                List.of("[PAD]", "[UNK]", ESCAPES + "x", "y", ESCAPES + "x")));
        assertTrue(e.getMessage().startsWith(vocab + ": the word '" + SHOWN + "x' is on line 3 and again on line 5"),
                e.getMessage());
    }

    /**
     * The checks on a model directory named it, its files, its lock file and the lock holder's text raw, and training's
     * notes on its output directory named it raw (audit h193): a line break in the name split the message.
     */
    @Test
    void anOutputDirectoryAndItsLockAreNamedVisibly(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("o" + FORGING));
        Files.writeString(dir.resolve(ESCAPES + "mine"), "the user's own file");
        IOException e = assertThrows(IOException.class, () -> ModelDirectory.requireForNewModel(dir, "grow --out"));
        assertTrue(e.getMessage().startsWith(Visible.of(dir) + " holds files that are not a model's (" + SHOWN
                + "mine)"), e.getMessage());
        assertShown(e.getMessage());

        Path file = Files.writeString(tmp.resolve("f" + FORGING), "x");
        e = assertThrows(IOException.class, () -> ModelDirectory.requireForNewModel(file, "grow --out"));
        assertTrue(e.getMessage().startsWith("the output " + Visible.of(file) + " is a file"), e.getMessage());
        assertShown(e.getMessage());

        Path locked = Files.createDirectory(tmp.resolve("l" + FORGING));
        try (ModelDirectory.Lock lock = ModelDirectory.lock(locked, "grow --out " + ESCAPES, null)) {
            e = assertThrows(IOException.class, () -> ModelDirectory.refuseLocked(locked));
            assertTrue(e.getMessage().startsWith("another command is writing into " + Visible.of(locked)
                    + " (grow --out " + SHOWN + ", process " + ProcessHandle.current().pid() + ", holds "
                    + Visible.of(locked.resolve(ModelDirectory.TRAINING_LOCK)) + ")"), e.getMessage());
            assertShown(e.getMessage());
        }

        Path corpus = Files.writeString(tmp.resolve("empty.txt"), "# no sentence\n");
        Path out = tmp.resolve("r" + FORGING);
        TrainOptions options = TrainOptions.builder(corpus, out).size("tiny").vocabSize(2000).maxLength(32)
                .batchSize(8).steps(10).contextEmbeddings(false).resume(true).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThrows(IOException.class,
                () -> new DiffusionTrainer(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run());
        String notes = log.toString(StandardCharsets.UTF_8);
        assertTrue(notes.contains("note: " + Visible.of(out) + " holds no checkpoint to resume from yet"), notes);
        assertShown(notes.replace("\n", "")); // the notes' own line ends are theirs
    }

    /**
     * evaluate's refusals of a --out it cannot write, and --record's refusal of a checkpoint replaced since it was
     * evaluated, named the files raw (audit h193).
     */
    @Test
    void evaluatesRefusalsNameTheirFilesVisibly(@TempDir Path tmp) throws IOException {
        Path table = tmp.resolve("missing" + FORGING).resolve("table.md");
        MainTest.Run run = MainTest.run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--sentences",
                "2", "--step-counts", "1", "--out", table.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("--out " + Visible.of(table) + ": the directory " + Visible.of(table.getParent())
                + " does not exist"), run.err());
        assertFalse(run.err().contains("\u001B") || run.err().contains("\nERROR forged"), run.err());

        Path model = TestModels.copyOfTinyModel(Files.createDirectory(tmp.resolve("m" + FORGING)));
        var evaluated = ModelCheckpoint.readHeader(model).training().withCorpus("another corpus");
        IOException e = assertThrows(IOException.class,
                () -> ModelCheckpoint.recordMetrics(model, evaluated, Map.of("acc", 0.5)));
        assertTrue(e.getMessage().startsWith("the checkpoint in " + Visible.of(model)
                + " is no longer the one evaluated"), e.getMessage());
        assertShown(e.getMessage());
    }

    /** A probe file's name was written raw in the refusal of a file that holds no probe (audit h193). */
    @Test
    void aProbeFileIsNamedVisibly(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("p" + FORGING + ".probe");
        try (NDManager manager = NDManager.newBaseManager()) {
            Files.write(file, new NDList(manager.zeros(new Shape(2))).encode());
        }
        IOException e = assertThrows(IOException.class, () -> NoisySentimentClassifier.load(file));
        assertTrue(e.getMessage().startsWith(Visible.of(file) + ": not a sentiment classifier"), e.getMessage());
        assertShown(e.getMessage());
    }

    /**
     * A name the user gave for a device, precision, corpus layout or multiword reading was quoted raw when refused,
     * and a closed model's name raw in the refusal of a call on it (audit h193).
     */
    @Test
    void refusedNamesAreQuotedVisibly() {
        List<Supplier<Object>> parses = List.of(() -> Devices.parse(FORGING), () -> Precision.parse(FORGING),
                () -> CorpusLayout.parse(FORGING), () -> MultiwordTokens.parse(FORGING));
        for (Supplier<Object> parse : parses) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse::get);
            assertTrue(e.getMessage().contains("'" + SHOWN + "<U+000A>ERROR forged'"), e.getMessage());
            assertShown(e.getMessage());
        }
        ModelClosedException closed = new ModelClosedException("DiffusionLM", "m" + FORGING);
        assertTrue(closed.getMessage().contains("(model m" + SHOWN + "<U+000A>ERROR forged)"), closed.getMessage());
        assertShown(closed.getMessage());
        assertEquals("m" + FORGING, closed.model(), "the model as given, for a caller to compare");
    }

    /**
     * A model's recorded training corpus that is not found was named raw, as was the directory to give for a model's
     * config.json given as the model, and the format a config.json says (audit h193).
     */
    @Test
    void aModelsFilesAreNamedVisibly(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(Files.createDirectory(tmp.resolve("m" + FORGING)));
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        IOException e = assertThrows(IOException.class, () -> ModelCheckpoint.readModelHeader(config));
        assertTrue(e.getMessage().endsWith("give the directory that holds it (" + Visible.of(model) + ")"),
                e.getMessage());
        assertShown(e.getMessage());

        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(config.toFile());
        Path corpus = tmp.resolve("gone" + FORGING + ".conllu");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("training")).put("corpus", corpus.toString());
        json.writeValue(config.toFile(), tree);
        var other = tree.deepCopy();
        other.put("format", "other" + FORGING);
        Path foreign = Files.createDirectory(tmp.resolve("foreign"));
        json.writeValue(foreign.resolve(ModelCheckpoint.CONFIG).toFile(), other);
        IOException format = assertThrows(IOException.class, () -> ModelCheckpoint.readHeader(foreign));
        assertTrue(format.getMessage().contains("format is 'other" + SHOWN + "<U+000A>ERROR forged', expected"),
                format.getMessage());
        assertShown(format.getMessage());
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model).build()) {
            IllegalStateException missing = assertThrows(IllegalStateException.class, lm::trainingCorpus);
            assertTrue(missing.getMessage().startsWith("the model's training corpus " + Visible.of(corpus)
                    + " was not found (looked at " + Visible.of(corpus) + " and under "
                    + Visible.of(model.toAbsolutePath()) + " and its parents)"), missing.getMessage());
            assertShown(missing.getMessage());
        }
    }

    /** Two refusals of an option's value quoted it raw: prepare-brown's --archive and rewrite's --keep (audit h193). */
    @Test
    void optionValuesAreQuotedVisiblyInTheirRefusals(@TempDir Path tmp) {
        Path archive = tmp.resolve("brown" + FORGING + ".tgz");
        MainTest.Run brown = MainTest.run("", "prepare-brown", "--archive", archive.toString(), "--out",
                tmp.resolve("out").toString());
        assertEquals(1, brown.code(), brown.err());
        assertTrue(brown.err().contains("--archive " + Visible.of(archive) + ": no such file"), brown.err());
        MainTest.Run keep = MainTest.run("the dog barked .\n", "rewrite", "--model", TestModels.tinyModel().toString(),
                "--keep", "99999999999,x" + FORGING, "--steps", "1");
        assertTrue(keep.err().contains("--keep 99999999999,x" + SHOWN + "<U+000A>ERROR forged: token index 99999999999"
                + " is out of range"), keep.err());
        for (MainTest.Run run : List.of(brown, keep)) {
            assertFalse(run.err().contains("\u001B") || run.err().contains("\nERROR forged"), run.err());
        }
        // a line break separates --keep's indexes, as any space does: the kept index outside the template quoted it
        MainTest.Run outside = MainTest.run("the dog barked .\n", "rewrite", "--model",
                TestModels.tinyModel().toString(), "--keep", "0\n5", "--pos", "DET NOUN", "--steps", "1");
        assertEquals(1, outside.code(), outside.err());
        assertTrue(outside.err().contains("--keep 0<U+000A>5 keeps token 5, but the --pos template has only 2 tags"),
                outside.err());
        assertFalse(outside.err().contains("0\n5"), outside.err());
        Path corpus = tmp.resolve("corpus" + FORGING + ".txt");
        MainTest.Run unused = MainTest.run("", "generate", "--model", TestModels.tinyModel().toString(),
                "--ngram-corpus", corpus.toString());
        assertEquals(1, unused.code(), unused.err());
        assertTrue(unused.err().contains("--ngram-corpus " + Visible.of(corpus) + ": only used with --ngram-weight"),
                unused.err());
        assertFalse(unused.err().contains("\u001B") || unused.err().contains("\nERROR forged"), unused.err());
    }

    /**
     * A checkpoint whose save failed named its directory visibly, but the failure's own message (a JDK exception's,
     * which names the file raw) was written as it was: a line break in the directory's name split the message.
     */
    @Test
    void aCheckpointNotSavedIsNamedVisibly(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("c" + FORGING);
        io.github.diffusionnlp.checkpoint.CheckpointCommit commit =
                new io.github.diffusionnlp.checkpoint.CheckpointCommit(dir, 20);
        // a real failure of the JDK's, naming the file raw: the staged file is no directory
        IOException e = assertThrows(io.github.diffusionnlp.checkpoint.CheckpointNotSaved.class,
                () -> commit.write("model.params", staged -> Files.writeString(staged.resolve("x"), "x")));
        assertTrue(e.getMessage().startsWith("cannot save the checkpoint of step 20 in "
                + Visible.of(dir.toAbsolutePath()) + ": writing model.params.next failed ("), e.getMessage());
        assertShown(e.getMessage());
        assertShown(((io.github.diffusionnlp.checkpoint.CheckpointNotSaved) e).withRemedy("--resume").getMessage());
    }

    /** A model's file that is a link leading nowhere is named with the link's target, which the user made. */
    @Test
    void aDanglingLinksTargetIsNamedVisibly(@TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(Files.createDirectory(tmp.resolve("m" + FORGING)));
        Path target = tmp.resolve("gone" + FORGING + ".txt");
        Files.delete(model.resolve("vocab.txt"));
        Files.createSymbolicLink(model.resolve("vocab.txt"), target);
        MainTest.Run run = MainTest.run("", "info", "--model", model.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(Visible.of(model.resolve("vocab.txt")) + " is not a regular file (a symbolic"
                + " link to " + Visible.of(target) + ", which leads to nothing"), run.err());
        assertFalse(run.err().contains("\u001B") || run.err().contains("\nERROR forged"), run.err());
    }

    /**
     * A scratch directory that cannot be deleted as the JVM exits says so with the failure's message, which names
     * the directory raw (Guava's, the JDK's). Needs {@code chattr} (root can delete any other file).
     */
    @Test
    void aScratchDirectoryLeftBehindIsNamedVisibly() throws Exception {
        io.github.diffusionnlp.bench.ScratchDirectory scratch =
                new io.github.diffusionnlp.bench.ScratchDirectory("s" + FORGING);
        Path stuck = Files.writeString(scratch.path().resolve("stuck"), "x");
        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(chattr("+i", stuck), "chattr +i is not available here");
            System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
            Thread hook = io.github.diffusionnlp.bench.ScratchHook.of(scratch);
            hook.run();
        } finally {
            System.setErr(err);
            chattr("-i", stuck);
            scratch.close();
        }
        String line = said.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("could not delete " + Visible.of(scratch.path()) + " ("), line);
        assertTrue(line.endsWith("): delete it by hand" + System.lineSeparator()), line);
        assertShown(line.strip());
    }

    private static boolean chattr(String flag, Path file) {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A model without its tag lexicon, asked for lexical constraints under a template, names its directory twice,
     * once in the command to write the lexicon with; and one trained untagged names itself refusing a template.
     */
    @Test
    void aModelRefusingTemplatesIsNamedVisibly(@TempDir Path tmp) throws Exception {
        Path bare = TestModels.copyOfModelWithout(TestModels.tinyModel(), tmp.resolve("b" + FORGING),
                ModelCheckpoint.TAG_LEXICON);
        var template = io.github.diffusionnlp.api.Constraints.none()
                .withTemplate(List.of(io.github.diffusionnlp.corpus.Upos.DET, io.github.diffusionnlp.corpus.Upos.NOUN));
        var fast = io.github.diffusionnlp.api.SamplingOptions.builder().steps(1).seed(1).build();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(bare).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> lm.generate(1, template.withLexical(true), fast));
            assertTrue(e.getMessage().contains(", which " + Visible.of(bare) + " lacks"), e.getMessage());
            // shown, and quoted for a shell as the command it is (the shown name holds < and >)
            assertTrue(e.getMessage().contains("tag-lexicon --model '" + Visible.of(bare) + "' --corpus"),
                    e.getMessage());
            assertShown(e.getMessage());
        }
        Path untagged = TestModels.copyOfModelWithout(TestModels.untaggedTinyModel(), tmp.resolve("u" + FORGING),
                "none");
        try (DiffusionLM lm = DiffusionLM.builder().optModel(untagged).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, lm::requireTemplates);
            assertTrue(e.getMessage().startsWith("model " + Visible.of(untagged) + " was trained without UPOS tags"),
                    e.getMessage());
            assertShown(e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> lm.generate(1, template, fast));
            assertShown(e.getMessage());
        }
    }

    /** evaluate's refusals of --sentences more than the held-out file holds, and of --record on a locked model. */
    @Test
    void evaluatesSentencesAndRecordRefusalsNameTheirFilesVisibly(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("d" + FORGING));
        Path heldout = Files.copy(TestModels.devCorpus(), dir.resolve("dev.conllu.gz"));
        MainTest.Run many = MainTest.run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout",
                heldout.toString(), "--train", "none", "--sentences", "999999", "--step-counts", "1");
        assertEquals(1, many.code(), many.err());
        assertTrue(many.err().contains(" tokens in " + Visible.of(heldout) + "; asked for 999999"), many.err());
        assertFalse(many.err().contains("\u001B") || many.err().contains("\nERROR forged"), many.err());

        Path model = TestModels.copyOfTinyModel(dir);
        try (ModelDirectory.Lock lock = ModelDirectory.lock(model, "train --out " + FORGING, null)) {
            MainTest.Run record = MainTest.run("", "evaluate", "--model", model.toString(), "--heldout",
                    heldout.toString(), "--train", "none", "--sentences", "1", "--step-counts", "1", "--record");
            assertEquals(1, record.code(), record.err());
            assertTrue(record.err().contains("--record: another training run is writing into " + Visible.of(model)
                    + " (it holds " + Visible.of(model.resolve(ModelDirectory.TRAINING_LOCK)) + ")"), record.err());
            assertFalse(record.err().contains("\u001B") || record.err().contains("\nERROR forged"), record.err());
        }
    }

    /**
     * A training run stopped (as train's signal hook stops it) named its output directory raw in the exception's
     * message, which a library caller logs.
     */
    @Test
    void aStoppedTrainingRunNamesItsDirectoryVisibly(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(Files.createDirectory(tmp.resolve("t" + FORGING)));
        DiffusionTrainer trainer = new DiffusionTrainer(TestModels.tinyRun(model, 30, true, null, 0),
                new PrintStream(PrintStream.nullOutputStream()));
        trainer.stop();
        var e = assertThrows(io.github.diffusionnlp.train.TrainingStopped.class, trainer::run);
        assertTrue(e.getMessage().contains("nothing was trained or saved in " + Visible.of(model)), e.getMessage());
        assertShown(e.getMessage());
    }

    /**
     * Training's notes are read by a person: the directory a run resumes, the model a vocabulary is taken from
     * (train-ar --vocab-from) and the corpus's own words quoted as examples of untokenised text were written raw.
     */
    @Test
    void trainingNotesQuoteTheirPathsAndWordsVisibly(@TempDir Path tmp) throws IOException {
        Path from = TestModels.copyOfTinyModel(Files.createDirectory(tmp.resolve("v" + FORGING)));
        Path corpus = Files.writeString(tmp.resolve("plain.txt"),
                ("Zorblax" + ESCAPES + ". quux, flib blorp .\n").repeat(20));
        Path out = tmp.resolve("ar" + FORGING);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainOptions.Builder options = TrainOptions.builder(corpus, out).size("tiny").maxLength(16).batchSize(8)
                .contextEmbeddings(false);
        new io.github.diffusionnlp.train.ArTrainer(options.steps(1).build(), from,
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        new io.github.diffusionnlp.train.ArTrainer(options.steps(2).resume(true).build(), null,
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String notes = log.toString(StandardCharsets.UTF_8);
        assertTrue(notes.contains("(\"Zorblax" + SHOWN + ".\""), notes);
        assertTrue(notes.contains("The vocabulary of " + Visible.of(from) + " ("), notes);
        assertTrue(notes.contains("resuming " + Visible.of(out) + " at step 1"), notes);
        assertFalse(notes.contains("\nERROR forged"), notes);
        assertShown(notes.replace("\n", "")); // the notes' own line ends are theirs
    }

    /** A model that records no row lengths, asked to draw them, was named raw (generate --draw-length, the library). */
    @Test
    void aModelWithoutRowLengthsIsNamedVisibly(@TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModelWithoutRowLengths(Files.createDirectory(tmp.resolve("n" + FORGING)));
        MainTest.Run run = MainTest.run("", "generate", "--model", model.toString(), "--count", "1", "--draw-length");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("and model " + Visible.of(model) + " records none"), run.err());
        assertFalse(run.err().contains("\u001B") || run.err().contains("\nERROR forged"), run.err());
    }

    /** No ESC, BEL or line break of a quoted name is left raw in {@code message}. */
    private static void assertShown(String message) {
        assertFalse(message.contains("\u001B") || message.contains("\u0007") || message.contains("\n"), message);
    }
}
