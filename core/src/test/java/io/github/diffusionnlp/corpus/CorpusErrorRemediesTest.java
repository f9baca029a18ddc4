package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** What a corpus the reader refuses is told: the remedy must fit the file, not wreck it. */
class CorpusErrorRemediesTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream notes = new ByteArrayOutputStream();

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private List<TaggedSentence> read(Path p) throws IOException {
        return TaggedCorpus.readAs(p, TaggedCorpus.Reading.DEFAULT, new PrintStream(notes, true, StandardCharsets.UTF_8),
                LayoutOption.COMMAND_LINE).sentences();
    }

    private String refusal(Path p) {
        return assertThrows(IOException.class, () -> read(p)).getMessage();
    }

    private static String conllu(String id, String form, String upos) {
        return id + "\t" + form + "\t_\t" + upos + "\t_\t_\t_\t_\t_\t_\n";
    }

    /** It was told to cut the file to two columns (cut -f1,3), which would wreck every good line. */
    @Test
    void oneShortLineInCoNlluIsNamedAndToldItsTenColumns() throws IOException {
        String shortLine = "3\tran\t_\tVERB\t_\t_\t_\t_\t_\n"; // nine columns
        Path p = file("short.conllu", conllu("1", "The", "DET") + conllu("2", "dog", "NOUN") + shortLine
                + conllu("4", ".", "PUNCT"));
        String message = refusal(p);
        assertTrue(message.startsWith(p + ":3: 9 tab-separated columns, where a CoNLL-U word line has 10"), message);
        assertFalse(message.contains("cut "), message);
    }

    /** A file most of whose lines have three columns is still told how to cut it to two, not to fix a line. */
    @Test
    void aFileOfThreeColumnsIsStillToldToCutIt() throws IOException {
        String message = refusal(file("three.tsv", "dogs\tdog\tNOUN\nran\trun\tVERB\n"));
        assertTrue(message.contains("cut -f1,3"), message);
        message = refusal(file("mostly-three.tsv", "The\tDET\n\ndogs\tdog\tNOUN\nran\trun\tVERB\nfar\tfar\tADV\n"));
        assertTrue(message.contains("cut -f1,3"), message);
    }

    /** The note said word<TAB>UPOS; the error said "a corpus of one token a line": they now say the same. */
    @Test
    void aMixedFileIsRefusedInTheLayoutItsNoteNamed() throws IOException {
        Path p = file("mixed.txt", "The dog ran .\nThe\tDET\ncat\tNOUN\nsat\tVERB\n.\tPUNCT\n");
        String message = refusal(p);
        assertTrue(notes.toString(StandardCharsets.UTF_8).contains("read as word<TAB>UPOS"), notes.toString());
        assertTrue(message.startsWith(p + ":1: several tokens and no tab, in a file read as word<TAB>UPOS")
                && message.contains("--layout plain"), message);
    }

    /** Penn Treebank tags were refused as unknown UPOS tags with no way out; PtbTags maps them, as OpenNLP's tool does. */
    @Test
    void pennTreebankTagsAreReadAsTheUposTheyMapTo() throws IOException {
        Path p = file("ptb.tsv", "If\tIN\nit\tPRP\nwas\tVBD\nlate\tJJ\n,\t,\nwe\tPRP\n"
                + "left\tVBD\n.\t.\n");
        assertEquals(List.of(Upos.SCONJ, Upos.PRON, Upos.AUX, Upos.ADJ, Upos.PUNCT, Upos.PRON, Upos.VERB, Upos.PUNCT),
                read(p).get(0).tags());
        assertTrue(notes.toString(StandardCharsets.UTF_8).contains("8 words are tagged with Penn Treebank tags"
                + " (, . IN JJ PRP VBD), read as the UPOS tags they map to"), notes.toString());
        Path c = file("ptb.conllu", conllu("1", "dogs", "NNS") + conllu("2", "bark", "VERB"));
        assertEquals(List.of(Upos.NOUN, Upos.VERB), read(c).get(0).tags());
    }

    /**
     * CoreNLP's {@code -outputFormat conllu} after {@code pos} alone writes UPOS {@code _} and the Penn Treebank tag
     * in XPOS: such a file trained as untagged, told only to "give it as word<TAB>UPOS or CoNLL-U lines", which it
     * was. The reader still reads UPOS alone, and now says where the tags are and how to move them there.
     */
    @Test
    void aCoNlluFileWithTagsInXposAloneIsToldHowToMoveThem() throws IOException {
        String xposOnly = "1\tThe\t_\t_\tDT\t_\t_\t_\t_\t_\n2\tdogs\t_\t_\tNNS\t_\t_\t_\t_\t_\n"
                + "3\tbark\t_\t_\tVBP\t_\t_\t_\t_\t_\n4\t.\t_\t_\t.\t_\t_\t_\t_\t_\n";
        Path p = file("corenlp.conllu", xposOnly);
        assertEquals(List.of(Upos.X, Upos.X, Upos.X, Upos.X), read(p).get(0).tags());
        String said = notes.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("note: " + p + ": 4 words have no UPOS (_) but a tag in their XPOS column (. DT NNS"
                + " VBP), which is not read"), said);
        assertTrue(said.contains("awk 'BEGIN {FS = OFS = \"\\t\"} NF >= 10 && $4 == \"_\" {$4 = $5} 1' " + p
                + " > NEW"), said);
        // a UPOS beside its XPOS, as UD's treebanks write them, draws no such note
        notes.reset();
        read(file("ud.conllu", "1\tdogs\t_\tNOUN\tNNS\t_\t_\t_\t_\t_\n"));
        assertFalse(notes.toString(StandardCharsets.UTF_8).contains("XPOS"), notes.toString());
    }

    /**
     * A gzip-compressed corpus with its tags in XPOS alone is told to run awk on what zcat reads of it: awk on the
     * file itself read the compressed bytes and wrote a NEW of garbage (audit h269), where the reader reads a
     * {@code .gz} through gzip and the other remedies of a corpus file say zcat.
     */
    @Test
    void aCompressedCoNlluFileIsToldToMoveItsTagsThroughZcat() throws IOException {
        Path p = dir.resolve("corenlp.conllu.gz");
        try (java.io.Writer w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(p)), StandardCharsets.UTF_8)) {
            w.write("1\tThe\t_\t_\tDT\t_\t_\t_\t_\t_\n2\tdogs\t_\t_\tNNS\t_\t_\t_\t_\t_\n");
        }
        assertEquals(List.of(Upos.X, Upos.X), read(p).get(0).tags());
        String said = notes.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("copy them into the UPOS column, where Penn Treebank tags are read as the UPOS they map"
                + " to: zcat " + p + " | awk 'BEGIN {FS = OFS = \"\\t\"} NF >= 10 && $4 == \"_\" {$4 = $5} 1' > NEW,"
                + " then train on NEW"), said);
    }

    /** A Brown tag is named as one, with how to map it. */
    @Test
    void aBrownTagIsNamedAsOne() throws IOException {
        String message = refusal(file("brown.tsv", "the\tat\njury\tnn\n"));
        assertTrue(message.contains("'at' is a Brown tag: map the tags to UPOS"), message);
    }
}
