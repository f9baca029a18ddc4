package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import io.github.diffusionnlp.ChildJvm.Run;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code LC_ALL=C} Java decodes the arguments and the working directory as ASCII: the tool says so in one
 * line, where it blamed the mangled value ("'caf��' is not in the model's vocabulary", "banned.txt does not exist").
 */
class JavaLocaleTest {
    /** {@link Main#main} in a JVM started under {@code LC_ALL=C}, in {@code directory}. */
    private static Run mainUnderC(Path directory, String... args) throws Exception {
        ProcessBuilder builder = ChildJvm.command(List.of(), Main.class, args).directory(directory.toFile());
        builder.environment().remove("LANG");
        builder.environment().put("LC_ALL", "C");
        return ChildJvm.run(builder, "", Duration.ofSeconds(60));
    }

    @Test
    void aNonAsciiArgumentUnderTheCLocaleIsRefusedWithTheLocaleAsReason(@TempDir Path tmp) throws Exception {
        Run r = mainUnderC(tmp, "info", "--neighbours", "café");
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().matches("error: Java decoded the command line by the locale's charset \\(ANSI_X3.4-1968\\),"
                + " which lost the characters of argument 3 \\('caf\uFFFD+'\\) that it lacks; run under a UTF-8 locale,"
                + " such as LC_ALL=C.UTF-8\n"), r.said());
    }

    @Test
    void aNonAsciiWorkingDirectoryUnderTheCLocaleIsRefusedWithTheLocaleAsReason(@TempDir Path tmp) throws Exception {
        Path here = Files.createDirectory(tmp.resolve("dé"));
        Run r = mainUnderC(here, "info");
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().startsWith("error: Java decoded file names by the locale's charset (ANSI_X3.4-1968), which"
                + " lost the characters of the working directory (" + tmp + "/d\uFFFD"), r.said());
        assertTrue(r.said().endsWith("so relative paths cannot be found; run under a UTF-8 locale, such as"
                + " LC_ALL=C.UTF-8\n"), r.said());
    }

    /** ASCII arguments under C, and anything under UTF-8, pass. */
    @Test
    void nothingLostNothingSaid() {
        assertEquals(null, JavaLocale.lostCharacters(new String[] {"info", "--neighbours", "cafe"}, "ANSI_X3.4-1968",
                "/tmp"));
        assertEquals(null, JavaLocale.lostCharacters(new String[] {"x\uFFFD"}, "UTF-8", "/tmp/d\uFFFD"));
    }

    /**
     * A path Java could not encode (from a file such as a model's config.json, where no argument was mangled) said
     * only "Malformed input or input contains unmappable characters: /m/corp?s.tsv": now the path, the reason and,
     * under a locale that is not UTF-8, the way out.
     */
    @Test
    void anUnencodablePathIsExplained() {
        InvalidPathException e = new InvalidPathException("/m/corpüs.tsv",
                "Malformed input or input contains unmappable characters");
        assertEquals("cannot use the path '/m/corpüs.tsv': Malformed input or input contains unmappable characters",
                Main.message(e));
        assertEquals("; Java encodes file names by the locale's charset (ANSI_X3.4-1968), which may lack its"
                + " characters: run under a UTF-8 locale, such as LC_ALL=C.UTF-8",
                JavaLocale.pathHint("/m/corpüs.tsv", "ANSI_X3.4-1968"));
        assertEquals("", JavaLocale.pathHint("bad\u0000dir", "ANSI_X3.4-1968"), "not the locale's fault");
    }
}
