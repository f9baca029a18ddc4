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
 * A model directory whose config.json is cut short was refused with Jackson's reason written twice, the second time
 * with its source description ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2,
 * column: 1]"), which says nothing to a user: the reason is said once, with its line and column.
 */
class DamagedModelMessageTest {
    @Test
    void aTruncatedConfigIsNamedOnceWithItsLineAndColumn(@TempDir Path tmp) throws IOException {
        Path model = Files.createDirectory(tmp.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{\n");
        DiffusionNlpToolTest.Run run = DiffusionNlpToolTest.run("a [MASK]\n", "Infill", "-model", model.toString());
        assertEquals(CmdTool.FAILED, run.code(), run.stderr());
        String err = run.stderr();
        assertTrue(err.contains(model.resolve("config.json") + " not a valid model config (Unexpected end-of-input"),
                err);
        assertTrue(err.contains("line 2, column 1"), err);
        assertFalse(err.contains("REDACTED") || err.contains("StreamReadFeature") || err.contains("[Source"), err);
        assertEquals(1, err.split("Unexpected end-of-input", -1).length - 1, "said once: " + err);
    }
}
