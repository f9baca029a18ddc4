package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The jar's main answers {@code -version}, which neither of CoreNLP's mains has. */
class VersionTest {
    @Test
    void versionNamesThisJarCoreNlpAndJava() {
        for (String[] args : new String[][] {{"-version"}, {"--version"}, {"server", "-version"}, {"-props", "x", "-version"}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(DiffusionCoreNLP.printedVersion(args, new PrintStream(out, true, StandardCharsets.UTF_8)),
                    String.join(" ", args));
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals(2, lines.length, out.toString(StandardCharsets.UTF_8));
            // tests run from target/classes, without a manifest: this jar's version says so; CoreNLP's is its jar's
            assertTrue(lines[0].startsWith("diffusion-nlp-corenlp (version unknown: run from "), lines[0]);
            assertTrue(lines[0].matches(".* \\(Stanford CoreNLP \\d+\\.\\d+\\.\\d+\\)"), lines[0]);
            assertTrue(lines[1].startsWith("Java " + System.getProperty("java.version")), lines[1]);
        }
    }

    @Test
    void otherArgumentsGoToCoreNlp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertFalse(DiffusionCoreNLP.printedVersion(new String[] {"-props", "infill.properties", "-file", "in.txt"},
                new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals(0, out.size());
    }
}
