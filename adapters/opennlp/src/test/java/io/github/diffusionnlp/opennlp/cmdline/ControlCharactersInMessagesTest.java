package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model path holding an ESC sequence was printed raw in the tools' errors, and the terminal ran it (audit h130,
 * finding 7): its control characters are written as code points now.
 */
class ControlCharactersInMessagesTest {
    @Test
    void aModelPathIsQuotedWithItsControlCharactersShown(@TempDir Path tmp) {
        Path model = tmp.resolve("\u001B]0;OWNED\u0007\u001B[2Jmodel.bin");
        for (String tool : new String[] {"Infill", "Package"}) {
            DiffusionNlpToolTest.Run run = tool.equals("Package")
                    ? DiffusionNlpToolTest.run("", tool, "-model", model.toString(), "-out", tmp.resolve("o.bin").toString())
                    : DiffusionNlpToolTest.run("", tool, "-model", model.toString());
            assertTrue(run.code() != 0, tool + ": " + run.stderr());
            assertTrue(run.stderr().contains(tmp.resolve("<U+001B>]0;OWNED<U+0007><U+001B>[2Jmodel.bin").toString()),
                    tool + ": " + run.stderr());
            assertFalse(run.stderr().contains("\u001B") || run.stderr().contains("\u0007"), tool + ": " + run.stderr());
        }
    }
}
