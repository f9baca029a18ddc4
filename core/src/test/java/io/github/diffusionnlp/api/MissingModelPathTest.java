package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.checkpoint.InvalidModelException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A model directory that does not exist is named absolute: "models/x does not exist" said nothing of the directory
 * it was looked for in. One given as {@code ~/...} (Java does not expand it) says so.
 */
class MissingModelPathTest {
    @Test
    void aRelativePathIsNamedResolved() {
        Path relative = Path.of("no-such-models", "brown");
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> DiffusionLM.builder().optModel(relative).build());
        assertEquals(relative.toAbsolutePath() + " is not a model directory: it does not exist", e.getMessage());
        assertEquals(relative.toAbsolutePath(), e.file());
    }

    @Test
    void aPathStartingWithTildeSaysJavaDoesNotExpandIt() {
        Path tilde = Path.of("~/no-such-models/brown");
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> DiffusionLM.builder().optModel(tilde).build());
        assertEquals(tilde.toAbsolutePath() + " is not a model directory: it does not exist (Java does not expand ~"
                + " as a shell does: give the full path, or $HOME/... unquoted in the shell)", e.getMessage());
    }
}
