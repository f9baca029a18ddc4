package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import org.junit.jupiter.api.Test;

/**
 * A NUL byte is valid UTF-8, and core's CLI and the CoreNLP annotator fill a line holding one; the OpenNLP tools
 * passed it through unfilled as "not UTF-8 text". Now it is text: filled, the NUL kept.
 */
class NulBytesTest {
    @Test
    void aLineWithANulByteIsFilledAndKeepsIt() {
        String in = "A\0 [MASK] one .\nB [MASK] two \0.\n";
        for (String[] mode : new String[][] {{"-tokenized", "true"}, {"-detokenize", "true"}}) {
            Run r = DiffusionNlpToolTest.run(in, "Infill", mode[0], mode[1], "-steps", "2");
            assertEquals(0, r.code(), r.stderr());
            assertFalse(r.stderr().contains("not UTF-8"), r.stderr());
            assertEquals(2, r.lines().size(), r.out());
            for (String line : r.lines()) {
                assertFalse(line.contains("[MASK]"), line);
                assertTrue(line.contains("\0"), "the NUL kept: " + line);
            }
            assertTrue(r.lines().get(0).startsWith("A\0 "), r.lines().get(0));
        }
    }
}
