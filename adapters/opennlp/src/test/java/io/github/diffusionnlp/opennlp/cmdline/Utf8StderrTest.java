package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import io.github.diffusionnlp.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's main wrote its own messages as UTF-8 but left {@link System#err} to the locale, and SLF4J's lines (the
 * model's, DJL's) go there: under {@code LANG=C} the model's path "modèle" was logged as "mod?le", against docs/cli.md's
 * "every tool reads and writes UTF-8 whatever the locale".
 */
class Utf8StderrTest {
    @Test
    void logLinesAreUtf8UnderAnAsciiDefaultCharset(@TempDir Path tmp) throws Exception {
        Path model = Files.createSymbolicLink(tmp.resolve("modèle"), TestModels.tinyModel().toAbsolutePath());
        ProcessBuilder builder = ChildJvm.command(List.of("-Dfile.encoding=US-ASCII", "-Dsun.stdout.encoding=US-ASCII",
                "-Dsun.stderr.encoding=US-ASCII"), DiffusionNlpTool.class, "Infill", "-tokenized", "-steps", "1",
                "-model", model.toString());
        builder.environment().put("LC_ALL", "C.UTF-8"); // file names stay UTF-8; the console's charset is ASCII
        ChildJvm.Run r;
        try {
            r = ChildJvm.run(builder, "The [MASK] was late .\n", Duration.ofSeconds(120));
        } finally {
            Files.delete(model); // the link, before JUnit warns of one that leaves its temporary directory
        }
        String said = r.said();
        assertEquals(0, r.code(), said);
        assertTrue(said.contains("diffusion-nlp: model ") && said.contains("modèle"), said);
    }
}
