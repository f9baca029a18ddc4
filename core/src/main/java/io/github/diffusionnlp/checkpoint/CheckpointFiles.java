package io.github.diffusionnlp.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.google.common.base.StandardSystemProperty;
import com.google.common.io.ByteSource;
import com.google.common.io.CharSource;
import com.google.common.io.MoreFiles;
import io.github.diffusionnlp.corpus.ReadingRules;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Numbers;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The file handling every checkpoint format shares: atomic writes, DJL parameter files checked
 * against the network they are loaded into, optimizer state, and errors that name the file.
 */
public final class CheckpointFiles {
    /**
     * Writes configs indented; reads them strictly: a key given twice (Jackson kept the last), anything after the
     * document, a whole-number field given as a string ("64") or a fraction (64.9, read as 64), and a flag given as a
     * string or a number (1 read as true) are refused, naming the field, where they loaded silently. Unknown fields
     * are read past, as newer builds may add some.
     */
    static final ObjectMapper JSON = strict(new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private static ObjectMapper strict(ObjectMapper json) {
        json.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        json.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail); // 1 read as true
        return json;
    }
    /** The most a config.json may hold ({@link #readConfig}). */
    private static final WholeFile.Limit CONFIG_FILE = new WholeFile.Limit(1 << 20, "a model config",
            "restore the directory from a copy, or train again");

    private CheckpointFiles() {}

    /** Writes a file through a temporary sibling and an atomic rename. */
    public interface Writer {
        void write(Path file) throws IOException;
    }

    /**
     * Writes {@code file} through a temporary sibling ({@link #createTemporarySibling}), synced to disk before it is
     * renamed over {@code file}: without the sync a power loss can leave the rename on disk and the data not, an empty
     * or cut-off file under the final name. The rename itself is on disk once its directory is synced
     * ({@link #syncDirectory}). A write that fails deletes its temporary file; one a kill cut short is left, and found
     * by {@link #temporarySiblings}.
     */
    public static void writeAtomically(Path file, Writer writer) throws IOException {
        Path tmp = createTemporarySibling(file);
        try {
            writer.write(tmp);
            try (FileChannel written = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException notDeleted) {
                e.addSuppressed(notDeleted);
            }
            throw e;
        }
    }

    /** What {@link #createTemporarySibling} adds to a file's name: a dot, random digits and {@code .tmp}. */
    private static final Pattern TEMPORARY_SUFFIX = Pattern.compile("\\.[0-9]+\\.tmp$");
    /** The permissions {@code Files.write} asks for a new file, which the umask then narrows. */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-rw-rw-");

