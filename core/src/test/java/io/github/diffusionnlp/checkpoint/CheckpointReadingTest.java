package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.common.io.ByteSource;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.WholeFileTest.ReplacedAfterOpening;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's files are read once a load: the checksum config.json recorded is taken over the bytes that are
 * parsed or decoded, not over the file opened again (which a training run saving meanwhile may have replaced).
 */
class CheckpointReadingTest {
    /**
     * Opens each file of a checkpoint as one a training run replaces once it has been opened, and counts the
     * openings: the first reads {@code first}'s bytes for the file's name, later ones {@code later}'s (the file's
     * own bytes for a name not given).
     */
    private static final class ReplacingOpener implements Function<Path, ByteSource> {
        private final Map<String, ReplacedAfterOpening> opened = new HashMap<>();
        private final Map<String, byte[]> first;
        private final Map<String, byte[]> later;

        ReplacingOpener(Map<String, byte[]> first, Map<String, byte[]> later) {
            this.first = first;
            this.later = later;
        }

        @Override
        public ByteSource apply(Path file) {
            String name = file.getFileName().toString();
            return opened.computeIfAbsent(name, n -> {
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    return new ReplacedAfterOpening(first.getOrDefault(n, bytes), later.getOrDefault(n, bytes));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        int openings(String name) {
            return opened.get(name).openings;
        }
    }

    /** Another save's version of a file: the same bytes with one changed, so any checksum of them differs. */
    private static byte[] anotherSaveOf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] ^= 1;
        return bytes;
    }

    @Test
    void theModelFilesChecksummedAreTheOnesDecoded() throws IOException {
        Path model = TestModels.tinyModel();
        Map<String, byte[]> replaced = new HashMap<>();
        for (String name : new String[] {ModelCheckpoint.VOCAB, ModelCheckpoint.PARAMS, ModelCheckpoint.WARP}) {
            replaced.put(name, anotherSaveOf(model.resolve(name)));
        }
        ReplacingOpener files = new ReplacingOpener(Map.of(), replaced);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.load(model, new CheckpointReading(model, files), manager); // not "mixes files of two saves"
        }
        for (String name : replaced.keySet()) {
            assertEquals(1, files.openings(name), name + " was opened again for its checksum");
        }
    }

