package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@link DiffusionLM.Builder#optNgramCorpusReading} says how a corpus given to {@code optNgramCorpus} is read, as the
 * command line's {@code --layout} says how {@code --ngram-corpus FILE} is: without one it was applied to the model's
 * own training corpus, which everything else reads as the model's config.json records it was.
 */
class NgramCorpusReadingTest {
    @Test
    void aReadingWithoutACorpusIsRefusedBeforeTheModelLoads() {
        for (DiffusionLM.Builder said : new DiffusionLM.Builder[] {
                DiffusionLM.builder().optNgramCorpusReading(CorpusLayout.PLAIN, null),
                DiffusionLM.builder().optNgramCorpusReading(null, MultiwordTokens.SURFACE),
                // given and then taken back: build() sees what is left
                DiffusionLM.builder().optNgramCorpus(TestModels.devCorpus())
                        .optNgramCorpusReading(CorpusLayout.PLAIN, null).optNgramCorpus(null)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> said.optModel(TestModels.root().resolve("no-such-model")).build());
            assertTrue(e.getMessage().contains("optNgramCorpus") && e.getMessage().contains("config.json"),
                    e.getMessage());
        }
    }

    @Test
    void aReadingWithACorpusIsHowThatCorpusIsRead() throws IOException {
        // said before the corpus is given: the builder's settings are order-free
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optNgramCorpusReading(CorpusLayout.CONLLU, MultiwordTokens.SURFACE)
                .optNgramCorpus(TestModels.devCorpus()).build()) {
            assertEquals(new TaggedCorpus.Reading(CorpusLayout.CONLLU, MultiwordTokens.SURFACE), lm.ngramCorpusReading());
        }
    }

    /**
     * What the corpus's reading notes (here the guess of a file of one-word lines without a blank line, which names
     * the file) is logged with its hidden characters written as code points: a file name holding a terminal's escape
     * or a bidi override was logged raw, and a terminal showing the log ran it.
     */
    @Test
    void theReadingsNotesAreLoggedVisibly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws IOException {
        java.nio.file.Path corpus = java.nio.file.Files.writeString(tmp.resolve("c\u001b]0;x\u0007\u202Etxt.words"),
                "The\ncat\nsat\n.\n");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optNgramCorpus(corpus).build()) {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            lm.countNgrams();
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("diffusion-nlp: note: ") && log.contains("c<U+001B>]0;x<U+0007><U+202E>txt.words: read as"),
                log);
        assertTrue(log.chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x202E), log);
    }

    /** A corpus without a sentence is refused, naming it, as train refuses one: fusion counted from it did nothing. */
    @Test
    void anEmptyNgramCorpusIsRefusedNamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws IOException {
        java.nio.file.Path empty = java.nio.file.Files.writeString(tmp.resolve("empty.txt"), "\n# a comment\n\n");
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optNgramCorpus(empty).build()) {
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, lm::countNgrams);
            assertTrue(e.getMessage().startsWith("the n-gram corpus " + empty + " (DiffusionLM.Builder#optNgramCorpus,")
                    && e.getMessage().contains("holds no sentences"), e.getMessage());
        }
    }

    /**
     * The n-gram corpus's refusals named it raw around the reader's own message, which writes it visibly: a line
     * break in the name split the one-line message, and an ESC sequence ran in the terminal. Not readable, empty, or
     * refused by a line, it is named as the reader names it.
     */
    @Test
    void theNgramCorpusIsNamedVisiblyInItsRefusals(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws IOException {
        String name = "n\u001b[2J\nERROR forged.txt";
        String shown = io.github.diffusionnlp.corpus.Visible.of(tmp.resolve(name));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DiffusionLM.builder().optNgramCorpus(tmp.resolve(name)));
        assertEquals("the n-gram corpus " + shown + " is not a readable file", missing.getMessage());
        java.nio.file.Path empty = java.nio.file.Files.writeString(tmp.resolve(name), "\n# a comment\n");
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optNgramCorpus(empty).build()) {
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, lm::countNgrams);
            assertTrue(e.getMessage().startsWith("the n-gram corpus " + shown + " (DiffusionLM"), e.getMessage());
            java.nio.file.Files.writeString(empty, "The\tDET\nthe cat sat\n");
            e = assertThrows(java.io.UncheckedIOException.class, lm::countNgrams);
            assertTrue(e.getMessage().startsWith("cannot read the n-gram corpus " + shown + ": " + shown + ":2: several"
                    + " tokens and no tab"), e.getMessage());
            assertTrue(e.getMessage().chars().noneMatch(c -> c == '\n' || c == 0x1b), e.getMessage());
        }
    }
}
