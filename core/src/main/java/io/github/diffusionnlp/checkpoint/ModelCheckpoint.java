package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.model.TagLexicon;
import io.github.diffusionnlp.model.TimeWarp;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A model on disk: a directory holding
 * <ul>
 *   <li>{@code config.json}: format name and version, the {@link ModelConfig}, the {@link TrainingInfo}, and a
 *       checksum of each file below that {@link #save} wrote with it ({@link CheckpointCommit}) and of the tag lexicon;
 *   <li>{@code vocab.txt}: the vocabulary, one word a line in id order;
 *   <li>{@code model.params}: the network's weights in DJL's parameter format;
 *   <li>{@code warp.tsv}: the time-warping table (per ln σ bin: mean loss, weight, F, and the loss sum a resumed
 *       run restores exactly);
 *   <li>{@code optimizer.ndlist} (optional): AdamW moments, for resuming training;
 *   <li>{@code tag-lexicon.tsv} (optional): the training corpus's tag counts per word ({@link TagLexicon}),
 *       for lexically constrained POS templates; not written with each checkpoint, but its checksum is recorded
 *       in config.json by each save and by {@link #writeTagLexicon} (older configs have none, and pass).
 * </ul>
 * Everything is plain data read by parsers (JSON, text, DJL's NDArray decoding): loading a model
 * never deserialises Java objects. Every check names the file and what was wrong with it.
 */
public final class ModelCheckpoint {
    public static final String FORMAT = "diffusion-nlp-cdcd";
    /**
     * The newest version this library writes and reads. Version 3 added the relative-position bias
     * ({@link ModelConfig#relativePositions()}); a model without it is still written as version 2, so
     * that libraries that read only version 2 keep loading every model they can compute.
     */
    public static final int FORMAT_VERSION = 3;
    private static final int OLDEST_READABLE_VERSION = 2;
    private static final int RELATIVE_POSITIONS_VERSION = 3;
    public static final String CONFIG = "config.json";
    public static final String VOCAB = "vocab.txt";
    public static final String PARAMS = "model.params";
    public static final String WARP = "warp.tsv";
    public static final String OPTIMIZER = "optimizer.ndlist";
    public static final String TAG_LEXICON = "tag-lexicon.tsv";
    /** The names of a checkpoint's files that {@link #save} writes as one set, {@code config.json} among them. */
    public static final List<String> SET = List.of(CONFIG, VOCAB, PARAMS, WARP, OPTIMIZER);
    /**
     * The most a {@code warp.tsv} may hold: a table of 10,000 bins (training writes 100), each row under 256
     * bytes (seven numbers of at most 24 characters). A larger file is refused unread.
     */
    private static final WholeFile.Limit WARP_TABLE = new WholeFile.Limit(10_001 * 256L,
            "a warping table of 10,000 bins", "restore the directory from a copy, or train again");
    private static final String WARP_REMEDY = "restore the directory from a copy, or train again (training writes"
            + " weights of at most a few thousand)";
    /**
     * The widest noise range a config may say: training writes 1 to 300 (every preset), and a sigma of 1e23 made
     * sampling write garbage without a word. Generous around what training writes, for a library that saves others.
     */
    private static final double SIGMA_FLOOR = 1e-3;
    private static final double SIGMA_CEILING = 1e4;
    /** The fields of config.json's "model" section that every readable version has ({@link #requireShapeFields}). */
    private static final List<String> SHAPE_FIELDS = List.of("vocabSize", "dim", "layers", "heads", "ffnMultiplier",
            "noiseDim", "maxLength", "sigmaMin", "sigmaMax");
    /**
     * The autoregressive baseline's format ({@code ar.ArCheckpoint.FORMAT}; written out, as ar builds on this package).
     */
    static final String AUTOREGRESSIVE_FORMAT = "diffusion-nlp-ar";

    /** The JSON document of {@code config.json}. */
    public record Header(String format, int formatVersion, ModelConfig model, double warpDecay, TrainingInfo training,
            Map<String, String> files) {}

    /**
     * A loaded model; the caller owns {@code network}'s arrays through the manager it passed.
     * {@code tagLexicon} is null when the directory has none and its config records no checksum for one (models
     * trained before it existed, or one deleted with its checksum taken out of the config).
     */
    public record Loaded(Header header, DiffusionTransformer network, Vocabulary vocabulary, TimeWarp warp,
            Path directory, TagLexicon tagLexicon) {
        /**
         * Why the model cannot follow a POS template ("its tag-lexicon.tsv holds only X", or the training record's
         * {@link TrainingInfo#whyUntagged}), or null when it can: its tag lexicon tells, and without one its training
         * record. The one verdict for the library's {@code DiffusionLM} and a resumed run alike; its wording has no
         * compatibility promise.
         */
        public String whyUntagged() {
            if (tagLexicon != null) {
                return tagLexicon.untagged() ? "its " + TAG_LEXICON + " holds only X" : null;
            }
            TrainingInfo training = header.training();
            return training == null ? null : training.whyUntagged();
        }
    }

    private ModelCheckpoint() {}

    /**
     * Writes a checkpoint into {@code dir} as one set ({@link CheckpointCommit}: a run stopped at any moment
     * leaves either this checkpoint or the one before it), {@code config.json} last with a checksum of each
     * file; other files in the directory (logs, plots) are left alone.
     */
    public static void save(Path dir, DiffusionTransformer network, Vocabulary vocabulary, TimeWarp warp,
            TrainingInfo info, NDList optimizerState) throws IOException {
        CheckpointCommit commit = new CheckpointCommit(dir, info == null ? -1 : info.step());
        commit.write(VOCAB, vocabulary::save);
        commit.write(PARAMS, tmp -> CheckpointFiles.writeParameters(tmp, network));
        commit.write(WARP, tmp -> writeWarp(tmp, warp));
        if (optimizerState != null) {
            commit.write(OPTIMIZER, tmp -> CheckpointFiles.writeOptimizerState(tmp, optimizerState));
        }
        commit.commit(new Header(FORMAT, versionFor(network.config()), network.config(), warp.decay(), info,
                withTagLexicon(dir, commit.fingerprints())));
        if (optimizerState == null) {
            Files.deleteIfExists(dir.resolve(OPTIMIZER)); // an earlier save's moments are not this one's
        }
    }

    /**
     * {@code fingerprints} and, when {@code dir} holds a tag lexicon, its checksum: the lexicon is not written with
     * each checkpoint (training writes it once, before its first, and {@link #writeTagLexicon} after its last),
     * but each checkpoint's config records it, so that a lexicon changed or damaged since is refused at load.
     * The caller holds the directory's lock ({@link ModelDirectory#lock}), so the file is not replaced meanwhile.
     */
    private static Map<String, String> withTagLexicon(Path dir, Map<String, String> fingerprints) throws IOException {
        Path lexicon = dir.resolve(TAG_LEXICON);
        if (!Files.isRegularFile(lexicon)) {
            return fingerprints;
        }
        Map<String, String> files = new TreeMap<>(fingerprints);
        files.put(TAG_LEXICON, CheckpointCommit.fingerprintOf(lexicon));
        return files;
    }

    /**
     * Writes (or replaces) the tag lexicon of the model in {@code dir} and records its checksum in the model's
     * {@code config.json}, under the directory's lock ({@link ModelDirectory#lock}: a training run writes both
     * files too). A config that records no checksums (a model saved before they were) is left as it is, as a
     * checksum of the lexicon alone would have its other files refused as unrecorded.
     *
     * @param holder what the lock names as its holder ({@code "tag-lexicon --model"})
     * @return whether the lexicon's checksum was recorded
     * @throws IOException when another command (a running training) holds the lock, with nothing changed
     */
    public static boolean writeTagLexicon(Path dir, TagLexicon tags, Vocabulary vocabulary, String holder)
            throws IOException {
        return writeTagLexicon(dir, tags, vocabulary, holder, name -> {});
    }

    /**
     * {@link #writeTagLexicon(Path, TagLexicon, Vocabulary, String)}, telling {@code written} the name of each file
     * once it is in place: a test stops the write there, as a kill would.
     */
    static boolean writeTagLexicon(Path dir, TagLexicon tags, Vocabulary vocabulary, String holder,
            java.util.function.Consumer<String> written) throws IOException {
        readHeader(dir); // a model directory, before a lock file is made in it
        try (ModelDirectory.Lock lock = ModelDirectory.lock(dir, holder, null)) {
            Header h = readHeader(dir);
            // Each write is atomic and leaves a model that loads, so a stop between two leaves one too: the old
            // lexicon's checksum out of the config first (a lexicon the config records none for loads unchecked),
            // then the new lexicon, then its checksum in. The lexicon before the config, as this once did, left a
            // stop between them with a lexicon its config refused.
            Map<String, String> files = h.files() == null ? null : new TreeMap<>(h.files());
            if (files != null && files.remove(TAG_LEXICON) != null) {
                writeConfig(dir, h, files);
                written.accept(CONFIG);
            }
            String[] fingerprint = new String[1];
            CheckpointFiles.writeAtomically(dir.resolve(TAG_LEXICON), tmp -> {
                tags.write(tmp, vocabulary);
                fingerprint[0] = CheckpointCommit.fingerprintOf(tmp);
            });
            CheckpointFiles.syncDirectory(dir);
            written.accept(TAG_LEXICON);
            if (files == null) {
                return false;
            }
            files.put(TAG_LEXICON, fingerprint[0]);
            writeConfig(dir, h, files);
            written.accept(CONFIG);
            return true;
        }
    }

    /**
     * Takes the tag lexicon's checksum out of {@code dir}'s config.json when {@code dir} has no lexicon: for an OpenNLP
     * package made before packages carried the lexicon, whose config records the one its model directory had, unpacked
     * into a temporary directory to be loaded without it, as such packages always were. A model directory's own
     * lexicon, deleted, is refused at load ({@link #load}); this is not for those.
     */
    public static void forgetMissingTagLexicon(Path dir) throws IOException {
        Header h = readHeader(dir);
        if (Files.isRegularFile(dir.resolve(TAG_LEXICON)) || h.files() == null
                || !h.files().containsKey(TAG_LEXICON)) {
            return;
        }
        Map<String, String> files = new TreeMap<>(h.files());
        files.remove(TAG_LEXICON);
        writeConfig(dir, h, files);
    }

    /** Writes {@code h} with {@code files} as its checksums into {@code dir}'s config.json, atomically. */
    private static void writeConfig(Path dir, Header h, Map<String, String> files) throws IOException {
        writeConfig(dir, new Header(h.format(), h.formatVersion(), h.model(), h.warpDecay(), h.training(), files));
    }

    /**
     * Replaces {@code dir}'s config.json with {@code h}, atomically and durably: the directory is synced after the
     * rename, as a save's commit is, so that a power loss cannot bring back the config from before.
     */
    private static void writeConfig(Path dir, Header h) throws IOException {
        CheckpointFiles.writeJson(dir.resolve(CONFIG), h);
        CheckpointFiles.syncDirectory(dir);
    }

    /**
     * Adds (or replaces) evaluation metrics in a checkpoint's {@code config.json}, under the directory's
     * lock ({@link ModelDirectory#lock}): a training run writing a checkpoint there meanwhile would have its
     * new config replaced by the old one with metrics, and the model refused as a mixture of two saves.
     *
     * @param evaluated the training record of the checkpoint the metrics were measured on (as loaded), or
     *     null for the one there now: metrics of a checkpoint that a run has since replaced are refused, as
     *     they would be shown as the new one's
     * @throws IOException when another command (a running training) holds the lock, or the checkpoint is no
     *     longer the evaluated one, with nothing changed
     */
    public static void recordMetrics(Path dir, TrainingInfo evaluated, Map<String, Double> metrics)
            throws IOException {
        readHeader(dir); // a model directory, before a lock file is made in it
        try (ModelDirectory.Lock lock = ModelDirectory.lock(dir, "evaluate --record (ModelCheckpoint.recordMetrics)",
                "record the metrics after it")) {
            Header h = readHeader(dir);
            if (evaluated != null && !sameCheckpoint(evaluated, h.training())) {
                throw new IOException("the checkpoint in " + Visible.of(dir) + " is no longer the one evaluated (step "
                        + evaluated.step() + " then, " + (h.training() == null ? "none" : h.training().step())
                        + " now: a training run has saved another); evaluate it again to record its metrics"
                        + " (nothing was changed)");
            }
            Map<String, Double> merged = new java.util.TreeMap<>(h.training().metrics());
            merged.putAll(metrics);
            writeConfig(dir, new Header(h.format(), h.formatVersion(), h.model(), h.warpDecay(),
                    h.training().withMetrics(merged), h.files()));
        }
    }

    /**
     * Records how many training rows had each length, overall and for each sentiment label ({@link
     * TrainingInfo#rowLengths}, {@link TrainingInfo#rowLengthsByLabel}), in the {@code config.json} of a model saved
     * before training recorded them, under the directory's lock, as {@link #recordMetrics} does.
     *
     * @throws IOException when another command holds the lock, with nothing changed
     * @throws IllegalArgumentException when {@code rowLengths} or a label's counts do not fit the model ({@link
     *     LengthPrior#whatIsWrong})
     */
    public static void recordRowLengths(Path dir, List<Integer> rowLengths,
            Map<Sentiment, List<Integer>> rowLengthsByLabel, String holder) throws IOException {
        readHeader(dir); // a model directory, before a lock file is made in it
        try (ModelDirectory.Lock lock = ModelDirectory.lock(dir, holder, "record the row lengths after it")) {
            Header h = readHeader(dir);
            String wrong = whatIsWrongWithRowLengths(rowLengths, rowLengthsByLabel, h.model().maxLength());
            if (wrong != null) {
                throw new IllegalArgumentException("the row lengths " + wrong);
            }
            if (h.training() == null) {
                throw new InvalidModelException(dir.resolve(CONFIG), "has no \"training\" record to add them to");
            }
            writeConfig(dir, new Header(h.format(), h.formatVersion(), h.model(), h.warpDecay(),
                    h.training().withRowLengths(rowLengths, rowLengthsByLabel), h.files()));
        }
    }

    /**
     * Whether two training records are one checkpoint's: the same but for what commands record after training
     * (metrics, and the row lengths {@code row-lengths} records in an older model), which change no weight.
     */
    private static boolean sameCheckpoint(TrainingInfo a, TrainingInfo b) {
        return b != null && a.withMetrics(null).withRowLengths(null, null)
                .equals(b.withMetrics(null).withRowLengths(null, null));
    }

    /**
     * What is wrong with row lengths to record or recorded, naming the field ("(\"rowLengths\") have 2 counts for
     * ..."), or null when nothing is: each count list must fit the model ({@link LengthPrior#whatIsWrong}).
     */
    private static String whatIsWrongWithRowLengths(List<Integer> rowLengths,
            Map<Sentiment, List<Integer>> rowLengthsByLabel, int positions) {
        if (rowLengths != null) {
            String wrong = LengthPrior.whatIsWrong(rowLengths, positions);
            if (wrong != null) {
                return "(\"rowLengths\") " + wrong;
            }
        }
        if (rowLengthsByLabel == null) {
            return null;
        }
        for (Map.Entry<Sentiment, List<Integer>> e : rowLengthsByLabel.entrySet()) {
            String wrong = LengthPrior.whatIsWrong(e.getValue(), positions);
            if (wrong != null) {
                return "(\"rowLengthsByLabel\") of " + e.getKey() + " " + wrong;
            }
        }
        return null;
    }

    public static Header readHeader(Path dir) throws IOException {
        CheckpointCommit.requireFinished(dir, "train");
        Path file = CheckpointFiles.config(dir, "train");
        // The baseline's directory looks like a model's (config.json, vocab.txt, model.params) but its config
        // fails this one's checks (no noiseDim) before the format is read: say what it is instead.
        byte[] config = CheckpointFiles.readConfig(file);
        String format = CheckpointFiles.readFormat(file, config);
        if (AUTOREGRESSIVE_FORMAT.equals(format)) {
            throw new InvalidModelException(dir, "holds an autoregressive model (format " + AUTOREGRESSIVE_FORMAT
                    + "), not a diffusion model; it is used by compare-ar, evaluate --ar-model and AutoregressiveLM");
        }
        if (FORMAT.equals(format)) { // another format is named as such below, not by the fields it lacks
            JsonNode tree = CheckpointFiles.readTree(file, config);
            CheckpointFiles.requireFormatVersion(file, tree);
            requireShapeFields(file, tree);
        }
        Header header = CheckpointFiles.readJson(file, config, Header.class);
        if (header == null || !FORMAT.equals(header.format())) {
            throw new InvalidModelException(file, "format is '"
                    + (header == null ? null : Visible.of(String.valueOf(header.format())))
                    + "', expected '" + FORMAT + "'");
        }
        int version = header.formatVersion();
        if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
            throw new InvalidModelException(file, "format version " + version + " is not supported (this library"
                    + " reads versions " + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION + "; "
                    + (version > FORMAT_VERSION ? "the model was written by a newer diffusion-nlp: upgrade the library"
                            : "version 1 models have no sentiment or syntax conditioning: retrain with `train`") + ")");
        }
        if (header.model() == null) {
            throw new InvalidModelException(file, "has no \"model\" section");
        }
        if (header.model().maxLength() > ModelConfig.MAX_LENGTH) { // attention at sampling is quadratic in it
            throw new InvalidModelException(file, "says maxLength = " + header.model().maxLength() + ", more than the "
                    + ModelConfig.MAX_LENGTH + " positions a model can be trained with: the file is damaged");
        }
        ModelConfig model = header.model();
        if (model.sigmaMin() < SIGMA_FLOOR || model.sigmaMax() > SIGMA_CEILING) { // 1e23: sampling wrote garbage
            throw new InvalidModelException(file, "says the noise range is sigma " + model.sigmaMin() + ".."
                    + model.sigmaMax() + ", beyond " + SIGMA_FLOOR + ".." + SIGMA_CEILING
                    + " (training writes 1.0..300.0;"
                    + " float32 embeddings scaled by a larger sigma lose the words): the file is damaged");
        }
        if (!(header.warpDecay() >= 0 && header.warpDecay() < 1)) { // NaN included: it would poison resumed training
            throw new InvalidModelException(file, "says warpDecay = " + header.warpDecay() + "; it must be at least 0"
                    + " and below 1 (training writes 0.995)");
        }
        TrainingInfo training = header.training();
        CheckpointFiles.requireTrainingRecord(file, training);
        String wrongLengths = training == null ? null : whatIsWrongWithRowLengths(training.rowLengths(),
                training.rowLengthsByLabel(), model.maxLength());
        if (wrongLengths != null) {
            throw new InvalidModelException(file, "says its training rows' lengths " + wrongLengths
                    + ": the file was edited or damaged; restore it from a copy of the model, or delete \"rowLengths\""
                    + " and \"rowLengthsByLabel\" and record them again with `row-lengths`");
        }
        int needed = versionFor(header.model());
        if (version < needed) { // only relativePositions raises it
            throw new InvalidModelException(file, "says format version " + version + " but relativePositions = true,"
                    + " which needs version " + needed + " (written so by diffusion-nlp builds of 2026-11-29 before the"
                    + " version was raised: if the model came from one, set \"formatVersion\" to " + needed + ")");
        }
        return header;
    }

    /**
     * Refuses a config that lacks a field the network's shape is built from, naming it
     * ({@link CheckpointFiles#requireModelFields}). Every version-2 config has the nine fields of {@link ModelConfig}
     * that predate the format's versions; {@code relativePositions} came with version 3, so a version-2 config may
     * lack it (false), a version-3 one may not; every config has the top-level {@code warpDecay} too. A config of an
     * unreadable version is left to the checks after parsing, which name that.
     */
    private static void requireShapeFields(Path file, JsonNode config) throws InvalidModelException {
        JsonNode version = config.get("formatVersion");
        if (version == null || !version.canConvertToInt()
                || version.asInt() < OLDEST_READABLE_VERSION || version.asInt() > FORMAT_VERSION) {
            return;
        }
        List<String> fields = new ArrayList<>(SHAPE_FIELDS);
        if (version.asInt() >= RELATIVE_POSITIONS_VERSION) {
            fields.add("relativePositions");
        }
        CheckpointFiles.requireModelFields(file, config, fields, "every format version " + version.asInt() + " config");
        // Not a shape field, but read as 0 if missing, a valid rate that would discard the fitted warp at the
        // first step of resumed training.
        JsonNode warpDecay = config.get("warpDecay");
        if (config.has("model") && (warpDecay == null || warpDecay.isNull())) {
            throw new InvalidModelException(file, "lacks \"warpDecay\"" + (warpDecay == null ? "" : " (it is null)")
                    + ", the rate at which training moves the time warp (every config has it; training writes 0.995):"
                    + " the file was edited or damaged; restore it from a copy of the model, or put \"warpDecay\""
                    + " back");
        }
    }

    /** The oldest format version that can hold {@code config}. */
    static int versionFor(ModelConfig config) {
        return config.relativePositions() ? RELATIVE_POSITIONS_VERSION : OLDEST_READABLE_VERSION;
    }

    /**
     * The header of the model in {@code dir}, or the error {@link #load} would give for a directory that is
     * missing or holds no model: a command that loads its model late checks it with this first.
     */
    public static Header readModelHeader(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) { // missing, or a file of the model (its config.json) given for the model
            throw InvalidModelException.notADirectory(dir);
        }
        return readHeader(dir);
    }

    /** Loads and validates a checkpoint; the network's weights live on {@code manager}. */
    public static Loaded load(Path dir, NDManager manager) throws IOException {
        return load(dir, new CheckpointReading(dir), manager);
    }

    /** As {@link #load(Path, NDManager)}, reading the checkpoint's files through {@code files}. */
    static Loaded load(Path dir, CheckpointReading files, NDManager manager) throws IOException {
        Header header = readModelHeader(dir);
        try {
            return load(dir, header, files, manager);
        } catch (InvalidModelException e) {
            // A training run that committed a checkpoint while this load read the one before leaves files that do not
            // match the config.json read first, though the directory is whole: read the new checkpoint instead of
            // refusing it as a mixture of two saves. Once: a run does not save twice in the seconds a load takes.
            Header committed = committedSince(dir, header, e);
            if (committed == null) {
                throw e;
            }
            try {
                return load(dir, committed, files.anew(), manager);
            } catch (InvalidModelException again) {
                if (committedSince(dir, committed, again) == null) {
                    throw again;
                }
                throw new InvalidModelException(dir, "was being written while it was read: a training run committed"
                        + " two checkpoints during this load (config.json changed twice). Try again, or load a copy"
                        + " of the directory", again);
            }
        }
    }

    /**
     * The header config.json holds now when it records other files than {@code read} (a checkpoint committed since
     * {@code read} was read), or null when it records the same. A config that cannot be read now (a commit is under
     * way) fails with what it says, {@code failure} suppressed in it.
     */
    private static Header committedSince(Path dir, Header read, InvalidModelException failure) throws IOException {
        Header now;
        try {
            now = readModelHeader(dir);
        } catch (IOException e) {
            e.addSuppressed(failure);
            throw e;
        }
        return Objects.equals(now.files(), read.files()) ? null : now;
    }

    /** One attempt of {@link #load(Path, CheckpointReading, NDManager)}, against the config.json {@code header}. */
    private static Loaded load(Path dir, Header header, CheckpointReading files, NDManager manager)
            throws IOException {
        ModelConfig config = header.model();
        Vocabulary vocabulary = files.readVocabulary(VOCAB, config.vocabSize());
        CheckpointFiles.requireRoomForWeights(dir.resolve(PARAMS), config.minimumWeights());
        DiffusionTransformer network = new DiffusionTransformer(config);
        UnfilledNetwork.shape(network, manager, network::initialize); // no random weights for the file's to replace
        try {
            return loadInto(network, dir, header, files, vocabulary, manager);
        } catch (IOException | RuntimeException e) {
            // the caller's manager may outlive this attempt (a load started over): the weights go now, not with it
            network.getParameters().values().forEach(Parameter::close);
            throw e;
        }
    }

    /** The rest of an attempt: the weights into the shaped {@code network}, then the other files, checked. */
    private static Loaded loadInto(DiffusionTransformer network, Path dir, Header header, CheckpointReading files,
            Vocabulary vocabulary, NDManager manager) throws IOException {
        ModelConfig config = header.model();
        files.loadParameters(PARAMS, network, manager);
        byte[] warpTable = files.read(WARP, WARP_TABLE);
        TimeWarp warp = readWarp(dir.resolve(WARP), warpTable, config, header.warpDecay());
        // after the checks above, which say more about a damaged file; these catch whole files of another save
        files.verifyModelFiles(header.files(), header.training());
        requireWarpRange(dir, warpTable, config); // the table as saved: a range other than its is config.json's

        Path lexicon = dir.resolve(TAG_LEXICON);
        CheckpointFiles.requireRegularIfThere(lexicon); // not "deleted, or not copied"
        TagLexicon tags = null;
        if (Files.isRegularFile(lexicon)) {
            try {
                tags = files.readTagLexicon(TAG_LEXICON, vocabulary, header.files(), header.training());
            } catch (InvalidModelException e) {
                throw e; // too large, or unreadable: it names the file and what to do
            } catch (IOException e) {
                throw new InvalidModelException(lexicon, "cannot be read: " + e.getMessage() + " (write it again with"
                        + " the tag-lexicon command)", e);
            }
        } else if (header.files() != null && header.files().containsKey(TAG_LEXICON)) {
            // deleted, or left behind by a copy: loaded without, --lexical would call it a model older than lexicons
            throw new InvalidModelException(lexicon,
                    "is missing, though config.json records its checksum (the model was"
                    + " saved with it): it was deleted, or not copied with the model's other files. Restore it from a"
                    + " copy of the model, or write it again with `diffusion-nlp tag-lexicon --model "
                    + ShellQuoted.of(Visible.of(dir))
                    + " --corpus TRAINING.conllu.gz` (the model's training corpus), which records its checksum again");
        }
        return new Loaded(header, network, vocabulary, warp, dir, tags);
    }

    /**
     * The optimizer moments saved with {@code checkpoint}, or null when it has none, checked against the config.json
     * its weights were loaded with: a run that saved another checkpoint since has written moments of other weights,
     * which are refused as a file of another save (reading config.json again would have passed them).
     */
    public static NDList loadOptimizerState(Loaded checkpoint, NDManager manager) throws IOException {
        Header header = checkpoint.header();
        return new CheckpointReading(checkpoint.directory()).loadOptimizerState(OPTIMIZER, checkpoint.network(),
                header.files(), header.training(), manager);
    }

    /**
     * Refuses a config whose noise range is not the one the warping table's bins span (its first row's
     * {@code sigma_low}, its last row's {@code sigma_high}, written to six digits): sigmaMin edited from 1 to 2 loaded,
     * the warp fitted on one range was spread over another, and sampling ran over another range than the one it was
     * trained on. Called once the table's checksum has passed: it is the table saved, so the config is named.
     */
    private static void requireWarpRange(Path dir, byte[] table, ModelConfig config) throws IOException {
        Path file = dir.resolve(WARP);
        List<String> lines = CheckpointFiles.lines(file, table);
        String low = lines.get(1).split("\t")[1];
        String high = lines.get(lines.size() - 1).split("\t")[2];
        double lowSigma;
        double highSigma;
        try {
            lowSigma = Numbers.parseDouble(low);
            highSigma = Numbers.parseDouble(high);
        } catch (NumberFormatException e) {
            throw new InvalidModelException(file, "does not say the noise range its bins span (" + e.getMessage()
                    + "): restore the directory from a copy, or train again");
        }
        if (!(Math.abs(lowSigma - config.sigmaMin()) <= 1e-5 * config.sigmaMin())
                || !(Math.abs(highSigma - config.sigmaMax()) <= 1e-5 * config.sigmaMax())) {
            throw new InvalidModelException(dir.resolve(CONFIG), "says the noise range is sigma " + config.sigmaMin()
                    + ".." + config.sigmaMax() + ", but " + WARP + ", saved with it, spans sigma " + Visible.of(low)
                    + ".." + Visible.of(high) + " (the range the model was trained on): the file was edited or"
                    + " damaged; restore it from a copy of the model, or put back \"sigmaMin\" and \"sigmaMax\"");
        }
    }

    /** The header of a warping table; older tables lack the last column, {@code loss_sum}. */
    private static final String WARP_HEADER = "bin\tsigma_low\tsigma_high\tloss_mean\tweight\tF_low\tF_high\tloss_sum";
    private static final int OLD_WARP_COLUMNS = 7;

    /**
     * Writes the table; {@code loss_sum}, each bin's decayed sum of losses, is the state a resumed run restores bit
     * for bit ({@code %.17g} reads back as the same double): rebuilt as {@code loss_mean × weight}, as older tables
     * had to be, it could differ in its last digit, and a resumed {@code --reproducible} run with it.
     */
    private static void writeWarp(Path file, TimeWarp warp) throws IOException {
        double[] loss = warp.lossMeans();
        double[] sum = warp.lossSums();
        double[] weight = warp.weights();
        double[] cdf = warp.cdf();
        List<String> lines = new ArrayList<>();
        lines.add(WARP_HEADER);
        for (int i = 0; i < loss.length; i++) {
            lines.add(String.format(Locale.ROOT, "%d\t%.6g\t%.6g\t%.17g\t%.17g\t%.9g\t%.9g\t%.17g", i,
                    warp.binEdgeSigma(i), warp.binEdgeSigma(i + 1), loss[i], weight[i], cdf[i], cdf[i + 1], sum[i]));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** The warping table a file's {@code bytes} hold, which {@code file} names in errors. */
    private static TimeWarp readWarp(Path file, byte[] bytes, ModelConfig config, double decay) throws IOException {
        List<String> lines = CheckpointFiles.lines(file, bytes);
        if (lines.size() < 3) {
            throw new InvalidModelException(file, "has " + Math.max(0, lines.size() - 1)
                    + " rows; a warping table needs at least 2");
        }
        // a table of older checkpoints has no loss_sum column: its sums are rebuilt from the means
        boolean sums = lines.get(0).equals(WARP_HEADER);
        int columns = sums ? OLD_WARP_COLUMNS + 1 : OLD_WARP_COLUMNS;
        int bins = lines.size() - 1;
        double[] loss = new double[bins];
        double[] weight = new double[bins];
        for (int i = 0; i < bins; i++) {
            String[] cols = lines.get(i + 1).split("\t");
            try {
                // ASCII digits only, no '+': Java's Integer.parseInt read an Arabic-Indic bin number as its own
                if (cols.length != columns || Numbers.parseIntAsWritten(cols[0]) != i) {
                    throw new NumberFormatException("expected " + columns + " columns starting with bin " + i);
                }
                loss[i] = Numbers.parseDouble(cols[sums ? OLD_WARP_COLUMNS : 3]);
                weight[i] = Numbers.parseDouble(cols[4]);
            } catch (NumberFormatException e) {
                throw new InvalidModelException(file, "line " + (i + 2) + " is malformed (" + e.getMessage() + "): "
                        + "restore the directory from a copy, or train again");
            }
            if (!(weight[i] >= 0) || !Double.isFinite(weight[i]) || !Double.isFinite(loss[i])) {
                throw new InvalidModelException(file, "line " + (i + 2) + " has a negative or non-finite weight ("
                        + cols[4] + ") or a non-finite loss (" + cols[sums ? OLD_WARP_COLUMNS : 3] + "): "
                        + WARP_REMEDY);
            }
        }
        TimeWarp warp = sums
                ? TimeWarp.restoreFromSums(config.sigmaMin(), config.sigmaMax(), decay, loss, weight)
                : TimeWarp.restoreFromMeans(config.sigmaMin(), config.sigmaMax(), decay, loss, weight);
        // finite weights and losses can still overflow the fit (1e308 each): a CDF of NaN drew every σ wrong, silently
        double[] cdf = warp.cdf();
        for (int i = 0; i < cdf.length; i++) {
            if (!Double.isFinite(cdf[i]) || (i > 0 && cdf[i] < cdf[i - 1])) {
                throw new InvalidModelException(file, "gives a warping CDF that is not finite and increasing (F = "
                        + cdf[i] + " at edge " + i + "): its weights or losses are out of range; " + WARP_REMEDY);
            }
        }
        return warp;
    }
}
