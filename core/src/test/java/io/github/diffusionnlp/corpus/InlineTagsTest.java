package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags written into the text ({@code the_DET}, {@code the/at}, {@code the DET} lines) were read as plain text, the
 * tags trained as words, with only the note that the corpus carries no UPOS tags: a guessed layout now refuses
 * them, saying how to convert them, and {@code --layout plain} still reads them as they are. Plain text with
 * slashes and underscores in it is still plain text.
 */
class InlineTagsTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static List<TaggedSentence> read(Path p, CorpusLayout layout) throws IOException {
        return TaggedCorpus.readAs(p, TaggedCorpus.Reading.DEFAULT.orLayout(layout),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), LayoutOption.COMMAND_LINE)
                .sentences();
    }

    private String refusal(String name, String text) throws IOException {
        Path p = file(name, text);
        return assertThrows(IOException.class, () -> read(p, CorpusLayout.AUTO)).getMessage();
    }

    @Test
    void underscoreTaggedTokensAreRefusedWithAConversion() throws IOException {
        String message = refusal("tagged.txt", "The_DET cat_NOUN sat_VERB ._PUNCT\nA_DET dog_NOUN ran_VERB ._PUNCT\n");
        assertTrue(message.contains("looks like tagged text") && message.contains("8 of the 8 tokens looked at are word_TAG")
                && message.contains("4 UPOS tags (DET, NOUN, PUNCT, VERB)") && message.contains("awk ")
                && message.contains("> tagged.tsv") && message.contains("--layout plain"), message);
    }

    @Test
    void brownSlashTagsAreRefusedEvenWithStrayTabs() throws IOException {
        String message = refusal("brown.txt", "\tThe/at jury/nn said/vbd ./.\nIt/pps was/bedz late/jj ./.\n"
                + "We/ppss left/vbd ./.\n");
        assertTrue(message.contains("are word/TAG") && message.contains("Brown tags")
                && message.contains("map its Brown tags to UPOS"), message);
    }

    @Test
    void wordSpaceTagLinesAreRefused() throws IOException {
        String message = refusal("pairs.txt", "The DET\ncat NOUN\nsat VERB\n. PUNCT\n\nIt PRON\nran VERB\n");
        assertTrue(message.contains("6 of the 6 lines looked at are word TAG")
                && message.contains("awk '{print NF ? $1 \"\\t\" $2 : \"\"}'"), message);
    }

    @Test
    void layoutPlainStillReadsThemAsTheyAre() throws IOException {
        Path p = file("tagged.txt", "The_DET cat_NOUN sat_VERB ._PUNCT\nA_DET dog_NOUN ran_VERB ._PUNCT\n");
        assertEquals(List.of("The_DET", "cat_NOUN", "sat_VERB", "._PUNCT"), read(p, CorpusLayout.PLAIN).get(0).words());
    }

    /** Slashes, underscores, URLs, dates, code, two-word lines and "word ." lines: real plain text reads as it did. */
    @Test
    void plainTextWithSlashesAndUnderscoresIsStillPlainText() throws IOException {
        List<String> texts = List.of(
                "Add 1/2 cup of milk and/or water .\nSee http://example.com/a/b for the 24/7 line .\n",
                "Call get_value ( ) on my_object .\nThe snake_case names stay .\nx_1 = y_2 + z_3 ;\n",
                "Thank you\nGood night\nSee you\nHello there\n",
                "Yes .\nNo .\nMaybe ,\nWhy ?\nOK .\n",
                "He went in/out all day .\nShe took the A/C unit .\nIt is a w/o deal .\nThey met at 5/6 .\n");
        for (String text : texts) {
            Path p = file("plain.txt", text);
            List<TaggedSentence> read = read(p, CorpusLayout.AUTO);
            assertEquals(text.lines().count(), read.size(), text);
        }
    }
}
