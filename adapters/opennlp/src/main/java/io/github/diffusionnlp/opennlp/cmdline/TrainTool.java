package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.cli.StopOnSignal;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.DiffusionToolFactory;
import io.github.diffusionnlp.train.TrainingRun;
import io.github.diffusionnlp.train.TrainingStopped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import opennlp.tools.cmdline.TerminateToolException;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.TrainingParameters;

/**
 * {@code Train}: trains a model from OpenNLP POS training data ({@code word_TAG} tokens, a sentence a line) or, with
 * {@code -format plain}, from untagged whitespace-tokenized sentences, and writes it as a model package, as OpenNLP's
 * own {@code XTrainer} tools do. Progress goes to stderr. Ctrl-C or
 * SIGTERM ends the run after the step it is in, with a checkpoint of that step, as core's {@code train} does.
 */
final class TrainTool extends CmdTool<Params.TrainParams> {
    TrainTool() {
        super(Params.TrainParams.class);
    }

    @Override
    String name() {
        return "Train";
    }

    @Override
    String description() {
        return "Trains a model on word_TAG sentences (-format plain: untagged ones) and writes it as a model package.";
    }

    /** The {@code -format} values: {@code word_TAG} lines, and untagged whitespace-tokenized ones. */
    static final List<String> FORMATS = List.of("tagged", "plain");

