package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Package -out X} wrote the package through {@code X.part}: a symbolic link planted there had the 27 MB package
 * written over its target, and {@code X} became a link (audit h130, finding 5). It now writes through a temporary
 * file of a random name, created exclusively.
 */
class PackageOutputLinkTest {
    @Test
    void thePackageIsNotWrittenThroughALinkAtTheOldTemporaryName(@TempDir Path tmp) throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "the user's\n");
        Path out = tmp.resolve("out.bin");
        Files.createSymbolicLink(tmp.resolve("out.bin.part"), victim);
        DiffusionNlpToolTest.Run packaged = DiffusionNlpToolTest.run("", "Package", "-model",
                TestModels.tinyModel().toString(), "-out", out.toString());
        assertEquals(0, packaged.code(), packaged.stderr());
        assertEquals("the user's\n", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(out));
        try (DiffusionModel loaded = DiffusionModel.load(out)) {
            assertEquals("en", loaded.getLanguage()); // the package itself, whole
        }
        try (Stream<Path> entries = Files.list(tmp)) { // no temporary file left beside it
            assertEquals(List.of("out.bin", "out.bin.part", "victim.txt"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
