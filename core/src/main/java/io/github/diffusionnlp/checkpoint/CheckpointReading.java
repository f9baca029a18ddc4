package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import com.google.common.hash.HashCode;
import com.google.common.io.ByteSource;
import com.google.common.io.MoreFiles;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.TagLexicon;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The files of a checkpoint as one load reads them: each is read whole, once ({@link WholeFile}), and the
 * checksum its config.json recorded is taken over the bytes that were parsed or decoded. Checksums taken by
 * opening the files again let a training run saving meanwhile make a load decode one save's file and pass the
 * next one's, or refuse a whole checkpoint as a mixture of two saves.
 */
public final class CheckpointReading {
    /**
     * The most bytes a vocabulary's word takes on average, with its line end: a vocabulary file larger than its
     * {@code vocabSize} words at this is refused unread. Corpus words are a few bytes; a long URL or a run of
     * symbols a few hundred.
     */
    static final int LARGEST_AVERAGE_WORD = 1024;

    private final Path dir;
    private final Function<Path, ByteSource> opener;
    /** Each file read so far and the CRC32C of its bytes (not the bytes, which a load need not hold that long). */
    private final Map<Path, HashCode> read = new LinkedHashMap<>();

    /** The files of the checkpoint in {@code dir}. */
    public CheckpointReading(Path dir) {
        this(dir, MoreFiles::asByteSource);
    }

    /** {@code opener} gives each file's bytes (tests give files that change once opened). */
    CheckpointReading(Path dir, Function<Path, ByteSource> opener) {
        this.dir = dir;
        this.opener = opener;
    }

    /** The same files to be read afresh, by a load started over: none of them counts as read. */
    CheckpointReading anew() {
        return new CheckpointReading(dir, opener);
    }

    /** The bytes of the file {@code name}, which must be there, read once; refused unread when over {@code limit}. */
    public byte[] read(String name, WholeFile.Limit limit) throws InvalidModelException {
        Path file = CheckpointFiles.existing(dir, name);
        return remember(file, WholeFile.read(file, opener.apply(file), limit));
    }

    /**
     * The vocabulary in the file {@code name}, which config.json says holds {@code vocabSize} words: a file larger
     * than such a vocabulary takes is refused unread, and one of another size after it is parsed.
     */
    public Vocabulary readVocabulary(String name, int vocabSize) throws IOException {
        WholeFile.Limit limit = new WholeFile.Limit((long) vocabSize * LARGEST_AVERAGE_WORD, String.format(Locale.ROOT,
                "the %,d words of config.json's vocabSize (%,d bytes a word)", vocabSize, LARGEST_AVERAGE_WORD),
                "restore the directory from a copy, or train again");
        Path file = dir.resolve(name);
        List<String> lines = CheckpointFiles.lines(file, read(name, limit));
        Vocabulary vocabulary;
        try {
            // an InvalidModelException, as every refusal of a model's file: the OpenNLP adapter names its package entry
            vocabulary = new Vocabulary(lines);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(file, "is not a vocabulary: " + e.getMessage() + (lines.isEmpty()
                    ? " (the file is empty)" : "") + "; restore the directory from a copy, or train again", e);
        }
        if (vocabulary.size() != vocabSize) {
            throw new InvalidModelException(file, "holds " + vocabulary.size()
                    + " words but config.json says vocabSize = " + vocabSize);
        }
        return vocabulary;
    }

    /**
     * The tag lexicon in the file {@code name} for {@code vocabulary}, read once, whole: a file larger than a
     * line for each of its words takes ({@link #LARGEST_AVERAGE_WORD} a word, {@link TagLexicon#LARGEST_COUNTS}
     * its counts) is refused unread, naming it; one whose checksum is not the one config.json recorded for it
     * ({@code fingerprints}, with the config's {@code training} record) after it is parsed, as the other files
     * are. A config that records none for it (models saved before it was recorded) passes. The check is not
     * remembered for {@link #verifyModelFiles}, which refuses a file the config records no checksum for.
     */
    public TagLexicon readTagLexicon(String name, Vocabulary vocabulary, Map<String, String> fingerprints,
            TrainingInfo training) throws IOException {
        Path file = CheckpointFiles.existing(dir, name);
        long words = vocabulary.size();
        WholeFile.Limit limit = new WholeFile.Limit(TagLexicon.HEADER.length() + 1
                + words * (LARGEST_AVERAGE_WORD + TagLexicon.LARGEST_COUNTS), String.format(Locale.ROOT,
                "a lexicon of the %,d words of config.json's vocabSize", words),
                "write it again with the tag-lexicon command");
        byte[] bytes = WholeFile.read(file, opener.apply(file), limit);
        // parsed first, as the other files are: a damaged file is named by its line rather than by its checksum
        TagLexicon lexicon;
        try {
            lexicon = TagLexicon.fromLines(CheckpointFiles.lines(file, bytes), vocabulary);
        } catch (InvalidModelException e) {
            throw e;
        } catch (IOException e) { // "line 3 has no ...": named here, as every refusal of a model's file
            throw new InvalidModelException(file, "cannot be read: " + e.getMessage() + " (write it again with the"
                    + " tag-lexicon command)", e);
        }
        CheckpointCommit.verifyTagLexicon(file, CheckpointCommit.checksum(bytes), fingerprints, training);
        return lexicon;
    }

