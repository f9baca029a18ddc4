package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of nothing but {@code #} lines, its layout guessed, reads as no sentences: the guess counts no {@code #}
 * line, so it is taken for columns, in which every {@code #} line is a comment. Plain text reads {@code #MeToo is
 * trending} as a sentence, but the refusal said only "every line is blank or a # comment" and named the layouts of
 * columns: it now says that plain text reads sentences in it, and to give {@code --layout plain}.
 */
class HashLinesOnlyCorpusTest {
    private static TrainOptions.Builder options(Path corpus, Path out) {
        return TrainOptions.builder(corpus, out).size("tiny").vocabSize(200).maxLength(16).batchSize(8).steps(10)
                .contextEmbeddings(false);
    }

    @Test
    void aGuessedCorpusOfHashtagLinesIsRefusedSayingLayoutPlain(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("tweets.txt"), "# collected 2026-12-01\n#MeToo is trending\n"
                + "#1 hit song of the year\n");
        IOException e = assertThrows(IOException.class, () -> new DiffusionTrainer(options(corpus, tmp.resolve("m"))
                .build(), new PrintStream(PrintStream.nullOutputStream())).run());
        assertEquals(corpus + " holds no sentences (every line is blank or a # comment), but read as plain text it"
                + " holds 2 sentences, lines that start with # and go on, the first #MeToo is trending (in plain text"
                + " a comment is # alone or followed by white space; in the layouts of columns every # line is one):"
                + " give layout(CorpusLayout.PLAIN) to read it as plain text, one sentence a line", e.getMessage());
        assertEquals(2, TaggedCorpus.readAs(corpus, TaggedCorpus.Reading.DEFAULT.orLayout(CorpusLayout.PLAIN), null,
                io.github.diffusionnlp.corpus.LayoutOption.COMMAND_LINE).sentences().size(), "which plain reads");
    }

    /** A file of comments alone (by either reading) is refused as it was. */
    @Test
    void aCorpusOfCommentsIsRefusedAsBefore(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("comments.txt"), "# only\n\n#\tcomments\n");
        IOException e = assertThrows(IOException.class, () -> new DiffusionTrainer(options(corpus, tmp.resolve("m"))
                .build(), new PrintStream(PrintStream.nullOutputStream())).run());
        assertEquals(corpus + " holds no sentences (it is empty, or every line is blank or a # comment); give a corpus"
                + " of one sentence a line, or of CoNLL-U, word<TAB>UPOS or one-word lines", e.getMessage());
    }
}
