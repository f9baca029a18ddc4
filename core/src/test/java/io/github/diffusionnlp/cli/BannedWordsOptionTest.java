package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code --banned-words FILE}, on every command that samples through the shared model options. */
@Isolated
class BannedWordsOptionTest {
    private static final String MODEL = TestModels.shippedModel().toString();

    @TempDir
    Path dir;

    private static Run generate(String... more) {
        String[] args = {"generate", "--model", MODEL, "--count", "2", "--length", "8", "--steps", "8", "--seed", "0"};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return MainTest.run("", all);
    }

    /**
     * The shipped model writes a slur of the default list in the first of two sentences at seed 0 (as the library's
     * BannedWordsTest finds): an empty file lets it, a file of that word alone does not.
     */
    @Test
    void anEmptyFileBansNoneAndAFileOfOneWordBansIt() throws Exception {
        Run free = generate("--banned-words", Files.writeString(dir.resolve("none.txt"), "# none\n").toString());
        assertEquals(0, free.code(), free.err());
        String first = free.out().lines().findFirst().orElseThrow();
        String slur = Arrays.stream(first.split(" ")).filter(DiffusionLM.defaultBannedWords()::contains).findFirst()
                .orElseThrow(() -> new AssertionError("the case this guards: " + first));
        Run mine = generate("--banned-words", Files.writeString(dir.resolve("mine.txt"), slur + "\n").toString());
        assertEquals(0, mine.code(), mine.err());
        assertFalse(Arrays.asList(mine.out().split("\\s+")).contains(slur), mine.out());
    }

    @Test
    void aBadFileIsNamedByEveryCommandThatSamples() throws Exception {
        Path two = Files.writeString(dir.resolve("two.txt"), "one\ntwo words\n");
        for (String command : new String[] {"infill", "rewrite", "generate", "evaluate"}) {
            Run r = MainTest.run("a [MASK] .\n", command, "--model", MODEL, "--banned-words", two.toString());
            assertEquals(1, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains("--banned-words: " + two + ":2: 'two words' is more than one word"),
                    command + ": " + r.err());
        }
        Run missing = MainTest.run("", "generate", "--model", MODEL, "--banned-words", dir.resolve("no.txt").toString());
        // the file named once: the cause's own "FILE: banned-words file not found" was appended after the remedy
        assertEquals("error: --banned-words: the banned-words file " + dir.resolve("no.txt") + " does not exist; name an"
                + " existing file (a banned-words file holds one word a line in UTF-8, '#' starting a comment line, and"
                + " an empty one bans none)\n", missing.err());
    }

    @Test
    void benchmarkRefusesItAsItTimesSamplingOnly() {
        Run r = MainTest.run("", "benchmark", "--banned-words", "x.txt");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("--banned-words is not used by benchmark"), r.err());
    }
}
