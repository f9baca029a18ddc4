package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DefaultModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import opennlp.tools.util.InvalidFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory that is no diffusion model, or a damaged one, is an {@link InvalidFormatException}, as a damaged
 * package is and as OpenNLP's models say a model is invalid: it was core's InvalidModelException (an IOException an
 * OpenNLP caller's {@code catch (InvalidFormatException e)} missed), but for a missing file, already one.
 */
class DirectoryFormatErrorsTest {
    @Test
    void aDirectoryOfAnotherKindOrADamagedOneIsAnInvalidFormatException(@TempDir Path tmp) throws IOException {
        Path ar = DefaultModel.locate().resolveSibling("brown-ar");
        InvalidFormatException other = assertThrows(InvalidFormatException.class, () -> DiffusionModel.load(ar));
        assertTrue(other.getMessage().contains("holds an autoregressive model"), other.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        InvalidFormatException none = assertThrows(InvalidFormatException.class, () -> DiffusionModel.load(empty));
        assertTrue(none.getMessage().startsWith(empty + " is not a model directory: it holds no config.json"),
                none.getMessage());

        Path damaged = TestModels.copyOfTinyModel(tmp);
        Files.write(damaged.resolve("model.params"), new byte[] {1, 2, 3});
        InvalidFormatException cut = assertThrows(InvalidFormatException.class, () -> DiffusionModel.load(damaged));
        assertTrue(cut.getMessage().contains("model.params"), cut.getMessage());
        assertEquals(cut.getMessage(), cut.getCause().getMessage(), "the same message, core's exception as cause");
    }
}
