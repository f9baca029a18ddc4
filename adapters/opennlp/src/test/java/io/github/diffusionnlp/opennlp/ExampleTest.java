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
}
