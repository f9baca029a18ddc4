package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.DiffusionToolFactory;
import io.github.diffusionnlp.opennlp.KeepSpec;
import io.github.diffusionnlp.opennlp.RewriterME;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package's language: {@code Package -model m1 -out m1.bin} wrote {@code Language=en} into the manifest of a French
 * model, as Package had no {@code -lang} and DiffusionModel's directory loading hard-coded "en"; and Rewrite kept
 * {@code -keep NOUN} on it by the English POS tagger's tags of French tokens.
 */
class PackageLanguageTest {
    private static String manifestLanguage(Path bin) throws IOException {
        try (ZipFile zip = new ZipFile(bin.toFile()); InputStream in = zip.getInputStream(zip.getEntry("manifest.properties"))) {
            Properties manifest = new Properties();
            manifest.load(in);
            return manifest.getProperty("Language");
        }
    }

    @Test
    void packageWritesTheLanguageItIsGivenAndRewriteRefusesEnglishTagsOnAnother(@TempDir Path tmp) throws IOException {
        String dir = TestModels.tinyModel().toString();
        Path en = tmp.resolve("en.bin");
        DiffusionNlpToolTest.Run plain = DiffusionNlpToolTest.run("", "Package", "-model", dir, "-out", en.toString());
        assertEquals(0, plain.code(), plain.stderr());
        assertEquals("en", manifestLanguage(en), "English by default, as OpenNLP's own tools");

        Path fr = tmp.resolve("fr.bin");
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Package", "-model", dir, "-out", fr.toString(),
                "-lang", "fr");
        assertEquals(0, r.code(), r.stderr());
        assertTrue(r.stderr().contains("language fr"), r.stderr());
        assertEquals("fr", manifestLanguage(fr));
        try (DiffusionModel model = DiffusionModel.load(fr)) {
            assertEquals("fr", model.getLanguage());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RewriterME(model,
                    SamplingOptions.defaults(), 0.5, KeepSpec.parse("NOUN"), ConstraintSpec.NONE));
            assertTrue(e.getMessage().contains("OpenNLP's English POS model, and this model's language is 'fr'"),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new RewriterME(model, SamplingOptions.defaults(), 0.5,
                    KeepSpec.NONE, ConstraintSpec.NONE.withInputTemplate()));
        }

        DiffusionNlpToolTest.Run byClass = DiffusionNlpToolTest.run("Le chat dort .\n", "Rewrite", "-model",
                fr.toString(), "-tokenized", "true", "-keep", "NOUN", "-steps", "2");
        assertEquals(1, byClass.code(), byClass.stderr());
        assertTrue(byClass.stderr().startsWith("-keep NOUN: keeping UPOS classes (NOUN) needs POS tags of the text,"
                + " which come from OpenNLP's English POS model, and this model's language is 'fr'"), byClass.stderr());
        DiffusionNlpToolTest.Run byIndex = DiffusionNlpToolTest.run("Le chat dort .\n", "Rewrite", "-model",
                fr.toString(), "-tokenized", "true", "-keep", "1", "-steps", "2");
        assertEquals(0, byIndex.code(), byIndex.stderr());
        assertEquals("chat", byIndex.lines().get(0).split(" ")[1]);
        DiffusionNlpToolTest.Run english = DiffusionNlpToolTest.run("The cat sleeps .\n", "Rewrite", "-model",
                en.toString(), "-tokenized", "true", "-keep", "NOUN", "-steps", "2");
        assertEquals(0, english.code(), english.stderr());

        DiffusionNlpToolTest.Run bad = DiffusionNlpToolTest.run("", "Package", "-model", dir, "-out",
                tmp.resolve("bad.bin").toString(), "-lang", "fr FR");
        assertEquals(1, bad.code(), bad.stderr());
        assertTrue(bad.stderr().startsWith("-lang: language 'fr FR' is not a language code"), bad.stderr());
        java.nio.file.Files.writeString(tmp.resolve("fr.txt"), "Le_DET chat_NOUN dort_VERB ._PUNCT\n");
        DiffusionNlpToolTest.Run train = DiffusionNlpToolTest.run("", "Train", "-model", tmp.resolve("t.bin").toString(),
                "-data", tmp.resolve("fr.txt").toString(), "-lang", "fr FR");
        assertEquals(1, train.code(), train.stderr());
        assertTrue(train.stderr().startsWith("-lang: language 'fr FR' is not a language code"), train.stderr());
    }

    /**
     * {@code -lang english} passed as a BCP 47 tag (5 to 8 letters) and was written into the manifest, so the package
     * then refused raw text as not English; it is refused, naming en. ISO 639-2/3's {@code eng}, as OpenNLP's language
     * detector names English, is English: its package takes raw text, where it was refused as another language.
     */
    @Test
    void aLanguageNameIsRefusedAndEngIsEnglish(@TempDir Path tmp) {
        String dir = TestModels.tinyModel().toString();
        DiffusionNlpToolTest.Run named = DiffusionNlpToolTest.run("", "Package", "-model", dir, "-out",
                tmp.resolve("named.bin").toString(), "-lang", "English");
        assertEquals(1, named.code(), named.stderr());
        assertTrue(named.stderr().startsWith("-lang: language 'English' is not a language code; did you mean en? give"
                + " an ISO 639 code (en, fr, de) or a BCP 47 tag (pt-BR)"), named.stderr());
        assertFalse(java.nio.file.Files.exists(tmp.resolve("named.bin")));
        assertEquals("language 'french' is not a language code; did you mean fr? give an ISO 639 code (en, fr, de) or a"
                + " BCP 47 tag (pt-BR)", assertThrows(IllegalArgumentException.class,
                        () -> DiffusionModel.checkedLanguage("french")).getMessage());

        Path eng = tmp.resolve("eng.bin");
        DiffusionNlpToolTest.Run packaged = DiffusionNlpToolTest.run("", "Package", "-model", dir, "-out",
                eng.toString(), "-lang", "eng");
        assertEquals(0, packaged.code(), packaged.stderr());
        DiffusionNlpToolTest.Run raw = DiffusionNlpToolTest.run("The school was [MASK].\n", "Infill", "-model",
                eng.toString(), "-steps", "1");
        assertEquals(0, raw.code(), raw.stderr());
        assertTrue(DiffusionModel.isEnglish("eng") && DiffusionModel.isEnglish("en-GB"));
        assertFalse(DiffusionModel.isEnglish("fr") || DiffusionModel.isEnglish("enm"), "Middle English is another");
    }

    /**
     * Raw text to Infill or Rewrite of a French package was cut by OpenNLP's English tokenizer ({@code l'école} into
     * {@code l} and {@code 'école}) without a word; it is refused, before any line is read, saying to pass
     * whitespace-separated tokens with -tokenized true, which works, as raw text to an English package does.
     */
    @Test
    void rawTextToAModelOfAnotherLanguageIsRefused(@TempDir Path tmp) {
        String dir = TestModels.tinyModel().toString();
        Path fr = tmp.resolve("fr.bin");
        DiffusionNlpToolTest.Run packaged = DiffusionNlpToolTest.run("", "Package", "-model", dir, "-out",
                fr.toString(), "-lang", "fr");
        assertEquals(0, packaged.code(), packaged.stderr());
        String refusal = "-tokenized false (the default) splits raw text into sentences and tokens with OpenNLP's"
                + " English models, and this model's language is 'fr' (its package's Language), whose words they would"
                + " cut as English (l'école into l and 'école); give one sentence a line, its tokens separated by"
                + " spaces as in the model's training corpus (OpenNLP's SentenceDetector and TokenizerME do that with"
                + " models of the language), and pass -tokenized true";
        for (String tool : new String[] {"Infill", "Rewrite"}) {
            DiffusionNlpToolTest.Run raw = DiffusionNlpToolTest.run("L'école [MASK] fermée.\n", tool, "-model",
                    fr.toString(), "-steps", "1");
            assertEquals(1, raw.code(), raw.stderr());
            assertTrue(raw.stderr().startsWith(refusal), tool + ": " + raw.stderr());
            assertEquals("", raw.out(), "no line written");
            DiffusionNlpToolTest.Run tokens = DiffusionNlpToolTest.run("L' école [MASK] fermée .\n", tool, "-model",
                    fr.toString(), "-steps", "1", "-tokenized", "true");
            assertEquals(0, tokens.code(), tool + ": " + tokens.stderr());
            assertEquals(1, tokens.lines().size(), tokens.out());
        }
        DiffusionNlpToolTest.Run english = DiffusionNlpToolTest.run("The school was [MASK].\n", "Infill", "-model",
                dir, "-steps", "1");
        assertEquals(0, english.code(), "a model directory records no language and is taken as English: "
                + english.stderr());
    }

    @Test
    void theLibraryGivesAPackageItsLanguage(@TempDir Path tmp) throws IOException {
        Path bin = tmp.resolve("pt.bin");
        try (DiffusionModel model = DiffusionModel.builder().optModel(TestModels.tinyModel()).optLanguage("pt-BR")
                .build()) {
            assertEquals("pt-BR", model.getLanguage());
            model.serialize(bin);
        }
        assertEquals("pt-BR", manifestLanguage(bin));
        assertEquals("language '' is not a language code; give an ISO 639 code (en, fr, de) or a BCP 47 tag (pt-BR)",
                assertThrows(IllegalArgumentException.class, () -> DiffusionModel.builder().optLanguage(""))
                        .getMessage());
    }

    /** A package's manifest says its language and tool defaults: set for one, they are refused rather than lost. */
    @Test
    void aPackageRefusesTheSettingsOfADirectory(@TempDir Path tmp) throws IOException {
        Path bin = tmp.resolve("tiny.bin");
        try (DiffusionModel model = DiffusionModel.builder().optModel(TestModels.tinyModel()).build()) {
            model.serialize(bin);
        }
        assertEquals("optLanguage sets a model directory's language, and package " + bin + " carries its own in its"
                + " manifest: package the model directory again with them (Package -steps, -temperature, -lang)",
                assertThrows(IllegalArgumentException.class, () -> DiffusionModel.builder().optModel(bin)
                        .optLanguage("fr").build()).getMessage());
        try (InputStream in = java.nio.file.Files.newInputStream(bin)) {
            assertEquals("optFactory sets a model directory's tool defaults, and the model stream carries its own in"
                    + " its manifest: package the model directory again with them (Package -steps, -temperature,"
                    + " -lang)", assertThrows(IllegalArgumentException.class, () -> DiffusionModel.builder()
                            .optModel(in).optFactory(new DiffusionToolFactory(3)).build()).getMessage());
        }
    }
}
