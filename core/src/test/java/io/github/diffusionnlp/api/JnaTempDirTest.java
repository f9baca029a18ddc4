package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.diffusionnlp.ChildJvm;
import io.github.diffusionnlp.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        ProcessBuilder builder = ChildJvm.command(List.of("-Duser.home=" + file, "-Djava.io.tmpdir=" + file.resolve("tmp")),
                Main.class, "--version");
        builder.environment().remove("XDG_CACHE_HOME");
        ChildJvm.Run r = ChildJvm.run(builder, "", Duration.ofSeconds(60));
        String said = r.said();
        assertEquals(0, r.code(), said);
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
