package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a package's load fails on what is not the package's fault: a library setting, a missing file. */
class PackageLoadTest {
    @TempDir
    static Path tmp;
    static Path bin;

    @BeforeAll
    static void packageTheTinyModel() throws IOException {
        bin = tmp.resolve("tiny.bin");
        try (DiffusionModel model = DiffusionModel.load(TestModels.tinyModel())) {
            model.serialize(bin);
        }
    }

    /**
     * A missing n-gram corpus given with a package file was "InvalidFormatException: tiny.bin is not a diffusion model
     * package: the n-gram corpus ... is not a readable file", blaming the package; from a stream it was a plain
     * IllegalArgumentException. Both are now the library's refusal of the setting.
     */
    @Test
    void aBadLibrarySettingIsNotBlamedOnThePackage() throws IOException {
        Path corpus = tmp.resolve("no-corpus.txt");
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class,
                () -> DiffusionModel.builder().optModel(bin).optNgramCorpus(corpus).build());
        IllegalArgumentException stream;
        try (InputStream in = Files.newInputStream(bin)) {
            stream = assertThrows(IllegalArgumentException.class,
                    () -> DiffusionModel.builder().optModel(in).optNgramCorpus(corpus).build());
        }
        assertFalse(file.getMessage().contains("is not a diffusion model package"), file.getMessage());
        assertTrue(file.getMessage().contains("is not a readable file"), file.getMessage());
        assertEquals(stream.getMessage(), file.getMessage());
    }

    /** A stream is "closed once read": it was left open when build() failed before reading it. */
    @Test
    void aStreamIsClosedWhenTheBuildFailsBeforeReadingIt() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new FilterInputStream(Files.newInputStream(bin)) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        assertThrows(IllegalArgumentException.class, () -> DiffusionModel.builder().optModel(in)
                .optBannedWords(tmp.resolve("no-banned-words.txt")).build());
        assertTrue(closed.get(), "the stream was left open");
    }

    /** new DiffusionModel(Path) of a missing file threw a bare NoSuchFileException, whose message is the path. */
    @Test
    void aMissingPackageFileIsSaidNotToExist() {
        Path missing = tmp.resolve("nope.bin");
        IOException e = assertThrows(IOException.class, () -> new DiffusionModel(missing));
        assertEquals("model " + missing + " does not exist (expected a package file; a directory loads with"
                + " DiffusionModel.load(Path))", e.getMessage());
        e = assertThrows(IOException.class, () -> new DiffusionModel(missing.toFile()));
        assertTrue(e.getMessage().startsWith("model " + missing + " does not exist"), e.getMessage());
    }

    /** A relative path is named resolved ("model nope.bin does not exist" said not where), and {@code ~} explained. */
    @Test
    void aMissingModelIsNamedResolvedAndTildeExplained() {
        Path relative = Path.of("no-such-models", "brown");
        IOException e = assertThrows(IOException.class, () -> DiffusionModel.load(relative));
        assertEquals("model " + relative.toAbsolutePath() + " does not exist (expected a model directory or a package"
                + " file)", e.getMessage());
        Path tilde = Path.of("~/no-such-models/brown.bin");
        e = assertThrows(IOException.class, () -> new DiffusionModel(tilde));
        assertEquals("model " + tilde.toAbsolutePath() + " does not exist (expected a package file; a directory loads"
                + " with DiffusionModel.load(Path)) (Java does not expand ~ as a shell does: give the full path, or"
                + " $HOME/... unquoted in the shell)", e.getMessage());
    }
}
