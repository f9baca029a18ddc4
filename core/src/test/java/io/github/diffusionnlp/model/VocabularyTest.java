package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {
    @Test
    void ordersByFrequencyThenAlphabetically(@TempDir Path dir) throws IOException {
        Vocabulary v = Vocabulary.build(List.of(List.of("b", "a", "the", "the"), List.of("the", "c")), 4);
        assertEquals(List.of("[PAD]", "[UNK]", "the", "a"), List.of(v.word(0), v.word(1), v.word(2), v.word(3)));
        assertEquals(Vocabulary.UNK_ID, v.id("zebra"));
        Path file = dir.resolve("vocab.txt");
        v.save(file);
        assertEquals(v.size(), Vocabulary.load(file).size());
        assertEquals(3, Vocabulary.load(file).id("a"));
    }

    @Test
    void rejectsAFileWithoutTheSpecialTokens(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.txt");
        Files.writeString(file, "hello\nworld\n");
        IOException e = assertThrows(IOException.class, () -> Vocabulary.load(file));
        assertEquals(true, e.getMessage().contains(file.toString()));
    }

    @Test
    void textNeverNamesASpecialToken() {
        Vocabulary v = Vocabulary.build(List.of(List.of("[MASK]", "[MASK]", "[MASK]", "[PAD]", "[UNK]", "cat")), 10);
        assertEquals(List.of("[PAD]", "[UNK]", "cat"), List.of(v.word(0), v.word(1), v.word(2)));
        assertEquals(3, v.size());
        for (String special : List.of("[PAD]", "[UNK]", "[MASK]")) {
            assertEquals(Vocabulary.UNK_ID, v.id(special), special);
            assertEquals(true, Vocabulary.isReserved(special));
        }
        assertEquals(false, Vocabulary.isReserved("[mask]"));
    }

    /** A word twice in vocab.txt was reported in Guava's words: "Multiple entries with same key: most=101 and most=100". */
    @Test
    void aWordOnTwoLinesIsNamedWithBothLines(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("vocab.txt"), List.of("[PAD]", "[UNK]", "most", "the", "most"));
        IOException e = assertThrows(IOException.class, () -> Vocabulary.load(file));
        assertEquals(file + ": the word 'most' is on line 3 and again on line 5; each word of a vocabulary is on one"
                + " line only (the file was edited or damaged: restore it from the model's save)", e.getMessage());
    }
    private static final String NFC_A_GRAVE = "\u00e0"; // à, one code point
    private static final String NFD_A_GRAVE = "a\u0300"; // a and a combining grave accent

    /**
     * A French corpus mixing NFC and NFD lines (an audit's) gave a vocabulary of 273 words, 46 of them twice:
     * {@code à} and {@code a + U+0300}, {@code était}, {@code Montréal}. The two forms are one word, counted together.
     */
    @Test
    void theTwoUnicodeFormsOfAWordAreOneWord() {
        Vocabulary v = Vocabulary.build(List.of(List.of(NFD_A_GRAVE, "Paris", "\u00e9tait"),
                List.of(NFC_A_GRAVE, "Gene\u0300ve", "e\u0301tait"), List.of(NFD_A_GRAVE, "Paris")), 10);
        assertEquals(List.of("[PAD]", "[UNK]", NFC_A_GRAVE, "Paris", "\u00e9tait", "Gen\u00e8ve"),
                java.util.stream.IntStream.range(0, v.size()).mapToObj(v::word).toList(), "counted in NFC, written in NFC");
        assertEquals(2, v.id(NFD_A_GRAVE));
        assertEquals(2, v.id(NFC_A_GRAVE));
        assertEquals(5, v.id("Gene\u0300ve"));
        assertEquals(true, v.contains("e\u0301tait"));
        assertEquals(0, v.twinCount());
    }

    /**
     * A vocabulary saved before words were counted in NFC may hold a word in both forms: it loads, text in either
     * form is read as the first (the more frequent in training), both rows are written in NFC, and it saves back as
     * it was read, byte for byte (a checkpoint's checksum is over that file).
     */
    @Test
    void aVocabularyHoldingAWordInBothFormsLoadsAndReadsTextAsTheFirst(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("vocab.txt"), List.of("[PAD]", "[UNK]", NFD_A_GRAVE, "Paris", NFC_A_GRAVE));
        Vocabulary v = Vocabulary.load(file);
        assertEquals(5, v.size());
        assertEquals(2, v.id(NFC_A_GRAVE));
        assertEquals(2, v.id(NFD_A_GRAVE));
        assertEquals(NFC_A_GRAVE, v.word(2));
        assertEquals(NFC_A_GRAVE, v.word(4));
        assertEquals(1, v.twinCount());
        Path saved = dir.resolve("saved.txt");
        v.save(saved);
        assertEquals(-1L, Files.mismatch(file, saved));
    }

    /**
     * A token far longer than any word (a file read in another encoding is one such token a line) is left out of a
     * built vocabulary: kept, its model's own load refused the saved vocab.txt as damaged (more bytes than its words
     * may take), after the whole training run.
     */
    @Test
    void aTokenLongerThanAnyWordIsLeftOutSoThatTheSavedVocabularyLoads(@TempDir Path dir) throws IOException {
        String blob = "y".repeat(27_000);
        String longest = "z".repeat(Vocabulary.LONGEST_WORD);
        Vocabulary built = Vocabulary.build(List.of(List.of(blob, "a", longest), List.of(blob, "b")), 100);
        assertEquals(5, built.size()); // [PAD], [UNK], a, b and the longest word allowed
        assertTrue(built.contains(longest) && built.contains("a") && !built.contains(blob));
        assertEquals(Vocabulary.UNK_ID, built.id(blob));
        built.save(dir.resolve("vocab.txt"));
        Vocabulary loaded = new io.github.diffusionnlp.checkpoint.CheckpointReading(dir)
                .readVocabulary("vocab.txt", built.size());
        assertEquals(built.size(), loaded.size());
        assertEquals(built.id(longest), loaded.id(longest));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Vocabulary.build(List.of(List.of(blob), List.of(Vocabulary.MASK)), 100));
        assertTrue(none.getMessage().contains("no word to learn") && none.getMessage().contains("1,000 bytes"),
                none.getMessage());
    }
}
