package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggedCorpusTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static List<String> words(TaggedSentence s) {
        return s.words();
    }

    /**
     * The reader's public surface: {@code read(Path)} for the common case and {@code readAs} for every other (a
     * layout or multiword reading said, notes, the setting a remedy names); the five other forms it had grown
     * each called one of these, and left a library user to choose among them.
     */
    @Test
    void aCorpusIsReadThroughTwoEntryPoints() {
        Set<String> entryPoints = Stream.of(TaggedCorpus.class.getMethods())
                .filter(m -> m.getName().startsWith("read"))
                .map(m -> m.getName() + Stream.of(m.getParameterTypes()).map(Class::getSimpleName).toList())
                .collect(Collectors.toSet());
        assertEquals(Set.of("read[Path]", "readAs[Path, Reading, PrintStream, LayoutOption]"), entryPoints);
        assertEquals(List.of(), Stream.of(TaggedCorpus.Reading.class.getMethods())
                .filter(m -> m.getName().startsWith("read")).map(Method::toString).toList(),
                "a Reading says how, TaggedCorpus reads");
    }

    @Test
    void writtenCorpusReadsBack() throws IOException {
        List<TaggedSentence> sentences = List.of(
                new TaggedSentence(List.of("The", "jury", "said"), List.of(Upos.DET, Upos.NOUN, Upos.VERB)),
                new TaggedSentence(List.of("Yes", "."), List.of(Upos.INTJ, Upos.PUNCT)));
        Path p = dir.resolve("c.conllu.gz");
        TaggedCorpus.write(p, List.of("a header"), sentences);
        assertEquals(sentences, TaggedCorpus.read(p));
        Path plain = dir.resolve("c.tsv");
        TaggedCorpus.write(plain, List.of("from Brown, prepared 2026"), sentences);
        assertEquals("# from Brown, prepared 2026", Files.readAllLines(plain).get(0), "the header says where it came from");
    }

    @Test
    void conlluTakesFormAndUposAndSkipsEmptyNodes() throws IOException {
        Path p = file("ud.conllu", """
                # sent_id = 1
                # text = Don't go.
                1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_
                1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_
                2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_
                3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_
                3.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t3:conj\t_
                4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

                1\tHi\thi\t_\tUH\t_\t0\troot\t_\t_
                """);
        List<TaggedSentence> read = TaggedCorpus.readAs(p, new TaggedCorpus.Reading(CorpusLayout.AUTO,
                MultiwordTokens.PARTS), null, LayoutOption.COMMAND_LINE).sentences();
        assertEquals(2, read.size());
        assertEquals(List.of("Do", "n't", "go", "."), read.get(0).words());
        assertEquals(List.of(Upos.AUX, Upos.PART, Upos.VERB, Upos.PUNCT), read.get(0).tags());
        assertEquals(List.of(Upos.X), read.get(1).tags(), "an absent UPOS (_) reads as X");
    }

    @Test
    void oneWordALineIsUntagged() throws IOException {
        List<TaggedSentence> read = TaggedCorpus.read(file("words.txt", "The\njury\n\nYes\n.\n"));
        assertEquals(List.of(List.of("The", "jury"), List.of("Yes", ".")), read.stream().map(TaggedCorpusTest::words).toList());
        assertEquals(List.of(Upos.X, Upos.X), read.get(0).tags());
    }

    @Test
    void plainTextIsOneSentenceALine() throws IOException {
        Path p = file("plain.txt", "\uFEFFThe cat sat on the mat .\n\nA  dog\u00A0ran home .\nStop\n# a comment\n");
        List<TaggedSentence> read = TaggedCorpus.read(p);
        assertEquals(List.of(List.of("The", "cat", "sat", "on", "the", "mat", "."),
                List.of("A", "dog", "ran", "home", "."), List.of("Stop")), // a no-break space separates, as in infill's input
                read.stream().map(TaggedCorpusTest::words).toList());
        assertEquals(Collections.nCopies(7, Upos.X), read.get(0).tags());
        Path gz = dir.resolve("plain.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(p));
        }
        assertEquals(read, TaggedCorpus.read(gz));
    }

    @Test
    void aSentenceLineInAColumnCorpusIsNamed() throws IOException {
        Path p = file("mixed.tsv", "The\tDET\njury\tNOUN\n\nthe cat sat\n");
        IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(p));
        assertTrue(e.getMessage().startsWith(p + ":4: several tokens and no tab, in a file read as word<TAB>UPOS"),
                e.getMessage());
    }

    /**
     * Plain text with a stray tab is read as columns because of that tab, not "guessed from most of its lines", as
     * the refusal of its first line said (audit h200): it names the line that holds the tab.
     */
    @Test
    void plainTextWithAStrayTabIsToldWhichLineMadeItColumns() throws IOException {
        Path p = file("stray.txt", "the cat sat\nit rained\nword\tNOUN\n");
        IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(p));
        assertTrue(e.getMessage().startsWith(p + ":1: several tokens and no tab, in a file read as word<TAB>UPOS, as its"
                + " line 3 holds a tab (a token a line"), e.getMessage());
    }

    @Test
    void anUnknownTagIsNamedWithItsLine() throws IOException {
        Path p = file("bad.tsv", "The\tDET\njury\tNOUNS\n"); // NN would read, as Penn Treebank's NOUN
        IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(p));
        assertTrue(e.getMessage().startsWith(p + ":2: ") && e.getMessage().contains("NOUNS"), e.getMessage());
    }

    @Test
    void whatIsNotAUtf8TextCorpusIsNamed() throws IOException {
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "The cafe is open .\nThe caf\u00e9 is na\u00efve .\n".getBytes(StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(latin1));
        assertTrue(e.getMessage().startsWith(latin1 + ":2: not valid UTF-8; convert the corpus to UTF-8"), e.getMessage());
        Path notGzip = file("plain.txt.gz", "The cat sat .\n");
        e = assertThrows(IOException.class, () -> TaggedCorpus.read(notGzip));
        assertTrue(e.getMessage().startsWith(notGzip + ": a broken gzip file"), e.getMessage());
        Path binary = dir.resolve("binary.bin");
        Files.write(binary, new byte[] {'a', ' ', 'b', 0, 'c', '\n'});
        e = assertThrows(IOException.class, () -> TaggedCorpus.read(binary));
        assertTrue(e.getMessage().startsWith(binary + ":1: a NUL byte"), e.getMessage());
        Path utf16 = dir.resolve("utf16.txt");
        Files.write(utf16, "\uFEFFThe cat sat .\n".getBytes(StandardCharsets.UTF_16LE));
        e = assertThrows(IOException.class, () -> TaggedCorpus.read(utf16));
        assertEquals(utf16 + ": UTF-16 text (it starts with a UTF-16 byte-order mark); convert the corpus to UTF-8"
                + " (e.g. iconv -f utf-16 -t utf-8)", e.getMessage());
        e = assertThrows(IOException.class, () -> TaggedCorpus.read(dir));
        assertEquals(dir + " is a directory; give a corpus file", e.getMessage());
    }

    @Test
    void aMissingFileSaysSo() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> TaggedCorpus.read(dir.resolve("none.txt")));
    }

    @Test
    void aHashWordInTwoColumnsIsAWordNotAComment() throws IOException {
        // what write() writes for a sentence holding "#" (Brown tags it; tweets hold #hashtags) must read back
        List<TaggedSentence> sentences = List.of(new TaggedSentence(List.of("#", "1", "#win"),
                List.of(Upos.SYM, Upos.NUM, Upos.X)));
        Path p = dir.resolve("hash.tsv");
        TaggedCorpus.write(p, List.of("a header"), sentences);
        assertEquals(sentences, TaggedCorpus.read(p));
    }

    @Test
    void aCommentWithATabLeavesPlainTextPlainText() throws IOException {
        Path p = file("plain.txt", "# text = The cat\tsat .\nThe cat sat .\nA dog ran .\n");
        assertEquals(List.of(List.of("The", "cat", "sat", "."), List.of("A", "dog", "ran", ".")),
                TaggedCorpus.read(p).stream().map(TaggedCorpusTest::words).toList());
    }

    @Test
    void conlluCommentsCrlfBomAndNoFinalBlankLineRead() throws IOException {
        Path p = file("ud.conllu", "\uFEFF# newdoc id = d1\r\n# sent_id = 1\r\n# text = a\tb # c\r\n"
                + "1\t_\t_\tPUNCT\t_\t_\t0\troot\t_\t_\r\n2\t#\t#\tSYM\t_\t_\t1\tdep\t_\tSpaceAfter=No");
        List<TaggedSentence> read = TaggedCorpus.read(p);
        assertEquals(List.of(new TaggedSentence(List.of("_", "#"), List.of(Upos.PUNCT, Upos.SYM))), read,
                "a FORM of _ is the underscore itself (UD: no format-level distinction)");
    }

    @Test
    void aFormWithSpacesIsItsWhitespaceTokensEachWithTheTag() throws IOException {
        // UD v2 allows spaces in FORM (Vietnamese "học sinh", French "400 000"); the model's words are
        // whitespace tokens, as infill's input is, so a word holding a space could never be asked for
        Path p = file("vi.conllu", "1\thọc sinh\thọc sinh\tNOUN\t_\t_\t0\troot\t_\t_\n"
                + "2\t400\u00A0000\t_\tNUM\t_\t_\t1\tnummod\t_\t_\n\n");
        assertEquals(List.of(new TaggedSentence(List.of("học", "sinh", "400", "000"),
                List.of(Upos.NOUN, Upos.NOUN, Upos.NUM, Upos.NUM))), TaggedCorpus.read(p));
        Path tsv = file("vi.tsv", "học sinh\tNOUN\n");
        assertEquals(List.of(new TaggedSentence(List.of("học", "sinh"), List.of(Upos.NOUN, Upos.NOUN))),
                TaggedCorpus.read(tsv));
    }

    @Test
    void aWordOfNothingButSpaceIsNamedWithItsLine() throws IOException {
        Path p = file("blank-word.tsv", "The\tDET\n \tNOUN\n");
        IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(p));
        assertTrue(e.getMessage().startsWith(p + ":2: no word"), e.getMessage());
    }

    @Test
    void threeToNineColumnsAreRefusedNamingTheLayouts() throws IOException {
        Path p = file("three.tsv", "The\tthe\tDET\njury\tjury\tNOUN\n");
        IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(p));
        assertTrue(e.getMessage().startsWith(p + ":1: 3 tab-separated columns; allowed: word<TAB>UPOS (2)"),
                e.getMessage());
    }

    @Test
    void twoColumnTagsAreCaseBlindAndUnderscoreIsX() throws IOException {
        Path p = file("lower.tsv", "The\tdet\njury\t_\n");
        assertEquals(List.of(new TaggedSentence(List.of("The", "jury"), List.of(Upos.DET, Upos.X))),
                TaggedCorpus.read(p));
    }

    @Test
    void emptyAndCommentOnlyFilesHoldNoSentences() throws IOException {
        assertEquals(List.of(), TaggedCorpus.read(file("empty.conllu", "")));
        assertEquals(List.of(), TaggedCorpus.read(file("comments.conllu", "# sent_id = 1\n# text = a\tb\n\n")));
    }

    @Test
    void aTruncatedGzipIsNamed() throws IOException {
        Path whole = dir.resolve("c.conllu.gz");
        TaggedCorpus.write(whole, List.of(), Collections.nCopies(200, new TaggedSentence(List.of("The", "jury"),
                List.of(Upos.DET, Upos.NOUN))));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.conllu.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": a broken gzip file"), e.getMessage());
    }

    /**
     * A gzip file cut short in its header or trailer, or empty, ends in an EOFException without a message: the error
     * said "a broken gzip file (null)", neither what is wrong nor what to do.
     */
    @Test
    void aGzipFileCutShortOrEmptySaysWhatIsWrongAndWhatToDo() throws IOException {
        Path whole = dir.resolve("c.txt.gz");
        TaggedCorpus.write(whole, List.of(), List.of(new TaggedSentence(List.of("The", "jury"),
                List.of(Upos.DET, Upos.NOUN))));
        byte[] bytes = Files.readAllBytes(whole);
        for (int length : new int[] {0, 5, bytes.length - 4}) {
            Path cut = dir.resolve("cut" + length + ".txt.gz");
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(cut));
            assertEquals(cut + ": a broken gzip file (it ends before its compressed text does: cut short, as by an"
                    + " interrupted download or copy, or empty); get the whole file again, or compress the corpus"
                    + " again (gzip -k FILE)", e.getMessage());
        }
    }

    /** A word read back must be the word written: a tab, line break or space inside one would split or shift it. */
    @Test
    void writeRefusesAWordThatWouldNotReadBackNamingTheSentenceAndWord() throws IOException {
        Path p = dir.resolve("c.conllu");
        for (String word : List.of("a\tb", "a\nb", "a\r", "a b", "")) {
            List<TaggedSentence> sentences = List.of(new TaggedSentence(List.of("Yes"), List.of(Upos.INTJ)),
                    new TaggedSentence(List.of("The", word), List.of(Upos.DET, Upos.NOUN)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TaggedCorpus.write(p, List.of(), sentences));
            assertTrue(e.getMessage().contains("sentence 2") && e.getMessage().contains("word 2"), e.getMessage());
            assertTrue(!Files.exists(p), "nothing is written");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaggedCorpus.write(p, List.of("a\nb"), List.of()));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaggedCorpus.write(p, List.of(),
                List.of(new TaggedSentence(List.of(""), List.of(Upos.NOUN)))));
        assertTrue(e.getMessage().contains("an empty word"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaggedCorpus.write(p, List.of(),
                List.of(new TaggedSentence(List.of("a\tb"), List.of(Upos.NOUN)))));
        assertTrue(e.getMessage().contains("word 1 \"a\\tb\""), "the tab shown, not printed: " + e.getMessage());
    }

    /**
     * A Java string may hold a surrogate without its pair, which is no character and has no UTF-8: the writer wrote it
     * as "?", so that the word read back was another, silently.
     */
    @Test
    void writeRefusesAnUnpairedSurrogateNamingTheSentenceAndWord() throws IOException {
        Path p = dir.resolve("c.txt");
        for (String word : List.of("a\uD800", "\uDC00b", "a\uDC00\uD800b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaggedCorpus.write(p,
                    List.of(), List.of(new TaggedSentence(List.of("The", word), List.of(Upos.DET, Upos.NOUN)))));
            assertTrue(e.getMessage().startsWith("sentence 1 (\"The " + Visible.of(word) + "\"), word 2 \""
                    + Visible.of(word) + "\": an unpaired surrogate"), e.getMessage());
            assertTrue(!Files.exists(p), "nothing is written");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaggedCorpus.write(p, List.of("made by \uD83D"), List.of()));
        assertTrue(e.getMessage().startsWith("a corpus header line holds an unpaired surrogate"), e.getMessage());
        assertTrue(!Files.exists(p), "nothing is written");
        List<TaggedSentence> emoji = List.of(new TaggedSentence(List.of("\uD83D\uDE00"), List.of(Upos.SYM)));
        TaggedCorpus.write(p, List.of("\uD83D\uDE00"), emoji);
        assertEquals(emoji, TaggedCorpus.read(p), "a pair is a character");
    }

    /**
     * Forced to word<TAB>UPOS, a "#<TAB>SYM" line is still a word, as in a guessed file; a hyphen in a word is no
     * CoNLL-U range outside CoNLL-U (Brown is full of "well-known").
     */
    @Test
    void hashWordsAndHyphensInWordTabUposRead() throws IOException {
        Path p = file("tagged.tsv", "#\tSYM\nwell-known\tADJ\n");
        List<TaggedSentence> expected = List.of(new TaggedSentence(List.of("#", "well-known"),
                List.of(Upos.SYM, Upos.ADJ)));
        assertEquals(expected, TaggedCorpus.read(p));
        assertEquals(expected, TaggedCorpus.readAs(p, TaggedCorpus.Reading.DEFAULT.orLayout(CorpusLayout.COLUMNS), null,
                LayoutOption.COMMAND_LINE).sentences());
    }

    /** CoNLL-U Plus by its column names, UPOS first: empty nodes skipped, a multiword token read as its surface. */
    @Test
    void conlluPlusWithUposFirstSkipsEmptyNodesAndReadsRanges() throws IOException {
        Path p = file("es.conllup", "# global.columns = UPOS ID FORM\nDET\t1\tLa\n_\t2-3\tdel\nADP\t2\tde\n"
                + "X\t2.1\tnada\nDET\t3\tel\nNOUN\t4\tpueblo\n");
        assertEquals(List.of(new TaggedSentence(List.of("La", "del", "pueblo"), List.of(Upos.DET, Upos.ADP, Upos.NOUN))),
                TaggedCorpus.readAs(p, new TaggedCorpus.Reading(CorpusLayout.AUTO, MultiwordTokens.SURFACE), null,
                        LayoutOption.COMMAND_LINE).sentences());
        Path plus = file("en.conllup", "# global.columns = ID FORM UPOS\n1\tHi\tINTJ\n1.1\tgone\tVERB\n2\tthere\tADV\n");
        assertEquals(List.of(List.of("Hi", "there")), TaggedCorpus.read(plus).stream().map(TaggedSentence::words).toList(),
                "an empty node outside a multiword token is skipped too");
    }

    /** A file saved with Windows line ends reads as the same file saved with Unix ones, in every layout. */
    @Test
    void crlfLineEndsReadAsLf() throws IOException {
        for (String text : List.of("The cat sat .\nA dog ran\n", "The\njury\n\nYes\n", "The\tDET\njury\tNOUN\n\nYes\tINTJ\n",
                "1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n\n1\tYes\tyes\tINTJ\t_\t_\t0\troot\t_\t_\n")) {
            assertEquals(TaggedCorpus.read(file("lf.txt", text)), TaggedCorpus.read(file("crlf.txt",
                    text.replace("\n", "\r\n"))), text);
        }
    }

    /**
     * A file with old Mac line ends (a bare CR) reads as the same file with Unix ones, in every layout: a bare CR ended
     * no line, and such a CoNLL-U file was read as one sentence of its first word, plain text as one sentence.
     */
    @Test
    void bareCrLineEndsReadAsLf() throws IOException {
        for (String text : List.of("The cat sat .\nA dog ran\n", "The\njury\n\nYes\n", "The\tDET\njury\tNOUN\n\nYes\tINTJ\n",
                "1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n\n1\tYes\tyes\tINTJ\t_\t_\t0\troot\t_\t_\n")) {
            List<TaggedSentence> lf = TaggedCorpus.read(file("lf.txt", text));
            assertEquals(lf, TaggedCorpus.read(file("cr.txt", text.replace("\n", "\r"))), text);
            // LF and bare CR mixed (a bare CR before a LF would make the two one CRLF line end)
            String mixed = text.contains("\n\n") ? text.replace("\n\n", "\n\r") : text.replaceFirst("\n", "\r");
            assertEquals(lf, TaggedCorpus.read(file("mixed.txt", mixed)), text);
        }
    }

    /**
     * Two CoNLL-U sentences with no blank line between them were read as one sentence, silently: word 1 after the
     * words of a sentence that has not ended is refused, naming the line; with the blank line, the file reads.
     */
    @Test
    void conlluSentencesRunTogetherAreRefusedNamingTheLine() throws IOException {
        String hi = "1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n";
        String del = "1-2\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n1\tde\tde\tADP\t_\t_\t0\troot\t_\t_\n"
                + "2\tel\tel\tDET\t_\t_\t1\tdet\t_\t_\n";
        for (String second : List.of(hi, del)) {
            Path p = file("joined.conllu", "# sent_id = 1\n" + hi + "2\tthere\tthere\tADV\t_\t_\t1\tadvmod\t_\t_\n"
                    + "# sent_id = 2\n" + second);
            for (MultiwordTokens multiword : MultiwordTokens.values()) {
                IOException e = assertThrows(IOException.class, () -> TaggedCorpus.readAs(p,
                        TaggedCorpus.Reading.DEFAULT.orMultiword(multiword), null, LayoutOption.COMMAND_LINE));
                assertEquals(p + ":5: word " + second.substring(0, second.indexOf('\t')) + " starts a new sentence,"
                        + " but no blank line ends the sentence before it (CoNLL-U ends every sentence with one); add"
                        + " a blank line before this line", e.getMessage());
                Path apart = file("apart.conllu", Files.readString(p).replace("# sent_id = 2", "\n# sent_id = 2"));
                assertEquals(2, TaggedCorpus.readAs(apart, TaggedCorpus.Reading.DEFAULT.orMultiword(multiword), null,
                        LayoutOption.COMMAND_LINE).sentences().size());
            }
        }
        Path plus = file("joined.conllup", "# global.columns = ID FORM UPOS\n1\tHi\tINTJ\n1\tYes\tINTJ\n");
        IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(plus));
        assertTrue(e.getMessage().startsWith(plus + ":3: word 1 starts a new sentence"), e.getMessage());
    }

    /** Big-endian UTF-16 ("Unicode big endian" in Windows editors) is named as UTF-16 too, not as a NUL byte. */
    @Test
    void bigEndianUtf16IsNamed() throws IOException {
        Path utf16 = dir.resolve("utf16be.txt");
        Files.write(utf16, "\uFEFFThe cat sat .\n".getBytes(StandardCharsets.UTF_16BE));
        IOException e = assertThrows(IOException.class, () -> TaggedCorpus.read(utf16));
        assertTrue(e.getMessage().startsWith(utf16 + ": UTF-16 text"), e.getMessage());
    }

    /**
     * In word<TAB>UPOS, a # line is a word when its second column is a tag, {@code _} (X) included, and a
     * comment otherwise: "#<TAB>_" is the word "#", "#<TAB>see below" a note the file's author left.
     */
    @Test
    void aHashLineIsAWordOnlyWhenItEndsInATag() throws IOException {
        Path p = file("hash.tsv", "#\t_\nyes\tINTJ\n#\tsee below\n");
        assertEquals(List.of(new TaggedSentence(List.of("#", "yes"), List.of(Upos.X, Upos.INTJ))),
                TaggedCorpus.read(p));
    }

    /**
     * A spelling met again is the String met first, in every sentence that holds it: a String of its own for each
     * token took about 50 bytes a token, 1.7 GB of heap for 29 million words of plain text (Brown 30 times over),
     * where the shared ones take 4 (a reference each).
     */
    @Test
    void aWordReadTwiceIsOneString() throws IOException {
        for (String text : List.of("the cat sat .\nthe dog sat .\n", "the\tDET\ncat\tNOUN\n\nthe\tDET\ndog\tNOUN\n",
                "1\tthe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n2\tcat\tcat\tNOUN\t_\t_\t0\troot\t_\t_\n\n"
                        + "1\tthe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n2\tdog\tdog\tNOUN\t_\t_\t0\troot\t_\t_\n")) {
            List<TaggedSentence> read = TaggedCorpus.read(file("shared.txt", text));
            assertEquals("the", read.get(1).words().get(0), text);
            assertSame(read.get(0).words().get(0), read.get(1).words().get(0), text);
        }
    }
}
