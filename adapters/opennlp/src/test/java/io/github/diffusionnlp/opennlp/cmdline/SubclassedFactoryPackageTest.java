package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package written with a subclass of DiffusionToolFactory ({@code DiffusionModel.Builder#optFactory} takes one, and
 * the class is not final) loads again (audit h259): the manifest check of 815a45f4 took only DiffusionToolFactory's
 * own name, and refused such a package as "not a diffusion model package" though this library wrote it. A class that
 * is no DiffusionToolFactory is still refused, without being initialised.
 */
class SubclassedFactoryPackageTest {
    @TempDir
    Path tmp;

    @Test
    void aPackageOfASubclassedFactoryLoads() throws IOException {
        Path bin = tmp.resolve("sub.bin");
        try (DiffusionModel model = DiffusionModel.builder().optModel(TestModels.tinyModel())
                .optFactory(new SubclassedToolFactory(3)).build()) {
            try (var out = Files.newOutputStream(bin)) {
                model.serialize(out);
            }
        }
        try (ZipFile zip = new ZipFile(bin.toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry("manifest.properties")).readAllBytes(),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(manifest.contains("factory=" + SubclassedToolFactory.class.getName()), manifest);
        }
        try (DiffusionModel loaded = DiffusionModel.load(bin)) {
            assertEquals(SubclassedToolFactory.class, loaded.getFactory().getClass());
            assertEquals(3, loaded.getFactory().getSteps());
        }
    }

    @Test
    void aClassThatIsNoToolFactoryIsStillRefused() throws IOException {
        Path bin = tmp.resolve("other.bin");
        try (DiffusionModel model = DiffusionModel.load(TestModels.tinyModel())) {
            try (var out = Files.newOutputStream(bin)) {
                model.serialize(out);
            }
        }
        Path edited = tmp.resolve("edited.bin");
        try (ZipFile zip = new ZipFile(bin.toFile());
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(edited))) {
            for (var e : java.util.Collections.list(zip.entries())) {
                byte[] content = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals("manifest.properties")) {
                    content = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1)
                            .replaceAll("(?m)^factory=.*$", "factory=" + DiffusionNlpTool.class.getName())
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(content);
            }
        }
        IOException e = assertThrows(IOException.class, () -> DiffusionModel.load(edited));
        assertTrue(e.getMessage().contains("its manifest names the tool factory " + DiffusionNlpTool.class.getName()),
                e.getMessage());
    }
}
