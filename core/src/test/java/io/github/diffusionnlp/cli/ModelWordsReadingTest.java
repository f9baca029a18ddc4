package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestCorpora;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A corpus read for a trained model that is not its training corpus (evaluate's {@code --heldout} and {@code
 * --train FILE}, a {@code --ngram-corpus}) is split into words as the model's corpus was: a model trained on
 * {@code de el} is scored on {@code de el}, not on {@code del}, a word its vocabulary never holds.
 */
@Isolated
class ModelWordsReadingTest {
    /** "del mar .": three words as surface reads it, four ({@code de el mar .}) as parts does. */
    private static final String HELDOUT = """
            1-2\tdel\t_\t_\t_\t_\t_\t_\t_\t_
            1\tde\tde\tADP\t_\t_\t3\tcase\t_\t_
            2\tel\tel\tDET\t_\t_\t3\tdet\t_\t_
            3\tmar\tmar\tNOUN\t_\t_\t0\troot\t_\t_
            4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

            """.repeat(4);

    @TempDir
    static Path dir;
    private static Path model;
    private static Path heldout;

    @BeforeAll
    static void trainOnParts() throws IOException {
        Path corpus = TestCorpora.spanishTreebank(dir, 8);
        heldout = Files.writeString(dir.resolve("heldout.conllu"), HELDOUT, StandardCharsets.UTF_8);
        model = dir.resolve("model");
        new DiffusionTrainer(TrainOptions.builder(corpus, model).size("tiny").steps(1).maxLength(16).batchSize(4)
                .contextEmbeddings(false).multiword(MultiwordTokens.PARTS).build(),
                new PrintStream(PrintStream.nullOutputStream())).run();
    }

    private static MainTest.Run evaluate(String... more) {
        String[] args = {"evaluate", "--model", model.toString(), "--heldout", heldout.toString(), "--sentences", "1",
                "--step-counts", "1"};
        return MainTest.run("", java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.Arrays.stream(more)).toArray(String[]::new));
    }

    /**
     * Read as surface the held-out sentences are three words, under evaluate's four, and none is usable; read
     * as the model's words (parts) they are four. Surface was the default for a file other than the model's own.
     */
    @Test
    void evaluateSplitsHeldOutSentencesIntoTheModelsWords() {
        MainTest.Run unsaid = evaluate("--train", "none");
        assertEquals(0, unsaid.code(), unsaid.err());
        assertTrue(unsaid.out().contains("| task"), unsaid.out());

        MainTest.Run surface = evaluate("--train", "none", "--multiword", "surface");
        assertEquals(1, surface.code(), surface.err());
        assertTrue(surface.err().contains("holds no held-out sentence of 4..16 tokens"), surface.err());
    }

    /**
     * {@code --layout} says how the files named on the command line are laid out: a plain-text held-out file
     * beside the model's CoNLL-U corpus, which the trigram counts by default, used to fail on that corpus
     * ("does not fit --layout plain"), which is read as the model records.
     */
    @Test
    void layoutOfANamedFileLeavesTheModelsOwnCorpusAlone() throws IOException {
        Path plain = Files.writeString(dir.resolve("heldout.txt"), "Vamos de el mar .\n".repeat(4),
                StandardCharsets.UTF_8);
        MainTest.Run run = MainTest.run("", "evaluate", "--model", model.toString(), "--heldout", plain.toString(),
                "--layout", "plain", "--sentences", "1", "--step-counts", "1");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("trigram baseline counted from"), run.err());
    }
}
