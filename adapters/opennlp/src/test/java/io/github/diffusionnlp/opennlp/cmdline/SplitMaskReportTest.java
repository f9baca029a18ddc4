package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A line with a real [MASK] and a split "[ MASK ]" was reported twice under Infill -tokenized: by the tool ("line 1:
 * ...") and by InfillerME's WARN ("sentence 0 ...", counting from 0). The tool tells it; the library logs it at DEBUG
 * then. Captured from stderr, where the simple logger writes.
 */
@Isolated
class SplitMaskReportTest {
    @Test
    void aSplitMaskBesideARealOneIsReportedOnce() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        DiffusionNlpToolTest.Run run;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            run = DiffusionNlpToolTest.run("The [ MASK ] met on [MASK] .\n", "Infill", "-tokenized", "true", "-steps",
                    "2");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(CmdTool.FAILED, run.code(), run.stderr());
        assertEquals(1, run.stderr().split("'\\[ MASK \\]' is not a mask", -1).length - 1, run.stderr());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains("split into three tokens"), "said again by the library: " + log);
        assertFalse(run.out().contains(" [MASK] "), "the real mask is filled: " + run.out());
    }
}
