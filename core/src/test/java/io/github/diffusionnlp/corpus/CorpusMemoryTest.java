package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CorpusMemory}'s counts (audit h180): a corpus read for its sentences alone is not counted with the rows only
 * a training run packs, and the lower bound counted as the lines are checked ({@link LinesCount}) never passes what
 * the parse of the file makes of it, in any layout, so that the early refusal refuses no corpus the parse would take.
 */
class CorpusMemoryTest {
    private static final Path FILE = Path.of("corpus.txt");

    /**
     * 1,000 sentences of 20 words held in 290,000 bytes: they fit there when read for their sentences (n-gram fusion's
     * corpus, held-out sentences), and a training run's rows on top (100,000 bytes more) do not. Every read counted the
     * rows.
     */
    @Test
    void onlyATrainingRunsCorpusIsCountedWithItsPackedRows() throws IOException {
        CorpusMemory read = new CorpusMemory(FILE, 1000, 290_000, CorpusMemory.Held.READ);
        CorpusMemory trained = new CorpusMemory(FILE, 1000, 290_000, CorpusMemory.Held.TRAINED);
        for (int i = 0; i < 999; i++) {
            read.add(20, i);
        }
        assertDoesNotThrow(() -> read.add(20, 999));
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                trained.add(20, i);
            }
        });
        assertTrue(e.getMessage().contains("while a run trains on them (about 15 bytes a word and 100 a sentence)"),
                e.getMessage());
    }

    /** What was held before (a training corpus, read before its dev split) counts against the same heap. */
    @Test
    void aFileReadBesideAnotherIsCountedOnTopOfIt() {
        CorpusMemory dev = new CorpusMemory(FILE, 10, 1000, new CorpusMemory.Held(800, "the training corpus t.txt",
                false));
        IOException e = assertThrows(IOException.class, () -> dev.add(20, 0)); // 290 bytes more
        assertTrue(e.getMessage().startsWith("corpus.txt:1: by this line the corpus holds 20 words in 1 sentences"
                + " beside the 0 MB held for the training corpus t.txt, more than"), e.getMessage());
    }

    @Test
    void conlluWithMultiwordTokensEmptyNodesAndComments(@TempDir Path tmp) throws IOException {
        String sentence = "# text = del cielo\n1-2\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n1\tde\tde\tADP\t_\t_\t0\troot\t_\t_\n"
                + "2\tel\tel\tDET\t_\t_\t1\tdet\t_\t_\n2.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n"
                + "3\tcielo\tcielo\tNOUN\t_\t_\t1\tobl\t_\t_\n4\ta b\ta\tNOUN\t_\t_\t1\tobl\t_\t_\n\n";
        for (MultiwordTokens multiword : MultiwordTokens.values()) {
            boundNeverPasses(tmp, "a.conllu", sentence.repeat(5), new TaggedCorpus.Reading(CorpusLayout.AUTO,
                    multiword), LinesCount.Reads.EITHER, 0);
            boundNeverPasses(tmp, "a.conllu", sentence.repeat(5), new TaggedCorpus.Reading(CorpusLayout.CONLLU,
                    multiword), LinesCount.Reads.COLUMNS, 0);
        }
    }

    @Test
    void wordTagLinesOneWordLinesAndPlainText(@TempDir Path tmp) throws IOException {
        String columns = "The\tDET\n#\tSYM\n1-2\tNUM\nMr.\tPROPN\nwell-known\tADJ\n\n\nIt\tPRON\n\n";
        boundNeverPasses(tmp, "c.txt", columns.repeat(4), TaggedCorpus.Reading.DEFAULT, LinesCount.Reads.EITHER, 0);
        boundNeverPasses(tmp, "w.txt", "The\ncat\n\n# c\nsat\n".repeat(4), TaggedCorpus.Reading.DEFAULT,
                LinesCount.Reads.EITHER, 0);
        boundNeverPasses(tmp, "w.txt", "The\ncat\n\n#MeToo is trending\nsat\n".repeat(4), TaggedCorpus.Reading.DEFAULT,
                LinesCount.Reads.EITHER, 0);
        // a #tag line is a sentence of plain text (audit h239), counted as one
        String plain = "The cat\u00a0sat .\n\n# a comment\n\u00a0\u00a0\nIt rained\u3000hard\n#MeToo is"
                + " trending\n";
        boundNeverPasses(tmp, "p.txt", plain.repeat(4), TaggedCorpus.Reading.DEFAULT, LinesCount.Reads.EITHER, 0);
        boundNeverPasses(tmp, "p.txt", plain.repeat(4) + "x\ty\n", new TaggedCorpus.Reading(CorpusLayout.PLAIN,
                MultiwordTokens.SURFACE), LinesCount.Reads.PLAIN, 0);
        // only #tag lines: counted as the sentences they are, not as nothing
        boundNeverPasses(tmp, "tags.txt", "#MeToo is trending\n#1 hit song\n".repeat(4), new TaggedCorpus.Reading(
                CorpusLayout.PLAIN, MultiwordTokens.SURFACE), LinesCount.Reads.PLAIN, 0);
    }

    /** A CoNLL-U Plus file whose IDs are its second column. */
    @Test
    void conlluPlusWithItsIdsElsewhere(@TempDir Path tmp) throws IOException {
        String file = "# global.columns = FORM ID UPOS\n" + "del\t1-2\t_\nde\t1\tADP\nel\t2\tDET\nx\t2.1\tX\n\n".repeat(3);
        boundNeverPasses(tmp, "a.conllup", file, TaggedCorpus.Reading.DEFAULT, LinesCount.Reads.COLUMNS, 1);
    }

    /**
     * Counts {@code text}'s lines as the check pass does against the memory its parse takes ({@code reading}): not
     * refused there, where one byte less refuses the parse.
     */
    private static void boundNeverPasses(Path tmp, String name, String text, TaggedCorpus.Reading reading,
            LinesCount.Reads reads, int idColumn) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
        List<TaggedSentence> sentences = TaggedCorpus.readAs(file, reading, null, LayoutOption.COMMAND_LINE)
                .sentences();
        long words = sentences.stream().mapToLong(s -> s.words().size()).sum();
        long most = CorpusMemory.bytes(words, sentences.size(), CorpusMemory.Held.READ);
        // the said layout of columns, whose lines the count checks (a CoNLL-U Plus file's are checked by its header)
        CorpusLayout said = reading.layout() == CorpusLayout.AUTO || reading.layout() == CorpusLayout.PLAIN
                || name.endsWith(".conllup") ? null : reading.layout();
        int columns = name.endsWith(".conllup") ? ConlluPlusColumns.of(file, List.of(text.split("\n")[0])).count()
                : 0;
        LinesCount count = new LinesCount(new CorpusMemory(file, most, CorpusMemory.Held.READ), () -> 0.5, reads,
                idColumn, columns, said);
        List<String> lines = List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
        try {
            countAll(count, lines);
        } catch (UncheckedIOException e) {
            throw new AssertionError(name + " as " + reading + ": " + e.getCause().getMessage(), e);
        }
        LinesCount tight = new LinesCount(new CorpusMemory(file, most / 2, CorpusMemory.Held.READ), () -> 0.5, reads,
                idColumn, columns, said);
        assertThrows(UncheckedIOException.class, () -> countAll(tight, lines), name + ": the bound counts nothing");
    }

    /** Counts {@code lines} as the check pass does, to its end ({@link LinesCount#finish}). */
    private static void countAll(LinesCount count, List<String> lines) {
        lines.forEach(count);
        try {
            count.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A dev split refused for the memory its training corpus already holds named that corpus raw: a line break in its
     * name split the message, an ESC sequence ran in the terminal. It is named visibly, as the dev split is.
     */
    @Test
    void theTrainingCorpusBesideADevSplitIsNamedVisibly(@TempDir Path tmp) throws IOException {
        Path dev = Files.writeString(tmp.resolve("dev.txt"), "the cat sat .\n", StandardCharsets.UTF_8);
        Path corpus = tmp.resolve("t\u001b[2J\nERROR forged.txt");
        TaggedSentence sentence = new TaggedSentence(List.of("the", "cat", "sat", "."),
                java.util.Collections.nCopies(4, Upos.X));
        // more sentences than the heap holds, in a list that holds one
        List<TaggedSentence> training = java.util.Collections.nCopies(
                (int) Math.min(Integer.MAX_VALUE, CorpusMemory.available() / 100 + 1), sentence);
        IOException e = assertThrows(IOException.class, () -> StoppableReading.readBeside(dev,
                TaggedCorpus.Reading.DEFAULT, null, LayoutOption.COMMAND_LINE, () -> { }, corpus, training));
        assertTrue(e.getMessage().contains(" held for the training corpus " + Visible.of(corpus) + ", more than"),
                e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c == '\n' || c == 0x1b), e.getMessage());
    }

    /**
     * A file of word<TAB>UPOS lines with one line of several words and no tab was counted as plain text from that
     * line on (a sentence of two words a line: about ten times what its columns take), and refused for its memory
     * before the parse named the line that is wrong; so was a file said to be columns, by the lines after the bad one.
     * Such a file is refused by that line whatever follows it, and its count refuses it no more. Plain text (no tab
     * anywhere) is counted and refused as before (at the end of the pass since audit h200).
     */
    @Test
    void aFileRefusedByALineIsNotRefusedForTheMemoryOfTheLinesAfterIt() {
        List<String> lines = new java.util.ArrayList<>(List.of("The\tDET", "the cat sat"));
        for (int i = 0; i < 2_000; i++) {
            lines.add(i % 20 == 19 ? "" : "word\tNOUN");
        }
        long most = 100_000; // the columns' 1,902 words in 100 sentences take 28,020 bytes; as plain text, 209,230
        for (LinesCount.Reads reads : new LinesCount.Reads[] {LinesCount.Reads.EITHER, LinesCount.Reads.COLUMNS}) {
            long columnsOnly = reads == LinesCount.Reads.COLUMNS ? 20_000 : most; // said columns: counted as columns
            LinesCount count = new LinesCount(new CorpusMemory(FILE, columnsOnly, CorpusMemory.Held.READ), () -> 1.0,
                    reads, 0);
            assertDoesNotThrow(() -> lines.forEach(count), reads.name());
        }
        LinesCount plain = new LinesCount(new CorpusMemory(FILE, most, CorpusMemory.Held.READ), () -> 1.0,
                LinesCount.Reads.EITHER, 0);
        List<String> noTab = lines.stream().map(l -> l.replace('\t', ' ')).toList();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> countAll(plain, noTab));
        assertTrue(e.getCause().getMessage().startsWith("corpus.txt:"), e.getCause().getMessage());
    }

    /**
     * Plain text whose count outgrows the memory before its first tab: the tab makes the guess read the file as
     * columns, which refuses its first line of several tokens, so the count refused it for memory before the parse
     * named that line (audit h200). So did mostly one-word lines, which the guess reads as one word a line. The count's
     * refusal waits for the end of the pass now, and is dropped there when the file is read as columns; plain text
     * that stays plain is refused there, naming the line where it outgrew the memory.
     */
    @Test
    void plainTextMadeColumnsLaterIsNotRefusedForItsMemory() {
        List<String> plain = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            plain.add("the cat sat"); // 120 bytes a line as plain text: 100,000 bytes hold 833 lines
        }
        long most = 100_000;
        List<String> strayTab = new java.util.ArrayList<>(plain);
        strayTab.add("word\tNOUN");
        List<String> oneWord = new java.util.ArrayList<>(List.of("the cat sat"));
        for (int i = 0; i < 2_000; i++) {
            oneWord.add(i % 3 == 0 ? "the cat sat" : "word");
        }
        for (List<String> lines : List.of(strayTab, oneWord)) {
            LinesCount count = new LinesCount(new CorpusMemory(FILE, most, CorpusMemory.Held.READ), () -> 1.0,
                    LinesCount.Reads.EITHER, 0);
            assertDoesNotThrow(() -> countAll(count, lines), lines.get(lines.size() - 1));
        }
        LinesCount stays = new LinesCount(new CorpusMemory(FILE, most, CorpusMemory.Held.READ), () -> 1.0,
                LinesCount.Reads.EITHER, 0);
        plain.forEach(stays); // nothing refused before the end
        IOException e = assertThrows(IOException.class, stays::finish);
        assertTrue(e.getMessage().startsWith("corpus.txt:834: by this line the corpus holds at least 2,502 words"),
                e.getMessage());
    }

    /**
     * A CoNLL-U Plus file without IDs (FORM UPOS) whose line has one column, not two, is refused by that line; its
     * count went on past it, each line a word, and refused the file for the memory of lines the parse never reaches
     * (audit h200). A file said to be CoNLL-U Plus with IDs, whose line has too few columns, is not counted past it
     * either.
     */
    @Test
    void aConlluPlusLineOfAnotherCountOfColumnsEndsTheCount() {
        List<String> lines = new java.util.ArrayList<>(List.of("The\tDET", "the cat sat", ""));
        for (int i = 0; i < 2_000; i++) {
            lines.add(i % 2 == 0 ? "word\tNOUN" : ""); // 1,000 sentences of a word: 100,000 bytes
        }
        LinesCount count = new LinesCount(new CorpusMemory(FILE, 50_000, CorpusMemory.Held.READ), () -> 1.0,
                LinesCount.Reads.COLUMNS, -1, 2);
        assertDoesNotThrow(() -> countAll(count, lines));
        List<String> withIds = lines.stream().map(l -> l.isEmpty() || l.equals("the cat sat") ? l : "1\t" + l)
                .toList();
        List<String> shortLine = new java.util.ArrayList<>(withIds);
        shortLine.set(1, "1\tthe"); // two columns of three
        LinesCount ids = new LinesCount(new CorpusMemory(FILE, 50_000, CorpusMemory.Held.READ), () -> 1.0,
                LinesCount.Reads.COLUMNS, 0, 3);
        assertDoesNotThrow(() -> countAll(ids, shortLine));
        LinesCount good = new LinesCount(new CorpusMemory(FILE, 50_000, CorpusMemory.Held.READ), () -> 1.0,
                LinesCount.Reads.COLUMNS, -1, 2);
        List<String> wellFormed = lines.stream().map(l -> l.equals("the cat sat") ? "cat\tNOUN" : l).toList();
        assertThrows(UncheckedIOException.class, () -> countAll(good, wellFormed), "a well-formed file is counted");
    }

    /**
     * A file said to be CoNLL-U, word<TAB>UPOS or one word a line, whose line 2 fits another layout (three columns, a
     * tab in one word a line), is refused by that line; its count went on past it and refused the file for the memory
     * of lines the parse never reaches (audit h200). A file of lines that fit is still counted.
     */
    @Test
    void aLineThatDoesNotFitTheSaidLayoutEndsTheCount() {
        String conllu = "1\tword\tword\tNOUN\t_\t_\t0\troot\t_\t_";
        for (CorpusLayout said : new CorpusLayout[] {CorpusLayout.CONLLU, CorpusLayout.COLUMNS, CorpusLayout.WORDS}) {
            String fits = said == CorpusLayout.CONLLU ? conllu : said == CorpusLayout.COLUMNS ? "word\tNOUN" : "word";
            List<String> lines = new java.util.ArrayList<>(List.of(fits, said == CorpusLayout.WORDS ? "a\tNOUN"
                    : "1\tthe\tDET", ""));
            for (int i = 0; i < 2_000; i++) {
                lines.add(i % 2 == 0 ? fits : ""); // 1,000 sentences of a word: 100,000 bytes
            }
            LinesCount count = new LinesCount(new CorpusMemory(FILE, 50_000, CorpusMemory.Held.READ), () -> 1.0,
                    LinesCount.Reads.COLUMNS, 0, 0, said);
            assertDoesNotThrow(() -> countAll(count, lines), said.name());
            List<String> good = new java.util.ArrayList<>(lines);
            good.set(1, fits);
            LinesCount counted = new LinesCount(new CorpusMemory(FILE, 50_000, CorpusMemory.Held.READ), () -> 1.0,
                    LinesCount.Reads.COLUMNS, 0, 0, said);
            assertThrows(UncheckedIOException.class, () -> countAll(counted, good), said.name());
        }
    }
}
