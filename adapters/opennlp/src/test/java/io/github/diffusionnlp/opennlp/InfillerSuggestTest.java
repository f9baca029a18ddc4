package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.Suggestion;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link InfillerME#suggest}: each mask's likeliest words, on OpenNLP's tokens and the shipped model. */
class InfillerSuggestTest {
    static DiffusionModel model;

    @BeforeAll
    static void load() throws IOException {
        model = DiffusionModel.loadDefault();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** One array per mask, best first: the library's own suggestions, whatever the steps, seed and temperatures. */
    @Test
    void eachMaskGetsTheLibrarysSuggestionsBestFirst() {
        String[] tokens = EnglishText.get().tokenize("The [MASK] of the committee said that the [MASK] was late.");
        Suggestion[][] suggested = new InfillerME(model, ApiTest.FEW_STEPS).suggest(tokens, 5);
        List<List<Suggestion>> library = model.getDiffusionLM().suggest(Arrays.asList(tokens), 5);
        assertEquals(2, suggested.length);
        for (int m = 0; m < 2; m++) {
            assertEquals(library.get(m), Arrays.asList(suggested[m]));
            assertEquals(5, suggested[m].length);
            for (int c = 1; c < 5; c++) {
                assertTrue(suggested[m][c - 1].probability() >= suggested[m][c].probability(), library.toString());
            }
        }
        assertArrayEquals(suggested, new InfillerME(model).suggest(tokens, 5), "steps and seed change nothing");
        assertEquals(0, new InfillerME(model).suggest(EnglishText.get().tokenize("No mask here."), 3).length);
    }

    /**
     * Under its options' n-gram fusion an infiller's suggestions are the library's fused ones: a collocation the
     * network alone misses comes first, as one fused greedy step writes it.
     */
    @Test
    void theOptionsNgramFusionRanksTheWords() {
        String[] tokens = EnglishText.get().tokenize("Cambodia is, for all practical [MASK], neutralist.");
        io.github.diffusionnlp.api.SamplingOptions fused = io.github.diffusionnlp.api.SamplingOptions.builder()
                .ngramWeight(0.7).build();
        Suggestion[][] suggested = new InfillerME(model, fused).suggest(tokens, 3);
        assertEquals(model.getDiffusionLM().suggest(Arrays.asList(tokens), io.github.diffusionnlp.api.Constraints.none(),
                fused, 3), List.of(Arrays.asList(suggested[0])));
        assertEquals("purposes", suggested[0][0].word());
        assertNotEquals("purposes", new InfillerME(model).suggest(tokens, 3)[0][0].word(), "precondition: unfused");
    }

    /** As infill: spans mark positions whatever they hold; a mask written another way is a word, with no list. */
    @Test
    void spansAreMasksAndMisspeltMasksAreWords() {
        InfillerME infiller = new InfillerME(model);
        String[] tokens = EnglishText.get().tokenize("He went to the market yesterday.");
        String[] masked = tokens.clone();
        masked[4] = InfillerME.MASK;
        assertArrayEquals(infiller.suggest(masked, 3), infiller.suggest(tokens, 3, new Span(4, 5)));
        assertThrows(IllegalArgumentException.class, () -> infiller.suggest(tokens, 3, new Span(5, 9)));
        Suggestion[][] misspelt = infiller.suggest(new String[] {"The", "[mask]", "went", "to", "the", "[MASK]", "."},
                3);
        assertEquals(1, misspelt.length, "[mask] is a word");
        assertArrayEquals(infiller.suggest(new String[] {"The", "zqxjw", "went", "to", "the", "[MASK]", "."}, 3),
                misspelt, "read as the unknown word it is");
    }

    /**
     * An infiller's constraints shape its suggestions as they shape its infill's first step: the library's words under
     * the same constraints (best of k, which ranks sampled sentences, set aside).
     */
    @Test
    void anInfillersConstraintsShapeItsSuggestions() {
        ConstraintSpec negative = ConstraintSpec.NONE.withSentiment("negative").withGuidance(3).withLexical(true)
                .withCandidates(2);
        String[] tokens = {"It", "was", "a", InfillerME.MASK, "day", "for", "all", "of", "us", "."};
        Suggestion[][] suggested = new InfillerME(model, ApiTest.FEW_STEPS, negative).suggest(tokens, 5);
        List<List<Suggestion>> library = model.getDiffusionLM().suggest(Arrays.asList(tokens),
                negative.toConstraints().withCandidates(1), 5);
        assertEquals(library.get(0), Arrays.asList(suggested[0]));
        assertNotEquals(Arrays.asList(new InfillerME(model).suggest(tokens, 5)[0]), library.get(0));
    }

    @Test
    void whatItCannotDoIsRefusedSayingWhyAndLongSentencesAreRead() {
        InfillerME infiller = new InfillerME(model);
        int length = model.getInfo().config().maxLength();
        // a sentence longer than the model's length is read as infill reads it (in stretches), an empty one has none
        String[] longer = Collections.nCopies(length + 1, InfillerME.MASK).toArray(String[]::new);
        assertEquals(length + 1, infiller.suggest(longer, 3).length);
        assertEquals(0, infiller.suggest(new String[0], 3).length);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> infiller.suggest(new String[] {"a", InfillerME.MASK}, 0));
        assertTrue(none.getMessage().contains("k must be 1 to"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> infiller.suggest(new String[] {"a", null}, 3));
        InfillerME tagged = new InfillerME(model, ApiTest.FEW_STEPS, ConstraintSpec.NONE.withTemplate("DET", "NOUN"));
        IllegalArgumentException templated = assertThrows(IllegalArgumentException.class,
                () -> tagged.suggest(new String[] {"a", InfillerME.MASK, "."}, 3));
        // core's message, as infill's: the same words for the same mistake
        assertEquals("the POS template has 2 tags but the sentence has 3 tokens; an infill keeps the length, one tag"
                + " per token", templated.getMessage());
        assertEquals(templated.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> tagged.infill(new String[] {"a", InfillerME.MASK, "."})).getMessage());
    }
}
