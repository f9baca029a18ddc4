package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Jars as a modular application has them (docs/library.md, <i>On the module path</i>), for the tests of what a
 * named module meets: this project's classes directories packed as the automatic modules their jars name (a
 * directory without a {@code module-info} is no module), and the jars of the test class path.
 */
public final class ModulePath {
    private ModulePath() {}

    /** Where a class was loaded from: its jar, or (built by Maven in this reactor) its classes directory. */
    public static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jar of the class path whose root holds {@code name} ({@code /NAME}). */
    public static Path jarHolding(String name) {
        String url = String.valueOf(ModulePath.class.getResource(name));
        assertTrue(url.startsWith("jar:file:"), name + " is not in a jar: " + url);
        return Path.of(URI.create(url.substring("jar:".length(), url.indexOf("!/"))));
    }

    /**
     * The jar {@code c} came from, which must name the automatic module {@code moduleName}; or, where it came from
     * a classes directory, that directory packed into {@code dir} as a jar that names it, as the parent pom's
     * {@code Automatic-Module-Name} does.
     */
    public static Path asJar(Class<?> c, String moduleName, Path dir) {
        Path from = location(c);
        if (!Files.isDirectory(from)) {
            assertEquals(moduleName, ModuleFinder.of(from).findAll().stream().map(ModuleReference::descriptor)
                    .findFirst().orElseThrow().name(), from.toString());
            return from;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", moduleName);
        Path jar = dir.resolve(moduleName + ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                jarOut.putNextEntry(new JarEntry(from.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, jarOut);
                jarOut.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /**
     * The jars of this test class path split as a modular application must split them: {@code modules}, each
     * jar Java derives a module from, and {@code classPath}, those it refuses (DJL's {@code pytorch-native-cpu},
     * whose declared module name ends in {@code linux-x86_64}). Classes directories are left out.
     */
    public record Split(List<Path> modules, List<Path> classPath) {}

    /** This test class path's jars, {@link Split split}. */
    public static Split testClassPathJars() {
        List<Path> modules = new ArrayList<>();
        List<Path> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(p)) {
                continue;
            }
            try {
                ModuleFinder.of(p).findAll();
                modules.add(p);
            } catch (FindException e) {
                classPath.add(p);
            }
        }
        return new Split(modules, classPath);
    }

    /** Paths joined as a command line's path option takes them. */
    public static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
