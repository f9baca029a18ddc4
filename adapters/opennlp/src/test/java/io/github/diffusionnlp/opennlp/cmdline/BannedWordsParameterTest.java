package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -bannedWords FILE}, in every tool that samples. */
class BannedWordsParameterTest {
    private static final String MODEL = TestModels.shippedModel().toString();

    @TempDir
    Path dir;

    private static Run generate(Path bannedWords) {
        return DiffusionNlpToolTest.run("", "Generate", "-model", MODEL, "-count", "2", "-length", "8", "-steps", "8",
                "-seed", "0", "-bannedWords", bannedWords.toString());
    }

    /**
     * The shipped model writes a slur of the default list in the first of two sentences at seed 0 (as core's
     * BannedWordsTest finds): an empty file lets it, a file of that word alone does not.
     */
    @Test
    void anEmptyFileBansNoneAndAFileOfOneWordBansIt() throws Exception {
        Run free = generate(Files.writeString(dir.resolve("none.txt"), "# none\n"));
        assertEquals(0, free.code(), free.stderr());
        String first = free.lines().get(0);
        String slur = Arrays.stream(first.split(" ")).filter(DiffusionLM.defaultBannedWords()::contains).findFirst()
                .orElseThrow(() -> new AssertionError("the case this guards: " + first));
        Run mine = generate(Files.writeString(dir.resolve("mine.txt"), slur + "\n"));
        assertEquals(0, mine.code(), mine.stderr());
        assertFalse(Arrays.asList(mine.out().split("\\s+")).contains(slur), mine.out());
    }

    /** A path Java cannot take said "error: Nul character not allowed: bad" (under LANG=C, "Malformed input ..."). */
    @Test
    void aPathJavaCannotTakeIsNamedWithItsReason() {
        Run r = DiffusionNlpToolTest.run("", "Generate", "-model", "/nonexistent", "-bannedWords", "bad\u0000.txt");
        assertEquals(CmdTool.FAILED, r.code(), r.stderr());
        // the NUL written as a code point, as every control character in an error line (corpus.Visible)
        assertEquals("error: cannot use the path 'bad<U+0000>.txt': Nul character not allowed\n", r.stderr());
    }

    @Test
    void aBadFileIsNamedByEveryToolThatSamplesBeforeTheModelLoads() throws Exception {
        Path two = Files.writeString(dir.resolve("two.txt"), "one\ntwo words\n");
        for (String tool : new String[] {"Infill", "Rewrite", "Generate", "InfillEvaluator"}) {
            String[] args = {tool, "-model", "/nonexistent", "-bannedWords", two.toString()};
            if (tool.equals("InfillEvaluator")) { // its reference sentences, read after the parameters are checked
                args = Stream.concat(Arrays.stream(args), Stream.of("-data", two.toString())).toArray(String[]::new);
            }
            Run r = DiffusionNlpToolTest.run("", args);
            assertTrue(r.code() != 0, tool + ": " + r.stderr());
            assertTrue(r.stderr().contains("-bannedWords: " + two + ":2: 'two words' is more than one word"),
                    tool + ": " + r.stderr());
        }
        Run missing = generate(dir.resolve("no.txt"));
        assertTrue(missing.stderr().contains("-bannedWords: the banned-words file " + dir.resolve("no.txt")
                + " does not exist"), missing.stderr());
    }
}
