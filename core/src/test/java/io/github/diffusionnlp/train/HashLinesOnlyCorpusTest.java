package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.bench.SpeedBenchmark;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * The benchmark's corpus ({@code TrainingData.requireSentences}) and n-gram fusion's ({@code NgramCorpus}) gave the
     * old message for such a file; they give the same hint now, in their callers' names for the layout setting.
     */
    @Test
    void theBenchmarkAndNgramFusionSayLayoutPlainToo(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("tweets.txt"), "# collected 2026-12-01\n#MeToo is trending\n"
                + "#1 hit song of the year\n");
        String hint = " holds no sentences (every line is blank or a # comment), but read as plain text it holds 2"
                + " sentences, lines that start with # and go on, the first #MeToo is trending (in plain text a comment"
                + " is # alone or followed by white space; in the layouts of columns every # line is one): give ";
        IOException e = assertThrows(IOException.class, () -> SpeedBenchmark.readTrainingCorpus(corpus, null, null,
                new PrintStream(PrintStream.nullOutputStream())));
        assertEquals("--corpus " + corpus + hint + "--layout plain to read it as plain text, one sentence a line",
                e.getMessage());
        SamplingOptions fused = SamplingOptions.builder().steps(2).seed(0).ngramWeight(1).build();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optNgramCorpus(corpus).build()) {
            UncheckedIOException u = assertThrows(UncheckedIOException.class,
                    () -> lm.infill(List.of("the", "[MASK]", "sat"), fused));
            assertEquals("the n-gram corpus " + corpus + " (DiffusionLM.Builder#optNgramCorpus, --ngram-corpus; OpenNLP:"
                    + " -ngramCorpus; CoreNLP: diffusion.ngramCorpus)" + hint + "DiffusionLM.Builder#optNgramCorpusReading's"
                    + " layout CorpusLayout.PLAIN to read it as plain text, one sentence a line", u.getMessage());
        }
    }

    /**
     * A dev split of hashtag lines beside a corpus read as plain text: {@code layout(PLAIN)}, which reads both files,
     * reads the corpus as before and the split's lines as sentences, so the refusal says so. Beside a corpus of
     * columns, which plain text would misread, it only says what the split holds.
     */
    @Test
    void aDevSplitOfHashtagLinesIsRefusedSayingLayoutPlainWhereTheCorpusIsPlain(@TempDir Path tmp)
            throws IOException {
        Path corpus = Files.writeString(tmp.resolve("train.txt"), "the cat sat on the mat .\na dog ran home .\n"
                .repeat(20));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), "#MeToo is trending\n#1 hit song of the year\n");
        IOException e = assertThrows(IOException.class, () -> new DiffusionTrainer(options(corpus, tmp.resolve("m"))
                .dev(dev).build(), new PrintStream(PrintStream.nullOutputStream())).run());
        assertEquals(dev + " (the dev split) holds no sentences (every line is blank or a # comment), but read as"
                + " plain text it holds 2 sentences, lines that start with # and go on, the first #MeToo is trending (in"
                + " plain text a comment is # alone or followed by white space; in the layouts of columns every # line"
                + " is one): give layout(CorpusLayout.PLAIN) (it reads the corpus too, which is read as plain text"
                + " already) to read it as plain text, one sentence a line", e.getMessage());
        Path columns = Files.writeString(tmp.resolve("train.tsv"), "the\tDET\ncat\tNOUN\nsat\tVERB\n\n".repeat(20));
        IOException c = assertThrows(IOException.class, () -> new DiffusionTrainer(options(columns,
                tmp.resolve("c")).dev(dev).build(), new PrintStream(PrintStream.nullOutputStream())).run());
        assertEquals(dev + " (the dev split) holds no sentences (it is empty, or every line is blank or a # comment)",
                c.getMessage());
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
