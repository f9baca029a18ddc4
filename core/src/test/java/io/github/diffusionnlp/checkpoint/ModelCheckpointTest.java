package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.TagLexicon;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
    static Path copyOfTiny(Path dir) throws IOException {
        return TestModels.copyOfTinyModel(dir);
    }

    private static InvalidModelException loadFails(Path model) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model, manager));
        }
    }

    @Test
    void loadsWhatTrainingSaved() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(TestModels.tinyModel(), manager);
            assertEquals(20, loaded.header().training().step());
            assertEquals(loaded.vocabulary().size(), loaded.header().model().vocabSize());
            assertEquals(100, loaded.warp().bins());
        }
    }

    /** A model's file given for the model (its config.json) is named a file, with the directory to give instead. */
    @Test
    void aFileOfTheModelIsNotSaidToBeMissing() {
        Path config = TestModels.shippedModel().resolve("config.json");
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.readModelHeader(config));
        assertEquals(config + " is a file, not a model directory: give the directory that holds it ("
                + config.toAbsolutePath().getParent() + ")", e.getMessage());
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Files.delete(model.resolve(ModelCheckpoint.PARAMS));
        InvalidModelException e = loadFails(model);
        assertEquals(model.resolve(ModelCheckpoint.PARAMS), e.file());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void namesATruncatedParameterFile(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path params = model.resolve(ModelCheckpoint.PARAMS);
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InvalidModelException e = loadFails(model);
        assertEquals(params, e.file());
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a set of weights"), e.getMessage());
    }

    /** The autoregressive baseline's directory, where a diffusion model is expected: named for what it is. */
    @Test
    void namesAnAutoregressiveModelForWhatItIs(@TempDir Path dir) throws IOException {
        Path ar = dir.resolve("brown-ar");
        Files.createDirectories(ar);
        Path shipped = TestModels.root().resolve("test-data/models/brown-ar");
        for (String name : new String[] {ModelCheckpoint.CONFIG, ModelCheckpoint.VOCAB}) { // what is read first
            Files.copy(shipped.resolve(name), ar.resolve(name));
        }
        String expected = ar + " holds an autoregressive model (format diffusion-nlp-ar), not a diffusion model;"
                + " it is used by compare-ar, evaluate --ar-model and AutoregressiveLM";
        assertEquals(expected, loadFails(ar).getMessage());
        assertEquals(expected, assertThrows(InvalidModelException.class, () -> ModelCheckpoint.readHeader(ar))
                .getMessage());
    }

    private static String withVersion(String json, int version) {
        String changed = json.replaceFirst("\"formatVersion\" : \\d+", "\"formatVersion\" : " + version);
        assertTrue(changed.contains("\"formatVersion\" : " + version), "the test did not change the version");
        return changed;
    }

    @Test
    void rejectsAnotherFormatVersion(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        String json = Files.readString(config);
        Files.writeString(config, withVersion(json, 99));
        InvalidModelException e = loadFails(model);
        assertTrue(e.getMessage().contains("format version 99") && e.getMessage().contains("upgrade"), e.getMessage());
        // a model from before the sentiment and syntax conditions: told to retrain
        Files.writeString(config, withVersion(json, 1));
        assertTrue(loadFails(model).getMessage().contains("retrain"));
    }

    @Test
    void writesTheOldestVersionThatHoldsTheModel(@TempDir Path dir) throws IOException {
        // without the relative-position bias a model stays readable by libraries that read only version 2
        assertEquals(2, ModelCheckpoint.readHeader(TestModels.tinyModel()).formatVersion());
        Path grown = dir.resolve("grown");
        ModelGrowth.addRelativePositions(TestModels.tinyModel(), grown);
        assertEquals(3, ModelCheckpoint.readHeader(grown).formatVersion());
        // a version-2 file claiming the bias is inconsistent: named, not a shape error later
        Path config = grown.resolve(ModelCheckpoint.CONFIG);
        Files.writeString(config, withVersion(Files.readString(config), 2));
        InvalidModelException e = loadFails(grown);
        assertEquals(config, e.file());
        assertTrue(e.getMessage().contains("relativePositions"), e.getMessage());
    }

    /**
     * A config without a field the network's shape needs is refused naming the field, not read as 0 ("dim/heads =
     * 64/0") or false (its weights then refused as a damaged model.params). relativePositions came with format
     * version 3: a version-2 config may lack it (models saved before it existed) and loads.
     */
    @Test
    void namesAMissingShapeField(@TempDir Path dir) throws IOException {
        Path tiny = copyOfTiny(dir.resolve("tiny"));
        Path config = tiny.resolve(ModelCheckpoint.CONFIG);
        byte[] whole = Files.readAllBytes(config);
        for (String field : List.of("vocabSize", "dim", "layers", "heads", "ffnMultiplier", "noiseDim", "maxLength",
                "sigmaMin", "sigmaMax")) {
            editConfig(tiny, json -> ((ObjectNode) json.get("model")).remove(field));
            InvalidModelException e = loadFails(tiny);
            assertEquals(config, e.file());
            assertTrue(e.getMessage().startsWith(config + " lacks \"" + field + "\" in its \"model\" section"),
                    e.getMessage());
            Files.write(config, whole);
        }
        editConfig(tiny, json -> ((ObjectNode) json.get("model")).putNull("heads"));
        assertTrue(loadFails(tiny).getMessage().contains("lacks \"heads\" (it is null)"));

        Files.write(config, whole);
        editConfig(tiny, json -> ((ObjectNode) json.get("model")).remove("relativePositions"));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(2, ModelCheckpoint.load(tiny, manager).header().formatVersion(), "version 2 may lack it");
        }

        Path grown = dir.resolve("grown");
        ModelGrowth.addRelativePositions(TestModels.tinyModel(), grown);
        editConfig(grown, json -> ((ObjectNode) json.get("model")).remove("relativePositions"));
        InvalidModelException e = loadFails(grown);
        assertTrue(e.getMessage().startsWith(grown.resolve(ModelCheckpoint.CONFIG) + " lacks \"relativePositions\""
                + " in its \"model\" section, which the network's shape is built from (every format version 3 config"
                + " has it)"), e.getMessage());
    }

    /**
     * warpDecay is the rate at which resumed training moves the time warp's fit; missing, it read as 0, a valid
     * value that would throw the fitted warp away at the first step of a resumed run. Every config has it.
     */
    @Test
    void namesAMissingWarpDecay(@TempDir Path dir) throws IOException {
        Path tiny = copyOfTiny(dir);
        Path config = tiny.resolve(ModelCheckpoint.CONFIG);
        editConfig(tiny, json -> ((ObjectNode) json).remove("warpDecay"));
        InvalidModelException e = loadFails(tiny);
        assertEquals(config, e.file());
        assertTrue(e.getMessage().startsWith(config + " lacks \"warpDecay\""), e.getMessage());
    }

    @Test
    void rejectsWeightsOfAnotherShape(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        Files.writeString(config, Files.readString(config).replace("\"ffnMultiplier\" : 2", "\"ffnMultiplier\" : 3"));
        InvalidModelException e = loadFails(model);
        assertEquals(model.resolve(ModelCheckpoint.PARAMS), e.file());
    }

    @Test
    void rejectsAVocabularyOfTheWrongSize(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Files.writeString(model.resolve(ModelCheckpoint.VOCAB), "[PAD]\n[UNK]\nthe\n", StandardCharsets.UTF_8);
        InvalidModelException e = loadFails(model);
        assertTrue(e.getMessage().contains("vocabSize"), e.getMessage());
    }

    @Test
    void rejectsGarbageConfig(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Files.write(model.resolve(ModelCheckpoint.CONFIG), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 's', 'r'});
        InvalidModelException e = loadFails(model);
        assertEquals(model.resolve(ModelCheckpoint.CONFIG), e.file());
    }

    /** A config is read whole, once, for its format and its fields: one over 1 MiB is refused unread. */
    @Test
    void refusesAConfigLargerThanAnyConfig(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        Files.writeString(config, Files.readString(config) + " ".repeat(1 << 20)); // valid JSON still
        InvalidModelException e = loadFails(model);
        assertEquals(config, e.file());
        assertTrue(e.getMessage().contains(" bytes, more than the 1,048,576 bytes a model config"), e.getMessage());
    }

    @Test
    void namesACorruptTagLexiconAndTheLine(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path lexicon = model.resolve(ModelCheckpoint.TAG_LEXICON);
        assertTrue(Files.isRegularFile(lexicon), "training writes the tag lexicon");
        Files.writeString(lexicon, Files.readString(lexicon) + "zzzunknownword\tNOUN:1\n");
        InvalidModelException e = loadFails(model);
        assertEquals(lexicon, e.file());
        assertTrue(e.getMessage().contains("'zzzunknownword'") && e.getMessage().contains("line "), e.getMessage());
        Files.delete(lexicon);
        editConfig(model, json -> ((ObjectNode) json.get("files")).remove(ModelCheckpoint.TAG_LEXICON));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(null, ModelCheckpoint.load(model, manager).tagLexicon(),
                    "the lexicon is optional for a config that records none");
        }
    }

    /**
     * A lexicon its config records a checksum for, deleted: the model loaded without it, and --lexical then called it
     * a model trained before lexicons existed. It is refused naming the file and the command that writes it again.
     */
    @Test
    void refusesADeletedTagLexiconItsConfigRecords(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path lexicon = model.resolve(ModelCheckpoint.TAG_LEXICON);
        TagLexicon before;
        try (NDManager manager = NDManager.newBaseManager()) {
            before = ModelCheckpoint.load(model, manager).tagLexicon();
        }
        Vocabulary vocab = Vocabulary.load(model.resolve(ModelCheckpoint.VOCAB));
        Files.delete(lexicon);
        InvalidModelException e = loadFails(model);
        assertEquals(lexicon, e.file());
        assertEquals(lexicon + " is missing, though config.json records its checksum (the model was saved with it): it"
                + " was deleted, or not copied with the model's other files. Restore it from a copy of the model, or"
                + " write it again with `diffusion-nlp tag-lexicon --model " + model + " --corpus TRAINING.conllu.gz`"
                + " (the model's training corpus), which records its checksum again", e.getMessage());
        ModelCheckpoint.writeTagLexicon(model, before, vocab, "test"); // the remedy: the command's own write
        try (NDManager manager = NDManager.newBaseManager()) {
            assertTrue(ModelCheckpoint.load(model, manager).tagLexicon() != null);
        }
    }

    /**
     * Changes one count of a tag lexicon by one digit: the file still parses, so only its checksum tells it from
     * the one its config recorded.
     */
    static void flipACount(Path lexicon) throws IOException {
        byte[] bytes = Files.readAllBytes(lexicon);
        int last = bytes.length - 1;
        while (!Character.isDigit(bytes[last])) {
            last--;
        }
        bytes[last] = (byte) (bytes[last] == '9' ? '8' : bytes[last] + 1);
        Files.write(lexicon, bytes);
    }

    @Test
    void refusesATagLexiconChangedSinceItsConfigRecordedIt(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path lexicon = model.resolve(ModelCheckpoint.TAG_LEXICON);
        assertTrue(ModelCheckpoint.readHeader(model).files().containsKey(ModelCheckpoint.TAG_LEXICON),
                "training records the lexicon's checksum: " + ModelCheckpoint.readHeader(model).files());
        flipACount(lexicon);
        InvalidModelException e = loadFails(model);
        assertEquals(lexicon, e.file());
        assertTrue(e.getMessage().contains("is not the file its config.json recorded (step 20)")
                && e.getMessage().contains("Write it again with the tag-lexicon command, or restore it"), e.getMessage());
    }

    /**
     * tag-lexicon wrote the lexicon, then the config with its checksum: a stop between the two left a lexicon the
     * config refused. Stopped after any of its writes (as a kill would, nothing after it runs), the model now loads,
     * and the command run again records the new lexicon.
     */
    @Test
    void aTagLexiconWriteStoppedAfterAnyFileLeavesAModelThatLoads(@TempDir Path dir) throws IOException {
        Path whole = copyOfTiny(dir.resolve("whole"));
        Vocabulary vocab = Vocabulary.load(whole.resolve(ModelCheckpoint.VOCAB));
        byte[] before = Files.readAllBytes(whole.resolve(ModelCheckpoint.TAG_LEXICON));
        TagLexicon other = TagLexicon.build(List.of(new TaggedSentence(List.of("the", "said"),
                List.of(Upos.NOUN, Upos.ADJ))), vocab);
        List<String> written = new ArrayList<>();
        ModelCheckpoint.writeTagLexicon(whole, other, vocab, "test", written::add);
        assertTrue(!Arrays.equals(before, Files.readAllBytes(whole.resolve(ModelCheckpoint.TAG_LEXICON))));
        for (int stop = 0; stop < written.size(); stop++) {
            Path stopped = copyOfTiny(dir.resolve("stop" + stop));
            int last = stop;
            int[] files = {0};
            assertThrows(IllegalStateException.class, () -> ModelCheckpoint.writeTagLexicon(stopped, other, vocab,
                    "test", name -> {
                        if (files[0]++ == last) {
                            throw new IllegalStateException("killed after " + name);
                        }
                    }));
            try (NDManager manager = NDManager.newBaseManager()) {
                assertTrue(ModelCheckpoint.load(stopped, manager).tagLexicon() != null,
                        "stopped after " + written.subList(0, stop + 1));
            }
            ModelCheckpoint.writeTagLexicon(stopped, other, vocab, "test"); // run again: as if never stopped
            assertEquals(ModelCheckpoint.readHeader(whole).files(), ModelCheckpoint.readHeader(stopped).files());
        }
    }

    /** Models saved before the lexicon's checksum was recorded load with any lexicon that parses, as they did. */
    @Test
    void loadsATagLexiconItsConfigRecordsNoChecksumFor(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        editConfig(model, json -> ((ObjectNode) json.get("files")).remove(ModelCheckpoint.TAG_LEXICON));
        flipACount(model.resolve(ModelCheckpoint.TAG_LEXICON));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertTrue(ModelCheckpoint.load(model, manager).tagLexicon() != null);
        }
    }

    /** A config without a training record (made by hand, or by another tool) has no step to name: not "step -1". */
    @Test
    void aChecksumRefusalWithoutATrainingRecordNamesNoStep(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        editConfig(model, json -> json.remove("training"));
        flipACount(model.resolve(ModelCheckpoint.TAG_LEXICON));
        InvalidModelException e = loadFails(model);
        assertTrue(e.getMessage().contains("is not the file its config.json recorded:")
                && !e.getMessage().contains("step"), e.getMessage());
    }

    /** Changes the model's config.json as {@code edit} says, as a hand or another tool might have. */
    private static void editConfig(Path model, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        ObjectNode json = (ObjectNode) CheckpointFiles.JSON.readTree(config.toFile());
        edit.accept(json);
        CheckpointFiles.JSON.writeValue(config.toFile(), json);
    }

    @Test
    void rejectsAMalformedWarpingTable(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Files.writeString(model.resolve(ModelCheckpoint.WARP), "bin\n0\tx\n1\ty\n");
        InvalidModelException e = loadFails(model);
        assertEquals(model.resolve(ModelCheckpoint.WARP), e.file());
    }

    /**
     * A weight of Infinity in warp.tsv loaded (the check was !(weight >= 0)), and finite weights of 1.7e308 overflow
     * the fit: either gave a CDF of NaN, which drew every noise level wrong without a word. Both are refused, naming
     * warp.tsv and the line or the CDF (before the checksum, which the edit also breaks, is compared).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "1|Infinity|line 3 has a negative or non-finite weight (Infinity)",
        "-1|1.7e308|gives a warping CDF that is not finite and increasing",
    })
    void refusesAWarpingTableWhoseWeightsAreNotFinite(int row, String weight, String message, @TempDir Path dir)
            throws IOException {
        Path model = copyOfTiny(dir);
        Path warp = model.resolve(ModelCheckpoint.WARP);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(warp));
        for (int i = 1; i < lines.size(); i++) {
            if (row < 0 || i == row + 1) {
                String[] cols = lines.get(i).split("\t");
                cols[4] = weight;
                lines.set(i, String.join("\t", cols));
            }
        }
        Files.write(warp, lines);
        InvalidModelException e = loadFails(model);
        assertEquals(warp, e.file());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /**
     * A number in another script's digits in a model's data files was read as Java reads it: warp.tsv's bin 1
     * written as Arabic-Indic 1 loaded as bin 1, and a tag-lexicon count of Arabic-Indic 3 as 3 (both then refused
     * only by their checksum, as if the file were merely changed). Each is refused by its line now, as no number
     * (ASCII digits only, as everywhere in the project), naming the file.
     */
    @Test
    void aNumberInOtherDigitsInAModelFileIsRefusedByItsLine(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path warp = model.resolve(ModelCheckpoint.WARP);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(warp));
        lines.set(2, "\u0661" + lines.get(2).substring(1));
        Files.write(warp, lines);
        InvalidModelException e = loadFails(model);
        assertEquals(warp, e.file());
        assertTrue(e.getMessage().startsWith(warp + " line 3 is malformed (For input string: \"\u0661\" (not in ASCII"
                + " digits (0-9)))"), e.getMessage());

        Path other = copyOfTiny(dir.resolve("lexicon"));
        Path lexicon = other.resolve(ModelCheckpoint.TAG_LEXICON);
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(lexicon));
        rows.set(1, rows.get(1).replaceFirst(":[0-9]+", ":\u0663"));
        Files.write(lexicon, rows);
        e = loadFails(other);
        assertEquals(lexicon, e.file());
        assertTrue(e.getMessage().startsWith(lexicon + " cannot be read: line 2: '")
                && e.getMessage().contains(":\u0663' is not TAG:count"), e.getMessage());
    }

    /**
     * A leading '+' on a model file's number ("+1" for warp.tsv's bin 1, "+0.5" for a weight, "+3" for a tag-lexicon
     * count) was read as the number, where training writes none and the project otherwise reads a number as a program
     * writes it (audit h200). Each is refused by its line, naming the file, the '+' and what to do.
     */
    @Test
    void aLeadingPlusInAModelFileIsRefusedByItsLine(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir.resolve("bin"));
        Path warp = model.resolve(ModelCheckpoint.WARP);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(warp));
        lines.set(2, "+" + lines.get(2));
        Files.write(warp, lines);
        InvalidModelException e = loadFails(model);
        assertEquals(warp, e.file());
        assertTrue(e.getMessage().startsWith(warp + " line 3 is malformed (For input string: \"+1\" (a leading '+':"
                + " a number here is written without one)): restore the directory from a copy, or train again"),
                e.getMessage());

        Path weighted = copyOfTiny(dir.resolve("weight"));
        Path weights = weighted.resolve(ModelCheckpoint.WARP);
        lines = new java.util.ArrayList<>(Files.readAllLines(weights));
        String[] cols = lines.get(2).split("\t");
        cols[4] = "+" + cols[4];
        lines.set(2, String.join("\t", cols));
        Files.write(weights, lines);
        e = loadFails(weighted);
        assertEquals(weights, e.file());
        assertTrue(e.getMessage().startsWith(weights + " line 3 is malformed (For input string: \"" + cols[4]
                + "\" (a leading '+': a number here is written without one))"), e.getMessage());

        Path other = copyOfTiny(dir.resolve("lexicon"));
        Path lexicon = other.resolve(ModelCheckpoint.TAG_LEXICON);
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(lexicon));
        rows.set(1, rows.get(1).replaceFirst(":([0-9]+)", ":+$1"));
        Files.write(lexicon, rows);
        e = loadFails(other);
        assertEquals(lexicon, e.file());
        assertTrue(e.getMessage().startsWith(lexicon + " cannot be read: line 2: '")
                && e.getMessage().contains("' is not TAG:count with a UPOS tag and a count >= 0 in ASCII digits (0-9),"
                + " without a '+'"), e.getMessage());
    }

    /**
     * A directory in place of the tag lexicon was reported as a lexicon "deleted, or not copied" (or, when the config
     * recorded none, loaded as no lexicon): it is named for what it is.
     */
    @Test
    void aDirectoryInPlaceOfAnOptionalFileIsNamed(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path lexicon = model.resolve(ModelCheckpoint.TAG_LEXICON);
        Files.deleteIfExists(lexicon);
        Files.createDirectory(lexicon);
        InvalidModelException e = loadFails(model);
        assertEquals(lexicon, e.file());
        assertTrue(e.getMessage().startsWith(lexicon + " is not a regular file (a directory)"), e.getMessage());
    }

    /**
     * config.json was read leniently: a key given twice (the last won), content after the document, a shape field as a
     * string or a fraction (truncated), and a sigmaMax of 1e23 (sampling wrote garbage) all loaded. Each is refused
     * naming config.json and, for a field, the field.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "\"dim\" : 64|\"dim\" : 64, \"dim\" : 32|Duplicate field 'dim'",
        "\"heads\" : 2|\"heads\" : \"2\"|not a valid model config (at model.heads: Cannot coerce String",
        "\"layers\" : 2|\"layers\" : 2.7|not a valid model config (at model.layers: Cannot coerce Floating-point",
        "\"relativePositions\" : |\"relativePositions\" : \"false\", \"was\" : |at model.relativePositions: Cannot",
        "\"sigmaMax\" : |\"sigmaMax\" : 1e23, \"was\" : |says the noise range is sigma 1.0..9.99",
    })
    void refusesALenientlyReadConfig(String field, String edited, String message, @TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        String text = Files.readString(config);
        assertTrue(text.contains(field), field);
        Files.writeString(config, text.replaceFirst(java.util.regex.Pattern.quote(field),
                java.util.regex.Matcher.quoteReplacement(edited)));
        InvalidModelException e = loadFails(model);
        assertEquals(config, e.file(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void refusesContentAfterTheConfig(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        Files.writeString(config, Files.readString(config) + "\n{\"format\" : \"other\"}");
        InvalidModelException e = loadFails(model);
        assertEquals(config, e.file(), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid model config (Trailing token"), e.getMessage());
    }

    @Test
    void recordsMetrics(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        ModelCheckpoint.recordMetrics(model, null, Map.of("acc", 0.25));
        assertEquals(0.25, ModelCheckpoint.readHeader(model).training().metrics().get("acc"));
    }

    /**
     * evaluate --record loads the model, evaluates for minutes and then records: metrics of a checkpoint that a
     * resumed run has replaced meanwhile are refused rather than shown as the new one's.
     */
    @Test
    void metricsOfACheckpointReplacedSinceAreRefused(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        TrainingInfo evaluated = ModelCheckpoint.readHeader(model).training();
        ModelCheckpoint.recordMetrics(model, evaluated, Map.of("acc", 0.25)); // recorded metrics do not count
        TestModels.train(model, 30, true);
        String config = Files.readString(model.resolve(ModelCheckpoint.CONFIG));
        IOException e = assertThrows(IOException.class,
                () -> ModelCheckpoint.recordMetrics(model, evaluated, Map.of("acc", 0.5)));
        assertEquals("the checkpoint in " + model + " is no longer the one evaluated (step 20 then, 30 now: a training"
                + " run has saved another); evaluate it again to record its metrics (nothing was changed)", e.getMessage());
        assertEquals(config, Files.readString(model.resolve(ModelCheckpoint.CONFIG)));
    }

    /**
     * row-lengths recording a model's row lengths while evaluate --record evaluates it (an older model: the README
     * asks for both) changes no weight: the metrics are still the checkpoint's, recorded beside the row lengths.
     */
    @Test
    void rowLengthsRecordedSinceTheEvaluationDoNotRefuseItsMetrics(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        TrainingInfo trained = ModelCheckpoint.readHeader(model).training();
        List<Integer> counts = trained.rowLengths();
        Map<Sentiment, List<Integer>> byLabel = trained.rowLengthsByLabel();
        editConfig(model, json -> ((ObjectNode) json.get("training")).remove(List.of("rowLengths",
                "rowLengthsByLabel"))); // an older model
        TrainingInfo evaluated = ModelCheckpoint.readHeader(model).training();
        assertEquals(null, evaluated.rowLengths());
        ModelCheckpoint.recordRowLengths(model, counts, byLabel, "row-lengths --model"); // meanwhile
        ModelCheckpoint.recordMetrics(model, evaluated, Map.of("acc", 0.25));
        TrainingInfo now = ModelCheckpoint.readHeader(model).training();
        assertEquals(0.25, now.metrics().get("acc"));
        assertEquals(counts, now.rowLengths(), "the row lengths are kept");
        assertEquals(byLabel, now.rowLengthsByLabel(), "and those by label");
    }

    /**
     * Training records its rows' lengths by label beside the overall ones, each label's a part of them, under the
     * labels' own names; they come back from config.json as they were recorded.
     */
    @Test
    void rowLengthsByLabelRoundTripThroughTheConfig(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        TrainingInfo trained = ModelCheckpoint.readHeader(model).training();
        Map<Sentiment, List<Integer>> byLabel = trained.rowLengthsByLabel();
        assertTrue(byLabel != null && !byLabel.isEmpty(), String.valueOf(byLabel));
        int[] summed = new int[trained.rowLengths().size()];
        byLabel.values().forEach(c -> {
            for (int i = 0; i < summed.length; i++) {
                summed[i] += c.get(i);
            }
        });
        assertEquals(trained.rowLengths(), java.util.Arrays.stream(summed).boxed().toList());
        Map<Sentiment, List<Integer>> edited = new java.util.EnumMap<>(Sentiment.class);
        List<Integer> threes = new java.util.ArrayList<>(java.util.Collections.nCopies(summed.length, 0));
        threes.set(2, 5);
        edited.put(Sentiment.NEUTRAL, threes);
        ModelCheckpoint.recordRowLengths(model, trained.rowLengths(), edited, "row-lengths --model");
        assertEquals(edited, ModelCheckpoint.readHeader(model).training().rowLengthsByLabel());
        JsonNode written = new ObjectMapper().readTree(model.resolve(ModelCheckpoint.CONFIG).toFile())
                .get("training").get("rowLengthsByLabel");
        assertEquals(List.of("neutral"), com.google.common.collect.ImmutableList.copyOf(written.fieldNames()),
                written.toString());
        assertEquals(5, written.get("neutral").get(2).asInt());
    }

    /** A label's counts that do not fit the model are refused at load, naming the label, as the overall ones are. */
    @Test
    void aDamagedLabelsRowLengthsAreRefusedAtLoad(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        editConfig(model, json -> ((ObjectNode) json.get("training").get("rowLengthsByLabel")).putArray("positive")
                .add(1).add(2));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.readHeader(model));
        assertTrue(e.getMessage().contains("(\"rowLengthsByLabel\") of positive have 2 counts for a model of"),
                e.getMessage());
    }

    /**
     * evaluate --record while a run trains into the model (here: the test holds the lock as train does) would
     * put back the config of the checkpoint before the run's latest one, which would then be refused as a
     * mixture of two saves: it is refused, naming the holder, with config.json as it was.
     */
    @Test
    void recordingMetricsIsRefusedWhileARunHoldsTheModel(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        String config = Files.readString(model.resolve(ModelCheckpoint.CONFIG));
        try (ModelDirectory.Lock training = ModelDirectory.lock(model, "train --out", "give another output directory")) {
            IOException e = assertThrows(IOException.class,
                    () -> ModelCheckpoint.recordMetrics(model, null, Map.of("acc", 0.25)));
            assertEquals("another command is writing into " + model + " (train --out, process "
                    + ProcessHandle.current().pid() + ", holds " + model.resolve(ModelDirectory.TRAINING_LOCK)
                    + "); wait for it to end or stop it, or record the metrics after it (nothing was changed)",
                    e.getMessage());
        }
        assertEquals(config, Files.readString(model.resolve(ModelCheckpoint.CONFIG)));
        ModelCheckpoint.recordMetrics(model, null, Map.of("acc", 0.25));
        assertEquals(0.25, ModelCheckpoint.readHeader(model).training().metrics().get("acc"));
        assertEquals("", Files.readString(model.resolve(ModelDirectory.TRAINING_LOCK)), "let go without its name");
    }

    /**
     * A config.json whose shape is larger than model.params can hold is refused before the network is built:
     * building allocates every weight, so a 40-layer shape would cost memory for nothing and an absurd one
     * (below) would exhaust it or abort PyTorch.
     */
    @Test
    void refusesAShapeLargerThanItsWeightsBeforeBuildingIt(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        Files.writeString(config, Files.readString(config).replace("\"layers\" : 2", "\"layers\" : 40"));
        InvalidModelException e = loadFails(model);
        assertEquals(model.resolve(ModelCheckpoint.PARAMS), e.file());
        assertTrue(e.getMessage().contains("describes a network of at least"), e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "\"dim\" : 64|\"dim\" : 1000000000|model.params",
        "\"layers\" : 2|\"layers\" : 100000|model.params",
        "\"ffnMultiplier\" : 2|\"ffnMultiplier\" : 2000000000|model.params",
        "\"noiseDim\" : 32|\"noiseDim\" : 2000000000|model.params",
        "\"vocabSize\" : |\"vocabSize\" : 2000000000, \"was\" : |vocab.txt",
        "\"maxLength\" : |\"maxLength\" : 2000000000, \"was\" : |config.json",
        "\"maxLength\" : |\"maxLength\" : -5, \"was\" : |config.json",
        "\"sigmaMax\" : |\"sigmaMax\" : \"Infinity\", \"was\" : |config.json",
        "\"warpDecay\" : |\"warpDecay\" : \"NaN\", \"was\" : |config.json",
    })
    void refusesAbsurdShapesWithoutAllocatingThem(String field, String absurd, String named, @TempDir Path dir)
            throws IOException {
        Path model = copyOfTiny(dir);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        String text = Files.readString(config);
        assertTrue(text.contains(field), field);
        Files.writeString(config, text.replace(field, absurd));
        InvalidModelException e = loadFails(model);
        assertEquals(model.resolve(named), e.file(), e.getMessage());
    }

    /**
     * Where the header of the first array after {@code name} in a DJL parameter or NDList file starts its
     * shape: just after that array's data type, FLOAT32 (rank at +0, dimensions at +4, then the layout).
     */
    private static int shapeAfter(byte[] file, String name) {
        int from = indexOf(file, name.getBytes(StandardCharsets.UTF_8), 0);
        byte[] type = {0, 7, 'F', 'L', 'O', 'A', 'T', '3', '2'};
        return indexOf(file, type, from) + type.length;
    }

    /** Where the int that declares the data length of the array whose shape starts at {@code shape} is. */
    private static int lengthField(byte[] file, int shape) {
        int rank = java.nio.ByteBuffer.wrap(file, shape, 4).getInt();
        int layout = java.nio.ByteBuffer.wrap(file, shape + 4 + 8 * rank, 4).getInt();
        return shape + 4 + 8 * rank + 4 + 2 * layout + 1; // the byte-order byte of array encoding version 3
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found: " + new String(needle, StandardCharsets.UTF_8));
    }

    private static Path rewrite(Path file, int offset, java.util.function.Consumer<java.nio.ByteBuffer> put)
            throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        put.accept(java.nio.ByteBuffer.wrap(bytes).position(offset));
        Files.write(file, bytes);
        return file;
    }

    /**
     * An array whose header declares 2 GB of data in a file of a few hundred kilobytes: DJL allocates the
     * 2 GB before it reads past the end; the header walk refuses it first and says which array and why.
     */
    @Test
    void refusesAnArrayLongerThanTheFileBeforeAllocatingIt(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path params = model.resolve(ModelCheckpoint.PARAMS);
        byte[] bytes = Files.readAllBytes(params);
        rewrite(params, lengthField(bytes, shapeAfter(bytes, "tokenEmbedding")), b -> b.putInt(Integer.MAX_VALUE));
        InvalidModelException e = loadFails(model);
        assertEquals(params, e.file());
        assertTrue(e.getMessage().contains("parameter tokenEmbedding declares 2,147,483,647 bytes of data but only"),
                e.getMessage());
    }

    /** A shape that does not match its config is named with both shapes, before DJL hands PyTorch the data. */
    @Test
    void refusesAnArrayOfAnotherShapeThanItsConfigBeforeDecodingIt(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path params = model.resolve(ModelCheckpoint.PARAMS);
        byte[] bytes = Files.readAllBytes(params);
        rewrite(params, shapeAfter(bytes, "tokenEmbedding") + 4, b -> b.putLong(1L << 40));
        InvalidModelException e = loadFails(model);
        assertEquals(params, e.file());
        assertTrue(e.getMessage().matches(".*parameter tokenEmbedding has shape \\(1099511627776, 64\\) but config.json"
                + " implies \\(\\d+, 64\\).*"), e.getMessage());
    }

    /** Counts DJL reads into Java arrays it allocates at once (a shape's rank, a block's input shapes). */
    @Test
    void refusesCountsLargerThanTheFileBeforeAllocatingThem(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path params = model.resolve(ModelCheckpoint.PARAMS);
        rewrite(params, 1, b -> b.putInt(Integer.MAX_VALUE)); // the network block's input-shape count
        InvalidModelException e = loadFails(model);
        assertTrue(e.getMessage().contains("declares 2,147,483,647 input shapes of block (the network), more than"),
                e.getMessage());

        Files.copy(TestModels.tinyModel().resolve(ModelCheckpoint.PARAMS), params,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] bytes = Files.readAllBytes(params);
        rewrite(params, shapeAfter(bytes, "positionEmbedding"), b -> b.putInt(Integer.MAX_VALUE));
        e = loadFails(model);
        assertTrue(e.getMessage().contains("declares 2,147,483,647 dimensions in the shape of parameter"
                + " positionEmbedding"), e.getMessage());
    }

    /** The optimizer moments are walked the same way before DJL decodes them. */
    @Test
    void refusesOptimizerStateLongerThanTheFileBeforeAllocatingIt(@TempDir Path dir) throws IOException {
        Path model = copyOfTiny(dir);
        Path moments = model.resolve(ModelCheckpoint.OPTIMIZER);
        byte[] bytes = Files.readAllBytes(moments);
        rewrite(moments, lengthField(bytes, shapeAfter(bytes, "NDAR")), b -> b.putInt(Integer.MAX_VALUE));
        Path config = model.resolve(ModelCheckpoint.CONFIG); // as a crafted checkpoint would, so the checksum passes
        String checksum = "crc32c:" + com.google.common.io.Files.asByteSource(moments.toFile())
                .hash(com.google.common.hash.Hashing.crc32c());
        Files.writeString(config, Files.readString(config)
                .replaceAll("(\"optimizer.ndlist\" : )\"[^\"]*\"", "$1\"" + checksum + "\""));
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(model, manager);
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> ModelCheckpoint.loadOptimizerState(loaded, manager));
            assertEquals(moments, e.file());
            assertTrue(e.getMessage().contains("array 0 declares 2,147,483,647 bytes of data but only"), e.getMessage());
        }
    }

    @Test
    void loadsTheShippedModel() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(TestModels.shippedModel(), manager);
            assertEquals(loaded.vocabulary().size(), loaded.header().model().vocabSize());
            assertTrue(loaded.header().files().containsKey(ModelCheckpoint.TAG_LEXICON),
                    "the shipped model's tag lexicon is checksummed as its other files are");
        }
    }
}
