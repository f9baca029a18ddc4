package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.opennlp.Detokenizers;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -detokenize true} joined the tokens of a French package by the module's English rules ({@code L' homme}
 * left apart, {@code « bien »} spaced as English quotes). A dictionary of the language, in OpenNLP's detokenizer XML
 * format, is given with {@code -detokenizer FILE} ({@code Detokenizers.fromDictionary} in the library); without one, a
 * package of another language than English refuses {@code -detokenize true}, naming its language and the parameter.
 */
class DetokenizerDictionaryTest {
    private static final String FRENCH = """
            <?xml version="1.0" encoding="UTF-8"?>
            <dictionary>
              <entry operation="MOVE_RIGHT"><token>l'</token></entry>
              <entry operation="MOVE_RIGHT"><token>L'</token></entry>
              <entry operation="MOVE_RIGHT"><token>«</token></entry>
              <entry operation="MOVE_LEFT"><token>»</token></entry>
              <entry operation="MOVE_LEFT"><token>.</token></entry>
            </dictionary>
            """;
    private static final String LINE = "L' homme dort « bien » .\n";

    @TempDir
    static Path tmp;
    static Path fr;
    static Path dictionary;

    @BeforeAll
    static void frenchPackage() throws IOException {
        fr = tmp.resolve("fr.bin");
        DiffusionNlpToolTest.Run packaged = DiffusionNlpToolTest.run("", "Package", "-model",
                TestModels.tinyModel().toString(), "-out", fr.toString(), "-lang", "fr");
        assertEquals(0, packaged.code(), packaged.stderr());
        dictionary = Files.writeString(tmp.resolve("fr-detokenizer.xml"), FRENCH);
    }

    @Test
    void aFrenchPackageIsDetokenizedByTheDictionaryGiven() {
        DiffusionNlpToolTest.Run run = DiffusionNlpToolTest.run(LINE, "Infill", "-model", fr.toString(), "-tokenized",
                "true", "-detokenize", "true", "-detokenizer", dictionary.toString(), "-steps", "1");
        assertEquals(0, run.code(), run.stderr());
        assertEquals("L'homme dort «bien».\n", run.out());
    }

    @Test
    void aFrenchPackageWithoutADictionaryRefusesToDetokenize() {
        for (String[] tool : new String[][] {{"Infill", "-tokenized", "true"}, {"Rewrite", "-tokenized", "true"},
                {"Generate", "-count", "1"}}) {
            DiffusionNlpToolTest.Run run = DiffusionNlpToolTest.run(LINE, tool[0], tool[1], tool[2], "-model",
                    fr.toString(), "-detokenize", "true", "-steps", "1");
            assertEquals(1, run.code(), tool[0] + ": " + run.stderr());
            assertTrue(run.stderr().startsWith("-detokenize true: the built-in detokenizer rules are English, and this"
                    + " model's language is 'fr'"), tool[0] + ": " + run.stderr());
            assertTrue(run.stderr().contains("with -detokenizer FILE"), run.stderr());
            // the command line's remedy only: the library's method means nothing to a user of the tool
            assertFalse(run.stderr().contains("Detokenizers.fromDictionary"), run.stderr());
            assertEquals("", run.out(), "no line written");
        }
        DiffusionNlpToolTest.Run tokens = DiffusionNlpToolTest.run(LINE, "Infill", "-model", fr.toString(),
                "-tokenized", "true", "-steps", "1");
        assertEquals(0, tokens.code(), "whitespace-separated tokens need no detokenizer: " + tokens.stderr());
        assertEquals(LINE, tokens.out());
    }

