package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An empty sentence without a template in a per-sentence rewrite has nothing to sample: it comes back empty, and the
 * guidance its list shares is not refused of it for pushing toward nothing, where a sentence with words would be. It
 * was refused ("guidance 2.0 pushes toward a sentiment or a POS template"), so a front end whose blank lines sit among
 * templated ones (the command line's {@code rewrite --pos ... --guidance W}) cut its batch into calls between them, and
 * a refusal of a later call came after the earlier ones were sampled (audit h213).
 */
class EmptySentenceRewriteTest {
    private static final SamplingOptions O = SamplingOptions.builder().steps(2).seed(3).build();
    private static final List<String> FIRST = List.of("The", "dog", "barked", "at", "the", "mailman", ".");
    private static final List<String> THIRD = List.of("It", "rained", ".");
    private static final Constraints TEMPLATE = Constraints.none()
            .withTemplate(Constraints.parseTemplate("DET NOUN VERB ADV PUNCT")).withGuidance(2);
    /** What the command line gives a blank line: the shared guidance, no template (it stays blank). */
    private static final Constraints BLANK = TEMPLATE.withTemplate(null);
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static List<boolean[]> keepNothing(int sentences) {
        return Collections.nCopies(sentences, null);
    }

    /** The others are sampled as before: each with the seed of its place, as calls of it alone from there give. */
    @Test
    void anEmptySentenceAmongOthersComesBackEmptyAndTheOthersAsTheyWere() {
        List<List<String>> sentences = List.of(FIRST, List.of(), THIRD);
        List<Constraints> each = List.of(TEMPLATE, BLANK, TEMPLATE);
        lm.checkRewrite(sentences, keepNothing(3), 0.7, each, O, SentenceNaming.BATCH); // refuses nothing
        List<List<String>> out = lm.rewriteAll(sentences, keepNothing(3), 0.7, each, O);
        assertEquals(List.of(), out.get(1));
        assertEquals(lm.rewriteAll(List.of(FIRST), keepNothing(1), 0.7, List.of(TEMPLATE), O).get(0), out.get(0));
        assertEquals(lm.rewriteAll(List.of(THIRD), keepNothing(1), 0.7, List.of(TEMPLATE), O.startingAt(2)).get(0),
                out.get(2));
        assertEquals(5, out.get(0).size(), out.toString());
    }

    /** A list of empty sentences alone samples nothing and refuses nothing of them either. */
    @Test
    void onlyEmptySentencesComeBackEmpty() {
        assertEquals(List.of(List.of(), List.of()), lm.rewriteAll(List.of(List.of(), List.of()), keepNothing(2), 0.7,
                List.of(BLANK, BLANK), O));
    }

    /**
     * The rule is the empty sentence's: one with words is still refused that guidance, and so are constraints that
     * guide toward nothing given for the whole call, whatever its sentences (checked at the call's start).
     */
    @Test
    void guidanceTowardNothingIsStillRefusedOfWordsAndOfACallsConstraints() {
        for (Runnable call : List.<Runnable>of(
                () -> lm.rewriteAll(List.of(FIRST, THIRD), keepNothing(2), 0.7, List.of(TEMPLATE, BLANK), O),
                () -> lm.checkRewrite(List.of(List.of(), THIRD), keepNothing(2), 0.7, List.of(BLANK, BLANK), O,
                        SentenceNaming.BATCH),
                () -> lm.rewriteAll(List.of(List.of()), keepNothing(1), 0.7, BLANK, O),
                () -> lm.rewrite(List.of(), null, 0.7, BLANK, O))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().matches("(sentence 1's constraints: )?guidance 2\\.0 pushes toward a"
                    + " sentiment or a POS template.*"), e.getMessage());
        }
        // constraints that differ between sentences: the one refused is named (the same for all are the call's)
        IllegalArgumentException named = assertThrows(IllegalArgumentException.class, () -> lm.rewriteAll(
                List.of(FIRST, THIRD), keepNothing(2), 0.7, List.of(TEMPLATE, BLANK), O));
        assertTrue(named.getMessage().startsWith("sentence 1's constraints: guidance 2.0 pushes toward"),
                named.getMessage());
        assertEquals(List.of(List.of()), lm.rewriteAll(List.of(List.of()), Arrays.asList((boolean[]) null), 0.7,
                List.of(BLANK), O));
    }
}
