package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.ExampleSources;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleTest {
    @Test
    void compilesAgainstThisApi(@TempDir Path out) {
        ExampleSources.assertCompiles("opennlp/OpenNlpExample.java", out);
    }

    /**
     * Run as its header says, the example printed DJL's start-up notes, a {@code WARN ... Failed to detect GPU
     * count} among them on a machine without a GPU, which reads as an error: it now sets the ai.djl logger to ERROR.
     */
    @Test
    void runsWithoutDjlsStartUpNotes(@TempDir Path out) throws Exception {
        ExampleSources.assertNoDjlNotes(ExampleSources.run("opennlp/OpenNlpExample.java", "OpenNlpExample", out));
    }
}
