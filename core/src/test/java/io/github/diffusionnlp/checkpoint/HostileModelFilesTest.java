package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.Suggestion;
import io.github.diffusionnlp.ar.ArCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model directories a hostile or unlucky user might give (audit h243): each is refused naming the file and what is
 * wrong, in plain words, rather than loading into a model that writes garbage or failing with a Java exception's name.
 * The files are copies of the shipped models, edited as a hand or a tool might, with their recorded checksums made to
 * match where the edit is to reach the file's own checks.
 */
class HostileModelFilesTest {
    /** A copy of the shipped model {@code name} ("brown-cdcd", "brown-ar") in {@code dir}. */
    static Path copyOf(String name, Path dir) throws IOException {
        Path source = TestModels.root().resolve("test-data/models/" + name);
        Path copy = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    /** Replaces {@code from} by {@code to} in {@code model}'s config.json, which must hold it. */
    static Path editConfig(Path model, String from, String to) throws IOException {
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        String json = Files.readString(config);
        assertTrue(json.contains(from), from);
        Files.writeString(config, json.replace(from, to));
        return config;
    }

    /** Records {@code name}'s checksum as it is now in {@code model}'s config.json, as a crafted model would. */
    private static void recordChecksum(Path model, String name) throws IOException {
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        Files.writeString(config, Files.readString(config).replaceAll("(\"" + java.util.regex.Pattern.quote(name)
                + "\" : )\"[^\"]*\"", "$1\"" + CheckpointCommit.fingerprintOf(model.resolve(name)) + "\""));
    }

    private static InvalidModelException loadFails(Path model) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model, manager));
        }
    }

    /**
     * A vocab.txt line that no build writes (empty, or the mask placeholder) loaded, and infill could write it as a
     * filled word: "" changed the number of tokens of the line it filled, and [MASK] left a mask in the output. No
     * corpus gives such a word (training never learns [MASK]), so the line is refused, named, with the word quoted
     * visibly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "[MASK]"})
    void aVocabularyWordNoTextCanHoldIsRefusedByItsLine(String word, @TempDir Path dir) throws IOException {
        Path model = withVocabularyLine(copyOf("brown-cdcd", dir), 5, word);
        Path vocab = model.resolve(ModelCheckpoint.VOCAB);
        InvalidModelException e = loadFails(model);
        assertEquals(vocab, e.file());
        assertTrue(e.getMessage().startsWith(vocab + " is not a vocabulary: line 6 holds '"
                + io.github.diffusionnlp.corpus.Visible.of(word) + "', which no text can hold as a word"),
                e.getMessage());
    }

    /**
     * A word holding whitespace is one a build before 2026-12-04 wrote (a CoNLL-U FORM "400 000" kept whole, a word
     * with a no-break space): such a model loaded until 2026-12-07, when its vocab.txt line was refused as a hostile
     * one. It loads again, and its DiffusionLM never writes the word, which would change a filled line's token count.
     */
    @ParameterizedTest
    @ValueSource(strings = {"400 000", "a\u00a0b"})
    void aVocabularyWordHoldingWhitespaceLoadsAndIsNeverWritten(String word, @TempDir Path dir) throws IOException {
        Path model = withVocabularyLine(copyOf("brown-cdcd", dir), 5, word);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(model, manager);
            assertEquals(word, loaded.vocabulary().word(5));
            assertArrayEquals(new int[] {5}, loaded.vocabulary().unwritable());
        }
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model).optBatching(0, java.time.Duration.ZERO).build()) {
            int k = lm.info().config().vocabSize() - 2;
            List<Suggestion> all = lm.suggest(List.of("the", "[MASK]", "said"), k).get(0);
            assertTrue(all.stream().noneMatch(s -> s.word().equals(word)), all.size() + " suggestions");
            assertTrue(all.stream().anyMatch(s -> s.word().equals("said")), "the others are written");
        }
    }

    /** {@code model} with {@code word} on vocab.txt's line {@code index} + 1, its checksum recorded, no tag lexicon. */
    private static Path withVocabularyLine(Path model, int index, String word) throws IOException {
        Files.delete(model.resolve(ModelCheckpoint.TAG_LEXICON)); // it names the word replaced: refused for that first
        editConfig(model, "\"tag-lexicon.tsv\" : \"crc32c:d12a0387\",", "");
        Path vocab = model.resolve(ModelCheckpoint.VOCAB);
        List<String> lines = new ArrayList<>(Files.readAllLines(vocab));
        lines.set(index, word);
        Files.write(vocab, lines);
        recordChecksum(model, ModelCheckpoint.VOCAB);
        return model;
    }

    /**
     * A metric recorded as null in config.json was refused with "problem: `java.lang.NullPointerException`", naming
     * neither the metric nor what was wrong; the diffusion and the autoregressive model alike. It names the metric now.
     */
    @Test
    void aMetricWithoutAValueIsNamed(@TempDir Path dir) throws IOException {
        Path diffusion = copyOf("brown-cdcd", dir);
        editConfig(diffusion, "\"single_token_accuracy@16_T0.0\" : 0.187", "\"single_token_accuracy@16_T0.0\" : null");
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.readHeader(diffusion));
        assertEquals(diffusion.resolve(ModelCheckpoint.CONFIG), e.file());
        assertTrue(e.getMessage().contains("the metric 'single_token_accuracy@16_T0.0' has no value (null)")
                && !e.getMessage().contains("Exception"), e.getMessage());

        Path ar = copyOf("brown-ar", dir);
        editConfig(ar, "\"metrics\" : { }", "\"metrics\" : { \"nll\" : null }");
        e = assertThrows(InvalidModelException.class, () -> ArCheckpoint.readHeader(ar));
        assertTrue(e.getMessage().contains("the metric 'nll' has no value (null)"), e.getMessage());
    }

    /**
     * A malformed checksum in config.json was quoted raw: an ESC sequence in it ran in the terminal that showed the
     * message, and one of 100,000 characters was written whole. It is quoted visibly, and a long one cut short.
     */
    @Test
    void aMalformedChecksumIsQuotedVisiblyAndShort(@TempDir Path dir) throws IOException {
        Path model = copyOf("brown-cdcd", dir.resolve("escape"));
        editConfig(model, "crc32c:cd8e49a6", "crc32c:\\u001b[2J");
        InvalidModelException e = loadFails(model);
        assertEquals(model.resolve(ModelCheckpoint.CONFIG), e.file());
        assertTrue(e.getMessage().contains("records the checksum of model.params as 'crc32c:<U+001B>[2J', which is"
                + " malformed"), e.getMessage());

        Path long_ = copyOf("brown-cdcd", dir.resolve("long"));
        editConfig(long_, "crc32c:cd8e49a6", "crc32c:" + "a".repeat(100_000));
        e = loadFails(long_);
        assertTrue(e.getMessage().contains("as 'crc32c:aaaaaaaa") && e.getMessage().contains("(100,007 characters)")
                && e.getMessage().length() < 1_000, e.getMessage());
    }

    /**
     * A config.json without a format version, or with one of 0 or below, was said to be "format version 0" (or -1)
     * of a model "with no sentiment or syntax conditioning: retrain with `train`", advice for version 1 models that
     * fits neither: the missing field is named, and a version below 1 said to be none, for both kinds of model.
     */
    @Test
    void aMissingOrNonPositiveFormatVersionIsNotCalledAnOldModel(@TempDir Path dir) throws IOException {
        Path diffusion = copyOf("brown-cdcd", dir);
        Path config = diffusion.resolve(ModelCheckpoint.CONFIG);
        String json = Files.readString(config);
        editConfig(diffusion, "\"formatVersion\" : 3,", "");
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.readHeader(diffusion));
        assertEquals(config, e.file());
        assertTrue(e.getMessage().startsWith(config + " lacks \"formatVersion\""), e.getMessage());
        Files.writeString(config, json);
        editConfig(diffusion, "\"formatVersion\" : 3", "\"formatVersion\" : null");
        e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.readHeader(diffusion));
        assertTrue(e.getMessage().startsWith(config + " lacks \"formatVersion\" (it is null)"), e.getMessage());
        Files.writeString(config, json);
        editConfig(diffusion, "\"formatVersion\" : 3", "\"formatVersion\" : -1");
        e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.readHeader(diffusion));
        assertTrue(e.getMessage().startsWith(config + " says format version -1, and versions count from 1: the file"
                + " was edited or damaged"), e.getMessage());

        Path ar = copyOf("brown-ar", dir);
        editConfig(ar, "\"formatVersion\" : 1,", "");
        e = assertThrows(InvalidModelException.class, () -> ArCheckpoint.readHeader(ar));
        assertTrue(e.getMessage().startsWith(ar.resolve(ArCheckpoint.CONFIG) + " lacks \"formatVersion\""),
                e.getMessage());
    }

    /**
     * A flag given as a number loaded as one: relativePositions 1 read as true, and 0 as false (the network then built
     * without the bias its weights hold, refused as a damaged model.params). A flag given as a string is refused
     * (ModelCheckpointTest.refusesALenientlyReadConfig); a number is too, naming the field.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1", "0"})
    void aFlagGivenAsANumberIsRefusedNamingIt(String number, @TempDir Path dir) throws IOException {
        Path model = copyOf("brown-cdcd", dir);
        Path config = editConfig(model, "\"relativePositions\" : true", "\"relativePositions\" : " + number);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.readHeader(model));
        assertEquals(config, e.file());
        assertTrue(e.getMessage().contains("not a valid model config (at model.relativePositions: "), e.getMessage());
    }

    /**
     * A noise range edited in config.json (sigmaMin 1 made 2) loaded without a word: the time warp saved with the
     * model was then spread over another range than it was fitted on, and the network sampled at noise levels it was
     * never trained at. warp.tsv records the range its bins span; a config that says another is refused, naming it.
     */
    @Test
    void aNoiseRangeOtherThanTheWarpingTablesIsRefused(@TempDir Path dir) throws IOException {
        Path model = copyOf("brown-cdcd", dir);
        Path config = editConfig(model, "\"sigmaMin\" : 1.0", "\"sigmaMin\" : 2.0");
        InvalidModelException e = loadFails(model);
        assertEquals(config, e.file());
        assertTrue(e.getMessage().startsWith(config + " says the noise range is sigma 2.0..300.0, but warp.tsv, saved"
                + " with it, spans sigma 1.00000..300.000"), e.getMessage());
    }

    /**
     * A sentiment probe file holding a NaN or an infinity loaded as any other (model.params with one is refused), and
     * steered every sentence by a NaN score. It is refused naming the file, the array and how many values.
     */
    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY})
    void aProbeHoldingANanOrAnInfinityIsRefused(float bad, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("probe.ndlist");
        try (NDManager m = NDManager.newBaseManager()) {
            float[] weights = new float[5 * 3];
            weights[4] = bad;
            Files.write(file, new ai.djl.ndarray.NDList(m.ones(new ai.djl.ndarray.types.Shape(4, 5)),
                    m.create(weights, new ai.djl.ndarray.types.Shape(5, 3)), m.zeros(new ai.djl.ndarray.types.Shape(3)))
                    .encode());
        }
        IOException e = assertThrows(IOException.class,
                () -> io.github.diffusionnlp.steer.NoisySentimentClassifier.load(file).close());
        assertEquals(file + ": the probe's word weights hold 1 NaN or infinite value (of 15): the file was damaged,"
                + " or the run that trained the probe diverged; train it again", e.getMessage());
    }

    /**
     * relativePositions edited to false in a config whose weights hold the bias was refused as a damaged model.params
     * that "declares 1,342,242,828 input shapes of block 04layer0_01attnNorm": the walk read the bias the network
     * lacks as the next block's header. The file's parameters are named against the network's: the first that differs.
     */
    @Test
    void weightsOfAnotherNetworkThanTheConfigsAreNamedByTheirFirstOtherParameter(@TempDir Path dir)
            throws IOException {
        Path model = copyOf("brown-cdcd", dir);
        editConfig(model, "\"relativePositions\" : true", "\"relativePositions\" : false");
        InvalidModelException e = loadFails(model);
        Path params = model.resolve(ModelCheckpoint.PARAMS);
        assertEquals(params, e.file());
        assertTrue(e.getMessage().startsWith(params + " holds parameter relativeBias where the network config.json"
                + " describes has "), e.getMessage());
        assertTrue(e.getMessage().contains("config.json does not describe these weights"), e.getMessage());
    }

    /**
     * A vocab.txt saved with a byte-order mark (an editor's "UTF-8 with BOM") was refused as "a vocabulary starts with
     * [PAD] and [UNK]", though its first line reads [PAD] in any editor: the lines are quoted visibly, the mark shown.
     */
    @Test
    void aVocabularyThatDoesNotStartWithTheSpecialTokensQuotesItsFirstLines(@TempDir Path dir) throws IOException {
        Path model = copyOf("brown-cdcd", dir);
        Path vocab = model.resolve(ModelCheckpoint.VOCAB);
        Files.writeString(vocab, "\ufeff" + Files.readString(vocab));
        InvalidModelException e = loadFails(model);
        assertEquals(vocab, e.file());
        assertTrue(e.getMessage().startsWith(vocab + " is not a vocabulary: a vocabulary starts with [PAD] and [UNK]"
                + " and holds at least one word (its first lines: '<U+FEFF>[PAD]', '[UNK]')"), e.getMessage());
    }

    /**
     * A weight file cut short after a few of its parameters (but long enough for the weights config.json describes to
     * fit: the size check passes) is said to be truncated, not to hold the weights of another network.
     */
    @Test
    void aWeightFileCutShortIsSaidToBeTruncatedNotAnotherNetworks(@TempDir Path dir) throws IOException {
        Path model = copyOf("brown-cdcd", dir);
        Path params = model.resolve(ModelCheckpoint.PARAMS);
        Files.write(params, java.util.Arrays.copyOf(Files.readAllBytes(params), 28_800_000));
        InvalidModelException e = loadFails(model);
        assertEquals(params, e.file());
        assertTrue(!e.getMessage().contains("does not describe these weights")
                && e.getMessage().contains("truncated"), e.getMessage());
    }
}
