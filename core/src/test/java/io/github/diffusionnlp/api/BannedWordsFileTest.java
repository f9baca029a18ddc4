package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A banned-words list file ({@link DiffusionLM.Builder#optBannedWords(Path)}): its format, its errors, its effect. */
class BannedWordsFileTest {
    private static final SamplingOptions EIGHT_STEPS = SamplingOptions.builder().steps(8).seed(0).length(8).build();

    @TempDir
    Path dir;

    /**
     * The shipped model writes a slur of the default list in the first of two sentences at seed 0 (BannedWordsTest):
     * an empty file lets it, a file of that word alone does not.
     */
    @Test
    void anEmptyFileBansNoneAndAWordOfTheFileIsNeverWritten() throws Exception {
        Path empty = Files.writeString(dir.resolve("none.txt"), "# nothing banned\n\n");
        String slur;
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).optBannedWords(empty).build()) {
            assertEquals(Set.of(), lm.bannedWords());
            List<String> first = lm.generate(2, EIGHT_STEPS).get(0);
            slur = first.stream().filter(DiffusionLM.defaultBannedWords()::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("the case this guards: " + first));
        }
        Path file = Files.writeString(dir.resolve("mine.txt"), "# my list\r\n\n  " + slur + "  \r\n");
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).optBannedWords(file).build()) {
            assertEquals(Set.of(slur), lm.bannedWords());
            List<String> first = lm.generate(2, EIGHT_STEPS).get(0);
            assertFalse(first.contains(slur), first.toString());
        }
    }

    @Test
    void theDefaultListReadsAsAFileOfItsFormat() throws Exception {
        Path copy = dir.resolve("default.txt");
        try (var in = BannedWords.class.getResourceAsStream("banned-words.txt")) {
            Files.copy(in, copy);
        }
        assertEquals(DiffusionLM.defaultBannedWords(), BannedWords.read(copy));
        assertFalse(DiffusionLM.defaultBannedWords().isEmpty());
    }

    @Test
    void aMissingFileOrABadLineIsNamed() throws Exception {
        Path missing = dir.resolve("missing.txt");
        String message = assertThrows(IllegalArgumentException.class,
                () -> DiffusionLM.builder().optBannedWords(missing)).getMessage();
        assertTrue(message.contains(missing.toString()) && message.contains("does not exist")
                && message.contains("an empty one bans none"), message);

        message = assertThrows(IllegalArgumentException.class,
                () -> DiffusionLM.builder().optBannedWords(dir)).getMessage();
        assertTrue(message.startsWith("the banned-words file " + dir + " is a directory; give a banned-words file ("),
                message);

        Path two = Files.writeString(dir.resolve("two.txt"), "# fine\nfine\nnot fine\n");
        message = assertThrows(IllegalArgumentException.class, () -> DiffusionLM.builder().optBannedWords(two))
                .getMessage();
        assertTrue(message.startsWith(two + ":3: 'not fine' is more than one word")
                && message.contains("each word on a line of its own"), message);

        Path latin1 = Files.write(dir.resolve("latin1.txt"), "ok\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        message = assertThrows(IllegalArgumentException.class, () -> DiffusionLM.builder().optBannedWords(latin1))
                .getMessage();
        assertTrue(message.startsWith(latin1 + ":2: not valid UTF-8"), message);
    }

    /**
     * A line starting with {@code #} is a comment, so a file could not ban {@code #MeToo} (a collection could):
     * {@code \#} at a line's start stands for {@code #}, its backslash dropped; a backslash elsewhere is a character
     * of the word, as it was.
     */
    @Test
    void aBackslashBeforeHashBansAWordStartingWithHash() throws Exception {
        Path file = Files.writeString(dir.resolve("tags.txt"), "# comment\n\\#MeToo\n  \\#1  \n#not banned\n"
                + "a\\#b\n\\x\n");
        assertEquals(Set.of("#MeToo", "#1", "a\\#b", "\\x"), BannedWords.read(file));
        assertEquals(BannedWords.read(file), BannedWords.of(List.of("#MeToo", "#1", "a\\#b", "\\x")),
                "as a collection gives them");
    }
}
