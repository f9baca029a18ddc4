package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --version}: the built jar's version, for the tool and each of its commands. */
class ManifestVersionTest {
    @TempDir
    Path dir;

    @Test
    void readsTheImplementationVersionOfTheJar() throws IOException {
        Path jar = JarVersionTest.jarWithManifest(dir, "Implementation-Version", "1.2.3-SNAPSHOT");
        assertEquals("diffusion-nlp 1.2.3-SNAPSHOT",
                new ManifestVersion("diffusion-nlp", new JarVersion(jar)).getVersion()[0]);
    }

    /** Picocli printed "diffusion-nlp 0.1.0" (a literal) for the tool and an empty line for {@code infill --version}. */
    @Test
    void everyCommandAnswersVersion() {
        for (String[] args : new String[][] {{"--version"}, {"infill", "--version"}, {"train", "-V"}}) {
            MainTest.Run run = MainTest.run("", args);
            assertEquals(0, run.code(), run.err());
            // tests run from target/classes, without a manifest: the version line says so
            assertTrue(run.out().startsWith("diffusion-nlp (version unknown: run from "), String.join(" ", args) + ": " + run.out());
            assertTrue(run.out().contains("\nJava " + System.getProperty("java.version")), run.out());
        }
    }
}
