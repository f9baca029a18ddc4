package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelGrowth;
import io.github.diffusionnlp.cli.MainTest.Run;
import io.github.diffusionnlp.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * grow's options out of range (audit h244): {@code --layers 100000} built the network in memory until the kernel
 * killed the process (exit 137, no message; a model file that large could not be loaded anyway), and {@code --layers
 * 1} or {@code --embedding-scale 0} were refused in the library's words, naming no option.
 */
@Isolated
class GrowOptionsTest {
    @Test
    void aDepthNoModelFileCouldHoldIsRefusedNamingTheOption(@TempDir Path tmp) throws Exception {
        Path model = TestModels.tinyModel();
        ModelConfig was = ModelCheckpoint.readHeader(model).model();
        int most = was.layers();
        while (was.withLayers(most + 1).minimumWeights() * Float.BYTES <= Integer.MAX_VALUE - 8) {
            most++;
        }
        Path out = tmp.resolve("grown");
        Run r = MainTest.run("", "grow", "--model", model.toString(), "--out", out.toString(), "--layers", "100000");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --layers 100000: the grown network would hold at least "), r.err());
        assertTrue(r.err().contains(" more than a model file that loads can hold (2,147,483,639 bytes); give at most "
                + String.format(java.util.Locale.ROOT, "%,d", most) + " layers\n"), r.err());
        assertFalse(Files.exists(out), "nothing made");

        IllegalArgumentException library = assertThrows(IllegalArgumentException.class,
                () -> ModelGrowth.grow(model, out, false, 100000));
        assertTrue(library.getMessage().startsWith("the grown network would hold at least "), library.getMessage());
        assertFalse(Files.exists(out), "nothing made");
    }

    @Test
    void layersAndScaleOutOfRangeNameTheirOption(@TempDir Path tmp) throws Exception {
        Path model = TestModels.tinyModel();
        int layers = ModelCheckpoint.readHeader(model).model().layers();
        Path out = tmp.resolve("grown");
        for (String fewer : new String[] {String.valueOf(layers), "-1"}) {
            Run r = MainTest.run("", "grow", "--model", model.toString(), "--out", out.toString(), "--layers", fewer);
            assertEquals(1, r.code(), r.err());
            assertEquals("error: --layers " + fewer + ": " + model + " already has " + layers + " layers; give more"
                    + " (the new blocks go on top)\n", r.err());
        }
        for (String scale : new String[] {"0", "-2", "NaN", "Infinity"}) {
            Run r = MainTest.run("", "grow", "--model", model.toString(), "--out", out.toString(),
                    "--embedding-scale", scale);
            assertEquals(1, r.code(), r.err());
            assertEquals("error: --embedding-scale must be a positive number, got " + scale + "\n", r.err());
        }
        assertFalse(Files.exists(out), "nothing made");
    }
}
