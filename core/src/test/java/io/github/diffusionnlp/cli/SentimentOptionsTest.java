package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.model.Sentiment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code infill} and {@code suggest} under {@code --sentiment}, {@code --guidance}, {@code --lexical} (and infill's
 * {@code --candidates}): what the library gives under the same constraints, through {@link Main#run}.
 */
@Isolated
class SentimentOptionsTest {
    private static final String MODEL = TestModels.shippedModel().toString();
    private static final String FIRST = "It was a [MASK] day for all of us .";
    private static final String SECOND = "The [MASK] said that the food was [MASK] .";

    @Test
    void infillAndSuggestFollowTheSentimentAsTheLibraryDoes() throws Exception {
        String[] negative = {"--sentiment", "negative", "--guidance", "3", "--lexical"};
        MainTest.Run filled = MainTest.run(FIRST + "\n" + SECOND + "\n", args("infill", negative));
        MainTest.Run suggested = MainTest.run(FIRST + "\n" + SECOND + "\n", args("suggest", negative, "--top", "2"));
        assertEquals(0, filled.code(), filled.err());
        assertEquals(0, suggested.code(), suggested.err());
        Constraints c = Constraints.none().withSentiment(Sentiment.NEGATIVE).withGuidance(3).withLexical(true);
        List<String> expected = new ArrayList<>(List.of(SuggestionRows.HEADER));
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            List<List<String>> lines = List.of(TokenLinesCommand.tokens(FIRST), TokenLinesCommand.tokens(SECOND));
            List<List<String>> words = lm.infillAll(lines, c, SamplingOptions.defaults());
            assertEquals(String.join(" ", words.get(0)) + "\n" + String.join(" ", words.get(1)) + "\n", filled.out());
            assertTrue(!filled.out().equals(MainTest.run(FIRST + "\n" + SECOND + "\n", "infill", "--model", MODEL)
                    .out()), "the sentiment changes the words: " + filled.out());
            for (int line = 0; line < 2; line++) {
                expected.addAll(SuggestCommandTest.rows(line + 1, lm.suggest(lines.get(line), c, 2)));
            }
        }
        assertEquals(String.join("\n", expected) + "\n", suggested.out());
    }

    /** What the commands cannot honour is refused before the model loads, naming the option and why. */
    @Test
    void whatTheyCannotHonourIsRefusedSayingWhy() {
        MainTest.Run pos = MainTest.run(FIRST + "\n", args("infill", new String[] {"--pos", "PRON AUX DET ADJ NOUN"}));
        assertEquals(1, pos.code(), pos.err());
        assertTrue(pos.err().contains("--pos"), pos.err());
        MainTest.Run candidates = MainTest.run(FIRST + "\n", args("suggest",
                new String[] {"--sentiment", "positive", "--candidates", "4"}));
        assertEquals(1, candidates.code(), candidates.err());
        assertTrue(candidates.err().contains("--candidates"), candidates.err());
        MainTest.Run guidance = MainTest.run(FIRST + "\n", args("suggest", new String[] {"--guidance", "3"}));
        assertEquals(1, guidance.code(), guidance.err());
        assertTrue(guidance.err().contains("--guidance 3 pushes toward --sentiment; give it too"), guidance.err());
        assertEquals("", pos.out() + candidates.out() + guidance.out());
    }

    /**
     * --guidance and --lexical without --sentiment name only --sentiment in infill and suggest, which refuse --pos, as
     * OpenNLP's Infill and Suggest name only -sentiment: they said to give "--sentiment and --pos; ... one of them".
     */
    @Test
    void guidanceOrLexicalAloneNameOnlyTheSentimentWhereThePosIsRefused() {
        for (String command : new String[] {"infill", "suggest"}) {
            MainTest.Run guidance = MainTest.run(FIRST + "\n", args(command, new String[] {"--guidance", "3"}));
            assertEquals(1, guidance.code(), guidance.err());
            assertEquals("error: --guidance 3 pushes toward --sentiment; give it too\n", guidance.err());
            MainTest.Run lexical = MainTest.run(FIRST + "\n", args(command, new String[] {"--lexical"}));
            assertEquals(1, lexical.code(), lexical.err());
            assertEquals("error: --lexical holds the words to --sentiment's lexicon (negations and AFINN-165 words rated"
                    + " against it are banned); give --sentiment too\n", lexical.err());
        }
        MainTest.Run generate = MainTest.run("", "generate", "--model", MODEL, "--lexical");
        assertTrue(generate.err().contains("--lexical holds the words of --sentiment and --pos to the lexicons; give one"
                + " of them too"), generate.err());
    }

    private static String[] args(String command, String[] constraints, String... more) {
        List<String> all = new ArrayList<>(List.of(command, "--model", MODEL));
        all.addAll(List.of(constraints));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
