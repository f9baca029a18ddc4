package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import opennlp.tools.util.TrainingParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Train -params FILE} is read as UTF-8, as every other file of these tools: it was read as ISO-8859-1
 * ({@code Properties.load(InputStream)}), so {@code CheckpointDir=/tmp/chéckpoint} silently became
 * {@code chÃ©ckpoint} and training wrote there.
 */
class TrainParamsFileTest {
    @TempDir
    Path tmp;

    @Test
    void theFileIsReadAsUtf8AndEscapesStillWork() throws Exception {
        Path file = Files.writeString(tmp.resolve("params.txt"), "# réglages\nCheckpointDir=/tmp/chéckpoint\n"
                + "Corpus=caf\\u00e9\nIterations = 10\n", StandardCharsets.UTF_8);
        TrainingParameters params = TrainTool.readParams(file);
        assertEquals("/tmp/chéckpoint", params.getStringParameter("CheckpointDir", null));
        assertEquals("café", params.getStringParameter("Corpus", null));
        assertEquals(10, params.getIntParameter("Iterations", 0));
        assertEquals(3, params.getObjectSettings().size(), params.getObjectSettings().toString());
    }

    /** A file saved "UTF-8 with BOM" (Notepad) began with U+FEFF: the first key read as "\uFEFFIterations". */
    @Test
    void aByteOrderMarkIsNotPartOfTheFirstKey() throws Exception {
        Path file = Files.writeString(tmp.resolve("bom.txt"), "\uFEFFIterations=10\nCheckpointDir=/tmp/ché\n",
                StandardCharsets.UTF_8);
        TrainingParameters params = TrainTool.readParams(file);
        assertEquals(10, params.getIntParameter("Iterations", 0), params.getObjectSettings().toString());
        assertEquals("/tmp/ché", params.getStringParameter("CheckpointDir", null));
        assertEquals(2, params.getObjectSettings().size(), params.getObjectSettings().toString());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheFile() throws Exception {
        Path file = Files.write(tmp.resolve("latin1.txt"), "CheckpointDir=/tmp/ch\u00e9ckpoint\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Path data = Files.writeString(tmp.resolve("data.txt"), "The_DET cat_NOUN sleeps_VERB ._PUNCT\n");
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Train", "-model", tmp.resolve("m.bin").toString(),
                "-data", data.toString(), "-params", file.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-params " + file + ": not UTF-8 (line 1 holds a byte that is not);"
                + " save it as UTF-8, or write the character as \\uXXXX\n"), r.stderr());
        assertTrue(Files.notExists(tmp.resolve("m.bin")));
    }

    /** The command-line tool's -params file, as the audit ran it: refused, nothing written. */
    @Test
    void aNamespacedKeyInAParamsFileIsRefused() throws Exception {
        Path params = Files.writeString(tmp.resolve("p.txt"), "Iterations=1\nSize=tiny\nmy.Bogus=1\n");
        Path data = Files.writeString(tmp.resolve("pos.txt"), "The_DET cat_NOUN sleeps_VERB ._PUNCT\n");
        Path bin = tmp.resolve("t.bin");
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Train", "-model", bin.toString(),
                "-data", data.toString(), "-params", params.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-params " + params + ": namespaced training parameter 'my.Bogus': Train"
                + " trains one model and reads no namespaces; give it without its prefix (Bogus=1)"), r.stderr());
        assertFalse(Files.exists(bin));
    }
}
