package io.github.diffusionnlp.opennlp;

import ai.djl.Device;
import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.ModelClosedException;
import io.github.diffusionnlp.api.ModelInfo;
import io.github.diffusionnlp.bench.ScratchDirectory;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.MissingPath;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.runtime.Lifecycle;
import io.github.diffusionnlp.model.Precision;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import opennlp.tools.postag.POSSample;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.ObjectStream;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.ext.ExtensionLoader;
import opennlp.tools.util.model.ArtifactSerializer;
import opennlp.tools.util.model.BaseModel;

/**
 * A diffusion language model as an OpenNLP model: loaded from a model directory (what
 * {@code diffusion-nlp train} writes) or from an OpenNLP model package, a zip with
 * {@code manifest.properties} and the model's four files ({@code config.json}, {@code vocab.txt},
 * {@code model.params}, {@code warp.tsv}) as artifacts, and its {@code tag-lexicon.tsv} (for lexical
 * POS constraints) when the model has one. {@link #serialize(OutputStream)} writes such a package, so
 * a model moves as one file like OpenNLP's {@code .bin} models.
 *
 * <p><b>Extension allowlist.</b> A package names its {@link DiffusionToolFactory} in its manifest.
 * OpenNLP 2.5.9 and later instantiate a class named by a model only if its package is on
 * {@link ExtensionLoader}'s allowlist ({@code opennlp.} by default). This class registers
 * {@value #EXTENSION_PACKAGE} (and nothing else) before it loads any model, so our own loading code
 * needs no setting. OpenNLP's own model classes cannot load a package, allowlist or not ({@code new
 * TokenizerModel(path)}: {@code ExtensionNotLoadedException}, and with the allowlist {@code InvalidFormatException:
 * Unknown artifact format: json}, since only this class registers the serializers of its files): load it here. A
 * package's manifest naming any other class (another factory, an artifact serializer for an entry, {@code
 * serializer-class-ENTRY}, which OpenNLP's loader would make and run on the entry) is refused before any is made.
 *
 * <p>Thread-safe: the tools built on one model may run in many threads at once. The model holds
 * native memory: {@link #close()} it when done.
 */
public final class DiffusionModel extends BaseModel implements AutoCloseable {
    private static final long serialVersionUID = 1L;

    /** The manifest's {@code Component-Name}. */
    public static final String COMPONENT_NAME = "DiffusionLM";
    private static final String COMPONENT_NAME_PROPERTY = "Component-Name";
    /** The manifest's language code (BaseModel's own constant is private). */
    private static final String LANGUAGE_PROPERTY = "Language";
    /** The manifest's tool factory class (BaseModel's own constant is private). */
    private static final String FACTORY_PROPERTY = "factory";
    /** A manifest key naming the class OpenNLP's loader reads an entry with (BaseModel's own constant is private). */
    private static final String SERIALIZER_PROPERTY_PREFIX = "serializer-class-";
    /** The package prefix this class adds to OpenNLP's extension allowlist. */
    public static final String EXTENSION_PACKAGE = "io.github.diffusionnlp.opennlp.";
    /** The model files a package holds, by their names in a model directory. */
    public static final List<String> MODEL_FILES = List.of(
            ModelCheckpoint.CONFIG, ModelCheckpoint.VOCAB, ModelCheckpoint.PARAMS, ModelCheckpoint.WARP);
    /** Files a package holds when the model directory has them (models trained before them lack them). */
    public static final List<String> OPTIONAL_FILES = List.of(ModelCheckpoint.TAG_LEXICON);
    private static final List<String> PACKAGE_FILES = Stream.concat(MODEL_FILES.stream(), OPTIONAL_FILES.stream())
            .toList();

    /**
     * How much a package's entries may unpack to: this many times the package's size, plus a fixed
     * allowance for small packages. Float weights hardly compress, so a real package
     * stays far below it and only a zip bomb (deflate reaches about 1,000 times) comes near it.
     */
    private static final long UNPACKED_RATIO = 20;
    private static final long UNPACKED_ALLOWANCE = 64L << 20;
    /** What to do about a package that is truncated or damaged. */
    private static final String REMEDY = "copy it again from where it came, or package the model again (Package"
            + " -model dir -out file)";

    static {
        ExtensionLoader.registerAllowedPackage(EXTENSION_PACKAGE);
    }

    private final transient DiffusionLM lm;
    /**
     * The tools' calls and {@link #close()}: a call after close fails naming this DiffusionModel, which the
     * OpenNLP user closed, rather than the DiffusionLM inside it, which they never saw.
     */
    private final transient Lifecycle lifecycle = new Lifecycle("DiffusionModel", this::closedError);

    /**
     * Reads a model package (see the class documentation) onto the engine's default device; {@link #builder()}'s
     * {@code optModel(InputStream)} sets the device and the other settings. The stream is read to its end and left
     * open, as OpenNLP's {@code XModel(InputStream)} leaves it: close it yourself (a model read from one entry of a
     * {@code ZipInputStream} leaves the zip readable).
     */
    public DiffusionModel(InputStream in) throws IOException {
        this(new java.io.FilterInputStream(java.util.Objects.requireNonNull(in, "in")) {
            @Override
            public void close() { // the caller's stream: theirs to close
            }
        }, "the model stream", "package read from a stream", null, Precision.FP32, LibrarySettings.UNSAID);
    }

