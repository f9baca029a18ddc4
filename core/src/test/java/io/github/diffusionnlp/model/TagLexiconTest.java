package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagLexiconTest {
    private static final Vocabulary VOCAB = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "run", "the", "fast"));
    private static final List<TaggedSentence> CORPUS = List.of(
            new TaggedSentence(List.of("the", "run", "run"), List.of(Upos.DET, Upos.NOUN, Upos.VERB)),
            new TaggedSentence(List.of("run", "fast", "zebra"), List.of(Upos.VERB, Upos.ADV, Upos.NOUN)),
            new TaggedSentence(List.of("fast", "run"), List.of(Upos.ADJ, Upos.VERB)));

    @Test
    void countsTagsAndAllowsWordsByTheirShare() {
        TagLexicon lexicon = TagLexicon.build(CORPUS, VOCAB);
        int run = VOCAB.id("run");
        assertEquals(3, lexicon.count(run, Upos.VERB));
        assertEquals(1, lexicon.count(run, Upos.NOUN));
        // run: VERB 3/4, NOUN 1/4; fast: ADV 1/2, ADJ 1/2; the: DET 1/1
        assertArrayEquals(new boolean[] {false, false, true, false, false}, lexicon.allowed(Upos.VERB, 0.5));
        assertArrayEquals(new boolean[] {false, false, false, false, true}, lexicon.allowed(Upos.ADJ, 0.5));
        // no word reaches the share (zebra is not in the vocabulary): every word ever tagged so is allowed
        assertArrayEquals(new boolean[] {false, false, true, false, false}, lexicon.allowed(Upos.NOUN, 0.5));
        // a tag no word carries allows nothing; the sampler's masks are finite, so that is no crash
        assertTrue(!any(lexicon.allowed(Upos.SYM, 0.5)));
    }

    /** A corpus without tags reads as all X: its lexicon says so; a tagged or an empty one does not. */
    @Test
    void saysWhetherTheCorpusCarriedTags() {
        List<TaggedSentence> plain = List.of(new TaggedSentence(List.of("the", "run", "fast"),
                List.of(Upos.X, Upos.X, Upos.X)));
        assertTrue(TagLexicon.build(plain, VOCAB).untagged());
        assertTrue(!TagLexicon.build(CORPUS, VOCAB).untagged());
        List<TaggedSentence> oneTag = List.of(plain.get(0), new TaggedSentence(List.of("fast"), List.of(Upos.ADV)));
        assertTrue(!TagLexicon.build(oneTag, VOCAB).untagged(), "X beside real tags: a tagged corpus");
        assertTrue(!TagLexicon.build(List.of(), VOCAB).untagged(), "no counts: nothing to say it is untagged");
    }

    private static boolean any(boolean[] a) {
        for (boolean b : a) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    @Test
    void roundTripsThroughItsTextFile(@TempDir Path dir) throws IOException {
        TagLexicon lexicon = TagLexicon.build(CORPUS, VOCAB);
        Path file = dir.resolve("tag-lexicon.tsv");
        lexicon.write(file, VOCAB);
        TagLexicon read = TagLexicon.fromLines(Files.readAllLines(file), VOCAB);
        for (int id = 0; id < VOCAB.size(); id++) {
            for (Upos t : Upos.values()) {
                assertEquals(lexicon.count(id, t), read.count(id, t));
            }
        }
    }

    @Test
    void aCorruptFileNamesTheLineAndTheProblem(@TempDir Path dir) throws IOException {
        assertProblem(dir, "run\tVERB:3\n", "line 1");
        assertProblem(dir, TagLexicon.HEADER + "\nrun VERB:3\n", "line 2");
        assertProblem(dir, TagLexicon.HEADER + "\nzebra\tNOUN:1\n", "'zebra'");
        assertProblem(dir, TagLexicon.HEADER + "\nrun\tVB:3\n", "'VB:3'");
        assertProblem(dir, TagLexicon.HEADER + "\nrun\tVERB:-3\n", "'VERB:-3'");
        assertProblem(dir, TagLexicon.HEADER + "\nrun\tVERB\n", "'VERB'");
    }

    /**
     * A count in another script's digits (Arabic-Indic 3) was read as Java's Integer.parseInt reads it, as 3; the
     * project reads ASCII digits only (Numbers.parseInt), and a line that quotes a control character shows it.
     */
    @Test
    void aCountInOtherDigitsIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
        assertProblem(dir, TagLexicon.HEADER + "\nrun\tVERB:\u0663\n",
                "line 2: 'VERB:\u0663' is not TAG:count with a UPOS tag and a count >= 0 in ASCII digits (0-9)");
        assertProblem(dir, TagLexicon.HEADER + "\nrun\tVERB:3\u001b[2J\n", "line 2: 'VERB:3<U+001B>[2J' is not");
    }

    /** A count written "+3" was read as 3, where the lexicon is written without a sign (audit h200). */
    @Test
    void aCountWithALeadingPlusIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
        assertProblem(dir, TagLexicon.HEADER + "\nrun\tVERB:+3\n", "line 2: 'VERB:+3' is not TAG:count with a UPOS tag"
                + " and a count >= 0 in ASCII digits (0-9), without a '+'");
    }

    private static void assertProblem(Path dir, String text, String named) throws IOException {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> TagLexicon.fromLines(Files.readAllLines(file), VOCAB));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }
    /**
     * A model of before words were read in NFC, on a corpus mixing the forms, has a lexicon line for each form of a
     * word; both are the counts of the word text is read as, where the second line used to overwrite the first's.
     */
    @Test
    void theLinesOfAWordInBothUnicodeFormsAddUp() throws IOException {
        Vocabulary twins = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "a\u0300", "Paris", "\u00e0"));
        TagLexicon lexicon = TagLexicon.fromLines(List.of(TagLexicon.HEADER, "a\u0300\tADP:5", "Paris\tPROPN:2",
                "\u00e0\tADP:3 VERB:1"), twins);
        assertEquals(8, lexicon.count(2, Upos.ADP));
        assertEquals(1, lexicon.count(2, Upos.VERB));
    }
}
