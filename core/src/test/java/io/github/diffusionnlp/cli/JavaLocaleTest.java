package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.ChildJvm;
import io.github.diffusionnlp.ChildJvm.Run;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
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

    /**
     * A model whose config.json records a non-ASCII training corpus, which n-gram fusion reads when no corpus is
     * given: under C Java cannot take that name, and the user was told only to change the locale, where naming the
     * corpus (by an ASCII path) is the other way out.
     */
    @Test
    void aRecordedCorpusJavaCannotNameUnderTheCLocaleIsToBeGivenOrTheLocaleChanged(@TempDir Path tmp)
            throws Exception {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        ((ObjectNode) tree.get("training")).put("corpus", tmp.resolve("corpüs.txt").toString());
        json.writeValue(config.toFile(), tree);

        Run r = mainUnderC(tmp, "infill", "--model", model.toString(), "--ngram-weight", "0.7", "--steps", "1");
        assertEquals(1, r.code(), r.said());
        String said = r.said().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(r.said());
        assertTrue(said.startsWith("error: --ngram-weight 0.7 needs --ngram-corpus FILE: "), said);
        assertTrue(said.endsWith("and the model's training corpus '" + tmp + "/corpüs.txt' (as its config.json"
                + " records it) is no path Java can take here (Malformed input or input contains unmappable"
                + " characters): Java encodes file names by the locale's charset (ANSI_X3.4-1968), which lacks its"
                + " characters; give the corpus yourself, by a path of ASCII characters, or run under a UTF-8 locale,"
                + " such as LC_ALL=C.UTF-8"), said);
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