    /** Reads a model package file; a model directory is {@link #load(Path)}'s, which reads either. */
    public DiffusionModel(File packageFile) throws IOException {
        this(packageFile.toPath(), null, Precision.FP32, LibrarySettings.UNSAID);
    }

    /**
     * Reads a model package file, as OpenNLP 2.x models' {@code XModel(Path)} constructors do; a model directory is
     * {@link #load(Path)}'s, which reads either.
     */
    public DiffusionModel(Path packageFile) throws IOException {
        this(packageFile, null, Precision.FP32, LibrarySettings.UNSAID);
    }

    public DiffusionModel(URL packageUrl) throws IOException {
        this(packageUrl.openStream(), Visible.of(packageUrl.toString()), "package " + packageUrl, null, Precision.FP32,
                LibrarySettings.UNSAID);
    }

    private DiffusionModel(Path packageFile, Device device, Precision precision, LibrarySettings library)
            throws IOException {
        this(packageStream(packageFile), Visible.of(packageFile), "package " + packageFile.toAbsolutePath()
                .normalize(), device, precision, library);
    }

    /**
     * The package file's bytes. A model directory given to the package constructors failed with a bare "Is a
     * directory": it is named, with the method that loads it.
     */
    private static InputStream packageStream(Path packageFile) throws IOException {
        if (Files.isDirectory(packageFile)) {
            throw new IOException("model " + Visible.of(packageFile) + " is a directory, and new DiffusionModel(...)"
                    + " reads a package file: load a model directory with DiffusionModel.load(Path), which reads"
                    + " either");
        }
        if (PACKAGE_FILES.contains(String.valueOf(packageFile.getFileName()))) {
            // dir/config.json, as a shell completes it, was read as a package: "not a zip file" said nothing of
            // what to give instead
            Path dir = packageFile.getParent() == null ? Path.of(".") : packageFile.getParent();
            throw new IOException(Visible.of(packageFile.toString()) + " is a file of a model directory: give the"
                    + " model as its directory, " + Visible.of(dir.toString()) + ", or as a package file (an OpenNLP"
                    + " .zip or .bin, which the Package tool writes)");
        }
        try {
            return Files.newInputStream(packageFile);
        } catch (java.nio.file.NoSuchFileException e) { // its message is the bare path
            throw new IOException("model " + MissingPath.named(packageFile) + " does not exist (expected a package"
                    + " file; a directory loads with DiffusionModel.load(Path))" + MissingPath.tildeHint(packageFile),
                    e);
        }
    }

    /**
     * Reads a package: {@code name} names it in errors, {@code logName} in the model's start-up log line (rather
     * than the temporary directory it is unpacked into, which means nothing to a user and is gone once loaded).
     */
    private DiffusionModel(InputStream in, String name, String logName, Device device, Precision precision,
            LibrarySettings library) throws IOException {
        super(COMPONENT_NAME, packageBytes(in, name));
        this.lm = openPackage(logName, device, precision, library);
    }

