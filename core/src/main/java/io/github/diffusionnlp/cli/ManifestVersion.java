package io.github.diffusionnlp.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine;

/**
 * {@code --version} of a tool, read from the {@code Implementation-Version} of the jar its command class
 * came from (the root pom has maven-jar-plugin write it from the project's version), so that the version
 * printed is the one built and never a literal left behind in an annotation ("0.1.0" was printed by a
 * 0.1.0-SNAPSHOT build). Run from a directory of classes (tests, an IDE) there is no manifest, and it says so.
 */
final class ManifestVersion implements CommandLine.IVersionProvider {
    private final String tool;
    private final Path codeSource;

    ManifestVersion(String tool, Path codeSource) {
        this.tool = tool;
        this.codeSource = codeSource;
    }

    /**
     * Gives {@code cli} and each of its subcommands without a version of their own this version, read
     * from the jar of {@code cli}'s command class: picocli gives a subcommand's {@code --version} (which
     * {@code mixinStandardHelpOptions} adds) nothing of its parent's, so {@code infill --version} printed
     * an empty line.
     */
    static void install(CommandLine cli) {
        ManifestVersion version = new ManifestVersion(cli.getCommandName(), codeSourceOf(cli.getCommand().getClass()));
        install(cli, version);
    }

    private static void install(CommandLine command, ManifestVersion version) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.versionProvider() == null && spec.version().length == 0) {
            spec.versionProvider(version);
        }
        command.getSubcommands().values().forEach(sub -> install(sub, version));
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            tool + " " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }

    /** The jar's {@code Implementation-Version}, or why there is none. */
    String version() {
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

    private static Path codeSourceOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the location of " + type.getName() + " is not a file path", e);
        }
    }
}
