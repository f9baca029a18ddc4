package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.checkpoint.InvalidModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A builder given no model loads the directory {@code -Ddiffusionnlp.model} or {@code DIFFUSION_NLP_MODEL} names,
 * when one does: a missing or wrong one was refused as if the caller had named it ("/opt/old-model is not a model
 * directory: it does not exist"), a path it never wrote, with nothing saying where it came from.
 */
class NamedDefaultModelTest {
    @Test
    void aDirectoryTheSystemPropertyNamesIsSaidToComeFromIt(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("old-model");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String before = System.getProperty(DefaultModel.PROPERTY);
        try {
            System.setProperty(DefaultModel.PROPERTY, missing.toString());
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> DiffusionLM.builder().build());
            assertEquals(missing + " is not a model directory: it does not exist (no model was given, and the system"
                    + " property diffusionnlp.model names this one; unset it for the shipped default model)",
                    e.getMessage());
            assertEquals(missing, e.file());
            System.setProperty(DefaultModel.PROPERTY, empty.toString());
            e = assertThrows(InvalidModelException.class, () -> DiffusionLM.builder().build());
            assertEquals(empty + " is not a model directory: it holds no config.json; give the directory a `train` run"
                    + " wrote (config.json, vocab.txt and the weights) (no model was given, and the system property"
                    + " diffusionnlp.model names this one; unset it for the shipped default model)", e.getMessage());
            e = assertThrows(InvalidModelException.class, () -> DiffusionLM.builder().optModel(missing).build());
            assertEquals(missing + " is not a model directory: it does not exist", e.getMessage(),
                    "a model the caller named is its own");
        } finally {
            if (before == null) {
                System.clearProperty(DefaultModel.PROPERTY);
            } else {
                System.setProperty(DefaultModel.PROPERTY, before);
            }
        }
    }

    /** As the lookup reads it: a blank property is unset, and hides the environment variable as a set one does. */
    @Test
    void aBlankPropertyNamesNothing() {
        String before = System.getProperty(DefaultModel.PROPERTY);
        try {
            System.setProperty(DefaultModel.PROPERTY, " ");
            assertNull(DefaultModel.namedBy());
        } finally {
            if (before == null) {
                System.clearProperty(DefaultModel.PROPERTY);
            } else {
                System.setProperty(DefaultModel.PROPERTY, before);
            }
        }
    }
}
