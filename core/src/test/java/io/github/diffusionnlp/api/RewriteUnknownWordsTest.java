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
}
