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
        assertEquals("'a\u00A0b'", ShellQuoted.of("a\u00A0b"), "a no-break space, which reads as a word break");
        assertEquals("'a\u200Bb'", ShellQuoted.of("a\u200Bb"), "a zero-width space");
        assertEquals("'C:\\models\\x'", ShellQuoted.of("C:\\models\\x"), "a backslash, which sh reads as an escape");
    }

    /**
     * A letter, digit or combining mark of any script means nothing to a POSIX shell (every byte of its UTF-8 is above
     * ASCII, where sh has no special characters): a path written in one reads as it was given, as a plain ASCII one
     * does; quoted, {@code café/models} was written {@code 'café/models'} for no reason. Spaces of any kind,
     * control and format characters are still quoted.
     */
    @Test
    void aLetterOfAnyScriptIsLeftAsItIs() {
        for (String plain : List.of("caf\u00e9", "cafe\u0301/mod\u00e8les",
                "Z\u00fcrich/\u043c\u043e\u0434\u0435\u043b\u0438", "\u6a21\u578b/\u0661\u0662", "\u0915\u093f-x")) {
            assertEquals(plain, ShellQuoted.of(plain));
        }
        assertEquals("'caf\u00e9 x'", ShellQuoted.of("caf\u00e9 x"));
    }

    /** What a real POSIX shell makes of each quoted word: the word itself. */
    @Test
    void theShellReadsEachWordBackAsItWas() throws IOException, InterruptedException {
        Path sh = Path.of("/bin/sh");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(sh), "no /bin/sh here");
        List<String> words = List.of("plain/path", "", "my models/x", "it's", "''", "'\\''", "~/m", "$HOME", "`id`",
                "a\nb", "tab\there", "\u001B[2J", "caf\u00e9",
                "cafe\u0301/\u043c\u043e\u0434\u0435\u043b\u0438", "\u6a21\u578b\u00A0x", "C:\\m\\x", "*", "a\\b",
                "\"q\"", "!x", "-n");
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
