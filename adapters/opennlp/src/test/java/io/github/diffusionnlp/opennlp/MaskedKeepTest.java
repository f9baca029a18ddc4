package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.diffusionnlp.api.SamplingOptions;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeping UPOS classes ({@code -keep NOUN}) on a sentence holding a {@code [MASK]}: the classes are read off
 * OpenNLP's tags of the sentence once core has filled its masks, in the one call, not off the masked sentence's. The
 * tagger's guess at the mask moves its neighbours' tags: "She [MASK] home early ." is tagged PRON ADJ NOUN ADV PUNCT
 * ("home" a noun, so kept), and, its mask filled, PRON VERB ADV ADV PUNCT (nothing a noun). Before, "home" was kept.
 */
class MaskedKeepTest {
    static final SamplingOptions FEW_STEPS = ConstraintsApiTest.FEW_STEPS;
    static final String[] MASKED = "She [MASK] home early .".split(" ");
    static DiffusionModel model;

    @BeforeAll
    static void load() throws IOException {
        model = DiffusionModel.loadDefault();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** The sentence as a rewrite at these options fills its masks first (at the rewrite's temperature). */
    static String[] filled(String[] masked, SamplingOptions options) {
        SamplingOptions fill = options.toBuilder().temperature(options.temperature()
                .orElse(SamplingOptions.SAMPLING_TEMPERATURE)).build();
        return model.getDiffusionLM().infillAll(List.of(List.of(masked)), fill).get(0).toArray(String[]::new);
    }

    @Test
    void keptClassesAreReadOffTheFilledSentence() {
        String[] filled = filled(MASKED, FEW_STEPS);
        KeepSpec nouns = KeepSpec.parse("NOUN");
        RewriterME rewriter = new RewriterME(model, FEW_STEPS, 0.6, nouns);
        assertArrayEquals(new boolean[] {false, false, true, false, false}, rewriter.keepMask(MASKED),
                "the masked sentence's tags keep 'home'");
        assertArrayEquals(new boolean[5], rewriter.keepMask(filled), "the filled one's keep nothing: "
                + List.of(filled));
        String[] expected = rewriter.rewrite(filled);
        assertArrayEquals(expected, rewriter.rewrite(MASKED));
        assertArrayEquals(expected, rewriter.rewrite(new String[][] {MASKED, "The committee met .".split(" ")})[0],
                "in a batch too");
        assertNotEquals(List.of(expected), List.of(rewriter.rewrite(MASKED, rewriter.keepMask(MASKED))),
                "keeping 'home', as the masked sentence's tags say, rewrites it otherwise");
        // an index keeps its token whatever the tags
        RewriterME byIndex = new RewriterME(model, FEW_STEPS, 0.6, KeepSpec.parse("2,NOUN"));
        String[] kept = byIndex.rewrite(MASKED);
        assertEquals("home", kept[2]);
        assertArrayEquals(byIndex.rewrite(filled), kept);
    }

    /** Under the input's own template too: the template and the kept classes, both of the filled sentence's tags. */
    @Test
    void underTheInputsOwnTemplateBothComeFromTheFilledSentence() {
        String[] filled = filled(MASKED, FEW_STEPS);
        KeepSpec nouns = KeepSpec.parse("NOUN");
        String[] expected = new RewriterME(model, FEW_STEPS, 0.6, nouns, ConstraintSpec.NONE.withInputTemplate())
                .rewrite(filled);
        assertArrayEquals(expected, new RewriterME(model, FEW_STEPS, 0.6, nouns,
                ConstraintSpec.NONE.withInputTemplate()).rewrite(MASKED));
    }
}
