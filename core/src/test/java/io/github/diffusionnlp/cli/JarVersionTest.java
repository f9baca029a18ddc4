package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version every tool prints: the {@code Implementation-Version} of the jar a class came from. */
class JarVersionTest {
    @TempDir
    Path dir;

    @Test
    void readsTheImplementationVersionOfTheJar() throws IOException {
        Path jar = jarWithManifest(dir, "Implementation-Version", "1.2.3-SNAPSHOT");
        assertEquals("1.2.3-SNAPSHOT", new JarVersion(jar).version());
    }

    @Test
    void saysWhyWhenThereIsNoVersionToRead() throws IOException {
        Path jar = jarWithManifest(dir, "Main-Class", "x.Y");
        assertTrue(new JarVersion(jar).version().contains("has no Implementation-Version"));
        assertTrue(new JarVersion(dir).version().contains("not from a built jar"));
    }

    /** A class from a dependency's jar: picocli's own manifest names its version. */
    @Test
    void findsTheJarAClassCameFrom() {
        assertEquals(picocli.CommandLine.VERSION, JarVersion.of(picocli.CommandLine.class).version());
    }

    static Path jarWithManifest(Path dir, String name, String value) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(name, value);
        Path jar = dir.resolve("tool.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
