package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -model dir/config.json} (a file of a model directory, as a shell's completion offers it) was read as a
 * package and refused as "not a zip file", which does not say what to give instead: the directory is named.
 */
class ModelFileForDirectoryTest {
    @Test
    void aFileOfAModelDirectoryNamesTheDirectory(@TempDir Path tmp) throws IOException {
        Path model = Files.createDirectory(tmp.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{}\n");
        Files.writeString(model.resolve("vocab.txt"), "[PAD]\n");
        for (String file : new String[] {"config.json", "vocab.txt"}) {
            DiffusionNlpToolTest.Run run = DiffusionNlpToolTest.run("a [MASK]\n", "Infill", "-model",
                    model.resolve(file).toString());
            assertEquals(CmdTool.FAILED, run.code(), run.stderr());
            String err = run.stderr();
            assertFalse(err.contains("zip file"), err);
            assertTrue(err.contains(file + " is a file of a model directory: give the model as its directory, " + model
                    + ", or as a package file"), err);
        }
    }

    @Test
    void aPackageFileIsStillReadAsOne(@TempDir Path tmp) throws IOException {
        Path notZip = Files.writeString(tmp.resolve("model.bin"), "not a zip at all\n");
        DiffusionNlpToolTest.Run run = DiffusionNlpToolTest.run("a [MASK]\n", "Infill", "-model", notZip.toString());
        assertEquals(CmdTool.FAILED, run.code(), run.stderr());
        assertTrue(run.stderr().contains("not a zip file"), run.stderr());
    }
}
