package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Plain text's {@code #} lines (audit h239): every line starting with {@code #} was a comment, so a tweet or forum
 * corpus lost its {@code #1 hit song} and {@code #MeToo is trending} lines without a word. In plain text a comment is
 * now only {@code #} alone or followed by whitespace (CoNLL-U's {@code # text = ...}, what {@link TaggedCorpus#write}
 * writes as headers), and the comments skipped are noted, the first shown.
 */
class PlainHashLinesTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream notes = new ByteArrayOutputStream();

    /** Tweets: a header, hashtag-led lines, a bare {@code #} and a {@code #<TAB>} comment among them. */
    private static final String TWEETS = "# tweets collected 2026-12-01\n#1 hit song of the year\n"
            + "The cat sat on the mat .\n#MeToo is trending today\n#\n#\tno words here\n##hashtag twice over\n";

    private static final List<List<String>> TWEET_SENTENCES = List.of(
            List.of("#1", "hit", "song", "of", "the", "year"), List.of("The", "cat", "sat", "on", "the", "mat", "."),
            List.of("#MeToo", "is", "trending", "today"), List.of("##hashtag", "twice", "over"));

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private TaggedCorpus.Read read(Path p, CorpusLayout layout) throws IOException {
        return TaggedCorpus.readAs(p, TaggedCorpus.Reading.DEFAULT.orLayout(layout),
                new PrintStream(notes, true, StandardCharsets.UTF_8), LayoutOption.COMMAND_LINE);
    }

    private static List<List<String>> words(List<TaggedSentence> sentences) {
        return sentences.stream().map(TaggedSentence::words).toList();
    }

    private String notes() {
        return notes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineStartingWithAHashtagIsASentenceOfPlainText() throws IOException {
        Path p = file("tweets.txt", TWEETS);
        assertEquals(TWEET_SENTENCES, words(TaggedCorpus.read(p)));
        TaggedCorpus.Read guessed = read(p, CorpusLayout.AUTO);
        assertEquals(TWEET_SENTENCES, words(guessed.sentences()));
        assertEquals(CorpusLayout.PLAIN, guessed.reading().layout());
        assertEquals(TWEET_SENTENCES, words(read(p, CorpusLayout.PLAIN).sentences()));
    }

    /** A no-break space after the # separates as any whitespace does: the line is a comment. */
    @Test
    void aHashAndAnyWhitespaceIsAComment() throws IOException {
        Path p = file("nbsp.txt", "#\u00A0a note\nWe left early .\n");
        assertEquals(List.of(List.of("We", "left", "early", ".")), words(TaggedCorpus.read(p)));
    }

    @Test
    void theCommentsSkippedAreNotedTheFirstShown() throws IOException {
        Path p = file("tweets.txt", TWEETS);
        read(p, CorpusLayout.AUTO);
        assertEquals("note: " + p + ": 3 comment lines skipped (plain text: a line of # alone or # then"
                + " whitespace; a line such as #tag words is a sentence); the first, line 1:"
                + " # tweets collected 2026-12-01"
                + System.lineSeparator(), notes());
        notes.reset();
        read(p, CorpusLayout.PLAIN);
        assertTrue(notes().contains(": 3 comment lines skipped"), notes());
    }

    /** The comment shown as Visible writes it: an ESC sequence in it would run in the terminal. */
    @Test
    void theCommentShownIsVisible() throws IOException {
        Path p = file("esc.txt", "# \u001b[2J cleared\nWe left early .\nIt rained .\n");
        read(p, CorpusLayout.AUTO);
        assertTrue(notes().contains(": 1 comment line skipped (") && notes().contains("line 1: # <U+001B>[2J cleared"),
                notes());
        assertFalse(notes().contains("\u001b"), notes());
    }

    @Test
    void noCommentNoNote() throws IOException {
        read(file("plain.txt", "#MeToo is trending\nWe left early .\n"), CorpusLayout.AUTO);
        assertEquals("", notes());
    }

    /** Columns keep every # line a comment (but word<TAB>UPOS's "#<TAB>SYM"), and say nothing of them. */
    @Test
    void columnsKeepTheirCommentsWithoutANote() throws IOException {
        Path conllu = file("c.conllu", "# text = The cat\n#sent_id 1\n1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n"
                + "2\tcat\tcat\tNOUN\t_\t_\t0\troot\t_\t_\n");
        assertEquals(List.of(List.of("The", "cat")), words(read(conllu, CorpusLayout.AUTO).sentences()));
        Path words = file("w.txt", "#generated by hand\nStop\nLook\n\nListen\n");
        TaggedCorpus.Read read = read(words, CorpusLayout.AUTO);
        assertEquals(CorpusLayout.WORDS, read.reading().layout());
        assertEquals(List.of(List.of("Stop", "Look"), List.of("Listen")), words(read.sentences()));
        assertEquals("", notes());
    }

    /**
     * The guess is as it was: it counts no # line, so a file of one-word lines whose #tag lines hold several words
     * stays one word a line (where those lines are comments), as before.
     */
    @Test
    void theGuessCountsNoHashLine() throws IOException {
        Path p = file("w.txt", "#MeToo is trending\n#1 hit song\n#so many words here\nStop\nLook\n\nListen\n");
        TaggedCorpus.Read read = read(p, CorpusLayout.AUTO);
        assertEquals(CorpusLayout.WORDS, read.reading().layout());
        assertEquals(List.of(List.of("Stop", "Look"), List.of("Listen")), words(read.sentences()));
    }

    /** What {@link TaggedCorpus#write} writes reads back the same, said plain or columns: its header is "# ...". */
    @Test
    void aWrittenHeaderStaysAComment() throws IOException {
        Path p = dir.resolve("written.tsv");
        TaggedCorpus.write(p, List.of("made by a test", ""), List.of(new TaggedSentence(List.of("#1", "hit"),
                List.of(Upos.X, Upos.NOUN))));
        assertEquals(List.of(List.of("#1", "hit")), words(TaggedCorpus.read(p)));
        assertEquals(List.of(List.of("#1", "X"), List.of("hit", "NOUN")),
                words(read(p, CorpusLayout.PLAIN).sentences()));
        assertTrue(notes().contains(": 2 comment lines skipped"), notes());
    }
}
