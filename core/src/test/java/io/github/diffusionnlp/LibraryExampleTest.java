package io.github.diffusionnlp;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryExampleTest {
    @Test
    void compilesAgainstThisApi(@TempDir Path out) {
        ExampleSources.assertCompiles("library/LibraryExample.java", out);
    }
}
