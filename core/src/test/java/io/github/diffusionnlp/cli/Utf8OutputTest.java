package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The tool writes UTF-8 to stdout and stderr when Java's console charset is ASCII (as under {@code LANG=C}): it
 * wrote {@code ?} for every other character.
 */
@Isolated
class Utf8OutputTest {
    /** picocli's error writer encoded by {@code sun.stderr.encoding}: 'caf?' for the word typed. */
    @Test
    void anErrorQuotingTheInputKeepsItsCharacters() {
        String before = System.getProperty("sun.stderr.encoding");
        System.setProperty("sun.stderr.encoding", "US-ASCII");
        try {
            MainTest.Run r = MainTest.run("", "info", "--model", TestModels.shippedModel().toString(),
                    "--neighbours", "café");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("'café' is not in the model's vocabulary"), r.err());
        } finally {
            if (before == null) {
                System.clearProperty("sun.stderr.encoding");
            } else {
                System.setProperty("sun.stderr.encoding", before);
            }
        }
    }

    /**
     * The real {@code main} in a JVM whose default charset is ASCII (what {@code LANG=C} gives Java 17; the file
     * names stay UTF-8 through {@code LC_ALL=C.UTF-8}): {@code info} printed the model's path as {@code mod?le}.
     */
    @Test
    void mainPrintsUtf8UnderAnAsciiDefaultCharset(@TempDir Path tmp) throws Exception {
        Path model = Files.createSymbolicLink(tmp.resolve("modèle"), TestModels.shippedModel().toAbsolutePath());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Dfile.encoding=US-ASCII",
                "-Dsun.stdout.encoding=US-ASCII", "-Dsun.stderr.encoding=US-ASCII", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "info", "--model", model.toString());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process child = builder.redirectErrorStream(true).start();
        byte[] said;
        try {
            said = child.getInputStream().readAllBytes();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
            Files.delete(model); // the link, before JUnit warns of one that leaves its temporary directory
        }
        String out = new String(said, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("model:        " + model.toAbsolutePath().normalize() + "\n"), out);
    }
}
