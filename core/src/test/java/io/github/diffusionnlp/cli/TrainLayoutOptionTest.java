package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code train --layout} and {@code train-ar --layout}: a layout said rather than guessed. */
@Isolated
class TrainLayoutOptionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"train", "train-ar"})
    void anUnknownLayoutIsRefusedNamingTheOnesThereAre(String command) throws IOException {
        Path corpus = Files.writeString(dir.resolve("c.txt"), "The jury said\n");
        MainTest.Run run = MainTest.run("", command, "--corpus", corpus.toString(), "--out",
                dir.resolve("m").toString(), "--layout", "tsv");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--layout") && run.err().contains("tsv")
                && run.err().contains("auto, conllu, columns, words, plain"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "train-ar"})
    void aCorpusThatDoesNotFitTheLayoutIsRefusedNamingTheLine(String command) throws IOException {
        Path corpus = Files.writeString(dir.resolve("c.tsv"), "The\tDET\njury\tNOUN\n");
        MainTest.Run run = MainTest.run("", command, "--corpus", corpus.toString(), "--out",
                dir.resolve("m").toString(), "--layout", "words", "--size", "tiny", "--steps", "1");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(corpus + ":1: ") && run.err().contains("--layout words"), run.err());
    }

    /** A file of one-word lines and no blank line: train says it read one long sentence, and how to say otherwise. */
    @Test
    void trainSaysAnUnclearGuess() throws IOException {
        Path corpus = Files.writeString(dir.resolve("c.txt"), "Stop\nLook\nListen\nRun\n");
        MainTest.Run run = MainTest.run("", "train", "--corpus", corpus.toString(), "--out",
                dir.resolve("m").toString(), "--size", "tiny", "--steps", "1", "--vocab", "10", "--length", "8",
                "--batch", "2", "--no-context-embeddings");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("note: " + corpus + ": read as one word a line")
                && run.out().contains("--layout plain"), run.out());
    }

    /**
     * Plain text's lines that start with a hashtag are sentences, and its comments are counted in a note that shows the
     * first (audit h239): every # line was dropped without a word, "#MeToo is trending" with the header.
     */
    @Test
    void trainReadsHashtagLinesAndNotesTheCommentsItSkipped() throws IOException {
        Path corpus = Files.writeString(dir.resolve("tweets.txt"), "# collected by hand\n#MeToo is trending today\n"
                + "The cat sat on the mat .\n#1 hit song of the year\n#\n");
        MainTest.Run run = MainTest.run("", "train", "--corpus", corpus.toString(), "--out",
                dir.resolve("m").toString(), "--size", "tiny", "--steps", "1", "--vocab", "10", "--length", "8",
                "--batch", "2", "--no-context-embeddings");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("note: " + corpus + ": 2 comment lines skipped (plain text: a line of # alone"
                + " or # then whitespace; a line such as #tag words is a sentence); the first, line 1:"
                + " # collected by hand"),
                run.out());
        assertTrue(run.out().contains("corpus: 3 sentences read"), run.out());
    }
}
