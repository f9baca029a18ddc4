package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.diffusionnlp.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code Train -model} and {@code Package -out} write their package is checked before the work, as OpenNLP's
 * trainers check theirs ({@code CmdLineUtil.checkOutputFile}) before they train (audit h251): a directory no file can
 * be made in was found only once the whole run had trained, and the run was lost ("error: /proc/o.bin.2130...tmp: no
 * such file or directory", exit 2); an output that is no regular file (a FIFO, a device) was replaced by the package;
 * {@code -model} naming the {@code -data} file replaced the training data with the package, and {@code Package -out}
 * naming a file of the model directory replaced that file of the model.
 */
class PackageOutputCheckedFirstTest {
    private static final String SENTENCES = "The_DET cat_NOUN sleeps_VERB ._PUNCT\nA_DET dog_NOUN runs_VERB ._PUNCT\n";

    private static Path params(Path tmp) throws IOException {
        return Files.writeString(tmp.resolve("params.txt"), "Iterations=2\nSize=tiny\n");
    }

    @Test
    void trainRefusesADirectoryNoFileCanBeMadeInBeforeItTrains(@TempDir Path tmp) throws IOException {
        Path proc = Path.of("/proc");
        assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux's /proc, where no file can be made");
        Path data = Files.writeString(tmp.resolve("data.txt"), SENTENCES);
        String model = proc.resolve("h251-model.bin").toString();
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Train", "-model", model, "-data",
                data.toString(), "-params", params(tmp).toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-model " + model + ": cannot write a file in /proc ("), r.stderr());
        assertFalse(r.stderr().contains("step ") || r.stderr().contains("corpus:"), "trained first: " + r.stderr());
    }

    @Test
    void packageRefusesADirectoryNoFileCanBeMadeIn() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc, where no file can be made");
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Package", "-model",
                TestModels.tinyModel().toString(), "-out", "/proc/h251-model.bin");
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-out /proc/h251-model.bin: cannot write a file in /proc ("), r.stderr());
    }

    @Test
    void anOutputThatIsNoRegularFileIsNotReplaced(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("fifo.bin");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "needs mkfifo");
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Package", "-model",
                TestModels.tinyModel().toString(), "-out", fifo.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-out " + fifo + ": not a regular file, which the package would replace;"
                + " give a file to write"), r.stderr());
        assertTrue(Files.readAttributes(fifo, BasicFileAttributes.class).isOther(), "the FIFO was replaced");
    }

    @Test
    void trainRefusesToWriteThePackageOverItsData(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("data.txt"), SENTENCES);
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Train", "-model", data.toString(), "-data",
                data.toString(), "-params", params(tmp).toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-model " + data + ": is the -data file, which the package would replace;"
                + " give another file to write"), r.stderr());
        assertEquals(SENTENCES, Files.readString(data));
    }

    /**
     * {@code CheckpointDir} the same path as {@code -model}: the run trained into that directory, then could not write
     * the package over it ("error: /tmp/m.bin.NNN.tmp -> /tmp/m.bin: Is a directory", exit 2).
     */
    @Test
    void trainRefusesAPackageFileThatIsItsCheckpointDir(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("data.txt"), SENTENCES);
        Path model = tmp.resolve("m.bin");
        Path params = Files.writeString(tmp.resolve("params.txt"), "Iterations=2\nSize=tiny\nCheckpointDir="
                + model.toString().replace("\\", "\\\\") + "\n");
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Train", "-model", model.toString(), "-data",
                data.toString(), "-params", params.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-model " + model + ": is the CheckpointDir of -params, the directory the run"
                + " trains in; give another file to write"), r.stderr());
        assertFalse(Files.exists(model), "trained into it first");
    }

    @Test
    void packageRefusesToWriteOverAFileOfTheModelDirectory(@TempDir Path tmp) throws IOException {
        Path dir = TestModels.copyOfTinyModel(tmp);
        Path params = dir.resolve("model.params");
        byte[] before = Files.readAllBytes(params);
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Package", "-model", dir.toString(), "-out",
                params.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-out " + params + ": is the model directory's model.params, which the"
                + " package would replace; give a file outside it, or another name"), r.stderr());
        assertArrayEquals(before, Files.readAllBytes(params));
    }
}