    @Test
    void aBadDictionaryIsABadParameterNamedBeforeTheModelLoads() throws IOException {
        Path notXml = Files.writeString(tmp.resolve("not.xml"), "l' MOVE_RIGHT\n");
        DiffusionNlpToolTest.Run bad = DiffusionNlpToolTest.run(LINE, "Infill", "-model", "/nonexistent/model",
                "-tokenized", "true", "-detokenize", "true", "-detokenizer", notXml.toString());
        assertEquals(1, bad.code(), bad.stderr());
        assertTrue(bad.stderr().startsWith("-detokenizer " + notXml + ": not an OpenNLP detokenizer dictionary"),
                bad.stderr());
        DiffusionNlpToolTest.Run missing = DiffusionNlpToolTest.run(LINE, "Infill", "-model", "/nonexistent/model",
                "-tokenized", "true", "-detokenize", "true", "-detokenizer", tmp.resolve("none.xml").toString());
        assertEquals(1, missing.code(), missing.stderr());
        assertTrue(missing.stderr().startsWith("-detokenizer " + tmp.resolve("none.xml") + ": not a readable file"),
                missing.stderr());
        DiffusionNlpToolTest.Run alone = DiffusionNlpToolTest.run(LINE, "Infill", "-model", "/nonexistent/model",
                "-tokenized", "true", "-detokenizer", dictionary.toString());
        assertEquals(1, alone.code(), alone.stderr());
        assertTrue(alone.stderr().startsWith("-detokenizer " + dictionary + ": only used with -detokenize true"),
                alone.stderr());
    }

    @Test
    void theLibraryGivesTheEnglishRulesToEnglishModelsOnly() throws IOException {
        try (DiffusionModel french = DiffusionModel.load(fr)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Detokenizers.forModel(french));
            assertTrue(e.getMessage().contains("this model's language is 'fr'"), e.getMessage());
            assertTrue(e.getMessage().contains("Detokenizers.fromDictionary"), e.getMessage());
        }
        assertEquals("L'homme dort «bien».", Detokenizers.fromDictionary(dictionary)
                .detokenize(new String[] {"L'", "homme", "dort", "«", "bien", "»", "."}, null));
        try (DiffusionModel english = DiffusionModel.load(TestModels.tinyModel())) {
            assertEquals("He said, \"it's late\".", Detokenizers.forModel(english)
                    .detokenize(new String[] {"He", "said", ",", "\"", "it", "'s", "late", "\"", "."}, null));
        }
    }

    /** Any well-formed XML was read as a dictionary of no entry, and the tool joined its tokens by nothing. */
    @Test
    void anXmlFileWithoutAnEntryIsRefused() throws IOException {
        Path other = Files.writeString(tmp.resolve("other.xml"), "<?xml version=\"1.0\"?>\n<project><name>x</name>"
                + "</project>\n");
        DiffusionNlpToolTest.Run run = DiffusionNlpToolTest.run(LINE, "Infill", "-model", "/nonexistent/model",
                "-tokenized", "true", "-detokenize", "true", "-detokenizer", other.toString());
        assertEquals(1, run.code(), run.stderr());
        assertTrue(run.stderr().startsWith("-detokenizer " + other + ": not an OpenNLP detokenizer dictionary: it has"
                + " no <entry> element"), run.stderr());
        IOException e = assertThrows(IOException.class, () -> Detokenizers.fromDictionary(other));
        assertTrue(e.getMessage().startsWith(other + ": not an OpenNLP detokenizer dictionary"), e.getMessage());
    }

    /**
     * A file that is not XML printed the JDK parser's own "[Fatal Error] :1:1: ..." line on stderr before the
     * refusal, which carried OpenNLP's unrelated "profile data stream has an invalid format".
     */
    @Test
    void aFileThatIsNotXmlIsRefusedInOneMessage() throws IOException {
        Path notXml = Files.writeString(tmp.resolve("plain.xml"), "not xml at all\n");
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        IOException e;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            e = assertThrows(IOException.class, () -> Detokenizers.fromDictionary(notXml));
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "nothing printed beside the exception");
        assertEquals(notXml + ": not an OpenNLP detokenizer dictionary (not well-formed XML: line 1, column 1:"
                + " Content is not allowed in prolog.)", e.getMessage());
    }
}
