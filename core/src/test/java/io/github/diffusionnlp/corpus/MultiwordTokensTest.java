package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CoNLL-U multiword tokens ({@code 3-4 al}) read as the text's word or as their parts ({@link MultiwordTokens}). */
class MultiwordTokensTest {
    @TempDir
    Path dir;

    /** "Vámonos al mar ." with two ranges, and an empty node between a range's parts and after a word. */
    private static final String SPANISH = """
            # text = Vámonos al mar.
            1-2\tVámonos\t_\t_\t_\t_\t_\t_\t_\t_
            1\tVamos\tir\tVERB\t_\t_\t0\troot\t_\t_
            2\tnos\tnosotros\tPRON\t_\t_\t1\tobj\t_\t_
            3-4\tal\t_\t_\t_\t_\t_\t_\t_\t_
            3\ta\ta\tADP\t_\t_\t5\tcase\t_\t_
            3.1\tvamos\tir\tVERB\t_\t_\t_\t_\t1:conj\t_
            4\tel\tel\tDET\t_\t_\t5\tdet\t_\t_
            5\tmar\tmar\tNOUN\t_\t_\t1\tobl\t_\t_
            5.1\tir\tir\tVERB\t_\t_\t_\t_\t1:conj\t_
            6\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_
            """;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static List<TaggedSentence> read(Path p, MultiwordTokens multiword) throws IOException {
        return TaggedCorpus.readAs(p, new TaggedCorpus.Reading(CorpusLayout.AUTO, multiword), null,
                LayoutOption.COMMAND_LINE).sentences();
    }

    @Test
    void surfaceReadsTheRangeAsOneWordTaggedAsItsFirstPart() throws IOException {
        Path p = file("es.conllu", SPANISH);
        TaggedSentence s = new TaggedSentence(List.of("Vámonos", "al", "mar", "."),
                List.of(Upos.VERB, Upos.ADP, Upos.NOUN, Upos.PUNCT));
        assertEquals(List.of(s), read(p, MultiwordTokens.SURFACE));
        assertEquals(List.of(s), TaggedCorpus.read(p), "surface is the default");
        assertEquals(List.of(s), TaggedCorpus.readAs(p, TaggedCorpus.Reading.DEFAULT.orLayout(CorpusLayout.CONLLU), null,
                LayoutOption.COMMAND_LINE).sentences(), "and with the layout said");
    }

    @Test
    void partsReadsThePartsAndSkipsTheRange() throws IOException {
        TaggedSentence s = new TaggedSentence(List.of("Vamos", "nos", "a", "el", "mar", "."),
                List.of(Upos.VERB, Upos.PRON, Upos.ADP, Upos.DET, Upos.NOUN, Upos.PUNCT));
        assertEquals(List.of(s), read(file("es.conllu", SPANISH), MultiwordTokens.PARTS));
    }

    @Test
    void conlluPlusReadsRangesByItsColumnNames() throws IOException {
        Path p = file("es.conllup", """
                # global.columns = FORM UPOS ID
                del\t_\t1-2
                de\tADP\t1
                el\tDET\t2
                mar\tNOUN\t3
                """);
        assertEquals(List.of("del", "mar"), read(p, MultiwordTokens.SURFACE).get(0).words());
        assertEquals(List.of(Upos.ADP, Upos.NOUN), read(p, MultiwordTokens.SURFACE).get(0).tags());
        assertEquals(List.of("de", "el", "mar"), read(p, MultiwordTokens.PARTS).get(0).words());
    }

    /** IDs past int's range too: they failed with NumberFormatException's "For input string", naming no line. */
    @ParameterizedTest
    @ValueSource(strings = {"3-x", "4-3", "3-3", "3-99999999999", "99999999999-99999999999"})
    void aMalformedRangeIsRefusedNamingItsLine(String id) throws IOException {
        Path p = file("bad.conllu", SPANISH.replace("3-4\tal", id + "\tal"));
        for (MultiwordTokens multiword : MultiwordTokens.values()) {
            IOException e = assertThrows(IOException.class, () -> read(p, multiword));
            assertTrue(e.getMessage().startsWith(p + ":5: ") && e.getMessage().contains("'" + id + "'"),
                    e.getMessage());
        }
    }

    @Test
    void aRangeWhosePartsAreMissingIsRefusedNamingItsLine() throws IOException {
        Path cut = file("cut.conllu", SPANISH.replace("4\tel\tel\tDET\t_\t_\t5\tdet\t_\t_\n", ""));
        Path end = file("end.conllu", "1\tVe\tir\tVERB\t_\t_\t0\troot\t_\t_\n2-3\tal\t_\t_\t_\t_\t_\t_\t_\t_\n"
                + "2\ta\ta\tADP\t_\t_\t1\tcase\t_\t_\n");
        for (MultiwordTokens multiword : MultiwordTokens.values()) {
            IOException e = assertThrows(IOException.class, () -> read(cut, multiword));
            assertTrue(e.getMessage().startsWith(cut + ":5: ") && e.getMessage().contains("line 8 is not word 4"),
                    e.getMessage());
            e = assertThrows(IOException.class, () -> read(end, multiword));
            assertTrue(e.getMessage().startsWith(end + ":2: ") && e.getMessage().contains("the file ends"),
                    e.getMessage());
        }
    }

    /** The surface word takes its tag from the first part: a bad tag there is said of both lines. */
    @Test
    void aBadTagOfTheFirstPartNamesThePartsLine() throws IOException {
        Path p = file("tag.conllu", SPANISH.replace("ir\tVERB", "ir\tVRB"));
        IOException e = assertThrows(IOException.class, () -> read(p, MultiwordTokens.SURFACE));
        assertTrue(e.getMessage().startsWith(p + ":2: the multiword token 1-2 (tagged as its first part, line 3): ")
                && e.getMessage().contains("'VRB'"), e.getMessage());
    }

    @Test
    void anUnknownReadingIsRefusedNamingTheOnesThereAre() {
        assertEquals(MultiwordTokens.PARTS, MultiwordTokens.parse(" Parts"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiwordTokens.parse("words"));
        assertTrue(e.getMessage().contains("'words'") && e.getMessage().contains("surface")
                && e.getMessage().contains("parts"), e.getMessage());
    }

    /**
     * Brown has no multiword tokens: its held-out split, which the README's figures are measured on, reads the
     * same either way (as do train and dev, of the same word<TAB>UPOS lines; reading them here takes half a minute).
     */
    @Test
    void brownReadsTheSameEitherWay() throws IOException {
        Path p = TestModels.root().resolve("test-data/brown/heldout.conllu.gz");
        assertEquals(read(p, MultiwordTokens.PARTS), read(p, MultiwordTokens.SURFACE));
    }
}
