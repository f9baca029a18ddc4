package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
