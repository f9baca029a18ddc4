package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code -data} file in UTF-16 with a byte-order mark (Windows' "Unicode"), read as UTF-8 by default, was refused
 * with the hint "e.g. -encoding ISO-8859-1", which would read it as Latin-1 garbage: the hint names UTF-16 now, for
 * either byte order, in Train (tagged and plain) and InfillEvaluator; a file without such a mark keeps the old hint.
 */
class Utf16DataHintTest {
    private static final String SENTENCES = "The_DET jury_NOUN said_VERB it_PRON did_VERB ._PUNCT\n".repeat(3);

    @TempDir
    Path tmp;

    @Test
    void trainNamesUtf16ForEitherByteOrder() throws Exception {
        for (var charset : new java.nio.charset.Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            Path data = utf16(charset);
            for (String format : new String[] {"tagged", "plain"}) {
                Run r = DiffusionNlpToolTest.run("", "Train", "-model", tmp.resolve("t.bin").toString(), "-data",
                        data.toString(), "-format", format);
                assertUtf16Hint(r, data);
                assertFalse(Files.exists(tmp.resolve("t.bin")));
            }
        }
    }

    @Test
    void infillEvaluatorNamesUtf16() throws Exception {
        Path data = utf16(StandardCharsets.UTF_16LE);
        assertUtf16Hint(DiffusionNlpToolTest.run("", "InfillEvaluator", "-data", data.toString(), "-steps", "2"),
                data);
    }

    /** Latin-1 bytes without a UTF-16 mark keep the hint they had. */
    @Test
    void otherBytesKeepTheLatin1Hint() throws Exception {
        Path data = Files.write(tmp.resolve("latin1.txt"),
                "Caf\u00e9_NOUN au_ADP lait_NOUN ._PUNCT\n".getBytes(StandardCharsets.ISO_8859_1));
        Run r = DiffusionNlpToolTest.run("", "Train", "-model", tmp.resolve("t.bin").toString(), "-data",
                data.toString());
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-data: " + data + ": not UTF-8 text (on its first lines); give the file's"
                + " encoding with -encoding, e.g. -encoding ISO-8859-1\n"), r.stderr());
    }

    private Path utf16(java.nio.charset.Charset order) throws Exception {
        return Files.write(tmp.resolve(order.name() + ".txt"), ("\uFEFF" + SENTENCES).getBytes(order));
    }

    private static void assertUtf16Hint(Run r, Path data) {
        assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-data: " + data + ": not UTF-8 text (it starts with a UTF-16 byte-order"
                + " mark); give the file's encoding with -encoding UTF-16\n"), r.stderr());
        assertFalse(r.stderr().contains("ISO-8859-1"), r.stderr());
    }
}