    /** The file decoded is another save's, and the file there once it is checksummed is the config's own. */
    @Test
    void aFileOfAnotherSaveIsRefusedWhenItIsReplacedByTheRightOneAfterItIsRead() throws IOException {
        Path model = TestModels.tinyModel();
        Path warp = model.resolve(ModelCheckpoint.WARP);
        String table = Files.readString(warp);
        String another = table.replaceFirst("\n0\t([^\t]*)\t([^\t]*)\t([^\t]*)\t", "\n0\t$1\t$2\t1.5\t");
        assertTrue(!another.equals(table), "the first bin's loss changed");
        ReplacingOpener files = new ReplacingOpener(Map.of(ModelCheckpoint.WARP,
                another.getBytes(StandardCharsets.UTF_8)), Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> ModelCheckpoint.load(model, new CheckpointReading(model, files), manager));
            assertEquals(warp, e.file());
            assertTrue(e.getMessage().contains("is not the file its config.json was saved with"), e.getMessage());
        }
    }

    @Test
    void theOptimizerStateChecksummedIsTheOneDecoded() throws IOException {
        Path model = TestModels.tinyModel();
        Path moments = model.resolve(ModelCheckpoint.OPTIMIZER);
        ReplacingOpener files = new ReplacingOpener(Map.of(),
                Map.of(ModelCheckpoint.OPTIMIZER, WholeFileTest.halfOf(Files.readAllBytes(moments))));
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(model, manager);
            ModelCheckpoint.Header header = loaded.header();
            NDList state = new CheckpointReading(model, files).loadOptimizerState(ModelCheckpoint.OPTIMIZER,
                    loaded.network(), header.files(), header.training(), manager);
            assertEquals(1, files.openings(ModelCheckpoint.OPTIMIZER), "opened again after its checksum");
            assertEquals(NDList.decode(manager, Files.readAllBytes(moments)).size(), state.size());
        }
    }

    /**
     * A run saves another checkpoint between the load of the weights and the load of their moments (grow reads a
     * model no lock holds): the new save's moments are refused, not checked against the new save's config.json.
     */
    @Test
    void theOptimizerStateIsCheckedAgainstTheConfigItsWeightsWereLoadedWith(@TempDir Path dir) throws IOException {
        Path model = ModelCheckpointTest.copyOfTiny(dir);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(model, manager);
            NDList moments = ModelCheckpoint.loadOptimizerState(loaded, manager);
            moments.get(0).addi(1); // the next save's moments
            ModelCheckpoint.save(model, loaded.network(), loaded.vocabulary(), loaded.warp(),
                    loaded.header().training(), moments);
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> ModelCheckpoint.loadOptimizerState(loaded, manager));
            assertEquals(model.resolve(ModelCheckpoint.OPTIMIZER), e.file());
            assertTrue(e.getMessage().contains("is not the file its config.json was saved with"), e.getMessage());
        }
    }

    /** A vocabulary file far larger than config.json's vocabSize words take is refused by its size, unread. */
    @Test
    void refusesAVocabularyFileLargerThanItsWordsTake(@TempDir Path dir) throws IOException {
        Path model = ModelCheckpointTest.copyOfTiny(dir);
        Path vocab = model.resolve(ModelCheckpoint.VOCAB);
        int vocabSize = ModelCheckpoint.readHeader(model).model().vocabSize();
        long limit = (long) vocabSize * CheckpointReading.LARGEST_AVERAGE_WORD;
        Files.write(vocab, new byte[(int) limit + 1]);
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model,
                    manager));
            assertEquals(vocab, e.file());
            assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, " holds %,d bytes, more than the"
                    + " %,d bytes the %,d words of config.json's vocabSize", limit + 1, limit, vocabSize)),
                    e.getMessage());
        }
    }

    @Test
    void refusesAWarpingTableLargerThanAnyTable(@TempDir Path dir) throws IOException {
        Path model = ModelCheckpointTest.copyOfTiny(dir);
        Path warp = model.resolve(ModelCheckpoint.WARP);
        Files.write(warp, new byte[3 << 20]);
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model,
                    manager));
            assertEquals(warp, e.file());
            assertTrue(e.getMessage().contains(" holds 3,145,728 bytes, more than the 2,560,256 bytes a warping table"
                    + " of 10,000 bins"), e.getMessage());
        }
    }

    /** tag-lexicon.tsv is read once, whole, through the load's reading, as the checkpoint's other files are. */
    @Test
    void theTagLexiconIsReadOnceWhole() throws IOException {
        Path model = TestModels.tinyModel();
        assertTrue(Files.isRegularFile(model.resolve(ModelCheckpoint.TAG_LEXICON)), "the tiny model has a lexicon");
        ReplacingOpener files = new ReplacingOpener(Map.of(), Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            assertTrue(ModelCheckpoint.load(model, new CheckpointReading(model, files), manager).tagLexicon() != null);
        }
        assertEquals(1, files.openings(ModelCheckpoint.TAG_LEXICON));
    }

    /** A lexicon larger than a line for each word of the vocabulary takes is refused unread, naming it. */
    @Test
    void refusesATagLexiconLargerThanItsWordsTake(@TempDir Path dir) throws IOException {
        Path model = ModelCheckpointTest.copyOfTiny(dir);
        Path lexicon = model.resolve(ModelCheckpoint.TAG_LEXICON);
        int vocabSize = ModelCheckpoint.readHeader(model).model().vocabSize();
        long limit = io.github.diffusionnlp.model.TagLexicon.HEADER.length() + 1
                + (long) vocabSize * (CheckpointReading.LARGEST_AVERAGE_WORD + io.github.diffusionnlp.model.TagLexicon.LARGEST_COUNTS);
        Files.write(lexicon, new byte[(int) limit + 1]);
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model,
                    manager));
            assertEquals(lexicon, e.file());
            assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, " holds %,d bytes, more than the"
                    + " %,d bytes a lexicon of the %,d words of config.json's vocabSize", limit + 1, limit, vocabSize))
                    && e.getMessage().contains("write it again with the tag-lexicon command"),
                    e.getMessage());
        }
    }

    /**
     * A vocabulary or warping table that is not UTF-8 is refused naming the file: the decoder's own exception said
     * "Input length = 1", naming nothing.
     */
    @Test
    void refusesATextFileThatIsNotUtf8NamingIt(@TempDir Path dir) throws IOException {
        for (String name : new String[] {ModelCheckpoint.VOCAB, ModelCheckpoint.WARP}) {
            Path model = ModelCheckpointTest.copyOfTiny(dir.resolve(name));
            Path file = model.resolve(name);
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length - 2] = (byte) 0xFF; // never in UTF-8
            Files.write(file, bytes);
            try (NDManager manager = NDManager.newBaseManager()) {
                InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model,
                        manager));
                assertEquals(file, e.file());
                assertTrue(e.getMessage().contains(" is not UTF-8 text"), e.getMessage());
            }
        }
    }

    /** A checksum that is not one was reported as "the checkpoint mixes files of two saves". */
    @Test
    void aMalformedChecksumIsSaidToBeOne(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path config = model.resolve("config.json");
        String json = Files.readString(config);
        String edited = json.replaceFirst("\"warp.tsv\"( ?): \"crc32c:[0-9a-f]{8}\"", "\"warp.tsv\"$1: \"md5:xyz\"");
        assertTrue(!edited.equals(json), json);
        Files.writeString(config, edited);
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model, manager));
            assertEquals(config, e.file());
            assertTrue(e.getMessage().startsWith(config + " records the checksum of warp.tsv as 'md5:xyz', which is"
                    + " malformed: a checksum is crc32c: and 8 hexadecimal digits"), e.getMessage());
        }
    }

    /**
     * One changed digit in warp.tsv (a file as valid as before) was said to be a checkpoint that "mixes files of two
     * saves": the message now says first that the file was changed or damaged.
     */
    @Test
    void aChangedFileIsSaidToBeChangedOrDamaged(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path warp = model.resolve(ModelCheckpoint.WARP);
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(warp));
        String[] cols = lines.get(1).split("\t");
        cols[3] = cols[3].startsWith("1") ? "2" + cols[3].substring(1) : "1" + cols[3].substring(1); // its loss
        lines.set(1, String.join("\t", cols));
        Files.write(warp, lines);
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model, manager));
            assertEquals(warp, e.file());
            assertTrue(e.getMessage().contains("is not the file its config.json was saved with (step 20): it was changed"
                    + " or damaged since, or the checkpoint mixes files of two saves"), e.getMessage());
        }
    }

    /** A config whose checksums lack a file's was said to hold a file of another save: config.json is named now. */
    @Test
    void aConfigLackingAFilesChecksumIsNamed(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path config = model.resolve("config.json");
        String json = Files.readString(config);
        String edited = json.replaceFirst("\"warp.tsv\" ?: \"crc32c:[0-9a-f]{8}\",?", "");
        assertTrue(!edited.equals(json), json);
        Files.writeString(config, edited.replaceAll(",(\\s*})", "$1"));
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model, manager));
            assertEquals(config, e.file());
            assertTrue(e.getMessage().startsWith(config + " records no checksum for warp.tsv (step 20)"), e.getMessage());
        }
    }

    /**
     * A vocabulary that does not start with [PAD] was refused with a plain IOException, which the OpenNLP adapter's
     * renaming of temporary paths to "package X: its entry vocab.txt" did not catch: every refusal of a model's file
     * is an InvalidModelException naming it.
     */
    @Test
    void aMalformedVocabularyIsAnInvalidModel(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path vocab = model.resolve(ModelCheckpoint.VOCAB);
        java.util.List<String> words = new java.util.ArrayList<>(Files.readAllLines(vocab));
        java.util.Collections.swap(words, 0, 1);
        Files.write(vocab, words);
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model, manager));
            assertEquals(vocab, e.file());
            assertTrue(e.getMessage().startsWith(vocab + " is not a vocabulary: "), e.getMessage());
        }
    }

    /** A malformed checksum for the tag lexicon blamed the lexicon ("changed or damaged since"): config.json is named. */
    @Test
    void aMalformedLexiconChecksumNamesTheConfig(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path config = model.resolve("config.json");
        String json = Files.readString(config);
        String edited = json.replaceFirst("\"tag-lexicon.tsv\"( ?): \"crc32c:[0-9a-f]{8}\"", "\"tag-lexicon.tsv\"$1: \"crc32c:xyz\"");
        org.junit.jupiter.api.Assumptions.assumeTrue(!edited.equals(json), "the tiny model records a lexicon");
        Files.writeString(config, edited);
        try (NDManager manager = NDManager.newBaseManager()) {
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.load(model, manager));
            assertEquals(config, e.file(), e.getMessage());
            assertTrue(e.getMessage().startsWith(config + " records the checksum of tag-lexicon.tsv as 'crc32c:xyz', which"
                    + " is malformed"), e.getMessage());
        }
    }
}
