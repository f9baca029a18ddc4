package io.github.diffusionnlp.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The {@code Implementation-Version} of the jar a class was loaded from (the root pom has maven-jar-plugin
 * write it from the project's version), so that a tool prints the version built and never a literal left
 * behind in the source ("0.1.0" was printed by a 0.1.0-SNAPSHOT build). Run from a directory of classes
 * (tests, an IDE) there is no manifest, and it says so. Free of picocli, which core's library users and the
 * OpenNLP and CoreNLP jars do not get: this CLI's {@code --version} ({@link ManifestVersion}), the OpenNLP
 * tool's usage banner and the CoreNLP jar's {@code -version} all read it.
 */
public final class JarVersion {
    private final Path codeSource;

    JarVersion(Path codeSource) {
        this.codeSource = codeSource;
    }

    /** The version of the jar (or classes directory) {@code type} was loaded from. */
    public static JarVersion of(Class<?> type) {
        try {
            return new JarVersion(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the location of " + type.getName() + " is not a file path", e);
        }
    }

    /** The jar's {@code Implementation-Version}, or why there is none (in parentheses). */
    public String version() {
        if (!Files.isRegularFile(codeSource)) {
            return "(version unknown: run from " + codeSource + ", not from a built jar)";
        }
        try (JarFile jar = new JarFile(codeSource.toFile())) {
            Manifest manifest = jar.getManifest();
            String version = manifest == null ? null
                    : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return version != null ? version
                    : "(version unknown: " + codeSource + " has no Implementation-Version in its manifest)";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + codeSource, e);
        }
    }

    /** The Java runtime and platform, the second line of every tool's version: what a bug report needs. */
    public static String runtime() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