    /**
     * A new, empty file beside {@code file} to write it through: {@code NAME.<random digits>.tmp}, created exclusively
     * (a symbolic link or file already there is never opened), with the permissions a plain {@code Files.write} of a
     * new file gets (rw for all, narrowed by the umask). A fixed name ({@code NAME.tmp}, as this once used) let
     * anyone who can write into the directory plant a symbolic link there, and the write went through it to the
     * link's target.
     */
    public static Path createTemporarySibling(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = file.getFileName() + ".";
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(NEW_FILE));
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /**
     * The temporary siblings of {@code file} that writes cut short left ({@link #createTemporarySibling}'s names, and
     * the {@code NAME.tmp} of builds before it), for a recovery to delete; none when its directory does not exist.
     */
    public static List<Path> temporarySiblings(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> {
                String entry = p.getFileName().toString();
                return entry.equals(name + ".tmp")
                        || (!entry.equals(name) && withoutTemporarySuffix(entry).equals(name));
            }).sorted().toList();
        }
    }

    /** {@code fileName} without the suffix of a temporary sibling's name ({@link #createTemporarySibling}), if any. */
    public static String withoutTemporarySuffix(String fileName) {
        return TEMPORARY_SUFFIX.matcher(fileName).replaceFirst("");
    }

    /**
     * Syncs {@code dir}'s entries to disk, so that the files renamed into it are there after a power loss. Windows
     * cannot open a directory (and makes a rename durable with the file's own flush), so there it does nothing;
     * elsewhere a failure is an error.
     */
    public static void syncDirectory(Path dir) throws IOException {
        if (StandardSystemProperty.OS_NAME.value().startsWith("Windows")) {
            return;
        }
        try (FileChannel entries = FileChannel.open(dir, StandardOpenOption.READ)) {
            entries.force(true);
        }
    }

    /** Writes a JSON document atomically. */
    public static void writeJson(Path file, Object value) throws IOException {
        writeAtomically(file, tmp -> JSON.writeValue(tmp.toFile(), value));
    }

    /**
     * The bytes of a model's config.json, read once ({@link WholeFile}): its format and its fields are parsed from
     * the same bytes, so a config replaced meanwhile is not read half from each. A config is under a few kilobytes
     * (its recorded metrics included): one over 1 MiB is refused unread.
     */
    public static byte[] readConfig(Path file) throws InvalidModelException {
        return WholeFile.read(file, MoreFiles.asByteSource(file), CONFIG_FILE);
    }

    /** Parses a JSON document's {@code bytes} into {@code type}, or fails naming {@code file}, which held them. */
    public static <T> T readJson(Path file, byte[] bytes, Class<T> type) throws InvalidModelException {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidModelException(file, "not a valid model config (" + fieldOf(e) + firstLine(e) + ")", e);
        }
    }

    /**
     * A JSON parser's reason with where it stopped, "line 2, column 1": its message quotes its source as
     * "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]", which
     * says nothing to the user, and gives the place on a second line, which the messages quoting it drop.
     */
    private static String jsonReason(JsonProcessingException e) {
        String reason = JSON_SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("line $1, column $2");
        var at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? reason
                : reason + ", at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static final Pattern JSON_SOURCE = Pattern.compile(
            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    /** "at model.heads: " for a field Jackson refused (its message names a Java type, not the field), or "". */
    private static String fieldOf(Exception e) {
        if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping)
                || mapping.getPath().isEmpty()) {
            return "";
        }
        return "at " + mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining(".")) + ": ";
    }

    /**
     * The {@code "format"} field of a JSON config's {@code bytes}, or null when it has none: read before the whole
     * config is parsed, so that a config of another format is named as such rather than failing on fields it
     * does not have.
     */
    public static String readFormat(Path file, byte[] bytes) throws InvalidModelException {
        JsonNode format = readTree(file, bytes).get("format");
        return format == null || !format.isTextual() ? null : format.asText();
    }

    /**
     * A JSON config's {@code bytes} as a tree (an empty object for an empty file), for the checks that look at which
     * fields it has before it is parsed into its record, whose missing fields would read as zeros.
     */
    public static JsonNode readTree(Path file, byte[] bytes) throws InvalidModelException {
        try {
            JsonNode tree = JSON.readTree(bytes);
            return tree == null ? JSON.createObjectNode() : tree;
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException(file, "not a valid model config (" + firstLine(e) + ")", e);
        }
    }

    /**
     * Refuses a config whose training record ({@code training}; null: none, left to its readers) holds a number no
     * run writes, naming the field, its value and what is allowed: a negative step, batch, row count or warm-up, a
     * step past the steps the run was planned for, a learning rate or wall time that is negative or not finite, a
     * weight-average decay outside 0..1, a lexicon share outside 0..1, a negative corpus or dev size, reading rules
     * below the first. Such a record loaded without a word and {@code info} showed it; a run resumed from a step of
     * -5 failed with an IndexOutOfBoundsException, one from a learning rate of NaN went on at the default rate, one
     * whose corpus size was negative said the corpus had changed. A record of before a setting was recorded reads it
     * as 0 (totalSteps, batchSize, learningRate) and still loads. The losses are not checked: a run records NaN
     * before its first measurement.
     */
    public static void requireTrainingRecord(Path file, TrainingInfo training) throws InvalidModelException {
        String wrong = training == null ? null : whatIsWrong(training);
        if (wrong != null) {
            throw new InvalidModelException(file, "says its training record's " + wrong + ": the file was edited or"
                    + " damaged; restore it from a copy of the model, or write the value training recorded back");
        }
    }

    /** What is wrong with {@code t} ("step = -5; it must be at least 0"), or null. */
    private static String whatIsWrong(TrainingInfo t) {
        String atLeast0 = "; it must be at least 0";
        if (t.trainSentences() < 0) {
            return "trainSentences = " + t.trainSentences() + atLeast0;
        }
        if (t.step() < 0) {
            return "step = " + t.step() + atLeast0;
        }
        if (t.totalSteps() < 0) {
            return "totalSteps = " + t.totalSteps() + atLeast0 + " (0 in a record of before it was recorded)";
        }
        if (t.totalSteps() > 0 && t.step() > t.totalSteps()) {
            return "step = " + t.step() + "; it must be at most totalSteps, " + t.totalSteps()
                    + ", the steps the run was planned for";
        }
        if (t.batchSize() < 0) {
            return "batchSize = " + t.batchSize() + atLeast0 + " (0 in a record of before it was recorded)";
        }
        if (t.warmupSteps() != null && t.warmupSteps() < 0) {
            return "warmupSteps = " + t.warmupSteps() + atLeast0;
        }
        if (!(t.learningRate() >= 0) || Double.isInfinite(t.learningRate())) {
            return "learningRate = " + Numbers.written(t.learningRate()) + "; it must be a finite number of at least"
                    + " 0 (0 in a record of before it was recorded)";
        }
        if (!(t.wallSeconds() >= 0) || Double.isInfinite(t.wallSeconds())) {
            return "wallSeconds = " + Numbers.written(t.wallSeconds()) + "; it must be a finite number of at least 0";
        }
        if (!(t.averageDecay() >= 0 && t.averageDecay() < 1)) {
            return "averageDecay = " + Numbers.written(t.averageDecay()) + "; it must be 0 (no average) or above 0"
                    + " and below 1";
        }
        Double share = t.sentimentLexiconShare();
        if (share != null && !(share >= 0 && share <= 1)) {
            return "sentimentLexiconShare = " + Numbers.written(share) + "; it must be a share, 0 to 1";
        }
        // a negative size never matches the file, and a resume said the corpus had changed since the run read it
        if (t.corpusBytes() != null && t.corpusBytes() < 0) {
            return "corpusBytes = " + t.corpusBytes() + atLeast0;
        }
        if (t.devBytes() != null && t.devBytes() < 0) {
            return "devBytes = " + t.devBytes() + atLeast0;
        }
        if (t.readingRules() != null && t.readingRules() < ReadingRules.FIRST) {
            return "readingRules = " + t.readingRules() + "; it must be at least " + ReadingRules.FIRST;
        }
        return null;
    }

    /**
     * Refuses a config whose "model" section lacks one of {@code fields} or holds null there, naming it: parsed, it
     * would read as 0 or false, and the model be refused for another reason ("dim/heads = 256/0") or its weights as
     * damaged. {@code every} says which configs have the fields ("every format version 2 config"). A config without
     * a "model" section is left to the checks after parsing, which name that.
     */
    public static void requireModelFields(Path file, JsonNode config, List<String> fields, String every)
            throws InvalidModelException {
        JsonNode model = config.get("model");
        if (model == null || !model.isObject()) {
            return;
        }
        for (String field : fields) {
            JsonNode value = model.get(field);
            if (value == null || value.isNull()) {
                throw new InvalidModelException(file, "lacks \"" + field + "\"" + (value == null ? "" : " (it is null)")
                        + " in its \"model\" section, which the network's shape is built from (" + every + " has it):"
                        + " the file was edited or damaged; restore it from a copy of the model, or put \"" + field
                        + "\" back with the value the model was trained with");
            }
        }
    }

    /**
     * Refuses a config of a known format whose {@code formatVersion} is missing, null or below 1, naming it: parsed, a
     * missing version read as 0, and the model was said to be an old one to train again.
     */
    public static void requireFormatVersion(Path file, JsonNode config) throws InvalidModelException {
        JsonNode version = config.get("formatVersion");
        if (version == null || version.isNull()) {
            throw new InvalidModelException(file, "lacks \"formatVersion\"" + (version == null ? "" : " (it is null)")
                    + ", which every model config has: the file was edited or damaged; restore it from a copy of the"
                    + " model");
        }
        if (version.canConvertToInt() && version.isIntegralNumber() && version.asInt() < 1) {
            throw new InvalidModelException(file, "says format version " + version.asInt() + ", and versions count"
                    + " from 1: the file was edited or damaged; restore it from a copy of the model");
        }
    }

    /** Writes {@code network}'s parameters in DJL's format (not atomically: see {@link CheckpointCommit}). */
    public static void writeParameters(Path file, AbstractBlock network) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            network.saveParameters(out);
        }
    }

    /** Writes optimizer state as an encoded NDList (not atomically: see {@link CheckpointCommit}). */
    public static void writeOptimizerState(Path file, NDList state) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            state.encode(out);
        }
    }

    /**
     * Loads DJL parameters from {@code source}, which {@code file} names, into a {@code network} initialised or
     * shaped by {@link UnfilledNetwork} (as a load does: no random weights to replace), after {@link DjlArrayFileCheck}
     * has checked that the file holds every parameter the network expects, in its shape and type, each array's data
     * within the file and finite, and nothing after the last: DJL allocates what the file declares before it checks.
     * The file is read once ({@link WholeFile}): what is checked is what DJL decodes. The arrays the network was given
     * (empty ones, when shaped) are closed once the loaded ones replace them. Returns the bytes
     * decoded, for their checksum ({@link CheckpointReading}).
     */
    static byte[] loadParameters(Path file, ByteSource source, AbstractBlock network, NDManager manager)
            throws IOException {
        byte[] bytes = WholeFile.read(file, source, new WholeFile.Limit(DjlArrayFileCheck.largestParameterFile(network),
                "the weights config.json describes", "restore the directory from a copy, or train again"));
        DjlArrayFileCheck.checkParameters(file, bytes, network);
        // the arrays the network was given: DJL's Parameter.load puts the decoded array in place without closing the
        // one it replaces, which would stay on the manager as long as the model lives (a second copy of every weight,
        // when that was a network initialised with random values)
        Map<Parameter, NDArray> initialised = new IdentityHashMap<>();
        for (Parameter p : network.getParameters().values()) {
            initialised.put(p, p.getArray());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            network.loadParameters(manager, in);
        } catch (EOFException e) { // the walk passed these bytes: only a layout it and DJL read differently gets here
            throw new InvalidModelException(file, "is truncated", e);
        } catch (MalformedModelException | RuntimeException e) {
            throw new InvalidModelException(file, "is not a set of weights for this config (" + firstLine(e) + ")", e);
        } finally {
            // a load that failed part way leaves the network unused: its replaced arrays are closed all the same
            initialised.forEach((p, array) -> {
                if (p.getArray() != array) {
                    array.close();
                }
            });
        }
        return bytes;
    }

    /**
     * Fails unless the weight file {@code file} is large enough to hold {@code minimumWeights} float32
     * weights. Called before the network is built: building allocates every weight, so a config.json
     * whose shape is absurd (a width of 10^9, 100,000 layers) would otherwise exhaust memory or abort
     * PyTorch before the file is read, where now it is refused for the few bytes it is.
     */
    public static void requireRoomForWeights(Path file, double minimumWeights) throws InvalidModelException {
        Path params = existing(file.getParent(), file.getFileName().toString());
        long size;
        try {
            size = Files.size(params);
        } catch (IOException e) {
            throw new InvalidModelException(params, "cannot be read (" + firstLine(e) + ")", e);
        }
        if (minimumWeights * Float.BYTES > size) {
            throw new InvalidModelException(params, String.format(java.util.Locale.ROOT, "holds %,d bytes, but the"
                    + " model section of config.json describes a network of at least %,.0f weights (%,.0f bytes):"
                    + " config.json or this file is damaged or truncated (restore the directory from a copy, or train"
                    + " again)", size, minimumWeights, minimumWeights * Float.BYTES));
        }
    }

    /** The {@link WholeFile.Limit} of an encoded NDList of {@code arrays} arrays holding {@code dataBytes} in all. */
    public static WholeFile.Limit arrayListLimit(long arrays, long dataBytes, String holding, String remedy) {
        return new WholeFile.Limit(DjlArrayFileCheck.largestArrayList(arrays, dataBytes), holding, remedy);
    }

    /**
     * An NDList in DJL's encoding ({@link NDList#encode}), decoded after {@link DjlArrayFileCheck} has walked
     * it: {@code NDList.decode} allocates each array's declared length before it reads the data. The file is
     * read once ({@link WholeFile}), and refused unread when larger than {@code limit}. Its arrays may be of any
     * type DJL's PyTorch engine reads; a file whose arrays have one type is read with
     * {@link #loadArrays(Path, WholeFile.Limit, DataType, NDManager)}.
     */
    public static NDList loadArrays(Path file, WholeFile.Limit limit, NDManager manager) throws IOException {
        return loadArrays(file, limit, null, manager);
    }

    /**
     * As {@link #loadArrays(Path, WholeFile.Limit, NDManager)}, each array of which must be of {@code type} (any type
     * DJL's PyTorch engine reads when null).
     */
    public static NDList loadArrays(Path file, WholeFile.Limit limit, DataType type, NDManager manager)
            throws IOException {
        return decodeArrays(file, WholeFile.read(file, MoreFiles.asByteSource(file), limit), type, manager);
    }

    /** As {@link #loadArrays(Path, WholeFile.Limit, NDManager)} from {@code source}, which {@code file} names. */
    static NDList loadArrays(Path file, ByteSource source, WholeFile.Limit limit, NDManager manager)
            throws IOException {
        return decodeArrays(file, WholeFile.read(file, source, limit), null, manager);
    }

    /** As {@link #decodeArrays(Path, byte[], DataType, NDManager)} of any type DJL's PyTorch engine reads. */
    static NDList decodeArrays(Path file, byte[] bytes, NDManager manager) throws IOException {
        return decodeArrays(file, bytes, null, manager);
    }

    /**
     * The NDList a file's {@code bytes} encode, walked by {@link DjlArrayFileCheck} before DJL decodes them; each
     * array of {@code type}, or of any type DJL's PyTorch engine reads when it is null (another would end the JVM).
     */
    static NDList decodeArrays(Path file, byte[] bytes, DataType type, NDManager manager) throws IOException {
        DjlArrayFileCheck.checkArrayList(file, bytes, type);
        try {
            return NDList.decode(manager, new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
            throw new InvalidModelException(file, "cannot be read (" + firstLine(e) + ")", e);
        }
    }

    /**
     * A model directory's config.json. A directory without one holds no model at all: "DIR/config.json is
     * missing" read like a damaged model and did not say what to give instead.
     *
     * @param writer the command that writes such a model ("train", "train-ar")
     */
    public static Path config(Path dir, String writer) throws InvalidModelException {
        Path file = dir.resolve(ModelCheckpoint.CONFIG);
        requireRegularIfThere(file);
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException(dir, "is not a model directory: it holds no config.json; give the"
                    + " directory a `" + writer + "` run wrote (config.json, vocab.txt and the weights)");
        }
        return file;
    }

    public static Path existing(Path dir, String name) throws InvalidModelException {
        Path file = dir.resolve(name);
        requireRegularIfThere(file);
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException(file, "is missing");
        }
        return file;
    }

    /**
     * Fails naming {@code file} and what it is when something other than a regular file stands there (a directory, a
     * device, a pipe, a link that leads nowhere): such a file was reported "missing", or its model "deleted".
     */
    public static void requireRegularIfThere(Path file) throws InvalidModelException {
        String what = notRegular(file);
        if (what != null) {
            throw new InvalidModelException(file, "is not a regular file (" + what + "): a model's files are plain"
                    + " files; put the file back (restore the directory from a copy)");
        }
    }

    /**
     * What stands at {@code file} when it is not a regular file ("a directory"), or null: a regular file, or nothing.
     */
    static String notRegular(Path file) {
        if (Files.isRegularFile(file)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return "a directory";
        }
        if (Files.isSymbolicLink(file)) {
            if (!Files.exists(file)) {
                String target;
                try {
                    target = Files.readSymbolicLink(file).toString();
                } catch (IOException e) {
                    target = "?";
                }
                return "a symbolic link to " + Visible.of(target)
                        + ", which leads to nothing (a missing file, or a loop of links)";
            }
        }
        if (Files.exists(file) || Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return "a device, a pipe or a socket";
        }
        return null;
    }

    /**
     * The lines of a text file's {@code bytes}, as {@link Files#readAllLines} reads them: UTF-8, malformed input
     * refused (not read with replacement characters) naming {@code file}, which held them, any line end.
     */
    public static List<String> lines(Path file, byte[] bytes) throws IOException {
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) { // the decoder's own message, "Input length = 1", names nothing
            throw new InvalidModelException(file, "is not UTF-8 text (" + firstLine(e) + "); restore the directory"
                    + " from a copy, or train again", e);
        }
        return CharSource.wrap(text).readLines();
    }

    static String firstLine(Throwable e) {
        if (e instanceof JsonProcessingException json) {
            return jsonReason(json);
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
