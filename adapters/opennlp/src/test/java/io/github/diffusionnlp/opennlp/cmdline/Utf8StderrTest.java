package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's main wrote its own messages as UTF-8 but left {@link System#err} to the locale, and SLF4J's lines (the
 * model's, DJL's) go there: under {@code LANG=C} the model's path "modèle" was logged as "mod?le", against the root
 * README's "every tool reads and writes UTF-8 whatever the locale".
 */
class Utf8StderrTest {
    @Test
    void logLinesAreUtf8UnderAnAsciiDefaultCharset(@TempDir Path tmp) throws Exception {
        Path model = Files.createSymbolicLink(tmp.resolve("modèle"), TestModels.tinyModel().toAbsolutePath());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Dfile.encoding=US-ASCII",
                "-Dsun.stdout.encoding=US-ASCII", "-Dsun.stderr.encoding=US-ASCII", "-cp",
                System.getProperty("java.class.path"), DiffusionNlpTool.class.getName(), "Infill", "-tokenized",
                "-steps", "1", "-model", model.toString());
        builder.environment().put("LC_ALL", "C.UTF-8"); // file names stay UTF-8; the console's charset is ASCII
        Process child = builder.redirectErrorStream(true).start();
        String said;
        try {
            child.getOutputStream().write("The [MASK] was late .\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().close();
            said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
            Files.delete(model); // the link, before JUnit warns of one that leaves its temporary directory
        }
        assertEquals(0, child.exitValue(), said);
        assertTrue(said.contains("diffusion-nlp: model ") && said.contains("modèle"), said);
    }
}
