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

/** {@link TaggedCorpus#readAs}: a layout forced, or guessed and said when unclear. */
class CorpusLayoutTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream notes = new ByteArrayOutputStream();

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private List<TaggedSentence> read(Path p, CorpusLayout layout) throws IOException {
        return TaggedCorpus.readAs(p, TaggedCorpus.Reading.DEFAULT.orLayout(layout),
                new PrintStream(notes, true, StandardCharsets.UTF_8), LayoutOption.COMMAND_LINE).sentences();
    }

    private String notes() {
        return notes.toString(StandardCharsets.UTF_8);
    }

    /** Plain text of mostly one-word lines (a poem, headings, dialogue). */
    private static final String MOSTLY_ONE_WORD = "Stop\nLook\nListen\nthen cross the road\nRun\n";

    @Test
    void anUnclearGuessIsSaidNamingTheLayoutAndTheOption() throws IOException {
        Path p = file("poem.txt", MOSTLY_ONE_WORD);
        IOException e = assertThrows(IOException.class, () -> read(p, CorpusLayout.AUTO));
        assertTrue(e.getMessage().startsWith(p + ":4: ") && e.getMessage().contains("--layout plain"), e.getMessage());
        assertTrue(notes().contains("read as one word a line") && notes().contains("80%")
                && notes().contains("--layout plain"), notes());
    }

    /**
     * Plain text with one stray tab is guessed to be columns, as any tab makes a file so, and nearly none of
     * its lines fits: the note names the line whose tab made the guess, and --layout plain, which reads that tab
     * as a space.
     */
    @Test
    void aGuessOfColumnsThatFewLinesFitNamesTheLineWithTheTab() throws IOException {
        Path p = file("plain.txt", "The cat sat .\nA dog ran home .\nIt\trained all day .\nWe left .\n");
        assertThrows(IOException.class, () -> read(p, CorpusLayout.AUTO));
        assertTrue(notes().contains("; line 3 holds a tab, which makes a file columns: if it is plain text, one"
                + " sentence a line, give --layout plain, which reads a tab as a space"), notes());
        assertEquals(List.of("It", "rained", "all", "day", "."), read(p, CorpusLayout.PLAIN).get(2).words());
    }

    /**
     * A file of columns whose lines are tabbed throughout (here CoNLL-U with a line of five columns) is no plain
     * text with a stray tab: telling its user to replace line 1's tab and give --layout plain would be advice
     * that cannot work, as every line holds tabs.
     */
    @Test
    void aFileTabbedThroughoutIsNotToldToReplaceItsFirstTab() throws IOException {
        String word = "1\tcats\tcat\tNOUN\tNNS\t_\t0\troot\t_\t_\n";
        Path p = file("tabbed.conllu", word + word + word + "1\tcats\tcat\tNOUN\tNNS\n");
        assertThrows(IOException.class, () -> read(p, CorpusLayout.AUTO));
        assertTrue(notes().contains("read as CoNLL-U") && notes().contains("75%"), notes());
        assertFalse(notes().contains("holds a tab"), notes());
    }

    /**
     * A tab at a line's end separates no column: the reader and {@link TaggedCorpus#kindOf} read {@code word<TAB>} as
     * one word (its tag column empty, as a line of one word has none), while the guess counted it as a line holding a
     * tab, which made a file columns. Plain text with a trailing tab on a line was then refused by that line as "several
     * tokens and no tab", after a note that the same line "holds a tab". Now the guess reads the line as the reader
     * does; a layout said refuses it saying what it holds (audit h204).
     */
    @Test
    void aTabAtALinesEndMakesNoColumn() throws IOException {
        Path p = file("plain.txt", "The cat sat .\nA dog ran home .\t\nIt rained all day .\nWe left .\n");
        List<TaggedSentence> read = read(p, CorpusLayout.AUTO);
        assertEquals(4, read.size());
        assertEquals(List.of("A", "dog", "ran", "home", "."), read.get(1).words());
        assertFalse(notes().contains("holds a tab"), notes());

        Path tagged = file("tagged.tsv", "The\tDET\njury\t\nsaid\tVERB\n");
        assertEquals(List.of("The", "jury", "said"), read(tagged, CorpusLayout.AUTO).get(0).words());
        IOException e = assertThrows(IOException.class, () -> read(tagged, CorpusLayout.COLUMNS));
        assertTrue(e.getMessage().startsWith(tagged + ":2: ") && e.getMessage().contains("it holds one word and"
                + " nothing after its tab (an empty column)"), e.getMessage());

        Path twoTabs = file("two-tabs.tsv", "The\tDET\njury\t\t\nsaid\tVERB\n");
        e = assertThrows(IOException.class, () -> read(twoTabs, CorpusLayout.COLUMNS));
        assertTrue(e.getMessage().contains("it holds one word and nothing after its 2 tabs (empty columns)"),
                e.getMessage());
    }

    /** Plain text with a few stray tabs: the first is named, and that there are more. */
    @Test
    void plainTextWithSeveralStrayTabsIsToldThereIsMoreThanOne() throws IOException {
        Path p = file("plain.txt", "The cat sat .\nA dog ran home .\nIt\trained all day .\nWe left .\n"
                + "They\tcame back .\nThe sun set .\nNight fell .\n");
        assertThrows(IOException.class, () -> read(p, CorpusLayout.AUTO));
        assertTrue(notes().contains("; line 3 holds a tab (the first of 2 lines that do), which makes a file"
                + " columns: if it is plain text, one sentence a line, give --layout plain, which reads a tab as a"
                + " space"), notes());
    }

    /**
     * A note names its file with the characters a terminal does not show written as code points, line breaks
     * included: the CLI prints the notes as they are and the library logs them a line at a time, so a name holding
     * ESC ran in the terminal, and one holding a line break split its note into a second line of the name's text.
     */
    @Test
    void aNoteNamesItsFileVisiblyOnOneLine() throws IOException {
        String name = "w\u001b[2J\nWARN forged\u202E.txt";
        String shown = dir.resolve("w<U+001B>[2J<U+000A>WARN forged<U+202E>.txt").toString();
        read(file(name, "Stop\nLook\nListen\n"), CorpusLayout.AUTO);
        assertTrue(notes().startsWith("note: " + shown + ": read as one word a line"), notes());
        notes.reset();
        Path poem = file(name, MOSTLY_ONE_WORD);
        assertThrows(IOException.class, () -> read(poem, CorpusLayout.AUTO)); // line 4 does not fit: the note first
        assertTrue(notes().startsWith("note: " + shown + ": read as one word a line, guessed from its lines, of which"
                + " only 80%"), notes());
        notes.reset();
        read(file(name, "The\tDET\njury\tNOUN\n"), CorpusLayout.PLAIN);
        assertTrue(notes().startsWith("note: " + shown + ": read as plain text"), notes());
        notes.reset();
        read(file(name, "The\tDT\njury\tNN\n"), CorpusLayout.COLUMNS);
        assertTrue(notes().startsWith("note: " + shown + ": 2 words are tagged with Penn Treebank tags"), notes());
        assertEquals(1, notes().lines().count(), notes());
    }

    /**
     * An error reading a corpus names its file visibly, on one line, as the notes do: the CLI prints a message with
     * {@link Visible#inMessage}, which keeps line breaks, so a name holding one split the message, and the library's
     * callers got the ESC raw.
     */
    @Test
    void anErrorNamesItsFileVisiblyOnOneLine() throws IOException {
        String name = "w\u001b[2J\nWARN forged.txt";
        String shown = dir.resolve("w<U+001B>[2J<U+000A>WARN forged.txt").toString();
        Path p = dir.resolve(name);
        assertOneLine(shown + ":4: several tokens and no tab", p, MOSTLY_ONE_WORD, CorpusLayout.AUTO);
        assertOneLine(shown + ":2: the line does not fit", p, "The\tDET\nplain words here\n",
                CorpusLayout.COLUMNS);
        assertOneLine(shown + ":2: a NUL byte", p, "The\tDET\nA\u0000\n", CorpusLayout.AUTO);
        assertOneLine(shown + ".conllup:1: a CoNLL-U Plus file starts with", dir.resolve(name + ".conllup"),
                "1\tThe\tthe\tDET\t_\t_\t_\t_\t_\t_\n\n", CorpusLayout.AUTO);
        assertOneLine(shown + ".conllu:1: the multiword-token ID '2-1'", dir.resolve(name + ".conllu"),
                "2-1\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n1\tde\tde\tADP\t_\t_\t_\t_\t_\t_\n\n", CorpusLayout.AUTO);
        Files.write(p, new byte[] {'T', 'h', 'e', '\n', (byte) 0xff, '\n'});
        assertOneLine(shown + ":2: not valid UTF-8", p, null, CorpusLayout.AUTO);
        Files.write(p, new byte[] {(byte) 0xff, (byte) 0xfe, 'T', 0, '\n', 0});
        assertOneLine(shown + ": UTF-16 text", p, null, CorpusLayout.AUTO);
        Path directory = Files.createDirectory(dir.resolve(name + "-dir"));
        assertOneLine(shown + "-dir is a directory", directory, null, CorpusLayout.AUTO);
        IOException utf8 = assertThrows(IOException.class, () -> new Utf8Lines(new java.io.ByteArrayInputStream(
                new byte[] {(byte) 0xff, '\n'}), name).next());
        assertEquals("w<U+001B>[2J<U+000A>WARN forged.txt line 1 is not valid UTF-8; re-encode the input as UTF-8",
                utf8.getMessage());
    }

    /** Reading {@code p} (holding {@code text} unless null) fails with a message of one line that starts so. */
    private void assertOneLine(String start, Path p, String text, CorpusLayout layout) throws IOException {
        if (text != null) {
            Files.writeString(p, text, StandardCharsets.UTF_8);
        }
        String message = assertThrows(IOException.class, () -> read(p, layout)).getMessage();
        assertTrue(message.startsWith(start) && message.indexOf('\n') < 0 && message.indexOf('\u001b') < 0, message);
    }

    /** Every line one word, no blank line: one word a line makes the file one sentence, silently until now. */
    @Test
    void aFileOfOneWordLinesWithoutABlankLineIsSaidToBeOneSentence() throws IOException {
        Path p = file("words.txt", "Stop\nLook\nListen\n");
        assertEquals(1, read(p, CorpusLayout.AUTO).size(), "auto reads one word a line, as before");
        assertTrue(notes().contains("one sentence of 3 words") && notes().contains("--layout plain"), notes());
        notes.reset();
        read(file("lead.txt", "\nThe\njury\nsaid\n"), CorpusLayout.AUTO);
        assertTrue(notes().contains("one sentence of 3 words"), "a blank line before the first word ends nothing: " + notes());
        assertEquals(3, read(p, CorpusLayout.PLAIN).size());
    }

    @Test
    void aClearGuessSaysNothing() throws IOException {
        read(file("text.txt", "The jury said\nYes it did\n\nNo it did not\n"), CorpusLayout.AUTO);
        read(file("words.txt", "The\njury\n\nYes\n"), CorpusLayout.AUTO);
        read(file("tagged.tsv", "The\tDET\njury\tNOUN\n"), CorpusLayout.AUTO);
        read(file("ud.conllu", "1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n"), CorpusLayout.AUTO);
        assertEquals("", notes());
    }

    @Test
    void plainForcedReadsASentenceALine() throws IOException {
        List<TaggedSentence> read = read(file("poem.txt", MOSTLY_ONE_WORD), CorpusLayout.PLAIN);
        assertEquals(5, read.size());
        assertEquals(List.of("then", "cross", "the", "road"), read.get(3).words());
        assertEquals("", notes());
    }

    /**
     * --layout plain refused any line with a tab, though a tab between words is whitespace in plain text: said
     * plain, a tab separates tokens as a space does, and "#" and a tab is a comment (# and whitespace: audit h239),
     * which a note counts.
     */
    @Test
    void plainSaidReadsATabAsASpace() throws IOException {
        Path p = file("plain.txt", "The cat sat .\nIt\trained  all\tday .\n#\tSYM\n\tWe left .\t\n");
        assertEquals(List.of(List.of("The", "cat", "sat", "."), List.of("It", "rained", "all", "day", "."),
                List.of("We", "left", ".")), read(p, CorpusLayout.PLAIN).stream().map(TaggedSentence::words).toList());
        assertEquals("note: " + p + ": 1 comment line skipped (plain text: a line of # alone or # then"
                + " whitespace; a line such as #tag words is a sentence); the first, line 3: #<U+0009>SYM"
                + System.lineSeparator(),
                notes(), "most lines are plain text: nothing to say of columns");
    }

    /** A file of columns said to be plain is read so, as said, but the user is told what its lines look like. */
    @Test
    void columnsSaidToBePlainAreReadAsPlainWithANote() throws IOException {
        Path tagged = file("tagged.tsv", "The\tDET\njury\tNOUN\n\nsaid\tVERB\n");
        assertEquals(List.of(List.of("The", "DET"), List.of("jury", "NOUN"), List.of("said", "VERB")),
                read(tagged, CorpusLayout.PLAIN).stream().map(TaggedSentence::words).toList());
        assertTrue(notes().contains("note: " + tagged + ": read as plain text, one sentence a line, as --layout plain"
                + " says, each tab as a space, though its lines look like word<TAB>UPOS: if they are, give --layout"
                + " auto"), notes());
    }

    @Test
    void aLineThatDoesNotFitTheForcedLayoutIsNamed() throws IOException {
        Path poem = file("poem.txt", MOSTLY_ONE_WORD);
        IOException e = assertThrows(IOException.class, () -> read(poem, CorpusLayout.WORDS));
        assertTrue(e.getMessage().startsWith(poem + ":4: ") && e.getMessage().contains("--layout words"),
                e.getMessage());

        Path tagged = file("tagged.tsv", "The\tDET\njury\tNOUN\n\nsaid\n");
        e = assertThrows(IOException.class, () -> read(tagged, CorpusLayout.COLUMNS));
        assertTrue(e.getMessage().startsWith(tagged + ":4: ") && e.getMessage().contains("--layout columns"),
                e.getMessage());
        e = assertThrows(IOException.class, () -> read(tagged, CorpusLayout.CONLLU));
        assertTrue(e.getMessage().startsWith(tagged + ":1: ") && e.getMessage().contains("--layout conllu"),
                e.getMessage());
    }

    /** The refusal says what the line holds, so that the user sees which layout it does fit. */
    @Test
    void aLineThatDoesNotFitTheForcedLayoutSaysWhatItHolds() throws IOException {
        Path poem = file("poem.txt", MOSTLY_ONE_WORD);
        IOException e = assertThrows(IOException.class, () -> read(poem, CorpusLayout.WORDS));
        assertTrue(e.getMessage().contains("it holds several tokens and no tab"), e.getMessage());
        Path tagged = file("tagged.tsv", "The\tDET\njury\tNOUN\n\nsaid\n");
        e = assertThrows(IOException.class, () -> read(tagged, CorpusLayout.COLUMNS));
        assertTrue(e.getMessage().contains("it holds one word and no tab"), e.getMessage());
        e = assertThrows(IOException.class, () -> read(tagged, CorpusLayout.CONLLU));
        assertTrue(e.getMessage().contains("2 tab-separated columns"), e.getMessage());
    }

    /**
     * Where the guess is said and where not: at 90% of lines fitting it is clear; a file of one word is no file
     * of one long sentence; as many lines of one word as of several make it plain text, said, with 50%.
     */
    @Test
    void theGuessIsSaidBelowNineLinesInTen() throws IOException {
        read(file("nine.tsv", "a\tX\n".repeat(9) + "\nj\n"), CorpusLayout.AUTO);
        read(file("one.txt", "Hello\n"), CorpusLayout.AUTO);
        read(file("words.txt", "The\njury\n\nYes\n"), CorpusLayout.PLAIN); // said plain: no tab, nothing to say
        assertEquals(CorpusLayout.PLAIN, CorpusLayout.parse("PLAIN"));
        assertEquals("", notes(), "9 of 10 fit, and one word alone is no file of one sentence");
        read(file("tie.txt", "Stop\nthen cross\n"), CorpusLayout.AUTO);
        assertTrue(notes().contains("read as plain text") && notes().contains("50%")
                && notes().contains("--layout words"), notes());
    }

    /**
     * A file half of whose lines hold several words is no file of one word a line, which would refuse the first
     * of them: at a tie the guess is plain text, which reads every line as a sentence.
     */
    @Test
    void asManyLinesOfSeveralWordsAsOfOneAreReadAsPlainText() throws IOException {
        List<TaggedSentence> read = read(file("tie.txt", "Stop\nthen cross the road\nLook\nand listen\n"),
                CorpusLayout.AUTO);
        assertEquals(List.of(List.of("Stop"), List.of("then", "cross", "the", "road"), List.of("Look"),
                List.of("and", "listen")), read.stream().map(TaggedSentence::words).toList());
    }

    /** The tie going to plain text leaves a real one-word-a-line file, its sentences ended by blank lines, as it was. */
    @Test
    void oneWordLinesWithBlankSentenceBreaksAreStillOneWordALine() throws IOException {
        List<TaggedSentence> read = read(file("words.txt", "The\njury\nsaid\n\nYes\nit\ndid\n\nNo\n"),
                CorpusLayout.AUTO);
        assertEquals(List.of(List.of("The", "jury", "said"), List.of("Yes", "it", "did"), List.of("No")),
                read.stream().map(TaggedSentence::words).toList());
        assertEquals("", notes());
    }

    @Test
    void forcedLayoutsReadWhatFitsThem() throws IOException {
        assertEquals(List.of(new TaggedSentence(List.of("The", "jury"), List.of(Upos.DET, Upos.NOUN))),
                read(file("tagged.tsv", "The\tDET\njury\tNOUN\n"), CorpusLayout.COLUMNS));
        assertEquals(List.of(new TaggedSentence(List.of("The", "jury"), List.of(Upos.X, Upos.X))),
                read(file("words.txt", "# a comment\nThe\njury\n"), CorpusLayout.WORDS));
        assertEquals(List.of(new TaggedSentence(List.of("Hi"), List.of(Upos.INTJ))),
                read(file("ud.conllu", "# text = Hi\n1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n"), CorpusLayout.CONLLU));
    }

    @Test
    void conlluPlusColumnsAreFoundByName() throws IOException {
        Path p = file("ud.conllup", """
                # global.columns = ID UPOS FORM MISC
                # sent_id = 1
                1-2\t_\tDon't\t_
                1\tAUX\tDo\t_
                2\tPART\tn't\t_
                3\tVERB\tgo\tSpaceAfter=No

                1\tINTJ\tHi\t_
                """);
        List<TaggedSentence> expected = List.of(
                // the multiword token as the text has it, tagged as its first part (MultiwordTokensTest)
                new TaggedSentence(List.of("Don't", "go"), List.of(Upos.AUX, Upos.VERB)),
                new TaggedSentence(List.of("Hi"), List.of(Upos.INTJ)));
        assertEquals(expected, read(p, CorpusLayout.AUTO));
        assertEquals(expected, read(p, CorpusLayout.CONLLU));
        assertEquals("", notes());
    }

    @Test
    void conlluPlusWithoutUposIsUntaggedText() throws IOException {
        Path p = file("ud.conllup", "# global.columns = ID FORM LEMMA\n1\tThe\tthe\n2\tjury\tjury\n");
        assertEquals(List.of(new TaggedSentence(List.of("The", "jury"), List.of(Upos.X, Upos.X))),
                read(p, CorpusLayout.AUTO));
    }

    @Test
    void conlluPlusWithoutFormOrWithAShortLineIsRefused() throws IOException {
        Path noForm = file("ud.conllup", "# global.columns = ID LEMMA UPOS\n1\tthe\tDET\n");
        IOException e = assertThrows(IOException.class, () -> read(noForm, CorpusLayout.AUTO));
        assertTrue(e.getMessage().startsWith(noForm + ":1: ") && e.getMessage().contains("FORM"), e.getMessage());

        Path shortLine = file("short.conllup", "# global.columns = ID FORM UPOS\n1\tThe\tDET\n2\tjury\n");
        e = assertThrows(IOException.class, () -> read(shortLine, CorpusLayout.AUTO));
        assertTrue(e.getMessage().startsWith(shortLine + ":3: ") && e.getMessage().contains("global.columns"),
                e.getMessage());

        Path headless = file("headless.conllup", "1\tThe\tDET\n");
        e = assertThrows(IOException.class, () -> read(headless, CorpusLayout.AUTO));
        assertTrue(e.getMessage().startsWith(headless + ":1: ") && e.getMessage().contains("global.columns"),
                e.getMessage());
    }

    /**
     * The reading {@link TaggedCorpus#readAs} records (a model's config.json keeps it, to read its corpus again)
     * reads the file again into the same sentences. A file of columns that is mostly one-word lines was recorded as
     * {@code words}, which refuses its word<TAB>UPOS lines: train --resume, fusion and evaluate could not read the
     * corpus the model was trained on.
     */
    @Test
    void theRecordedReadingReadsTheFileAgain() throws IOException {
        String[][] files = {
            {"words-and-columns.txt", "Stop\nLook\nListen\n\nthe\tDET\njury\tNOUN\n"},
            {"words.txt", "Stop\nLook\n\nListen\n"},
            {"columns.tsv", "the\tDET\njury\tNOUN\n"},
            {"plain.txt", "the jury said it\nwas fine .\nStop\n"},
        };
        for (String[] f : files) {
            Path p = file(f[0], f[1]);
            TaggedCorpus.Read read = TaggedCorpus.readAs(p, TaggedCorpus.Reading.DEFAULT, null, LayoutOption.COMMAND_LINE);
            assertEquals(read.sentences(), TaggedCorpus.readAs(p, read.reading(), null, LayoutOption.COMMAND_LINE)
                    .sentences(), f[0] + " read as " + read.reading());
        }
    }
}
