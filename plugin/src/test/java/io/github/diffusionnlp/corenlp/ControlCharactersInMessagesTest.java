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

    private static void assertShown(String message) {
        assertFalse(message.contains("\u001B") || message.contains("\u0000") || message.contains("\n"), message);
    }
}
