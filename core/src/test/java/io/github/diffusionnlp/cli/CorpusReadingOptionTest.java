package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestCorpora;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --layout} and {@code --multiword} on every command that reads a corpus, not only {@code train}: a
 * held-out or lexicon corpus the guess reads wrong can be read as meant.
 */
@Isolated
class CorpusReadingOptionTest {
    /** Plain text, one sentence a line, most lines one word: guessed as one word a line, and refused at line 3. */
    private static final String PLAIN = "Stop\nLook\nthe jury said it was fine .\nListen\nRun\n";

    @TempDir
    Path dir;

    private Path plain() throws IOException {
        return Files.writeString(dir.resolve("heldout.txt"), PLAIN);
    }

    @Test
    void evaluateReadsHeldOutAndTrigramCorporaInTheLayoutSaid() throws IOException {
        String heldout = plain().toString();
        String model = TestModels.tinyModel().toString();
        MainTest.Run guessed = MainTest.run("", "evaluate", "--model", model, "--heldout", heldout, "--train", "none",
                "--sentences", "1", "--step-counts", "1");
        assertEquals(1, guessed.code(), guessed.err());
        assertTrue(guessed.err().contains(heldout + ":3: ") && guessed.err().contains("--layout plain"), guessed.err());

        MainTest.Run said = MainTest.run("", "evaluate", "--model", model, "--heldout", heldout, "--train", heldout,
                "--sentences", "1", "--step-counts", "1", "--layout", "plain");
        assertEquals(0, said.code(), said.err());
        assertTrue(said.out().contains("| task") && said.err().contains("trigram baseline counted from"), said.err());
    }

    /** n-gram fusion's corpus, read inside the library, is read in the layout said too. */
    @Test
    void evaluateReadsTheNgramCorpusInTheLayoutSaid() throws IOException {
        String corpus = plain().toString();
        MainTest.Run said = MainTest.run("", "evaluate", "--model", TestModels.tinyModel().toString(), "--heldout",
                corpus, "--train", "none", "--ngram-weight", "0.5", "--ngram-corpus", corpus, "--sentences", "1",
                "--step-counts", "1", "--layout", "plain");
        assertEquals(0, said.code(), said.err());
        assertTrue(said.out().contains("| task"), said.out());
    }

    /** The sampling commands' --ngram-corpus takes --layout and --multiword too, and only with fusion. */
    @ParameterizedTest
    @ValueSource(strings = {"infill", "rewrite", "generate"})
    void samplingCommandsReadTheNgramCorpusInTheLayoutSaid(String command) throws IOException {
        String corpus = plain().toString();
        String model = TestModels.tinyModel().toString();
        String input = command.equals("generate") ? "" : "the [MASK] was late .\n";
        String[] fusing = {command, "--model", model, "--steps", "1", "--ngram-weight", "0.5", "--ngram-corpus", corpus};
        String[] generate = command.equals("generate") ? new String[] {"--count", "1", "--length", "4"} : new String[0];
        MainTest.Run guessed = MainTest.run(input, join(fusing, generate));
        assertEquals(1, guessed.code(), guessed.err());
        assertTrue(guessed.err().contains(corpus + ":3: ") && guessed.err().contains("--layout plain"), guessed.err());
        MainTest.Run said = MainTest.run(input, join(fusing, generate, new String[] {"--layout", "plain",
                "--multiword", "parts"}));
        assertEquals(0, said.code(), said.err());
        assertEquals(1, said.out().lines().count(), said.out());
        MainTest.Run unfused = MainTest.run(input, join(new String[] {command, "--model", model, "--steps", "1",
                "--layout", "plain"}, generate));
        assertEquals(1, unfused.code(), unfused.err());
        assertTrue(unfused.err().contains("--layout plain: says how --ngram-corpus FILE is read, only used with"
                + " it and --ngram-weight above 0"), unfused.err());
        // the model's own corpus, fused by default, is read as the model records: --layout is not for it
        MainTest.Run ownCorpus = MainTest.run(input, join(new String[] {command, "--model", model, "--steps", "1",
                "--ngram-weight", "0.5", "--layout", "plain"}, generate));
        assertEquals(1, ownCorpus.code(), ownCorpus.err());
        assertTrue(ownCorpus.err().contains("(the model's own corpus, fused by default, is read as the model records"
                + " it was)"), ownCorpus.err());
    }

    /** compare-ar reads --heldout in the layout said (refused here by the first line that does not fit it). */
    @Test
    void compareArReadsTheHeldOutFileInTheLayoutSaid() throws IOException {
        String heldout = plain().toString();
        MainTest.Run said = MainTest.run("", "compare-ar", "--quick", "--heldout", heldout, "--layout", "words",
                "--out", dir.resolve("out").toString());
        assertEquals(1, said.code(), said.err());
        assertTrue(said.err().contains(heldout + ":3: the line does not fit --layout words"), said.err());
    }

