package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.diffusionnlp.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a writable directory for JNA (no writable home cache, java.io.tmpdir unusable), every run of every tool
 * printed JNA's warning and stack trace ("JNA temporary directory ... does not exist"), even a successful one: the
 * tuning through JNA ({@link NativeHeap}, {@link OpenMpWaits}) is skipped instead, with a debug line.
 */
class JnaTempDirTest {
    @Test
    void noWritableDirectoryForJnaSkipsTheTuningSilently(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Duser.home=" + file,
                "-Djava.io.tmpdir=" + file.resolve("tmp"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--version");
        builder.environment().remove("XDG_CACHE_HOME");
        Process child = builder.redirectErrorStream(true).start();
        String said;
        try {
            said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            child.waitFor(60, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), said);
        assertFalse(said.contains("JNA") || said.contains("Exception"), said);
        assertEquals(2, said.lines().count(), said); // the version and the Java
    }

    @Test
    void jnasPlacesInItsOrder() {
        assertEquals(java.util.List.of(Path.of("/j")), Libc.jnaTempDirs("/j", "/x", "/h", "/t", "u"));
        assertEquals(java.util.List.of(Path.of("/x/JNA/temp"), Path.of("/t/jna-" + "u".hashCode()), Path.of("/t")),
                Libc.jnaTempDirs(null, "/x", "/h", "/t", "u"));
        assertEquals(Path.of("/h/.cache/JNA/temp"), Libc.jnaTempDirs(null, " ", "/h", "/t", "u").get(0));
    }
}
