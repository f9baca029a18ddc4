package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Words the model does not know (names, numbers) in a rewrite: a light rewrite leaves them as they were, as
 * it leaves the known words, instead of replacing every one of them (the sampler banned {@code [UNK]} as an
 * outcome, so an unknown input word could only come back as some other word).
 */
class RewriteUnknownWordsTest {
    private static final List<List<String>> SENTENCES = List.of(
            tokens("María José Núñez met Anna Müller in São Paulo ."),
            tokens("On 12 March 2024 , shares of Acme Corp. rose 3.5 % to $ 41.20 ."));
    private static final List<boolean[]> KEEP_NOTHING = Arrays.asList(null, null);
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static List<String> tokens(String s) {
        return Arrays.asList(s.split(" "));
    }

    private static SamplingOptions options() {
        return SamplingOptions.builder().steps(8).seed(3).build();
    }

    private static boolean unknown(String word) {
        return lm.vocabulary().id(word) == Vocabulary.UNK_ID;
    }

    @Test
    void aLightRewriteKeepsUnknownWordsVerbatim() {
        List<List<String>> out = lm.rewriteAll(SENTENCES, KEEP_NOTHING, 0.05, options());
        for (int s = 0; s < SENTENCES.size(); s++) {
            List<String> in = SENTENCES.get(s);
            assertEquals(in.size(), out.get(s).size());
            for (int i = 0; i < in.size(); i++) {
                if (unknown(in.get(i))) {
                    assertEquals(in.get(i), out.get(s).get(i), "unknown word " + i + " of " + out.get(s));
                }
            }
            assertFalse(out.get(s).contains(Vocabulary.UNK), out.get(s).toString());
        }
        assertEquals(out, lm.rewriteAll(SENTENCES, KEEP_NOTHING, 0.05, options()), "seeded");
    }

    /**
     * Lexical constraints forbid words the lexicons contradict, and an unknown word cannot be checked against them
     * (an AFINN-165 word outside the model's vocabulary rated against the sentiment would come through): a lexical
     * rewrite still replaces every unknown word it rewrites.
     */
    @Test
    void aLexicalRewriteReplacesThem() {
        Constraints lexical = Constraints.none().withSentiment(Sentiment.POSITIVE).withLexical(true);
        List<List<String>> out = lm.rewriteAll(SENTENCES, KEEP_NOTHING, 0.05, lexical, options());
        for (int s = 0; s < SENTENCES.size(); s++) {
            for (int i = 0; i < SENTENCES.get(s).size(); i++) {
                String word = SENTENCES.get(s).get(i);
                if (unknown(word)) {
                    assertNotEquals(word, out.get(s).get(i), "unknown word " + i + " of " + out.get(s));
                }
            }
        }
    }

    @Test
    void aFullRewriteStillReplacesThemAndKeptTokensStayWhateverTheStrength() {
        List<boolean[]> keep = new ArrayList<>();
        for (List<String> s : SENTENCES) {
            boolean[] k = new boolean[s.size()];
            k[0] = true; // known in the first sentence ("María" is not), unknown in neither
            k[s.size() - 1] = true;
            keep.add(k);
        }
        for (double strength : new double[] {0.05, 1.0}) {
            List<List<String>> out = lm.rewriteAll(SENTENCES, keep, strength, options());
            int unknownKept = 0;
            int unknownTotal = 0;
            for (int s = 0; s < SENTENCES.size(); s++) {
                List<String> in = SENTENCES.get(s);
                assertEquals(in.get(0), out.get(s).get(0));
                assertEquals(in.get(in.size() - 1), out.get(s).get(in.size() - 1));
                assertFalse(out.get(s).contains(Vocabulary.UNK), out.get(s).toString());
                for (int i = 1; i < in.size() - 1; i++) {
                    if (unknown(in.get(i))) {
                        unknownTotal++;
                        unknownKept += in.get(i).equals(out.get(s).get(i)) ? 1 : 0;
                    }
                }
            }
            if (strength == 1.0) {
                // from pure noise nothing of the input is left: every position not kept gets a known word
                assertEquals(0, unknownKept, "strength 1 kept unknown words: " + out);
            } else {
                assertEquals(unknownTotal, unknownKept, "strength 0.05 replaced unknown words: " + out);
            }
        }
        assertTrue(unknown("María") && unknown("41.20"), "the sentences hold unknown words");
    }

    /**
     * A {@code [MASK]} in a text to rewrite is a position the caller wants written, never a word to keep: read as an
     * unknown word, a light rewrite gave it back verbatim ("He went to the [MASK] ." became "He stood on the [MASK]
     * ."), and a kept one stayed. Now each is filled; a lowercase {@code [mask]} is a word like any other unknown one.
     */
    @Test
    void aMaskIsFilledNeverKept() {
        List<String> masked = tokens("He went to the [MASK] .");
        boolean[] keepSome = {true, false, false, true, false, true};
        for (double strength : new double[] {0.05, 0.3, 0.6}) {
            List<List<String>> out = lm.rewriteAll(List.of(masked, tokens("[MASK] said the [MASK] was late .")),
                    Arrays.asList(keepSome, new boolean[] {true, true, false, false, false, false, true}),
                    strength, options());
            for (List<String> sentence : out) {
                assertFalse(sentence.contains(DiffusionLM.MASK), "strength " + strength + ": " + out);
                assertFalse(sentence.contains(Vocabulary.UNK), "strength " + strength + ": " + out);
            }
            assertEquals(List.of("He", "the", "."), List.of(out.get(0).get(0), out.get(0).get(3), out.get(0).get(5)),
                    "kept words stay: " + out);
            assertEquals("said", out.get(1).get(1), "kept words stay: " + out);
            assertFalse(lm.rewrite(masked, keepSome, strength, options()).contains(DiffusionLM.MASK));
        }
        List<String> lower = lm.rewrite(tokens("He went to the [mask] ."), null, 0.05, options());
        assertEquals("[mask]", lower.get(4), "a lowercase [mask] is an unknown word, kept verbatim: " + lower);
    }
}
