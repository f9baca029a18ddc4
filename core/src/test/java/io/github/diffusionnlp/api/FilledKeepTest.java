package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.Upos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeping a front end's classes on a sentence that holds a {@code [MASK]} ({@link FilledTagging#replacingKeep}): the
 * keep mask is read off the tags of the sentence's words once core has filled its masks, in the one call, not off the
 * masked sentence's, whose guess at the mask moves its neighbours' tags ("She [MASK] home early .": "home" a noun next
 * to the mask, an adverb once it is filled). The tagger here is a real one of its kind: a fixed lexicon of the words
 * (as a front end's tagger would give them), the filled word read as a verb where it follows "She".
 */
class FilledKeepTest {
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(4).seed(11).build();
    private static final List<String> MASKED = List.of("She", "[MASK]", "home", "early", ".");
    private static final Set<Upos> NOUNS = EnumSet.of(Upos.NOUN, Upos.PROPN);
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    /** A lexicon tagger: the words of the test sentences by their tags there, a word after "She" a verb. */
    private static List<Upos> tag(List<String> words) {
        Map<String, Upos> lexicon = Map.of("She", Upos.PRON, "home", Upos.ADV, "early", Upos.ADV, ".", Upos.PUNCT,
                "The", Upos.DET, "report", Upos.NOUN, "was", Upos.AUX, "late", Upos.ADJ);
        List<Upos> tags = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Upos known = lexicon.get(words.get(i));
            tags.add(known != null ? known : i > 0 && words.get(i - 1).equals("She") ? Upos.VERB : Upos.NOUN);
        }
        return tags;
    }

    /** Keeps the tokens whose tag is one of {@code classes}. */
    private static boolean[] byClass(List<Upos> tags, Set<Upos> classes) {
        boolean[] k = new boolean[tags.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = classes.contains(tags.get(i));
        }
        return k;
    }

    /**
     * The masked sentence's keep mask (its guessed tags kept "home" as a noun) is replaced by the rule's of the filled
     * words (nothing a noun): the rewrite is that of the filled sentence keeping what its tags say, and the tagger
     * and rule see the filled words, called once, with the sentence's index in the call.
     */
    @Test
    void aMaskedSentenceKeepsTheClassesOfItsFilledWords() {
        List<String> plain = List.of("The", "report", "was", "late", ".");
        boolean[] guessed = {false, false, true, false, false}; // "home" read as a noun beside the mask
        List<Integer> tagged = new ArrayList<>();
        List<List<String>> seen = new ArrayList<>();
        FilledTagging filled = FilledTagging.by((s, words) -> {
            tagged.add(s);
            seen.add(List.copyOf(words));
            return tag(words);
        }).replacingKeep((s, words, tags) -> byClass(tags, NOUNS));
        List<boolean[]> keep = Arrays.asList(byClass(tag(plain), NOUNS), guessed);
        List<List<String>> out = lm.rewriteAll(List.of(plain, MASKED), keep, 0.6,
                Collections.nCopies(2, Constraints.none()), OPTIONS, SentenceNaming.BATCH, filled);
        assertEquals(List.of(1), tagged, "only the sentence holding a mask is tagged, by its index");
        List<String> words = seen.get(0);
        assertFalse(words.contains(DiffusionLM.MASK), words.toString());
        assertEquals(MASKED.subList(2, 5), words.subList(2, 5), "only the mask is filled: " + words);
        boolean[] own = byClass(tag(words), NOUNS);
        assertFalse(own[2], "home is no noun once the mask is filled: " + words);
        List<List<String>> expected = lm.rewriteAll(List.of(plain, words), Arrays.asList(keep.get(0), own), 0.6,
                Collections.nCopies(2, Constraints.none()), OPTIONS);
        assertEquals(expected, out);
        assertArrayEquals(new boolean[] {false, false, true, false, false}, guessed, "the caller's mask untouched");
        assertNotEquals(lm.rewriteAll(List.of(plain, MASKED), keep, 0.6, Collections.nCopies(2, Constraints.none()),
                OPTIONS), out, "kept by the guessed tags, the rewrite is another");
    }

    /**
     * The rule's mask is fitted, not refused (it is known only once the masks are filled): a mask's own position is
     * never kept, whatever the rule says; under a template shorter than the sentence no token past it is. The
     * template given stays (templates are not replaced here) and the call is that of the fitted mask.
     */
    @Test
    void aMasksPositionAndOnePastTheTemplateAreNeverKept() {
        boolean[] all = {true, true, true, true, true};
        List<Constraints> shorter = List.of(Constraints.none().withTemplate(Constraints.parseTemplate(
                "PRON VERB ADV PUNCT")));
        List<List<String>> seen = new ArrayList<>();
        FilledTagging filled = FilledTagging.by((s, words) -> {
            seen.add(List.copyOf(words));
            return tag(words);
        }).replacingKeep((s, words, tags) -> all.clone());
        List<List<String>> out = lm.rewriteAll(List.of(MASKED), Collections.singletonList(null), 0.6, shorter,
                OPTIONS, SentenceNaming.BATCH, filled);
        boolean[] fitted = {true, false, true, true, false};
        assertEquals(lm.rewriteAll(seen, List.of(fitted), 0.6, shorter, OPTIONS), out);
        assertEquals(4, out.get(0).size(), "the template's length");
    }

    /**
     * A front end that gives kept tokens back itself is told the keep mask each masked sentence is rewritten with, as
     * core fitted it (the mask's position and the token past the shorter template not kept), once, by the sentence's
     * index in the call, in its own copy; not for a sentence without a mask, nor where the rule gives null.
     */
    @Test
    void theFittedKeepMaskIsToldToTheFrontEnd() {
        boolean[] all = {true, true, true, true, true};
        List<String> plain = List.of("The", "report", "was", "late", ".");
        Constraints shorter = Constraints.none().withTemplate(Constraints.parseTemplate("PRON VERB ADV PUNCT"));
        List<Integer> told = new ArrayList<>();
        List<boolean[]> masks = new ArrayList<>();
        FilledTagging filled = FilledTagging.by((s, words) -> tag(words))
                .replacingKeep((s, words, tags) -> s == 2 ? null : all, (s, k) -> {
                    told.add(s);
                    masks.add(k.clone());
                    Arrays.fill(k, true); // the front end's copy: the rewrite keeps what it was told
                });
        List<List<String>> out = lm.rewriteAll(List.of(plain, MASKED, MASKED), Arrays.asList(all, null, null), 0.6,
                List.of(Constraints.none(), shorter, Constraints.none()), OPTIONS, SentenceNaming.BATCH, filled);
        assertEquals(List.of(1), told);
        assertArrayEquals(new boolean[] {true, false, true, true, false}, masks.get(0));
        assertEquals(plain, out.get(0), "every token kept");
        assertEquals(4, out.get(1).size(), "the template's length");
        assertEquals(List.of("She", "home", "early"), List.of(out.get(1).get(0), out.get(1).get(2),
                out.get(1).get(3)), "the fitted mask's tokens kept, not the told copy changed: " + out.get(1));
        assertArrayEquals(new boolean[] {true, true, true, true, true}, all, "the rule's mask untouched");
    }

    /**
     * Without a mask nothing is tagged and the keep mask given stays; a rule giving null keeps the mask given; a rule
     * or tagger giving the wrong number fails (after sampling: a bug of the front end, not of the input).
     */
    @Test
    void withoutAMaskOrARulesMaskTheGivenOneStays() {
        List<String> plain = List.of("The", "report", "was", "late", ".");
        boolean[] keep = {false, true, false, false, true};
        List<List<String>> out = lm.rewriteAll(List.of(plain), List.of(keep), 0.6, List.of(Constraints.none()),
                OPTIONS, SentenceNaming.BATCH, FilledTagging.by((s, words) -> {
                    throw new AssertionError("tagged " + words);
                }).replacingKeep((s, words, tags) -> new boolean[5]));
        assertEquals(lm.rewriteAll(List.of(plain), List.of(keep), 0.6, List.of(Constraints.none()), OPTIONS), out);
        boolean[] masked = {true, false, true, false, false};
        assertEquals(lm.rewriteAll(List.of(MASKED), List.of(masked), 0.6, List.of(Constraints.none()), OPTIONS),
                lm.rewriteAll(List.of(MASKED), List.of(masked), 0.6, List.of(Constraints.none()), OPTIONS,
                        SentenceNaming.BATCH, FilledTagging.by((s, words) -> tag(words))
                                .replacingKeep((s, words, tags) -> null)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> lm.rewriteAll(List.of(MASKED),
                List.of(masked), 0.6, List.of(Constraints.none()), OPTIONS, SentenceNaming.BATCH,
                FilledTagging.by((s, words) -> tag(words)).replacingKeep((s, words, tags) -> new boolean[4])));
        assertEquals("the keep rule of filled words gave a keep mask of 4 flags for sentence 0, which has 5 tokens: it"
                + " must give one a token", e.getMessage());
        assertTrue(FilledTagging.by((s, words) -> tag(words)).replacingKeep((s, w, t) -> null).replacesKeep());
        assertFalse(FilledTagging.by((s, words) -> tag(words)).replacesTemplates());
    }

    /**
     * A tagger or keep rule that answers wrongly is named with the sentence (as the call's naming names it) and, for a
     * missing tag, the token: a null tag among the right number of tags was said to be "5 tags for a sentence of 5
     * tokens", the right number, and no message named which sentence of the call it was. What a tagger throws comes
     * out as it was thrown, and the model serves the next call.
     */
    @Test
    void aWrongAnswerOfTheTaggerOrKeepRuleNamesTheSentenceAndToken() {
        List<String> plain = List.of("The", "report", "was", "late", ".");
        List<List<String>> two = List.of(plain, MASKED);
        List<boolean[]> none = Arrays.asList(null, null);
        List<Constraints> each = Collections.nCopies(2, Constraints.none());
        IllegalStateException nullTag = assertThrows(IllegalStateException.class, () -> lm.rewriteAll(two, none, 0.6,
                each, OPTIONS, SentenceNaming.BATCH, FilledTagging.by((s, words) -> {
                    List<Upos> tags = new ArrayList<>(tag(words));
                    tags.set(1, null);
                    return tags;
                }).replacingKeep((s, words, tags) -> null)));
        assertEquals("the tagger of filled words gave no tag (null) for token 1 of sentence 1: it must give one UPOS"
                + " tag a token", nullTag.getMessage());
        SentenceNaming fromOne = new SentenceNaming("sentence", false, 1, 1);
        IllegalStateException noTags = assertThrows(IllegalStateException.class, () -> lm.rewriteAll(two, none, 0.6,
                each, OPTIONS, fromOne, FilledTagging.by((s, words) -> null).replacingKeep((s, words, tags) -> null)));
        assertEquals("the tagger of filled words gave null for sentence 2, which has 5 tokens: it must give one UPOS"
                + " tag a token", noTags.getMessage());
        IllegalStateException shortMask = assertThrows(IllegalStateException.class, () -> lm.rewriteAll(
                List.of(MASKED), Collections.singletonList(null), 0.6, List.of(Constraints.none()), OPTIONS,
                SentenceNaming.ONE, FilledTagging.by((s, words) -> tag(words))
                        .replacingKeep((s, words, tags) -> new boolean[6])));
        assertEquals("the keep rule of filled words gave a keep mask of 6 flags for the sentence, which has 5 tokens:"
                + " it must give one a token", shortMask.getMessage());
        UnsupportedOperationException own = new UnsupportedOperationException("the front end's tagger failed");
        assertSame(own, assertThrows(UnsupportedOperationException.class, () -> lm.rewriteAll(two, none, 0.6, each,
                OPTIONS, SentenceNaming.BATCH, FilledTagging.by((s, words) -> {
                    throw own;
                }).replacingKeep((s, words, tags) -> null))));
        assertEquals(2, lm.rewriteAll(two, none, 0.6, each, OPTIONS).size(), "the model serves the next call");
    }
}
