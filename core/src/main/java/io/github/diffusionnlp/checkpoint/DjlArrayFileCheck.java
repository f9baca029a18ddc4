package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBaseBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import com.google.common.io.CountingInputStream;
import io.github.diffusionnlp.corpus.Visible;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Walks a DJL parameter file ({@code model.params}) or encoded NDList ({@code optimizer.ndlist}, a probe) before
 * DJL decodes it, over the very bytes DJL is then given ({@link WholeFile}), reading only its structure (block
 * versions and metadata, parameter names, each array's data type, shape and declared length) and skipping every
 * array's data without allocating it.
 *
 * <p>Why: DJL 0.36's decoding allocates what the file declares before it can fail — a direct buffer of
 * each array's declared length (up to 2 GB, then the read runs out of file), and Java arrays of each
 * declared shape rank and input-shape count (2^31 of them end the JVM's test fork with "Requested array
 * size exceeds VM limit") — and never compares an array's declared length with its declared shape. Here every count
 * is bounded by what remains of the file, every array's length must be its shape times its element size and fit in the
 * rest of the file, a parameter's name, shape and type must be the network's, and the file must end where its last
 * array ends; so what DJL then allocates is at most the file's own size.
 *
 * <p>The layout mirrors DJL 0.36: {@code AbstractBaseBlock.saveParameters} (version byte, metadata, direct
 * parameters, then children), {@code Parameter.save}, {@code NDSerializer.encode} (array versions 1 to 3)
 * and {@code NDList.encode}. A block whose metadata layout this class does not know is a programming error.
 */
final class DjlArrayFileCheck {
    /** The smallest encoded shape: its rank and its layout count, two ints. */
    private static final int MIN_SHAPE_BYTES = 2 * Integer.BYTES;
    private static final String REMEDY = "restore the directory from a copy, or train again";
    /**
     * Room for one block's metadata or one array's header (its names, type and shape) in a file's size limit:
     * DJL writes a few dozen bytes and a name, so a file of the right arrays is never refused for its headers.
     */
    private static final long HEADER_ROOM = 4096;
    /**
     * The data types DJL 0.36's PyTorch engine makes an array of. Any other a file declares (BFLOAT16, INT16, UINT16,
     * UINT32, UINT64, ...) ends the JVM inside the engine ("terminate called without an active exception") when
     * {@code NDList.decode} is given it: no exception to catch, so it is refused here, before DJL sees it.
     */
    static final Set<DataType> DECODABLE = Collections.unmodifiableSet(EnumSet.of(DataType.FLOAT32, DataType.FLOAT64,
            DataType.FLOAT16, DataType.UINT8, DataType.INT8, DataType.INT32, DataType.INT64, DataType.BOOLEAN));

    private final Path file;
    private final byte[] bytes;
    private final long size;
    private final CountingInputStream counted;
    private final DataInputStream in;

    private DjlArrayFileCheck(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
        this.size = bytes.length;
        this.counted = new CountingInputStream(new ByteArrayInputStream(bytes));
        this.in = new DataInputStream(counted);
    }

    /**
     * The most a parameter file for {@code network} (an initialised block, or one {@link UnfilledNetwork} shaped)
     * takes: its arrays and their headers.
     */
    static long largestParameterFile(Block network) {
        long bytes = HEADER_ROOM; // the block's version and metadata
        for (Parameter p : network.getDirectParameters().values()) {
            // the parameter's shape, not its array's: an unfilled network's arrays are empty
            bytes += HEADER_ROOM + p.getShape().size() * p.getArray().getDataType().getNumOfBytes();
        }
        for (Pair<String, Block> child : network.getChildren()) {
            bytes += largestParameterFile(child.getValue());
        }
        return bytes;
    }

    /** The most an encoded NDList of {@code arrays} arrays holding {@code dataBytes} in all takes with its headers. */
    static long largestArrayList(long arrays, long dataBytes) {
        return Integer.BYTES + arrays * HEADER_ROOM + dataBytes;
    }

    /**
     * Fails naming {@code file} and the array unless {@code bytes}, its content, are a DJL parameter file for
     * {@code network} (an initialised block, or one {@link UnfilledNetwork} shaped): each parameter of the network, in
     * DJL's order, with the network's name, shape and data type, and nothing after the last.
     */
    static void checkParameters(Path file, byte[] bytes, Block network) throws InvalidModelException {
        try {
            walk(file, bytes, check -> {
                check.block(network, "");
                check.requireEnd("the last parameter");
            });
        } catch (InvalidModelException e) {
            // a parameter the network lacks (relativePositions edited to false) was read as the next block's header,
            // and refused as "declares 1,342,242,828 input shapes": name the first parameter that differs instead
            String other = otherParameter(bytes, network);
            if (other == null) {
                throw e;
            }
            throw new InvalidModelException(file, other, e);
        }
    }

    /**
     * Where the parameters {@code bytes} hold (each record's name, found by its layout: {@code 'P'}, version 1, the
     * name, an encoded array) first differ from {@code network}'s, in DJL's order, in words; null when they do not
     * differ, when they are only fewer (a file cut short) or when the bytes hold no parameter record at all (not a
     * parameter file): the walk's reason stands.
     */
    private static String otherParameter(byte[] bytes, Block network) {
        List<String> names = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        parameterNames(network, "", names, paths);
        List<String> stored = new ArrayList<>();
        byte[] array = {0, 4, 'N', 'D', 'A', 'R'};
        for (int i = 0; i + 5 <= bytes.length; i++) {
            if (bytes[i] == 0 && bytes[i + 1] == 'P' && bytes[i + 2] == 1) {
                int length = ((bytes[i + 3] & 0xff) << 8) | (bytes[i + 4] & 0xff);
                int end = i + 5 + length;
                if (end + array.length <= bytes.length
                        && java.util.Arrays.equals(bytes, end, end + array.length, array, 0, array.length)) {
                    stored.add(new String(bytes, i + 5, length, java.nio.charset.StandardCharsets.UTF_8));
                    i = end + array.length - 1;
                }
            }
        }
        if (stored.isEmpty()) {
            return null;
        }
        for (int i = 0; i < Math.max(names.size(), stored.size()); i++) {
            String expected = i < names.size() ? names.get(i) : null;
            String found = i < stored.size() ? stored.get(i) : null;
            if (found == null) { // fewer parameters than the network's: a file cut short, which the walk named
                return null;
            }
            if (!found.equals(expected)) {
                return "holds parameter " + Visible.of(found) + (expected == null ? " after the " + names.size()
                        + " parameters of the network config.json describes" : " where the network config.json"
                        + " describes has " + paths.get(i) + " (its parameter " + (i + 1) + " of " + names.size() + ")")
                        + ": config.json does not describe these weights (a field of its \"model\" section edited,"
                        + " such as relativePositions?); " + REMEDY;
            }
        }
        return null;
    }

    /** {@code block}'s parameters' names, and their paths as {@link #block} names them, in DJL's order. */
    private static void parameterNames(Block block, String path, List<String> names, List<String> paths) {
        for (Parameter p : block.getDirectParameters().values()) {
            names.add(p.getName());
            paths.add(path + p.getName());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            parameterNames(child.getValue(), path + child.getKey() + "_", names, paths);
        }
    }

    /**
     * Fails naming {@code file} and the array unless {@code bytes}, its content, are an NDList in DJL's own
     * encoding whose arrays each fit in the rest of the file, with nothing after the last; the NumPy and
     * safetensors layouts {@code NDList.decode} also accepts are refused, as our files are never written so.
     * Each array must be of {@code type}, or, when it is null, of a type DJL's PyTorch engine decodes
     * ({@link #DECODABLE}).
     */
    static void checkArrayList(Path file, byte[] bytes, DataType type) throws InvalidModelException {
        walk(file, bytes, check -> {
            int count = check.in.readInt();
            check.requireCount(count, MIN_SHAPE_BYTES, "arrays");
            for (int i = 0; i < count; i++) {
                check.array("array " + i, null, type);
            }
            check.requireEnd("the last array");
        });
    }

    /** What a walk reads of the file. */
    private interface Walk {
        void over(DjlArrayFileCheck check) throws IOException;
    }

    /**
     * Runs {@code walk} over {@code file}'s {@code bytes}; a file that ends early or cannot be read is refused
     * naming it.
     */
    private static void walk(Path file, byte[] bytes, Walk walk) throws InvalidModelException {
        try {
            walk.over(new DjlArrayFileCheck(file, bytes));
        } catch (EOFException e) {
            throw new InvalidModelException(file, "is truncated", e);
        } catch (InvalidModelException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidModelException(file, "cannot be read (" + CheckpointFiles.firstLine(e) + ")", e);
        }
    }

    /** One block as {@code AbstractBaseBlock.loadParameters} reads it; {@code path} prefixes its parameter names. */
    private void block(Block block, String path) throws IOException {
        byte version = in.readByte();
        metadata(block, version, path);
        for (Parameter p : block.getDirectParameters().values()) {
            parameter(p, path + p.getName());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            block(child.getValue(), path + child.getKey() + "_"); // the names AbstractBaseBlock.getParameters gives
        }
    }

    /** The metadata of the class whose {@code loadMetadata} {@code block} runs, as DJL 0.36 writes it. */
    private void metadata(Block block, byte version, String path) throws IOException {
        Class<?> reader = metadataReader(block.getClass());
        if (reader == AbstractBaseBlock.class) {
            inputShapes(path);
        } else if (reader == LayerNorm.class) {
            inputShapes(path);
            shape(partOf(path, "normalized shape"));
        } else if (reader == Linear.class) {
            switch (version) { // Linear.loadMetadata
                case 4 -> in.skipNBytes(2L * Long.BYTES); // units, input features
                case 3 -> {
                    in.skipNBytes(Long.BYTES); // units
                    notFlattened(path);
                    in.skipNBytes(Long.BYTES); // input features
                }
                case 2 -> {
                    notFlattened(path);
                    in.skipNBytes(Long.BYTES);
                }
                case 1 -> shape(partOf(path, "input shape"));
                default -> throw invalid(block.getClass().getSimpleName() + " block " + blockName(path)
                        + " has encoding version " + version + ", which DJL does not read");
            }
            shape(partOf(path, "input shape"));
        } else {
            throw new IllegalStateException(block.getClass().getName() + " reads its parameter metadata in "
                    + reader.getName() + ", whose layout " + DjlArrayFileCheck.class.getSimpleName()
                    + " does not know");
        }
    }

    /** The class that declares the {@code loadMetadata} {@code type} inherits. */
    private static Class<?> metadataReader(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("loadMetadata", byte.class, DataInputStream.class);
                return c;
            } catch (NoSuchMethodException e) {
                // inherited: look further up
            }
        }
        throw new IllegalStateException(type.getName() + " is not a DJL block with parameter metadata");
    }

    private void notFlattened(String path) throws IOException {
        if (in.readBoolean()) {
            throw invalid("block " + blockName(path) + " is flattened, which DJL does not read");
        }
    }

    private void inputShapes(String path) throws IOException {
        int count = in.readInt();
        requireCount(count, MIN_SHAPE_BYTES, "input shapes of block " + blockName(path));
        for (int i = 0; i < count; i++) {
            shape(partOf(path, "input shape " + i));
        }
    }

    /** One {@code Parameter.save} record, which must hold {@code expected}'s array. */
    private void parameter(Parameter expected, String name) throws IOException {
        char magic = in.readChar();
        if (magic != 'P') { // 'N' is a parameter saved uninitialised: DJL would keep the network's random values
            throw invalid("does not hold parameter " + name + (magic == 'N' ? " (it was saved uninitialised)" : "")
                    + ": it is not a set of weights for this config (" + REMEDY + ")");
        }
        byte version = in.readByte();
        if (version != 1) {
            throw invalid("parameter " + name + " has encoding version " + version + ", which DJL does not read");
        }
        String stored = in.readUTF();
        if (!stored.equals(expected.getName())) {
            throw invalid("holds parameter " + Visible.of(stored) + " where config.json implies " + name
                    + ": it is not a set of weights for this config (" + REMEDY + ")");
        }
        array("parameter " + name, expected.getShape().getShape(), expected.getArray().getDataType());
    }

    /**
     * One {@code NDSerializer.encode} record, its data skipped; {@code shape} and {@code type}, when given,
     * are what the record must declare.
     */
    private void array(String name, long[] shape, DataType type) throws IOException {
        if (!"NDAR".equals(in.readUTF())) {
            throw invalid(name + " is not an encoded DJL array (" + REMEDY + ")");
        }
        int version = in.readInt();
        if (version < 1 || version > 3) {
            throw invalid(name + " has array encoding version " + version + ", which DJL does not read");
        }
        if (version > 1 && in.readByte() == 1) {
            in.readUTF(); // the array's own name
        }
        in.readUTF(); // sparse format, which DJL ignores
        String typeName = in.readUTF();
        DataType declared = Arrays.stream(DataType.values()).filter(t -> t.name().equals(typeName)).findFirst()
                .orElseThrow(() -> invalid(name + " has data type '" + Visible.of(typeName)
                        + "', which DJL does not know"));
        long[] dims = shape(name);
        ByteOrder order = ByteOrder.nativeOrder(); // what DJL decodes versions 1 and 2 in
        if (version > 2) {
            order = in.readByte() == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN; // as NDSerializer.decode
        }
        long length = Integer.toUnsignedLong(in.readInt()); // DJL reads an int; a negative one is no smaller
        if (shape != null && !Arrays.equals(dims, shape)) {
            throw invalid(name + " has shape " + shapeText(dims) + " but config.json implies " + shapeText(shape));
        }
        if (type != null && declared != type) {
            throw invalid(name + " is stored as " + typeName + " but "
                    + (shape == null ? "it must be " : "the network's is ") + type.name() + " (" + REMEDY + ")");
        }
        if (!DECODABLE.contains(declared)) {
            throw invalid(name + " has data type " + typeName + ", which DJL's PyTorch engine does not read (it reads "
                    + DECODABLE.stream().map(DataType::name).toList()
                    + "): the file is damaged or was not written by diffusion-nlp (" + REMEDY + ")");
        }
        if (length > remaining()) {
            throw invalid(String.format(Locale.ROOT, "%s declares %,d bytes of data but only %,d remain in the file:"
                    + " it is damaged or truncated (%s)", name, length, remaining(), REMEDY));
        }
        if (declared.getNumOfBytes() == 0 || bytesOf(dims, declared) != length) {
            throw invalid(String.format(Locale.ROOT, "%s declares %,d bytes of data for shape %s of %s: it is"
                    + " damaged (%s)", name, length, shapeText(dims), declared, REMEDY));
        }
        if (shape != null && declared == DataType.FLOAT32) {
            requireFinite(name, (int) counted.getCount(), (int) length, order);
        }
        in.skipNBytes(length);
    }

    /**
     * Fails naming parameter {@code name} when its float32 data, {@code length} bytes from {@code start}, holds a NaN
     * or an infinity: DJL loads them as any other value, and a model with one samples nothing (generate printed empty
     * lines, infill wrote [PAD], exit 0). One pass over the bytes already read, before DJL decodes them (40 to 60 ms
     * for the shipped model's 7.4 million weights on a shared 2-core machine, against a 3 s load).
     */
    private void requireFinite(String name, int start, int length, ByteOrder order) throws InvalidModelException {
        FloatBuffer values = ByteBuffer.wrap(bytes, start, length).slice().order(order).asFloatBuffer();
        long nonFinite = 0;
        for (int i = 0; i < values.limit(); i++) {
            if (!Float.isFinite(values.get(i))) {
                nonFinite++;
            }
        }
        if (nonFinite > 0) {
            throw invalid(String.format(Locale.ROOT, "%s holds %,d NaN or infinite values (of %,d): a model with one"
                    + " writes nothing. The run that saved it diverged, or the file was damaged: restore the directory"
                    + " from a copy, or train again (from an earlier checkpoint)", name, nonFinite, values.limit()));
        }
    }

    /** One {@code Shape.getEncoded} record (dimensions, then layout characters); returns the dimensions. */
    private long[] shape(String name) throws IOException {
        int rank = in.readInt();
        requireCount(rank, Long.BYTES, "dimensions in the shape of " + name);
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readLong();
        }
        int layout = in.readInt();
        requireCount(layout, Character.BYTES, "layout characters in the shape of " + name);
        in.skipNBytes((long) layout * Character.BYTES);
        return dims;
    }

    /**
     * A count read from the file, each of whose items takes at least {@code bytesEach}: checked before any allocation.
     */
    private void requireCount(int count, int bytesEach, String what) throws InvalidModelException {
        if (count < 0) { // not "more than the bytes left": a flipped sign bit, most likely
            throw invalid(String.format(Locale.ROOT, "declares a negative number (%,d) of %s: it is damaged (%s)",
                    count, what, REMEDY));
        }
        if ((long) count * bytesEach > remaining()) {
            throw invalid(String.format(Locale.ROOT, "declares %,d %s, more than the %,d bytes left in the file"
                    + " can hold: it is damaged or truncated (%s)", count, what, remaining(), REMEDY));
        }
    }

    private void requireEnd(String last) throws IOException {
        if (in.read() != -1) {
            throw invalid("has trailing data after " + last);
        }
    }

    /** The bytes an array of {@code dims} of {@code type} takes, or -1 for a negative dimension or an overflow. */
    private static long bytesOf(long[] dims, DataType type) {
        long bytes = type.getNumOfBytes();
        try {
            for (long d : dims) {
                if (d < 0) {
                    return -1;
                }
                bytes = Math.multiplyExact(bytes, d);
            }
            return bytes;
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private long remaining() {
        return size - counted.getCount();
    }

    private InvalidModelException invalid(String problem) {
        return new InvalidModelException(file, problem);
    }

    /**
     * "input shape of block encoder_0" ("of block (the network)" for the root): {@code path} ends in "_" or is empty.
     */
    private static String partOf(String path, String part) {
        return part + " of block " + blockName(path);
    }

    private static String blockName(String path) {
        return path.isEmpty() ? "(the network)" : path.substring(0, path.length() - 1);
    }

    private static String shapeText(long[] dims) {
        return Arrays.toString(dims).replace('[', '(').replace(']', ')');
    }
}