    /**
     * Reads a package into memory (OpenNLP's loader buffers it whole anyway) and checks that it is a zip
     * with a manifest, so that anything else fails with a message rather than inside OpenNLP.
     */
    private static InputStream packageBytes(InputStream in, String name) throws IOException {
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        if (bytes.length == 0) {
            throw new InvalidFormatException(name + " is empty: not an OpenNLP model package (a zip file)");
        }
        Properties manifest = null;
        int entries = 0;
        String unknown = null; // the first entry that is none of the package's own (OpenNLP judges by extension only)
        Set<String> names = new HashSet<>();
        String twice = null; // the first name of two entries: OpenNLP keeps the last, unzip and others show the first
        long unpackedLimit = UNPACKED_ALLOWANCE + UNPACKED_RATIO * (long) bytes.length;
        long unpacked = 0;
        String reading = null; // the entry being read; null while an entry's header is
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; reading = null) {
                reading = e.getName();
                entries++;
                if (unknown == null && !e.getName().equals(MANIFEST_ENTRY) && !PACKAGE_FILES.contains(e.getName())) {
                    unknown = e.getName();
                }
                if (!names.add(e.getName()) && twice == null) {
                    twice = e.getName();
                }
                if (e.getName().equals(MANIFEST_ENTRY) && manifest == null) {
                    manifest = new Properties();
                    manifest.load(zip);
                }
                // OpenNLP's loader reads every entry whole into memory: unpack each here first, in constant
                // memory, so that a zip bomb (an entry far larger than the package, or than its declared
                // size) is refused before it can exhaust the heap
                long entry = zip.transferTo(OutputStream.nullOutputStream());
                unpacked += entry;
                if (e.getSize() >= 0 && entry > e.getSize() || unpacked > unpackedLimit) {
                    throw new InvalidFormatException(name + " is not a usable model package: its entry " + e.getName()
                            + " unpacks to more than " + (e.getSize() >= 0 && entry > e.getSize() ? "the "
                            + e.getSize() + " bytes it declares" : "the package's size allows (" + unpackedLimit
                            + " bytes in all for a package of " + bytes.length + ")") + "; it is damaged or hostile");
                }
            }
        } catch (InvalidFormatException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a name that is no UTF-8
            String where = reading == null ? "an entry's header" : "its entry " + reading;
            boolean cut = e instanceof EOFException || "unexpected EOF".equals(e.getMessage()); // deflated, stored
            String why = e instanceof IllegalArgumentException ? "an entry name that is not UTF-8, from a damaged"
                    + " header" : e.getMessage(); // an EOFException's is null when a header is cut
            InvalidFormatException named = new InvalidFormatException(name + (cut ? " is truncated: it ends inside "
                    + where : " is damaged: " + where + " cannot be read") + (why == null ? "" : " (" + why + ")")
                    + "; " + REMEDY);
            named.addSuppressed(e); // for stack traces: its message ("malformed input off : 11") is the JDK's internals
            throw named;
        }
        if (entries == 0) { // ZipInputStream reads no entry, and no error, from bytes that are no zip
            throw new InvalidFormatException(name + " is not an OpenNLP model package: not a zip file");
        }
        if (!endsWithEndRecord(bytes)) { // where ZipInputStream, cut inside a header, saw the last entry
            throw new InvalidFormatException(name + " is truncated or damaged: it does not end with a zip file's end"
                    + " record, so entries may be missing; " + REMEDY);
        }
        if (manifest == null) {
            throw new InvalidFormatException(name + " is not an OpenNLP model package (no " + MANIFEST_ENTRY + ")");
        }
        String component = manifest.getProperty(COMPONENT_NAME_PROPERTY);
        if (!COMPONENT_NAME.equals(component)) {
            throw new InvalidFormatException(name + " is an OpenNLP model of another kind (" + COMPONENT_NAME_PROPERTY
                    + "=" + component + "), not a diffusion model package (" + COMPONENT_NAME + ")");
        }
        // OpenNLP would take notes.txt or sub/config.json as artifacts by their extension, and refuse model.ser by its
        // ("Unknown artifact format: ser"); a package holds its own files and nothing else
        if (unknown != null) {
            throw new InvalidFormatException(name + " is not a usable model package: its entry " + unknown
                    + " is none of a diffusion model package's files (" + MANIFEST_ENTRY + ", "
                    + String.join(", ", PACKAGE_FILES) + ")");
        }
        // OpenNLP instantiates the class the manifest names (within its extension allowlist, which this class extends
        // by its own package): any but the package's own factory, or a subclass of it (Builder#optFactory takes one),
        // is refused before a class is initialised by name, and without OpenNLP's advice to allow that class's package
        String factory = manifest.getProperty(FACTORY_PROPERTY);
        if (!isToolFactory(factory)) {
            throw new InvalidFormatException(name + " is not a usable model package: its manifest names "
                    + (factory == null ? "no tool factory" : "the tool factory " + factory) + ", not "
                    + DiffusionToolFactory.class.getName() + ": it is not a diffusion model package");
        }
        // OpenNLP's loader also makes, and runs on the entry's bytes, the artifact serializer a manifest names for an
        // entry (serializer-class-ENTRY=CLASS, within the allowlist): a class chosen by the file. A package of ours
        // names none (its files are bytes, read by this class's own serializer), so one named is refused unmade
        for (String key : manifest.stringPropertyNames().stream().sorted().toList()) {
            if (key.startsWith(SERIALIZER_PROPERTY_PREFIX)) {
                throw new InvalidFormatException(name + " is not a usable model package: its manifest names the"
                        + " artifact serializer " + Visible.of(manifest.getProperty(key)) + " for "
                        + Visible.of(key.substring(SERIALIZER_PROPERTY_PREFIX.length())) + " (" + Visible.of(key)
                        + "), which a diffusion model package never does: its entries are read as bytes; package the"
                        + " model again");
            }
        }
        String language = manifest.getProperty(LANGUAGE_PROPERTY);
        try { // the tools choose by it whether the English POS tagger may tag the text, and print it
            checkedLanguage(language); // as Package -lang and Train -lang check it before writing it
        } catch (IllegalArgumentException e) {
            throw new InvalidFormatException(name + " is not a usable model package: its manifest "
                    + (language == null ? "has no " + LANGUAGE_PROPERTY : "says " + LANGUAGE_PROPERTY + "=" + language
                    + ": " + e.getMessage()) + "; package the model again (Package -lang code)");
        }
        if (twice != null) {
            throw new InvalidFormatException(name + " is not a usable model package: it holds the entry " + twice
                    + " more than once, and which one is the model's cannot be told; package the model again");
        }
        for (String file : MODEL_FILES) { // named here, not as OpenNLP's "the model package has no ..." inside a cause
            if (!names.contains(file)) {
                throw new InvalidFormatException(name + " has no entry " + file + ", which every diffusion model"
                        + " package holds (" + String.join(", ", MODEL_FILES) + "); " + REMEDY);
            }
        }
        return new ByteArrayInputStream(bytes);
    }

    /**
     * Whether {@code name} names {@link DiffusionToolFactory} or a subclass of it, found without initialising the
     * class (no code of it runs): a package written with a caller's own subclass loads again.
     */
    private static boolean isToolFactory(String name) {
        if (name == null) {
            return false;
        }
        if (DiffusionToolFactory.class.getName().equals(name)) {
            return true;
        }
        try {
            return DiffusionToolFactory.class.isAssignableFrom(Class.forName(name, false,
                    DiffusionModel.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Whether {@code zip} ends with a zip file's end-of-central-directory record (22 bytes and a comment of up to
     * 65,535), which a zip writer writes last: a file cut short, anywhere, lacks it.
     */
    private static boolean endsWithEndRecord(byte[] zip) {
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6
                    && i + 22 + (zip[i + 20] & 0xff | (zip[i + 21] & 0xff) << 8) == zip.length) {
                return true;
            }
        }
        return false;
    }

    /** A model directory: its files become the package's artifacts without being read twice. */
    private DiffusionModel(Path dir, String language, DiffusionToolFactory factory, Device device,
            Precision precision, LibrarySettings library) throws IOException {
        super(COMPONENT_NAME, language, Map.of(), factory);
        ModelCheckpoint.readHeader(dir); // a directory of another kind (the autoregressive baseline's) named as such
        for (String name : MODEL_FILES) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new InvalidFormatException("model directory " + Visible.of(dir) + " has no " + name);
            }
            artifactMap.put(name, file);
        }
        for (String name : OPTIONAL_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                artifactMap.put(name, dir.resolve(name));
            }
        }
        checkArtifactMap();
        this.lm = library.apply(DiffusionLM.builder().optModel(dir).optDevice(device).optPrecision(precision)).build();
    }

    /**
     * Loads a model directory or a package file (a regular file is read as a package), with the
     * default sampling settings of {@link DiffusionToolFactory} for a directory, on the engine's default device;
     * {@link #builder()} sets the device, precision and the other settings.
     *
     * @throws InvalidFormatException for a directory or package that is no diffusion model or is damaged (its message
     *     names the file and what is wrong)
     * @throws NullPointerException for a null path ({@link #loadDefault()} loads the shipped model)
     */
    public static DiffusionModel load(Path dirOrPackage) throws IOException {
        // null loaded the shipped model (the builder's default), silently, for a path a lookup did not find
        java.util.Objects.requireNonNull(dirOrPackage, "dirOrPackage is null: give a model directory or package"
                + " file; DiffusionModel.loadDefault() loads the shipped model");
        return builder().optModel(dirOrPackage).build();
    }

    /**
     * A loader of a model, as core's {@code DiffusionLM.builder()} and DJL's {@code Criteria}: every setting optional,
     * {@code DiffusionModel.builder().build()} loads the shipped default model on the engine's default device.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a model directory, a package file or a package stream, in the manner of core's {@code DiffusionLM.Builder}.
     */
    public static final class Builder {
        private Path model;
        private InputStream stream;
        private Device device;
        private Precision precision = Precision.FP32;
        private Path ngramCorpus;
        private CorpusLayout ngramLayout;
        private MultiwordTokens ngramMultiword;
        private Path bannedWords;
        private DiffusionToolFactory factory;
        private String language;

        private Builder() {}

        /**
         * A model directory or a package file (a regular file is read as a package); without one (or a stream), the
         * shipped default model ({@link DefaultModel#locate()}).
         */
        public Builder optModel(Path dirOrPackage) {
            this.model = dirOrPackage;
            this.stream = null;
            return this;
        }

        /** A model package read from a stream (closed once read), in place of {@link #optModel(Path)}. */
        public Builder optModel(InputStream packageStream) {
            this.stream = java.util.Objects.requireNonNull(packageStream, "packageStream");
            this.model = null;
            return this;
        }

        /** Where to run: a DJL device; default ({@code null}) the engine's default. */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * {@link Precision#FP16} runs the transformer body in half precision, for GPUs (on a CPU it is slower than
         * fp32); default {@link Precision#FP32}.
         */
        public Builder optPrecision(Precision precision) {
            this.precision = java.util.Objects.requireNonNull(precision, "precision");
            return this;
        }

        /**
         * The corpus n-gram fusion counts its trigrams from ({@code null}, the default: the model's training corpus,
         * where its config names it; {@link DiffusionLM.Builder#optNgramCorpus}).
         */
        public Builder optNgramCorpus(Path corpus) {
            this.ngramCorpus = corpus;
            return this;
        }

        /**
         * How the {@link #optNgramCorpus} corpus is read (null: as {@link DiffusionLM.Builder#optNgramCorpusReading}
         * reads it by default: guessed, its multiword tokens as the model's were). Only for a corpus named: the
         * model's own is always read as its config.json records it was, so {@link #build()} refuses a layout or
         * multiword without {@link #optNgramCorpus} ({@code IllegalArgumentException}), as the tools refuse {@code
         * -ngramLayout} without {@code -ngramCorpus}.
         */
        public Builder optNgramCorpusReading(CorpusLayout layout, MultiwordTokens multiword) {
            this.ngramLayout = layout;
            this.ngramMultiword = multiword;
            return this;
        }

        /**
         * The words the model never writes, read from a list file as {@link DiffusionLM.Builder#optBannedWords(Path)}
         * reads it (the file replacing the default list, an empty file banning none); null (the default) keeps the
         * default list. {@link #build()} throws an {@code IllegalArgumentException} naming the file and line when it is
         * missing, unreadable or has a malformed line.
         */
        public Builder optBannedWords(Path file) {
            this.bannedWords = file;
            return this;
        }

        /**
         * The tool defaults (steps, temperature) of a model directory, which its package's manifest carries once it is
         * {@linkplain DiffusionModel#serialize(OutputStream) packaged}; default {@code new DiffusionToolFactory()}. A
         * package carries its own: {@link #build()} refuses this setting for one ({@code IllegalArgumentException}).
         */
        public Builder optFactory(DiffusionToolFactory factory) {
            this.factory = java.util.Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * The language of a model directory of another language than English: {@code language} (an ISO 639 code,
         * {@code fr}, or a BCP 47 tag, {@code pt-BR}) is the model's {@link DiffusionModel#getLanguage()}, written into
         * its package's manifest as OpenNLP's own models carry theirs; default {@value
         * DiffusionModel#DEFAULT_LANGUAGE}. The tools refuse the options that need the English POS tagger on a model of
         * another language ({@link RewriterME#requireTaggable}). A package carries its own: {@link #build()} refuses
         * this setting for one.
         *
         * @throws IllegalArgumentException naming {@code language} when it is not such a code
         */
        public Builder optLanguage(String language) {
            this.language = checkedLanguage(language);
            return this;
        }

        /**
         * A reading said for no corpus would apply to the model's own, which is read as its config.json records it
         * was. Named by this builder's methods, as core's {@code DiffusionLM.Builder} names its own.
         */
        private void requireCorpusForReading() {
            if (ngramCorpus != null || ngramLayout == null && ngramMultiword == null) {
                return;
            }
            List<String> given = new ArrayList<>();
            if (ngramLayout != null) {
                given.add(ngramLayout.toString());
            }
            if (ngramMultiword != null) {
                given.add("multiword " + ngramMultiword);
            }
            throw new IllegalArgumentException("optNgramCorpusReading(" + String.join(", ", given) + ") says how a"
                    + " corpus given to optNgramCorpus(Path) is read, and none was given: the model's own training"
                    + " corpus is always read as its config.json records it was; give the corpus, or no reading");
        }

        /** Loads the model. */
        public DiffusionModel build() throws IOException {
            LibrarySettings library;
            try { // checked before the model is read, so that a bad one is named before a load's wait
                if (stream != null) {
                    refuseDirectorySettings("the model stream");
                }
                requireCorpusForReading();
                library = new LibrarySettings(ngramCorpus, ngramLayout, ngramMultiword,
                        bannedWords == null ? null : DiffusionLM.readBannedWords(bannedWords));
            } catch (RuntimeException e) {
                if (stream != null) { // "closed once read": closed too when it never will be
                    try {
                        stream.close();
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw e;
            }
            if (stream != null) {
                InputStream in = stream;
                return readingPackage("the model stream", () -> new DiffusionModel(in, "the model stream",
                        "package read from a stream", device, precision, library));
            }
            Path dirOrPackage = model == null ? DefaultModel.locate() : model;
            if (Files.isDirectory(dirOrPackage)) {
                // a directory records no language: English, as OpenNLP's tools default to; a package carries its own
                try {
                    return new DiffusionModel(dirOrPackage, language == null ? DEFAULT_LANGUAGE : language,
                            factory == null ? new DiffusionToolFactory() : factory, device, precision, library);
                } catch (InvalidModelException e) { // a bad model, as OpenNLP says it and as a package's is said
                    throw new InvalidFormatException(e.getMessage(), e);
                }
            }
            if (!Files.isRegularFile(dirOrPackage)) {
                throw new IOException("model " + MissingPath.named(dirOrPackage) + " does not exist (expected a model"
                        + " directory or a package file)" + MissingPath.tildeHint(dirOrPackage));
            }
            refuseDirectorySettings("package " + Visible.of(dirOrPackage));
            return readingPackage(Visible.of(dirOrPackage), () -> new DiffusionModel(dirOrPackage, device, precision,
                    library));
        }

        /**
         * Refuses {@link #optFactory} and {@link #optLanguage} for a package, whose manifest says both: set silently,
         * they would be lost, and the user would take the package's steps or language for theirs.
         */
        private void refuseDirectorySettings(String packageName) {
            if (factory != null || language != null) {
                throw new IllegalArgumentException((factory != null ? "optFactory" : "optLanguage") + " sets a model"
                        + " directory's " + (factory != null ? "tool defaults" : "language") + ", and " + packageName
                        + " carries its own in its manifest: package the model directory again with them (Package"
                        + " -steps, -temperature, -lang)");
            }
        }
    }

    /** A package read, as {@link #readingPackage} takes it. */
    private interface PackageRead {
        DiffusionModel read() throws IOException;
    }

    /**
     * {@code read}, where OpenNLP's loader refusing a foreign package ({@code BaseModel.checkArtifactMap}: an
     * IllegalArgumentException around the InvalidFormatException) is said as such, naming the package {@code name};
     * any other refusal, as of a library setting (a missing n-gram corpus), is left as it is, as a stream's is.
     */
    private static DiffusionModel readingPackage(String name, PackageRead read) throws IOException {
        try {
            return read.read();
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof InvalidFormatException invalid) {
                // caused by OpenNLP's refusal itself: the IllegalArgumentException's message is that refusal's again,
                // after its class name, and the tools printed both
                InvalidFormatException named = new InvalidFormatException(name + " is not a usable model package: "
                        + invalid.getMessage(), invalid);
                named.addSuppressed(e);
                throw named;
            }
            throw e;
        }
    }

    /** The shipped default model ({@link DefaultModel#locate()}). */
    public static DiffusionModel loadDefault() throws IOException {
        return builder().build();
    }

    /** The language of a model directory loaded without one, and of {@code Package} and {@code Train} by default. */
    public static final String DEFAULT_LANGUAGE = "en";
    /**
     * An ISO 639 code of two or three letters, then BCP 47 subtags. Not BCP 47's 5 to 8 letters for the language as
     * well: none is registered, and they let a language's name through ({@code -lang english}), which was written into
     * the manifest and made the package refuse raw text as not English.
     */
    private static final java.util.regex.Pattern LANGUAGE = java.util.regex.Pattern.compile(
            "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    /**
     * {@code language} when it is an ISO 639 code or a BCP 47 tag ({@code fr}, {@code pt-BR}).
     *
     * @throws IllegalArgumentException naming it otherwise, and the code of a language it is the English name of
     */
    public static String checkedLanguage(String language) {
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("language " + (language == null ? "null" : "'" + language + "'")
                    + " is not a language code; " + codeNamed(language).map(c -> "did you mean " + c + "? ").orElse("")
                    + "give an ISO 639 code (en, fr, de) or a BCP 47 tag (pt-BR)");
        }
        return language;
    }

    /** The ISO 639 code of the language whose English name is {@code name} ({@code English}: en), if any. */
    private static java.util.Optional<String> codeNamed(String name) {
        return name == null ? java.util.Optional.empty() : java.util.Arrays.stream(java.util.Locale.getISOLanguages())
                .filter(code -> java.util.Locale.forLanguageTag(code).getDisplayLanguage(java.util.Locale.ENGLISH)
                        .equalsIgnoreCase(name.strip()))
                .findFirst();
    }

    /**
     * Whether a model's language is English ({@code en}, {@code en-GB}, or ISO 639-2/3's {@code eng}, as OpenNLP's
     * language detector names it: the language of the English POS tagger, and of the sentence detector and tokenizer
     * the command-line tools split raw text with).
     */
    public static boolean isEnglish(String language) {
        String code = java.util.Locale.forLanguageTag(language).getLanguage();
        return code.equals(DEFAULT_LANGUAGE) || code.equals("eng");
    }

    /**
     * Trains a model in OpenNLP's manner (compare {@code POSTaggerME.train}): the sentences of tagged samples
     * (what {@code WordTagSampleStream} reads from {@code word_TAG} lines; UPOS or Penn Treebank tags in any case, any
     * other tag reads as X, cannot serve POS templates, and is counted on {@code log}) go to core's trainer.
     * Parameters, all optional: {@code Iterations} (training steps, default 5000), {@code Size} (tiny, small, base),
     * {@code BatchSize}, {@code LearningRate}, {@code WarmupSteps}, {@code Seed}, {@code VocabSize}, {@code MaxLength},
     * {@code TimeBudget} (e.g. 90m, 1h30m, or ISO-8601 PT90M), {@code RelativePositions}, {@code ContextEmbeddings}
     * (false: the word embeddings start at random, using less memory), {@code Average} (weight-average decay),
     * {@code CheckpointEvery} (steps between checkpoints, default 250) and {@code CheckpointDir} (keep the training
     * directory there — checkpoints, loss curve and plots
     * — and resume from it when it holds one; default a temporary directory, removed). Others are errors.
     * Progress goes to {@code log}; the model holds its files in memory, ready to {@link #serialize}. Untagged
     * sentences train with {@link #trainUntagged}.
     *
     * @throws IllegalArgumentException for an unknown parameter or a value out of range (before any sample
     *     is read)
     */
    public static DiffusionModel train(String languageCode, ObjectStream<POSSample> samples, TrainingParameters params,
            DiffusionToolFactory factory, PrintStream log) throws IOException {
        return ModelTraining.train(languageCode, samples, params, factory, log, run -> { });
    }

    /**
     * As {@link #train(String, ObjectStream, TrainingParameters, DiffusionToolFactory, PrintStream)}, with {@code
     * running} given the run before it starts, so that another thread can stop it ({@link
     * io.github.diffusionnlp.train.TrainingRun#stop}): it ends after the step it is in, with a checkpoint of that step
     * (in {@code CheckpointDir}; a temporary directory is removed), by {@link
     * io.github.diffusionnlp.train.TrainingStopped}. The {@code Train} tool stops so on Ctrl-C or SIGTERM.
     */
    public static DiffusionModel train(String languageCode, ObjectStream<POSSample> samples, TrainingParameters params,
            DiffusionToolFactory factory, PrintStream log,
            java.util.function.Consumer<? super io.github.diffusionnlp.train.TrainingRun> running) throws IOException {
        return ModelTraining.train(languageCode, samples, params, factory, log, running);
    }

    /**
     * Trains a model on untagged sentences, the tokens of each (what a {@code TokenizerME} or a whitespace split of
     * plain lines gives), as {@link #train(String, ObjectStream, TrainingParameters, DiffusionToolFactory,
     * PrintStream) train} trains on tagged samples, with the same parameters, progress and errors. Every word reads as
     * X, as core's {@code train --layout plain} reads plain text, so the model cannot follow POS templates (a
     * generator, rewriter or infiller given one is refused with an {@code IllegalArgumentException} saying so); every
     * other constraint works. A sentence of no tokens is skipped; a null token is an {@code IllegalArgumentException}.
     * (Not a second {@code train}: Java's erasure makes {@code ObjectStream<String[]>} and {@code
     * ObjectStream<POSSample>} one signature.)
     *
     * @throws IllegalArgumentException for an unknown parameter or a value out of range (before any sentence
     *     is read)
     */
    public static DiffusionModel trainUntagged(String languageCode, ObjectStream<String[]> sentences,
            TrainingParameters params, DiffusionToolFactory factory, PrintStream log) throws IOException {
        return ModelTraining.trainUntagged(languageCode, sentences, params, factory, log, run -> { });
    }

    /**
     * As {@link #trainUntagged(String, ObjectStream, TrainingParameters, DiffusionToolFactory, PrintStream)}, with
     * {@code running} given the run before it starts, so that another thread can stop it as {@link #train(String,
     * ObjectStream, TrainingParameters, DiffusionToolFactory, PrintStream, java.util.function.Consumer)} says. The
     * {@code Train} tool with {@code -format plain} stops so on Ctrl-C or SIGTERM.
     */
    public static DiffusionModel trainUntagged(String languageCode, ObjectStream<String[]> sentences,
            TrainingParameters params, DiffusionToolFactory factory, PrintStream log,
            java.util.function.Consumer<? super io.github.diffusionnlp.train.TrainingRun> running) throws IOException {
        return ModelTraining.trainUntagged(languageCode, sentences, params, factory, log, running);
    }

    /** The model a training run wrote to {@code dir}, its files read into memory so that the run's directory may go. */
    static DiffusionModel fromTraining(Path dir, String language, DiffusionToolFactory factory) throws IOException {
        DiffusionModel model = new DiffusionModel(dir, language, factory, null, Precision.FP32, LibrarySettings.UNSAID);
        for (String name : PACKAGE_FILES) {
            if (model.artifactMap.get(name) instanceof Path file) {
                model.artifactMap.put(name, Files.readAllBytes(file));
            }
        }
        return model;
    }

    @Override
    protected void createArtifactSerializers(Map<String, ArtifactSerializer<?>> serializers) {
        super.createArtifactSerializers(serializers);
        ModelFileSerializer files = new ModelFileSerializer();
        for (String name : PACKAGE_FILES) {
            serializers.put(name.substring(name.lastIndexOf('.') + 1), files);
        }
    }

    @Override
    protected void validateArtifactMap() throws InvalidFormatException {
        super.validateArtifactMap();
        for (String name : MODEL_FILES) {
            Object artifact = artifactMap.get(name);
            if (!(artifact instanceof byte[]) && !(artifact instanceof Path)) {
                throw new InvalidFormatException("the model package has no " + name);
            }
        }
        if (!(toolFactory instanceof DiffusionToolFactory)) { // not getFactory(): its cast would throw first
            throw new InvalidFormatException("the model package's manifest names "
                    + (toolFactory == null ? "no tool factory" : "the tool factory " + toolFactory.getClass().getName())
                    + ", not " + DiffusionToolFactory.class.getName() + ": it is not a diffusion model package");
        }
    }

    /**
     * The library settings a load may say beyond device and precision: the corpus n-gram fusion counts from and how
     * it is read, and the words the model never writes; nulls leave DiffusionLM's defaults.
     */
    private record LibrarySettings(Path corpus, CorpusLayout layout, MultiwordTokens multiword,
            Set<String> bannedWords) {
        static final LibrarySettings UNSAID = new LibrarySettings(null, null, null, null);

        DiffusionLM.Builder apply(DiffusionLM.Builder builder) {
            if (bannedWords != null) {
                builder.optBannedWords(bannedWords);
            }
            // a line that does not fit names the tool's parameter (the builder's optNgramCorpusReading), not core's
            // --layout
            return builder.optNgramCorpus(corpus).optNgramCorpusReading(layout, multiword)
                    .optNgramLayoutOption(LayoutOption.parameter("-ngramLayout"));
        }
    }

    /** Writes a package's artifacts to a temporary directory, loads it with core's checks, removes it. */
    private DiffusionLM openPackage(String logName, Device device, Precision precision, LibrarySettings library)
            throws IOException {
        // deleted when the load ends and, should the JVM be stopped meanwhile (SIGTERM, Ctrl-C), by a shutdown hook:
        // a finally block alone never ran then, and the unpacked model stayed in the temp directory
        try (ScratchDirectory scratch = new ScratchDirectory("diffusion-model")) {
            Path tmp = scratch.path();
            return openPackage(tmp, logName, device, precision, library);
        }
    }

    /** {@link #openPackage} in {@code tmp}, which it deletes afterwards. */
    private DiffusionLM openPackage(Path tmp, String logName, Device device, Precision precision,
            LibrarySettings library) throws IOException {
        try {
            for (String name : PACKAGE_FILES) {
                Object artifact = artifactMap.get(name);
                if (artifact instanceof byte[] bytes) {
                    Files.write(tmp.resolve(name), bytes);
                }
            }
            // a package made before packages carried the lexicon: its config may record the model directory's
            ModelCheckpoint.forgetMissingTagLexicon(tmp);
            return library.apply(DiffusionLM.builder().optModel(tmp).optModelName(logName).optDevice(device)
                    .optPrecision(precision)).build();
        } catch (IOException | RuntimeException e) {
            InvalidFormatException named = entryError(e, tmp, logName);
            if (named != null) {
                throw named;
            }
            throw e;
        }
    }

    /**
     * Null, or, where {@code e} names a file of the temporary directory a package was unpacked into (a path that
     * means nothing to the user and is gone once the load fails), the same problem named by the package's entry:
     * "package my.bin: its entry config.json: not a valid model config (...)". Core's message already holds the
     * first line of its cause (a JSON parser's, whose next line is its internals), so the cause is kept only as
     * suppressed, for stack traces.
     */
    private static InvalidFormatException entryError(Exception e, Path tmp, String packageName) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InvalidModelException invalid && invalid.file() != null
                    && invalid.file().toAbsolutePath().startsWith(tmp.toAbsolutePath())) {
                String problem = invalid.getMessage().substring(invalid.file().toString().length()).strip()
                        // the directory is a temporary one, gone after the load: the package is what to restore
                        .replace("restore the directory from a copy", REMEDY.replace("copy it", "copy the package"));
                InvalidFormatException named = new InvalidFormatException(packageName + ": its entry "
                        + tmp.relativize(invalid.file()) + ": " + problem);
                named.addSuppressed(e);
                return named;
            }
        }
        return null;
    }

    /**
     * The library model the tools sample from (thread-safe), this model's own: {@link #close()} closes it too,
     * once its calls in flight (yours on it as well as the tools') have returned their answers. Its calls after
     * that fail with {@link ModelClosedException} "this DiffusionLM has been closed (model ...)", as core's do;
     * what holds no native memory ({@link DiffusionLM#info()}, {@link DiffusionLM#vocabulary()}) stays readable.
     *
     * @throws ModelClosedException "this DiffusionModel has been closed (model ...)", once a close has begun
     */
    public DiffusionLM getDiffusionLM() {
        return lifecycle.whileOpen(() -> lm);
    }

    /** What a call once {@link #close()} has begun fails with: the package or directory, as the load logged it. */
    private ModelClosedException closedError() {
        return new ModelClosedException("DiffusionModel", lm.name());
    }

    /** Runs a tool's call on the library model: {@link #close()} waits for it; after close, it fails. */
    <T> T sample(Function<DiffusionLM, T> call) {
        return lifecycle.whileOpen(() -> call.apply(lm));
    }

    public DiffusionToolFactory getFactory() {
        return (DiffusionToolFactory) toolFactory;
    }

    /**
     * Size, vocabulary and training of the model (the directory of a package is a removed temporary one).
     *
     * @throws ModelClosedException "this DiffusionModel has been closed (model ...)", once a close has begun: the
     *     tools read it when they are made, and one made on a closed model should say so then, not at its first call
     */
    public ModelInfo getInfo() {
        return lifecycle.whileOpen(lm::info);
    }

    /**
     * Refuses Java serialization, which {@link BaseModel} being {@code Serializable} allows: it wrote the whole
     * package (27 MB for the shipped model) and read back a model without its network or lifecycle (transient), whose
     * first tool call threw a NullPointerException. A model moves as its package, data read by {@link
     * #load(Path)}, never as Java objects read from a stream.
     */
    private Object writeReplace() throws java.io.ObjectStreamException {
        throw new java.io.NotSerializableException(getClass().getName() + " is not written by Java serialization:"
                + " write its package with serialize(OutputStream) (or serialize(Path)) and read it with"
                + " DiffusionModel.load(Path) or new DiffusionModel(InputStream)");
    }

    /**
     * Refuses a model Java-serialized by a build before {@link #writeReplace}: read back, it had no network or
     * lifecycle (transient), and its first tool call threw a NullPointerException. Model files are data, read by
     * {@link #load(Path)}; OpenNLP's {@code BaseModel.deserialize} already refuses the class by its filter, a plain
     * {@code ObjectInputStream} reached this. It runs once {@code BaseModel.readObject} has read the stream's
     * package, which is then dropped.
     */
    private void readObject(java.io.ObjectInputStream in) throws IOException {
        throw new java.io.InvalidObjectException(getClass().getName() + " is not read by Java serialization (a stream"
                + " an older build wrote): load the model's package with new DiffusionModel(Path) or"
                + " DiffusionModel.load(Path), written by serialize(OutputStream) or the Package tool");
    }

    @Override
    public void close() {
        lifecycle.close(lm::close);
    }

    /** The model's files as package artifacts: bytes read from a package, or files of a directory. */
    static final class ModelFileSerializer implements ArtifactSerializer<Object> {
        @Override
        public Object create(InputStream in) throws IOException {
            return in.readAllBytes();
        }

        @Override
        public void serialize(Object artifact, OutputStream out) throws IOException {
            if (artifact instanceof byte[] bytes) {
                out.write(bytes);
            } else if (artifact instanceof Path file) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                    in.transferTo(out);
                }
            } else {
                throw new IOException("not a model file artifact: " + artifact);
            }
        }
    }
}
