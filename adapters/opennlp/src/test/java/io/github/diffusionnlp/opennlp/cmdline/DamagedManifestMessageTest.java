package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.DiffusionToolFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package whose manifest OpenNLP's loader refuses is named once, in the package's terms (audit h251). The tools
 * printed OpenNLP's reason twice, the second time after the class name of its exception ("...: Missing OpenNLP-Version
 * property in manifest.properties!: opennlp.tools.util.InvalidFormatException: Missing OpenNLP-Version ..."), called a
 * package with a bad {@code diffusion.steps} "not a diffusion model package", said a number too large for an int as
 * Java's {@code For input string: "99999999999999"}, and, for a manifest naming a class of another package as its
 * factory, passed on OpenNLP's advice to "Register the package via ExtensionLoader.registerAllowedPackage": advice to
 * let a model file name code to run.
 */
class DamagedManifestMessageTest {
    @TempDir
    static Path tmp;
    private static byte[] packaged;

    @BeforeAll
    static void packageTheTinyModel() throws IOException {
        try (DiffusionModel model = DiffusionModel.load(TestModels.tinyModel());
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            model.serialize(out);
            packaged = out.toByteArray();
        }
    }

    /** The package with its manifest's text as {@code edit} makes it, in {@code name}. */
    private static Path withManifest(String name, UnaryOperator<String> edit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(packaged));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals("manifest.properties")) {
                    content = edit.apply(new String(content, StandardCharsets.ISO_8859_1))
                            .getBytes(StandardCharsets.ISO_8859_1);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
            }
        }
        return Files.write(tmp.resolve(name), bytes.toByteArray());
    }

    /** What {@code Infill -model bin} says on stderr, which must be a refusal to load (exit code 2). */
    private static String refusal(Path bin) {
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("The [MASK] .\n", "Infill", "-model", bin.toString(),
                "-steps", "2");
        assertEquals(CmdTool.FAILED, r.code(), r.stderr());
        String said = r.stderr().strip();
        assertFalse(said.contains("opennlp.tools.util.InvalidFormatException"), said);
        assertEquals(1, said.lines().count(), said);
        return said;
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aMissingOpenNlpVersionIsSaidOnce() throws IOException {
        String said = refusal(withManifest("noversion.bin", m -> m.replaceAll("(?m)^OpenNLP-Version=.*\n", "")));
        assertEquals("cannot load model " + tmp.resolve("noversion.bin") + ": " + tmp.resolve("noversion.bin")
                + " is not a usable model package: Missing OpenNLP-Version property in manifest.properties!", said);
    }

    @Test
    void stepsOutOfRangeAreSaidInTheToolsWords() throws IOException {
        String said = refusal(withManifest("steps.bin", m -> m.replaceAll("(?m)^diffusion\\.steps=.*$",
                "diffusion.steps=99999999999999")));
        assertTrue(said.endsWith("steps.bin is not a usable model package: manifest entry"
                + " diffusion.steps=99999999999999 is invalid: steps must be a whole number from 1 to 10000, got"
                + " 99999999999999"), said);
        assertEquals(1, count(said, "is invalid"), said);
        said = refusal(withManifest("temperature.bin", m -> m + "diffusion.temperature=warm\n"));
        assertTrue(said.endsWith("temperature.bin is not a usable model package: manifest entry"
                + " diffusion.temperature=warm is invalid: temperature must be a number in [0, 1], got warm"), said);
    }

    @Test
    void aFactoryOfAnotherPackageIsRefusedWithoutAdviceToAllowIt() throws IOException {
        for (String factory : new String[] {"java.lang.Runtime", "io.github.diffusionnlp.opennlp.cmdline.Params",
                "opennlp.tools.postag.POSTaggerFactory"}) {
            String said = refusal(withManifest("factory.bin", m -> m.replaceAll("(?m)^factory=.*$",
                    "factory=" + factory)));
            assertTrue(said.endsWith("factory.bin is not a usable model package: its manifest names the tool factory "
                    + factory + ", not " + DiffusionToolFactory.class.getName() + ": it is not a diffusion model"
                    + " package"), said);
            assertFalse(said.contains("Register") || said.contains("allowed package"), said);
        }
        String said = refusal(withManifest("nofactory.bin", m -> m.replaceAll("(?m)^factory=.*\n", "")));
        assertTrue(said.endsWith("nofactory.bin is not a usable model package: its manifest names no tool factory, not "
                + DiffusionToolFactory.class.getName() + ": it is not a diffusion model package"), said);
    }
}
