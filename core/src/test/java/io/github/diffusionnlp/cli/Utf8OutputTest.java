package io.github.diffusionnlp.cli;

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
        ProcessBuilder builder = ChildJvm.command(List.of("-Dfile.encoding=US-ASCII", "-Dsun.stdout.encoding=US-ASCII",
                "-Dsun.stderr.encoding=US-ASCII"), Main.class, "info", "--model", model.toString());
        builder.environment().put("LC_ALL", "C.UTF-8");
        ChildJvm.Run r;
        try {
            r = ChildJvm.run(builder, "", Duration.ofSeconds(120));
        } finally {
            Files.delete(model); // the link, before JUnit warns of one that leaves its temporary directory
        }
        String out = r.said();
        assertEquals(0, r.code(), out);
        assertTrue(out.contains("model:        " + model.toAbsolutePath().normalize() + "\n"), out);
    }
}