    private static String[] join(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void tagLexiconReadsItsCorpusInTheLayoutSaid() throws IOException {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        try (var files = Files.list(TestModels.tinyModel())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        String corpus = plain().toString();
        MainTest.Run guessed = MainTest.run("", "tag-lexicon", "--model", model.toString(), "--corpus", corpus);
        assertEquals(1, guessed.code(), guessed.err());
        assertTrue(guessed.err().contains(corpus + ":3: "), guessed.err());
        // read as plain text, as said: no line refused, but no tag either, which a model trained on tags refuses
        // (its lexicon would then hold X alone: RecordingCommandsMistakesTest)
        String[] plainly = {"--corpus", corpus, "--layout", "plain", "--multiword", "parts"};
        MainTest.Run said = MainTest.run("", join(new String[] {"tag-lexicon", "--model", model.toString()}, plainly));
        assertEquals(1, said.code(), said.err());
        assertTrue(said.err().contains("--corpus " + corpus + " carries no UPOS tag (every word X)"), said.err());
        // and a model trained on untagged text takes it
        Path untagged = TestModels.copyOfModelWithout(TestModels.untaggedTinyModel(), dir.resolve("untagged"),
                "no such file");
        MainTest.Run taken = MainTest.run("", join(new String[] {"tag-lexicon", "--model", untagged.toString()},
                plainly));
        assertEquals(0, taken.code(), taken.err());
        assertTrue(taken.out().contains("wrote " + untagged.resolve(ModelCheckpoint.TAG_LEXICON)), taken.out());
    }

    /**
     * A model's own training corpus (evaluate's default --train, tag-lexicon's --corpus) is read as the model
     * records it was when --layout and --multiword are not given: a model trained on de el counts de el, not del.
     */
    @Test
    void aModelsOwnCorpusIsReadAsTheModelRecordedUnlessToldOtherwise() throws IOException {
        Path corpus = TestCorpora.spanishTreebank(dir, 8);
        Path model = dir.resolve("model");
        new DiffusionTrainer(TrainOptions.builder(corpus, model).size("tiny").steps(1).maxLength(16).batchSize(4)
                .contextEmbeddings(false).multiword(MultiwordTokens.PARTS).build(),
                new PrintStream(PrintStream.nullOutputStream())).run();
        TrainingInfo training = ModelCheckpoint.readHeader(model).training();

        List<String> words = new CorpusReading().readFor(corpus, training).get(0).words();
        assertEquals(List.of("Vamos", "de", "el", "mar", "."), words, "evaluate's default --train");
        CorpusReading surface = new CorpusReading();
        surface.multiword = MultiwordTokens.SURFACE;
        assertEquals(List.of("Vamos", "del", "mar", "."), surface.readFor(corpus, training).get(0).words());
        Path other = Files.copy(corpus, dir.resolve("other.conllu"));
        assertEquals(List.of("Vamos", "de", "el", "mar", "."), new CorpusReading().readFor(other, training).get(0)
                .words(), "another file read for the model (--heldout, --train FILE) in the model's words");
        assertEquals(List.of("Vamos", "de", "el", "mar", "."), new CorpusReading().readFor(other, null).get(0)
                .words(), "for a model with no training record, as for one that records no reading");

        Path lexicon = model.resolve(ModelCheckpoint.TAG_LEXICON);
        String asTrained = Files.readString(lexicon);
        MainTest.Run unsaid = MainTest.run("", "tag-lexicon", "--model", model.toString(), "--corpus", corpus.toString());
        assertEquals(0, unsaid.code(), unsaid.err());
        assertEquals(asTrained, Files.readString(lexicon), "tag-lexicon counts de el, as train did");
        MainTest.Run said = MainTest.run("", "tag-lexicon", "--model", model.toString(), "--corpus", corpus.toString(),
                "--multiword", "surface");
        assertEquals(0, said.code(), said.err());
        assertTrue(!asTrained.equals(Files.readString(lexicon)), "told surface, it counts del, which is unknown");

        MainTest.Run info = MainTest.run("", "info", "--model", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("read as:      --layout conllu (CoNLL-U), --multiword parts"), info.out());
        MainTest.Run shipped = MainTest.run("", "info", "--model", TestModels.shippedModel().toString());
        assertTrue(shipped.out().contains("read as:      layout guessed from the file, --multiword parts")
                && shipped.out().contains("not recorded"), shipped.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "train-ar", "evaluate", "tag-lexicon", "benchmark"})
    void unknownValuesAreRefusedNamingTheOnesThereAre(String command) throws IOException {
        String corpus = plain().toString();
        String[] rest = command.startsWith("train") ? new String[] {"--corpus", corpus, "--out", dir.resolve("m").toString()}
                : command.equals("evaluate") ? new String[] {"--heldout", corpus}
                : command.equals("benchmark") ? new String[] {"--corpus", corpus}
                : new String[] {"--model", dir.toString(), "--corpus", corpus};
        MainTest.Run layout = MainTest.run("", concat(command, rest, "--layout", "tsv"));
        assertEquals(2, layout.code(), layout.err());
        assertTrue(layout.err().contains("'tsv'") && layout.err().contains("auto, conllu, columns, words, plain"),
                layout.err());
        MainTest.Run multiword = MainTest.run("", concat(command, rest, "--multiword", "both"));
        assertEquals(2, multiword.code(), multiword.err());
        assertTrue(multiword.err().contains("'both'") && multiword.err().contains("surface")
                && multiword.err().contains("parts"), multiword.err());
    }

    private static String[] concat(String command, String[] rest, String option, String value) {
        String[] args = new String[rest.length + 3];
        args[0] = command;
        System.arraycopy(rest, 0, args, 1, rest.length);
        args[rest.length + 1] = option;
        args[rest.length + 2] = value;
        return args;
    }
}
