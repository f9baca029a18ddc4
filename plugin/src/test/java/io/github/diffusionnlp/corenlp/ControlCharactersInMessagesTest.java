package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.Visible;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The annotator's own refusals named a model directory and the server's path setting raw (audit h193): a line break
 * in the name split the message CoreNLP logs, an ESC sequence ran in the operator's terminal.
 */
@Isolated
class ControlCharactersInMessagesTest {
    private static final String FORGING = "\u001B]0;OWNED\u0007\u001B[2J\nERROR forged";
    private static final String SHOWN = "<U+001B>]0;OWNED<U+0007><U+001B>[2J<U+000A>ERROR forged";

    @Test
    void aModelThatCannotBeLoadedIsNamedVisibly(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("m" + FORGING));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SharedModels.get(model, null));
        assertTrue(e.getMessage().startsWith("cannot load the diffusion model " + Visible.of(model.toAbsolutePath())
                + ": "), e.getMessage());
        assertShown(e.getMessage());
    }

    @Test
    void aServerPathThatIsNoneIsQuotedVisibly() {
        String paths = "/srv/" + FORGING + "\u0000x";
        System.setProperty(ServerLimits.PATHS, paths);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ServerLimits::fromSystemProperties);
            assertTrue(e.getMessage().contains("'/srv/" + SHOWN + "<U+0000>x' is not a path"), e.getMessage());
            assertShown(e.getMessage());
        } finally {
            System.clearProperty(ServerLimits.PATHS);
        }
    }

    @Test
    void anNgramCorpusThatIsNoneIsNamedVisibly(@TempDir Path tmp) {
        Path corpus = tmp.resolve("c" + FORGING + ".conllu");
        Properties props = new Properties();
        props.setProperty("diffusion.ngramWeight", "0.5");
        props.setProperty("diffusion.ngramCorpus", corpus.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionSettings.read("diffusion", props));
        assertTrue(e.getMessage().contains("; " + Visible.of(corpus.toAbsolutePath()) + " is not one"), e.getMessage());
        assertShown(e.getMessage());
    }

    /**
     * The command line's summary of the documents that failed named their files raw (audit h193): a line break in a
     * file's name forged a line of its own after "error: not written: ".
     */
    @Test
    void aFailedDocumentsFileIsNamedVisibly(@TempDir Path tmp) throws Exception {
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize");
        props.setProperty("continueOnAnnotateError", "true");
        CommandLinePipeline pipeline = new CommandLinePipeline(props);
        java.io.File file = tmp.resolve("d" + FORGING + ".txt").toFile();
        java.lang.reflect.Method failed = CommandLinePipeline.class.getDeclaredMethod("failed", java.io.File.class,
                Throwable.class);
        failed.setAccessible(true);
        failed.invoke(pipeline, file, new IllegalStateException("the document failed"));
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        pipeline.report(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        String err = said.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(err.contains("error: not written: " + Visible.of(file.getPath()) + " (its document failed)"), err);
        assertFalse(err.contains("\u001B") || err.contains("\nERROR forged"), err);
    }

    /**
     * The annotator's name is the operator's ({@code customAnnotatorClass.NAME}, the prefix of its properties), and
     * was written raw in every refusal of a property and in the server's limits: a line break in it split the
     * message CoreNLP logs or sends.
     */
    @Test
    void theAnnotatorsNameIsQuotedVisibly() {
        String name = "d" + FORGING;
        String shown = "d" + SHOWN;
        Properties props = new Properties();
        props.setProperty(name + ".steps", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionSettings.read(name, props));
        assertTrue(e.getMessage().startsWith("annotator \"" + shown + "\": bad " + shown + ".steps = 'x'"),
                e.getMessage());
        assertShown(e.getMessage());

        Properties unknown = new Properties();
        unknown.setProperty(name + ".stepz", "4");
        e = assertThrows(IllegalArgumentException.class, () -> DiffusionSettings.read(name, unknown));
        assertTrue(e.getMessage().contains("did you mean " + shown + ".steps?"), e.getMessage());
        assertShown(e.getMessage());

        Properties fusion = new Properties();
        fusion.setProperty(name + ".ngramLayout", "plain");
        e = assertThrows(IllegalArgumentException.class, () -> DiffusionSettings.read(name, fusion));
        assertTrue(e.getMessage().contains("only with " + shown + ".ngramWeight above 0"), e.getMessage());
        assertShown(e.getMessage());
    }

    /** The checks against the model, made as the annotator is (its length), name it as the settings' do. */
    @Test
    void theAnnotatorsNameIsQuotedVisiblyInTheModelsChecks() {
        String name = "g" + FORGING;
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit," + name);
        props.setProperty(name + ".task", "generate");
        props.setProperty(name + ".length", "9999");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiffusionAnnotator(name, props));
        assertTrue(e.getMessage().startsWith("annotator \"g" + SHOWN + "\": bad g" + SHOWN + ".length = '9999'"),
                e.getMessage());
        assertShown(e.getMessage());
    }

    /** A server's refusals of a request: a path it may not read, too much work, its deadline passed. */
    @Test
    void theServersRefusalsQuoteTheAnnotatorVisibly(@TempDir Path tmp) {
        String name = "s" + FORGING;
        String shown = "s" + SHOWN;
        System.setProperty(ServerLimits.PATHS, tmp.toString());
        ServerLimits limits;
        try {
            limits = ServerLimits.fromSystemProperties();
        } finally {
            System.clearProperty(ServerLimits.PATHS);
        }
        String elsewhere = "/elsewhere/" + FORGING;
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> limits.requireAllowed(name, "model", elsewhere, Path.of(elsewhere), false));
        assertTrue(path.getMessage().startsWith("annotator \"" + shown + "\": bad " + shown + ".model = '/elsewhere/"
                + SHOWN + "'; allowed in a server request"), path.getMessage());
        assertShown(path.getMessage());

        IllegalArgumentException work = assertThrows(IllegalArgumentException.class,
                () -> limits.requireWork(name, 1_000_000, 0, 1, "PERSON" + FORGING, 3, 64, 1, true, 1));
        assertTrue(work.getMessage().startsWith("annotator \"" + shown + "\": this request asks for "),
                work.getMessage());
        assertTrue(work.getMessage().contains(" x " + shown + ".steps 64"), work.getMessage());
        assertShown(work.getMessage());

        IllegalStateException late;
        try (RequestDeadline deadline = new RequestDeadline(1000)) { // closed: it interrupts no thread of the tests
            late = deadline.exceeded(name, null);
        }
        assertTrue(late.getMessage().startsWith("annotator \"" + shown + "\": stopped after 1000 ms"),
                late.getMessage());
        assertShown(late.getMessage());
    }

    private static void assertShown(String message) {
        assertFalse(message.contains("\u001B") || message.contains("\u0000") || message.contains("\n"), message);
    }
}
