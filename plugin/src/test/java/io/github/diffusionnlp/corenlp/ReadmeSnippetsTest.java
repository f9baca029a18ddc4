package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.ReadmeSnippets;
import io.github.diffusionnlp.ReadmeSnippets.Prelude;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ```java} blocks marked {@code <!-- snippet: corenlp/NAME -->} in the root README and this
 * module's README compile against this module, each with its prelude here under the NAME of its marker
 * (see core's {@link ReadmeSnippets}). There are none yet: this test makes a new one name its prelude
 * rather than go unchecked (and fails on a {@code ```java} block of this module's README without a marker).
 */
class ReadmeSnippetsTest {
    private static final String ROOT = "README.md";
    private static final String MODULE = "plugin/README.md";
    private static final Map<String, Prelude> ROOT_README = Map.of();
    private static final Map<String, Prelude> MODULE_README = Map.of();

    @Test
    void everyCoreNlpSnippetHasAPreludeAndNoPreludeIsStale() {
        assertEquals(ROOT_README.keySet(), ReadmeSnippets.names(ROOT, "corenlp"));
        assertEquals(MODULE_README.keySet(), ReadmeSnippets.names(MODULE, "corenlp"));
    }

    @Test
    void readmeSnippetsCompileAgainstThisApi(@TempDir Path out) {
        ReadmeSnippets.assertCompile(ROOT, "corenlp", ROOT_README, out);
        ReadmeSnippets.assertCompile(MODULE, "corenlp", MODULE_README, out);
    }
}
