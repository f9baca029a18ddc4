package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A banned-words file's lines ({@code --banned-words}, {@code -bannedWords}, {@code diffusion.bannedWords}) and a
 * collection's entries ({@code optBannedWords(Collection)}) are read by one rule. They were not: a word with spaces
 * around it was taken from a file and refused from a collection; a no-break space inside one ({@code two\u00A0words},
 * text pasted from the web) passed both, as one word no model word could ever match; and a file saved with a
 * byte-order mark banned its first word as {@code \uFEFFword}, which never matched.
 */
class BannedWordsRuleTest {
    @TempDir
    Path tmp;

    private Set<String> fromFile(String text) throws IOException {
        return BannedWords.read(Files.write(tmp.resolve("banned.txt"), text.getBytes(StandardCharsets.UTF_8)));
    }

    private Set<String> fromFile(List<String> lines) throws IOException {
        return fromFile(String.join("\n", lines) + "\n");
    }

    @Test
    void aFileAndACollectionOfTheSameWordsBanTheSameWords() throws IOException {
        for (List<String> words : List.of(List.of("Slur"), List.of("  padded\t", "\u00A0nbsp\u202F"),
                List.of("Caf\u00e9", "Cafe\u0301", "SLUR", "slur"))) {
            Set<String> collection = BannedWords.of(words);
            assertEquals(collection, fromFile(words), "the file of " + words);
        }
        assertEquals(Set.of("padded", "nbsp"), BannedWords.of(List.of("  padded\t", "\u00A0nbsp\u202F")),
                "the white space around a word is no part of it");
    }

    @Test
    void aWordWithWhiteSpaceInsideIsRefusedByBoth() throws IOException {
        for (String bad : List.of("two words", "two\u00A0words", "two\u2009words", "two\uFEFFwords")) {
            IllegalArgumentException file = assertThrows(IllegalArgumentException.class,
                    () -> fromFile(List.of("fine", bad)), bad);
            IllegalArgumentException collection = assertThrows(IllegalArgumentException.class,
                    () -> BannedWords.of(List.of("fine", bad)), bad);
            // the white space inside shown: a no-break space quoted raw looks like the space the user typed
            String why = "'" + io.github.diffusionnlp.corpus.Visible.of(bad) + "' is more than one word; white space"
                    + " (no-break spaces included) separates words";
            assertTrue(file.getMessage().startsWith(tmp.resolve("banned.txt") + ":2: " + why), file.getMessage());
            assertTrue(collection.getMessage().startsWith("optBannedWords entry 1: " + why), collection.getMessage());
        }
    }

    @Test
    void aByteOrderMarkIsNoPartOfTheFirstWord() throws IOException {
        assertEquals(Set.of("slur", "other"), fromFile("\uFEFFslur\nother\n"));
        assertEquals(Set.of("slur"), fromFile("\uFEFF# a comment, as a text editor saves it\nslur\n"));
    }

    /** What only a file has: lines. A blank line and a '#' line are no entries; a collection has no comments. */
    @Test
    void onlyAFileHasBlankAndCommentLines() throws IOException {
        assertEquals(Set.of("slur"), fromFile("# the list\n\n \u00A0\nslur\n"));
        assertEquals(Set.of("#slur"), BannedWords.of(List.of("#slur")));
        assertThrows(IllegalArgumentException.class, () -> BannedWords.of(List.of("\u00A0")));
    }
}
