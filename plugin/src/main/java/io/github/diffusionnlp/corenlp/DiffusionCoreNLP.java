package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.io.FileSequentialCollection;
import edu.stanford.nlp.io.RuntimeIOException;
import edu.stanford.nlp.pipeline.ProtobufAnnotationSerializer;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.pipeline.StanfordCoreNLPServer;
import edu.stanford.nlp.util.PropertiesUtils;
import edu.stanford.nlp.util.StringUtils;
import edu.stanford.nlp.util.SystemUtils;
import edu.stanford.nlp.util.logging.Redwood;
import io.github.diffusionnlp.api.OpenMpWaits;
import io.github.diffusionnlp.cli.FileErrors;
import io.github.diffusionnlp.cli.JarVersion;
import io.github.diffusionnlp.cli.JavaLocale;
import io.github.diffusionnlp.cli.Stdout;
import io.github.diffusionnlp.cli.ToolDefaults;
import io.github.diffusionnlp.corpus.Visible;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The jar's main class: CoreNLP's own command line with this plugin on the classpath.
 *
 * <pre>
 * java -jar diffusion-nlp-corenlp.jar -props infill.properties -file in.txt -outputFormat text   # StanfordCoreNLP
 * java -jar diffusion-nlp-corenlp.jar server -port 9000                                         # StanfordCoreNLPServer
 * java -jar diffusion-nlp-corenlp.jar -version                                                  # this jar's, CoreNLP's
 * and Java's versions
 * </pre>
 *
 * In {@code server} mode PyTorch runs one intra-op thread per request unless the user chose a count
 * ({@link ToolDefaults#oneIntraOpThreadForAServer}: measured faster through the server on few cores).
 *
 * <p>CoreNLP's pos, ner, parse and sentiment models are not in this jar: put
 * {@code stanford-corenlp-4.5.10-models.jar} on the classpath ({@code java -cp}) to use those annotators.
 */
public final class DiffusionCoreNLP {
    private DiffusionCoreNLP() {}

    public static void main(String[] args) throws Exception {
        Stdout.useUtf8(); // Java 17 writes the locale's charset: '?' for every non-ASCII character under LANG=C
        JavaLocale.exitIfLost(args, 1);
        ToolDefaults.offline(); // the PyTorch natives ship in lib/: never download, unless the user says so
        ToolDefaults.quietDjl(); // DJL's CUDA probe warns on every CPU machine; CoreNLP's own log lines stay
        OpenMpWaits.passive(); // before PyTorch's OpenMP starts: waiting threads sleep, not spin
        if (printedVersion(args, System.out)) {
            return;
        }
        if (args.length > 0 && args[0].equals("server")) {
            try {
                // read by each request's annotator, so a bad one refused every request with the operator's error
                // (HTTP 500) while the server started as if all were well: now it does not start
                ServerLimits.fromSystemProperties();
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                System.exit(1);
            }
            String threads = ToolDefaults.oneIntraOpThreadForAServer();
            if (threads != null) {
                System.err.println(threads);
            }
            StanfordCoreNLPServer.main(serverArgs(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        // a failure on a thread none of ours catches still ends the run as one on the main thread does (CoreNLP's
        // -threads workers, where that ended the thread alone and the run waited forever, now run in
        // CommandLinePipeline, which catches their failures)
        Thread.setDefaultUncaughtExceptionHandler(DiffusionCoreNLP::failedOnAThread);
        int code;
        try {
            code = run(args);
        } catch (RuntimeException e) {
            String line = errorLine(e);
            if (line == null) {
                throw e;
            }
            System.err.println(line);
            code = 1;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * StanfordCoreNLP's main, its files annotated by {@link CommandLinePipeline}: a document that fails leaves no
     * file, the others are written whole, and the failures are told at the end. Returns the exit code.
     */
    private static int run(String[] args) throws IOException, ClassNotFoundException {
        Properties props = args.length > 0 ? StringUtils.argsToProperties(args) : new Properties();
        if (props.containsKey("h") || props.containsKey("help")) {
            StanfordCoreNLP.main(args); // its help
            return 0;
        }
        registerByDefault(props);
        String unshown = unshownResults(props);
        if (unshown != null) {
            System.err.println("error: " + unshown);
            return 1;
        }
        CommandLinePipeline pipeline = new CommandLinePipeline(props);
        if (PropertiesUtils.getBool(props, "memoryUsage", false)) { // as CoreNLP's main says it
            System.gc();
            System.gc();
            Redwood.channels(StanfordCoreNLP.class).info("Finished loading pipeline.  Current memory usage: "
                    + SystemUtils.getMemoryInUse() + "mb");
        }
        pipeline.run(true);
        return pipeline.report(System.err);
    }

    private static final AtomicBoolean FAILED = new AtomicBoolean();

    /**
     * Ends the run on a failure that no caller caught, on any thread (not a {@code -threads} worker's, which
     * {@link CommandLinePipeline} catches and reports once the others are written): its {@link #errorLine}, or its
     * stack trace as Java prints it, then exit code 1.
     */
    static void failedOnAThread(Thread thread, Throwable e) {
        if (!FAILED.compareAndSet(false, true)) {
            return; // another thread's failure is ending the run: one message is enough
        }
        String line = errorLine(e);
        if (line != null) {
            System.err.println(line);
        } else {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace();
        }
        System.exit(1);
    }

    /**
     * The one {@code error:} line that tells the user what {@code e}, a failed run, means (the annotator's refusal, a
     * missing file, the protobuf serializer refusing our keys, a file system failure), or null where it is
     * CoreNLP's own failure, which its stack trace tells.
     */
    static String errorLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProtobufAnnotationSerializer.LossySerializationException) {
                return "error: CoreNLP's protobuf serializer cannot write the diffusion annotator's own annotations ("
                        + t.getMessage() + "); add -outputSerializer " + DiffusionProtobufSerializer.class.getName()
                        + ", which writes the document without them";
            }
        }
        String missing = missingFile(e);
        if (missing != null) {
            return "error: " + missing;
        }
        // CoreNLP wraps the annotator's own message in two reflection exceptions and a stack trace
        Throwable ours = annotatorError(e);
        String files = FileErrors.fileSystemFailure(e); // DJL's cache: "Failed to extract ...", where and why
        if (ours == null && files == null) {
            return null;
        }
        return "error: " + (ours == null ? files : ours.getMessage() == null ? ours
                : FileErrors.withCause(ours.getMessage(), ours));
    }

    private static final String NO_PROPERTIES = "argsToProperties could not read properties file: ";
    private static final String NO_INPUT = "File doesn't exist: ";

    /**
     * What to tell the user when {@code e} is StanfordCoreNLP's refusal of a {@code -props} or {@code -file} that
     * is not there (which it throws with a stack trace), or null. Recognised by CoreNLP's own wording and the class
     * that threw it: a {@code -file} named in a properties file is refused the same way.
     */
    static String missingFile(Throwable e) {
        String message = e.getMessage();
        if (message == null || e.getStackTrace().length == 0) {
            return null;
        }
        String thrower = e.getStackTrace()[0].getClassName();
        if (e instanceof RuntimeIOException && message.startsWith(NO_PROPERTIES)
                && thrower.equals(StringUtils.class.getName())) {
            // the name as given: a line break in it forged a line after the error line, an ESC sequence ran
            return "-props " + Visible.of(message.substring(NO_PROPERTIES.length()))
                    + ": no such file (nor a class path resource or URL of that name); give the path of a properties"
                    + " file";
        }
        if (e instanceof IllegalArgumentException && message.startsWith(NO_INPUT)
                && thrower.startsWith(FileSequentialCollection.class.getName())) {
            return "-file " + Visible.of(message.substring(NO_INPUT.length()))
                    + ": no such file or directory; give a text file, or a directory of them, to annotate";
        }
        return null;
    }

    /**
     * Why the run would write nothing of an annotator's results, or null: an annotator of ours in {@code props}'s
     * {@code annotators} with {@code NAME.replace = false} keeps them in its own annotations only, which none of
     * CoreNLP's output formats writes (they print a fixed list of keys), so such a run loaded the model, sampled and
     * wrote the document untouched (json), or failed in CoreNLP's text and conllu outputters on a document of
     * generated sentences alone. A custom outputter ({@code outputFormat = custom}) may print them, and a serializer
     * other than the protobuf ones writes them ({@link DiffusionSettings#writesOwnAnnotations}): those are let be.
     * A server request is refused the same way by the annotator itself, as its pipeline is built
     * ({@code DiffusionSettings}, for a request's settings).
     */
    static String unshownResults(Properties props) {
        String format = props.getProperty("outputFormat", StanfordCoreNLP.DEFAULT_OUTPUT_FORMAT).trim();
        if (DiffusionSettings.writesOwnAnnotations(format, props)) {
            return null;
        }
        // split as the pipeline splits the list (commas, spaces or tabs), as ConfiguredAnnotator reads it
        for (String name : props.getProperty("annotators", "").split("[,\\s]+")) {
            name = name.trim();
            String replace = props.getProperty(name + ".replace");
            if (!name.isEmpty() && DiffusionAnnotator.class.getName().equals(
                    props.getProperty("customAnnotatorClass." + name, "").trim())
                    && replace != null && replace.trim().equalsIgnoreCase("false")) {
                return Visible.of(name) + ".replace = false keeps the annotator's results only in its own"
                        + " annotations, which -outputFormat " + Visible.of(format) + " does not write (CoreNLP's"
                        + " outputters print a fixed list of keys): add -outputFormat custom -customOutputter "
                        + DiffusionJsonOutputter.class.getName() + " (or DiffusionTextOutputter), or leave "
                        + Visible.of(name) + ".replace at true to write the results into the document";
            }
        }
        return null;
    }

    /**
     * The registration this jar's main gives the annotator unless the user gives one: {@code diffusion}, the name
     * every example gives it, is ours ({@code -annotators tokenize,ssplit,diffusion} without it was CoreNLP's "No
     * annotator named diffusion" on the command line, and a server's "Could not handle incoming annotation").
     */
    static final String REGISTRATION = "customAnnotatorClass." + DiffusionSettings.USUAL_NAME;

    /**
     * Registers the annotator as {@code diffusion} in the command line's {@code props} ({@code -props} read in)
     * unless they register that name already, marked {@link DiffusionSettings#REGISTERED_BY_DEFAULT}.
     */
    static void registerByDefault(Properties props) {
        if (props.getProperty(REGISTRATION) == null) {
            props.setProperty(REGISTRATION, DiffusionAnnotator.class.getName());
            props.setProperty(DiffusionSettings.REGISTERED_BY_DEFAULT, "true");
        }
    }

    /**
     * The server's arguments, with {@link DiffusionProtobufSerializer} as its default {@code outputSerializer}
     * unless one is given: CoreNLP's own refuses the annotator's keys, so a protobuf request
     * ({@code outputFormat=serialized}, what stanza's client sends, naming no serializer the server reads)
     * failed with HTTP 500 "Keys are not being serialized". Ours writes what the stock one writes for documents
     * the annotator did not touch. A request's own {@code outputSerializer}, and a {@code -props} file's, still
     * win (CoreNLP reads them over these arguments). The annotator is registered as {@code diffusion}
     * ({@link #REGISTRATION}) in the server's default properties unless the arguments, their {@code -props} or
     * their {@code -serverProperties} register that name (CoreNLP reads these arguments over that file's),
     * marked {@link DiffusionSettings#REGISTERED_BY_DEFAULT}; a request's own registration wins as any of its
     * properties does.
     */
    static String[] serverArgs(String[] args) {
        List<String> withDefaults = new ArrayList<>(Arrays.asList(args));
        if (Arrays.stream(args).noneMatch(a -> a.replaceFirst("^-+", "").startsWith(OUTPUT_SERIALIZER))) {
            // -outputSerializer X, --outputSerializer=X
            withDefaults.addAll(List.of("-" + OUTPUT_SERIALIZER, DiffusionProtobufSerializer.class.getName()));
        }
        if (!registeredForTheServer(args)) {
            withDefaults.addAll(List.of("-" + REGISTRATION, DiffusionAnnotator.class.getName(),
                    "-" + DiffusionSettings.REGISTERED_BY_DEFAULT, "true"));
        }
        return withDefaults.toArray(String[]::new);
    }

    /**
     * Whether the server's {@code args} register {@link #REGISTRATION}, read as CoreNLP's server reads them: its
     * properties by {@code StringUtils.argsToProperties} ({@code -props FILE} read in), its {@code -serverProperties}
     * option in any case ({@code ArgumentParser}). Arguments or a file CoreNLP cannot read count as registering it:
     * the server refuses them itself, as it did.
     */
    private static boolean registeredForTheServer(String[] args) {
        try {
            Properties props = StringUtils.argsToProperties(args);
            if (props.getProperty(REGISTRATION) != null) {
                return true;
            }
            String file = null;
            for (String key : props.stringPropertyNames()) {
                if (key.equalsIgnoreCase(SERVER_PROPERTIES)) {
                    file = props.getProperty(key);
                }
            }
            return file != null && StringUtils.argsToProperties("-props", file).getProperty(REGISTRATION) != null;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static final String OUTPUT_SERIALIZER = "outputSerializer";
    private static final String SERVER_PROPERTIES = "serverProperties";

    /**
     * {@code -version} (or {@code --version}, anywhere, {@code server} mode too): prints this jar's version
     * (its manifest's, {@link JarVersion}), the CoreNLP it runs (the {@code Implementation-Version} of
     * CoreNLP's own jar) and the Java, and returns true. Neither of CoreNLP's mains has a version option:
     * StanfordCoreNLP read {@code -version} as a property and went on to build its default pipeline (without
     * the models jar, a stack trace: "Could not find properties file in the classpath").
     */
    static boolean printedVersion(String[] args, PrintStream out) {
        if (Arrays.stream(args).noneMatch(a -> a.equals("-version") || a.equals("--version"))) {
            return false;
        }
        out.println("diffusion-nlp-corenlp " + JarVersion.of(DiffusionCoreNLP.class).version()
                + " (Stanford CoreNLP " + JarVersion.of(StanfordCoreNLP.class).version() + ")");
        out.println(JarVersion.runtime());
        out.flush();
        return true;
    }

    /**
     * The error the annotator raised among {@code e}'s causes (bad settings, a model that cannot be loaded: its
     * message says what is wrong and how to fix it), or null when CoreNLP failed on its own.
     */
    static Throwable annotatorError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RuntimeException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("io.github.diffusionnlp.")) {
                return t;
            }
            // CoreNLP's own check of a pipeline's order ("annotator "diffusion" requires annotation ...") is a
            // configuration error too, worded for the user
            if (t instanceof IllegalArgumentException && t.getMessage() != null
                    && t.getMessage().startsWith("annotator \"") && t.getMessage().contains(" requires annotation ")) {
                return t;
            }
        }
        return null;
    }
}