    @Override
    void run(Params.TrainParams p, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Path data = readableFile("-data", p.getData());
        Path model = packageFile("-model", p.getModel());
        requireNotSame("-model", p.getModel(), model, data, "the -data file");
        Charset charset = charset("-encoding", p.getEncoding());
        String format = p.getFormat().strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw badParameter("-format " + Visible.of(p.getFormat()) + ": not a data format; allowed: "
                    + String.join(", ", FORMATS));
        }
        boolean plain = format.equals("plain");
        TrainingParameters given = new TrainingParameters();
        if (p.getParams() != null) {
            Path file = Path.of(p.getParams());
            try {
                given = readParams(file);
            } catch (IllegalArgumentException e) { // not UTF-8, or Properties' "Malformed \\uxxxx encoding."
                throw badParameter("-params " + Visible.of(p.getParams()) + ": " + e.getMessage());
            } catch (IOException e) {
                throw badParameter("-params " + Visible.of(p.getParams()) + ": cannot be read (" + message(e)
                        + ")");
            }
        }
        TrainingParameters params = given;
        if (isCheckpointDir(given, model)) { // the run trained into it, then could not write the package over it
            throw badParameter("-model " + Visible.of(p.getModel()) + ": is the CheckpointDir of -params, the"
                    + " directory the run trains in; give another file to write");
        }
        String untagged = "; untagged text (tokens separated by white space, a sentence a line) trains with -format"
                + " plain";
        String lang = checked("-lang", () -> DiffusionModel.checkedLanguage(p.getLang())); // not as "-params: "
        // Ctrl-C or SIGTERM: while the data is read, the reading stops; once the run has begun, it ends after its
        // step, with a checkpoint of it, as core's train does
        StopReadingOnSignal reading = StopReadingOnSignal.register(err);
        AtomicReference<StopOnSignal> signals = new AtomicReference<>();
        Consumer<TrainingRun> running = run -> {
            try {
                signals.set(StopOnSignal.of(run)); // first: no moment without a hook
            } catch (IllegalStateException shuttingDown) {
                // a signal came while the data was read or written out: the reading hook holds the JVM
            }
            if (reading.handOver()) {
                throw new StopReadingOnSignal.StoppedBeforeTraining();
            }
        };
        DiffusionToolFactory factory = new DiffusionToolFactory();
        try (BufferedReader reader = Files.newBufferedReader(data, charset);
                DiffusionModel trained = plain
                        ? train(stoppable(new PlainLines(reader, data, charset, err), reading), lines ->
                                DiffusionModel.trainUntagged(lang, lines, params, factory, err, running),
                                () -> signals.get() != null)
                        : train(stoppable(new WordTagLines(reader, data, charset, untagged), reading), samples ->
                                DiffusionModel.train(lang, samples, params, factory, err, running),
                                () -> signals.get() != null)) {
            writePackage(trained, model);
            err.printf(Locale.ROOT, "Wrote the model package to %s (%.1f MB)%n",
                    Visible.of(model), Files.size(model) / 1e6);
        } catch (TrainingStopped stopped) {
            // said before the hook lets the JVM go (closing it), or the exit could come first
            err.println(stoppedBySignal(stopped));
            err.flush();
            throw new TerminateToolException(STOPPED, null);
        } catch (StopReadingOnSignal.ReadingStopped | StopReadingOnSignal.StoppedBeforeTraining stopped) {
            // the library has removed a temporary training directory; a CheckpointDir holds no checkpoint yet
            err.println(stopped.getMessage() + "; nothing was trained and no model package was written");
            err.flush();
            throw new TerminateToolException(STOPPED, null);
        } finally {
            reading.close();
            if (signals.get() != null) {
                signals.get().close(); // the JVM, if a signal is ending it, exits now (130 or 143)
            }
        }
    }

    /** Whether {@code params}' CheckpointDir is {@code file}; a path Java cannot take is the library's to refuse. */
    private static boolean isCheckpointDir(TrainingParameters params, Path file) {
        Object dir = params.getObjectSettings().get("CheckpointDir");
        try {
            return dir != null && Path.of(dir.toString()).toAbsolutePath().normalize().equals(file.normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static <L extends DataLines<?>> L stoppable(L lines, StopReadingOnSignal reading) {
        lines.stopWhen(reading::signalled);
        return lines;
    }

    /** Exit code of a run stopped by Ctrl-C or SIGTERM, which the JVM ends with 130 or 143 itself. */
    static final int STOPPED = 130;

    /**
     * Where a run stopped by a signal stopped: in a CheckpointDir, the same command goes on from that step; a
     * temporary directory is removed with its checkpoint, and CheckpointDir is the way to keep one. A run stopped
     * during its start-up has saved nothing, and a resumed CheckpointDir is as it was.
     */
    static String stoppedBySignal(TrainingStopped stopped) {
        if (stopped.startUpPhase() != null) { // before its first step: nothing trained or saved
            return "stopped by signal during start-up (" + stopped.startUpPhase() + "); nothing was trained and no"
                    + " model package was written" + (stopped.step() > 0 ? "; the checkpoint in "
                    + Visible.of(stopped.output()) + " (step " + stopped.step() + ") is untouched, and the same command"
                    + " continues from it" : "");
        }
        if (Files.isDirectory(stopped.output())) {
            return "stopped by signal at step " + stopped.step() + ", with a checkpoint of it in "
                    + Visible.of(stopped.output()) + "; the same command continues (its CheckpointDir is resumed"
                    + " unasked)";
        }
        return "stopped by signal at step " + stopped.step() + "; no model package was written, and the run's"
                + " temporary directory is removed with its checkpoint: give CheckpointDir=DIR among the training"
                + " parameters to keep checkpoints and resume from them";
    }

    /**
     * The {@code -params} file as properties read as UTF-8, as every other file of these tools: OpenNLP's {@code
     * TrainingParameters(InputStream)} reads ISO-8859-1 ({@code Properties.load(InputStream)}), so {@code
     * CheckpointDir=/tmp/chéckpoint} silently became {@code chÃ©ckpoint}. Escapes (backslash, u, four hex digits)
     * still work, and a leading byte-order mark is dropped.
     *
     * @throws IllegalArgumentException when a byte is not UTF-8 (its message names the line), or for a namespaced key
     */
    static TrainingParameters readParams(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(in).toString(); // a new decoder reports bad bytes
        } catch (CharacterCodingException e) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IllegalArgumentException("not UTF-8 (line " + line + " holds a byte that is not); save it as"
                    + " UTF-8, or write the character as \\uXXXX");
        }
        if (text.startsWith("\uFEFF")) { // a byte-order mark ("UTF-8 with BOM"): not part of the first key
            text = text.substring(1);
        }
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        for (String key : properties.stringPropertyNames()) {
            // checked here too: the library finds such keys by reading OpenNLP's private map, which may fail
            if (key.contains(".")) {
                String bare = key.substring(key.lastIndexOf('.') + 1);
                throw new IllegalArgumentException("namespaced training parameter '" + Visible.of(key) + "': Train"
                        + " trains one model and reads no namespaces; give it without its prefix ("
                        + Visible.of(bare + "=" + properties.getProperty(key)) + ")");
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
        return new TrainingParameters(settings);
    }

    /** A training run on the lines of {@code -data}. */
    @FunctionalInterface
    interface Training<L extends DataLines<?>> {
        DiffusionModel on(L lines) throws IOException;
    }

    /**
     * Trains, each {@link IllegalArgumentException} labelled by where it arose: the library checks its parameters
     * before it reads a sentence ({@code DiffusionModel.train}'s contract), so one raised before {@code lines} were
     * read is a {@code -params} problem; one raised while they were read and written out, before the run began (a
     * word core's corpus writer would not read back), is the data's; one from the run itself ({@code runStarted}: the
     * trainer was handed over) is the training's. All three were "-params: ", a word of data included.
     */
    <L extends DataLines<?>> DiffusionModel train(L lines, Training<L> training, BooleanSupplier runStarted)
            throws IOException {
        try {
            return training.on(lines);
        } catch (IllegalArgumentException e) {
            if (!lines.begun()) {
                throw badParameter("-params: " + e.getMessage());
            }
            if (!runStarted.getAsBoolean()) {
                throw new TerminateToolException(BAD_PARAMETERS, "-data " + Visible.of(lines.file()) + ": "
                        + e.getMessage());
            }
            throw new TerminateToolException(FAILED, "training failed: " + e.getMessage(), e);
        } catch (InvalidFormatException e) {
            if (lines.isEmptyFile() || lines instanceof PlainLines && lines.ended()) {
                // the library's "the training samples hold no sentences" knows no file; plain lines of no-break
                // spaces only are read to the end, as blank as an empty file
                throw new TerminateToolException(BAD_PARAMETERS, "-data " + Visible.of(lines.file()) + ": no "
                        + (lines instanceof PlainLines ? "sentence to train on (the file is empty or has only blank"
                        + " or # comment lines); give one sentence a line, tokens separated by spaces, e.g. The jury"
                        + " said ."
                        : "word_TAG sentence to train on (the file is empty or has only blank lines); give one"
                        + " sentence a line, e.g. The_DET jury_NOUN said_VERB ._PUNCT"));
            }
            throw new TerminateToolException(BAD_PARAMETERS, "-data: " + e.getMessage());
        }
    }
}
