package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.SamplingOptions;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code new DiffusionModel(Path)}, as OpenNLP 2.x models have {@code XModel(Path)}; a model directory given to a
 * package constructor is named with the method that loads it (it failed with a bare "IOException: Is a directory").
 */
class PathConstructorTest {
    @Test
    void aPackageIsReadFromAPath(@TempDir Path tmp) throws IOException {
        Path bin = tmp.resolve("tiny.bin");
        try (DiffusionModel m = DiffusionModel.builder().optModel(TestModels.tinyModel())
                .optFactory(new DiffusionToolFactory(2)).build()) {
            m.serialize(bin);
        }
        try (DiffusionModel packaged = new DiffusionModel(bin)) {
            assertEquals(4, new InfillerME(packaged, SamplingOptions.builder().steps(2).build())
                    .infill(new String[] {"The", "[MASK]", "was", "."}).length);
        }
    }

    @Test
    void aModelDirectoryIsNamedWithTheMethodThatLoadsIt() {
        Path dir = TestModels.tinyModel();
        String expected = "model " + dir + " is a directory, and new DiffusionModel(...) reads a package file: load a"
                + " model directory with DiffusionModel.load(Path), which reads either";
        assertEquals(expected, assertThrows(IOException.class, () -> new DiffusionModel(dir)).getMessage());
        assertEquals(expected, assertThrows(IOException.class, () -> new DiffusionModel(dir.toFile())).getMessage());
    }
}
