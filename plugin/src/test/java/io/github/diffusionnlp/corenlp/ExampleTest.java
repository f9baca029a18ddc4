package io.github.diffusionnlp.corenlp;

import io.github.diffusionnlp.ExampleSources;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleTest {
    @Test
    void compilesAgainstThisApi(@TempDir Path out) {
        ExampleSources.assertCompiles("corenlp/CoreNlpExample.java", out);
    }
}
