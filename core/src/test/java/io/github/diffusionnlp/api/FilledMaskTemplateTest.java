package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.Upos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rewrite under a sentence's own tags whose sentence holds a {@code [MASK]}: the tag a front end gives the mask is
 * a guess (OpenNLP's tagger read as an unknown word matched Brown's gold tag 31% of the time), so core fills the
 * masks, has the caller's tagger tag the filled words, and rewrites under those tags, in the one call.
 */
class FilledMaskTemplateTest {
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(4).seed(5).build();
    private static final List<String> MASKED = List.of("The", "committee", "said", "that", "the", "[MASK]", "was",
            "late", ".");
    private static final List<Upos> GUESSED = Constraints.parseTemplate("DET NOUN VERB SCONJ DET PUNCT AUX ADJ PUNCT");
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    /**
     * The tagger is given the sentence as its masks were filled, and the rewrite is that of the filled sentence under
     * its tags: the same words as a rewrite of the filled sentence given those tags as its template.
     */
    @Test
    void aMaskedSentenceIsRewrittenUnderTheTagsOfItsFilledWords() {
        List<List<String>> seen = new ArrayList<>();
        FilledTagging tagger = FilledTagging.by((s, words) -> {
            seen.add(List.copyOf(words));
            List<Upos> tags = new ArrayList<>(GUESSED);
            tags.set(5, Upos.NOUN);
            return tags;
        }).replacingTemplates();
        Constraints guessed = Constraints.none().withTemplate(GUESSED);
        List<boolean[]> keep = Collections.singletonList(null);
        List<List<String>> out = lm.rewriteAll(List.of(MASKED), keep, 0.6, List.of(guessed), OPTIONS,
                SentenceNaming.BATCH, tagger);
        assertEquals(1, seen.size(), "one sentence holds a mask");
        List<String> filled = seen.get(0);
        assertEquals(MASKED.size(), filled.size());
        assertFalse(filled.contains(DiffusionLM.MASK), filled.toString());
        for (int i = 0; i < MASKED.size(); i++) {
            if (i != 5) {
                assertEquals(MASKED.get(i), filled.get(i), "only the mask is filled: " + filled);
            }
        }
        List<Upos> own = new ArrayList<>(GUESSED);
        own.set(5, Upos.NOUN);
        assertEquals(lm.rewriteAll(List.of(filled), keep, 0.6, List.of(guessed.withTemplate(own)), OPTIONS), out);
    }

    /** A sentence without a mask keeps the template it is given, untagged; none is tagged without a tagger. */
    @Test
    void aSentenceWithoutAMaskKeepsItsTemplate() {
        List<String> plain = List.of("The", "committee", "said", "that", "the", "report", "was", "late", ".");
        List<Constraints> each = List.of(Constraints.none().withTemplate(GUESSED));
        List<boolean[]> keep = Collections.singletonList(null);
        List<List<String>> out = lm.rewriteAll(List.of(plain), keep, 0.6, each, OPTIONS, SentenceNaming.BATCH,
                FilledTagging.by((s, words) -> {
                    throw new AssertionError("tagged " + words);
                }).replacingTemplates());
        assertEquals(lm.rewriteAll(List.of(plain), keep, 0.6, each, OPTIONS), out);
        assertEquals(lm.rewriteAll(List.of(MASKED), keep, 0.6, each, OPTIONS),
                lm.rewriteAll(List.of(MASKED), keep, 0.6, each, OPTIONS, SentenceNaming.BATCH,
                        (FilledTagging) null));
    }

    /**
     * A masked sentence under a template of another length could not take its filled words' tags: refused before
     * anything is sampled (the tagger never called); a tagger giving another number of tags than tokens fails.
     */
    @Test
    void aTemplateOfAnotherLengthIsRefusedBeforeSampling() {
        List<Constraints> shorter = List.of(Constraints.none().withTemplate(GUESSED.subList(0, 8)));
        List<boolean[]> keep = Collections.singletonList(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lm.rewriteAll(List.of(MASKED),
                keep, 0.6, shorter, OPTIONS, SentenceNaming.BATCH, FilledTagging.by((s, words) -> {
                    throw new AssertionError("sampled and tagged " + words);
                }).replacingTemplates()));
        assertEquals("sentence 0 holds a [MASK] and has 9 tokens but its POS template has 8 tags: the tags of its"
                + " filled words replace only a template of its own length (its own tags); give such a template, or"
                + " rewrite it without tagging its filled words", e.getMessage());
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> lm.rewriteAll(List.of(MASKED),
                keep, 0.6, List.of(Constraints.none().withTemplate(GUESSED)), OPTIONS, SentenceNaming.BATCH,
                FilledTagging.by((s, words) -> Arrays.asList(Upos.NOUN)).replacingTemplates()));
        assertTrue(bad.getMessage().startsWith("the tagger of filled words gave 1 tag for sentence 0, which has 9 tokens"),
                bad.getMessage());
    }
}