    /**
     * Loads the weights in the file {@code name} into an initialised or {@link UnfilledNetwork}-shaped {@code network}.
     */
    public void loadParameters(String name, AbstractBlock network, NDManager manager) throws IOException {
        Path file = CheckpointFiles.existing(dir, name);
        remember(file, CheckpointFiles.loadParameters(file, opener.apply(file), network, manager));
    }

    /**
     * The optimizer moments in the file {@code name}, saved beside a checkpoint of {@code network} (an initialised
     * block), or null when there are none. A file larger than they take ({@link TrainingState#largestFile}) is
     * refused unread; one whose checksum is not the one config.json recorded ({@code fingerprints}, with the
     * config's {@code training} record) before it is decoded.
     */
    public NDList loadOptimizerState(String name, Block network, Map<String, String> fingerprints,
            TrainingInfo training, NDManager manager) throws IOException {
        Path file = dir.resolve(name);
        CheckpointFiles.requireRegularIfThere(file);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] bytes = read(name, TrainingState.largestFile(network));
        CheckpointCommit.verifyOptimizerState(file, read.get(file), fingerprints, training);
        // AdamW's moments and weights are kept in the network's float32 (TrainingState.largestFile allows wider)
        NDList state = CheckpointFiles.decodeArrays(file, bytes, DataType.FLOAT32, manager);
        try {
            requireFinite(file, state);
        } catch (InvalidModelException e) {
            state.close();
            throw e;
        }
        return state;
    }

    /**
     * Fails naming {@code file} and the first array of {@code state} that holds a NaN or an infinity. No run writes
     * one (a step whose gradients are not finite is skipped before it moves the moments), and a resumed run restored
     * it without a word: a NaN moment makes AdamW's update of its parameter NaN at the first step, and an infinite
     * second moment makes it 0 for good (the mean over the square root of infinity), a parameter frozen silently.
     * One pass over the arrays once per resume (the shipped model's state is 88 MB), in PyTorch.
     */
    private static void requireFinite(Path file, NDList state) throws InvalidModelException {
        for (NDArray array : state) {
            long bad = nonFinite(array);
            if (bad > 0) {
                throw new InvalidModelException(file, String.format(Locale.ROOT, "holds %s, which has %,d NaN or"
                        + " infinite value%s (of %,d): no run writes one, and a resumed run would train its parameter"
                        + " into NaN, or never move it. The file was damaged or edited: delete it to resume with fresh"
                        + " optimizer moments from the saved weights, or restore the directory from a copy",
                        Visible.of(String.valueOf(array.getName())), bad, bad == 1 ? "" : "s", array.size()));
            }
        }
    }

    /**
     * Internal (the probe's load too; no compatibility promise). How many of {@code values} are NaN or infinite,
     * counted in PyTorch, its temporary arrays closed.
     */
    public static long nonFinite(NDArray values) {
        try (NDArray nan = values.isNaN(); NDArray infinite = values.isInfinite();
                NDArray either = nan.logicalOr(infinite); NDArray count = either.countNonzero()) {
            return count.getLong();
        }
    }

    /**
     * Fails naming the first file read so far whose checksum is not the one config.json recorded
     * ({@code fingerprints}, with the config's {@code training} record): a checkpoint that mixes two saves.
     */
    public void verifyModelFiles(Map<String, String> fingerprints, TrainingInfo training)
            throws InvalidModelException {
        for (Map.Entry<Path, HashCode> file : read.entrySet()) {
            CheckpointCommit.verifyModelFile(file.getKey(), file.getValue(), fingerprints, training);
        }
    }

    private byte[] remember(Path file, byte[] bytes) {
        read.put(file, CheckpointCommit.checksum(bytes));
        return bytes;
    }
}
