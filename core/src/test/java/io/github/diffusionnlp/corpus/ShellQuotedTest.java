package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A command recorded to be pasted into a shell (compare-ar's rerun command) wrote its paths raw: one holding a space,
 * a quote or a {@code $} ran another command, or none. Each word is quoted for a POSIX shell where it needs it.
 */
class ShellQuotedTest {
    /** Words a POSIX shell reads as themselves: left as they are, so that existing records read the same. */
    @Test
    void aPlainWordIsLeftAsItIs() {
        for (String plain : List.of("results/ar-comparison", "test-data/models/brown-cdcd", "cpu", "-x", "a=b",
                "/tmp/x_1.2,3:4@5%6+7")) {
            assertEquals(plain, ShellQuoted.of(plain));
        }
        assertEquals("results/ar-comparison", ShellQuoted.of(Path.of("results/ar-comparison")));
    }

    @Test
    void anyOtherWordIsSingleQuoted() {
        assertEquals("''", ShellQuoted.of(""));
        assertEquals("'my models/x'", ShellQuoted.of("my models/x"));
        assertEquals("'it'\\''s'", ShellQuoted.of("it's"));
        assertEquals("'~/models'", ShellQuoted.of("~/models"));
        assertEquals("'$HOME/`id`;rm -rf *'", ShellQuoted.of("$HOME/`id`;rm -rf *"));
        assertEquals("'a\nb'", ShellQuoted.of("a\nb"));
        assertEquals("'caf\u00e9'", ShellQuoted.of("caf\u00e9"));
    }

    /** What a real POSIX shell makes of each quoted word: the word itself. */
    @Test
    void theShellReadsEachWordBackAsItWas() throws IOException, InterruptedException {
        Path sh = Path.of("/bin/sh");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(sh), "no /bin/sh here");
        List<String> words = List.of("plain/path", "", "my models/x", "it's", "''", "'\\''", "~/m", "$HOME", "`id`",
                "a\nb", "tab\there", "\u001B[2J", "caf\u00e9", "*", "a\\b", "\"q\"", "!x", "-n");
        StringBuilder script = new StringBuilder("printf '%s\\0'");
        for (String word : words) {
            script.append(' ').append(ShellQuoted.of(word));
        }
        Process p = new ProcessBuilder(sh.toString(), "-c", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(words, List.of(out.split("\0", -1)).subList(0, words.size()));
        assertEquals(words.size() + 1, out.split("\0", -1).length, out);
    }
}
