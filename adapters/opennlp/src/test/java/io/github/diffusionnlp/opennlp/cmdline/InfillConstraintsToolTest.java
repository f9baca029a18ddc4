package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Infill -sentiment} (with {@code -guidance}, {@code -lexical}, {@code -candidates}) conditions the filled
 * words as core's {@code infill --sentiment} and CoreNLP's {@code diffusion.sentiment} with {@code task=infill} do;
 * the tool refused them as unknown parameters. What an infill cannot honour ({@code -posTemplate},
 * {@code -unguidedLength}) is refused saying why, as core's infill refuses {@code --pos} and
 * {@code --unguided-length}; so is Rewrite's {@code -unguidedLength}, as core's rewrite refuses it.
 */
class InfillConstraintsToolTest {
    private static final String LINE = "It was a [MASK] day for all of us .";

    /** The words core's infill writes under these constraints and sampling options (its own call). */
    private static String coreInfill(Constraints constraints, SamplingOptions options) throws Exception {
        try (DiffusionModel model = DiffusionModel.loadDefault()) {
            List<List<String>> filled = model.getDiffusionLM().infillAll(List.of(List.of(LINE.split(" "))),
                    constraints, options);
            return String.join(" ", filled.get(0));
        }
    }

    @Test
    void sentimentGuidanceAndLexicalConditionTheWordsAsCoreInfillDoes() throws Exception {
        Run positive = DiffusionNlpToolTest.run(LINE + "\n", "Infill", "-tokenized", "true", "-steps", "8",
                "-sentiment", "positive", "-guidance", "3", "-lexical", "true");
        assertEquals(0, positive.code(), positive.stderr());
        Constraints c = Constraints.none().withSentiment(Sentiment.POSITIVE).withGuidance(3).withLexical(true);
        SamplingOptions options = SamplingOptions.builder().steps(8).build();
        assertEquals(List.of(coreInfill(c, options)), positive.lines());
        Run negative = DiffusionNlpToolTest.run(LINE + "\n", "Infill", "-tokenized", "true", "-steps", "8",
                "-sentiment", "negative", "-guidance", "3", "-lexical", "true");
        assertEquals(0, negative.code(), negative.stderr());
        assertEquals(List.of(coreInfill(c.withSentiment(Sentiment.NEGATIVE), options)), negative.lines());
        assertNotEquals(positive.lines(), negative.lines());
    }

    @Test
    void candidatesRankSampledFillsAsCoreInfillDoes() throws Exception {
        Run best = DiffusionNlpToolTest.run(LINE + "\n", "Infill", "-tokenized", "true", "-steps", "4",
                "-temperature", "1", "-seed", "3", "-sentiment", "negative", "-candidates", "3");
        assertEquals(0, best.code(), best.stderr());
        Constraints c = Constraints.none().withSentiment(Sentiment.NEGATIVE).withCandidates(3);
        SamplingOptions options = SamplingOptions.builder().steps(4).temperature(1).seed(3).build();
        assertEquals(List.of(coreInfill(c, options)), best.lines());
    }

    @Test
    void combinationsCoreRefusesAreRefusedNamingTheParameter() {
        String[][] cases = {
            {"-candidates", "2"}, {"-guidance", "3"}, {"-lexical", "true"},
            {"-posTemplate", "PRON AUX DET NOUN NOUN ADP DET ADP PRON PUNCT"},
            {"-sentiment", "positive", "-guidance", "3", "-unguidedLength", "true"},
        };
        String[] starts = {
            "-candidates 2 ranks candidates by sentiment; give -sentiment too",
            "-guidance 3 pushes toward -sentiment; give it too",
            "-lexical true holds the words to -sentiment's lexicon",
            "-posTemplate gives a sentence its tags and length, and Infill keeps each line's tokens and length",
            "-unguidedLength leaves the choice of a free-length sentence's end out of guidance, and Infill keeps",
        };
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 3];
            args[0] = "Infill";
            args[1] = "-tokenized";
            args[2] = "true";
            System.arraycopy(cases[i], 0, args, 3, cases[i].length);
            Run r = DiffusionNlpToolTest.run(LINE + "\n", args);
            assertEquals(1, r.code(), r.stderr());
            assertTrue(r.stderr().startsWith(starts[i]), r.stderr());
        }
    }

    /**
     * Rewrite refuses Generate's -unguidedLength saying why, as core's rewrite refuses --unguided-length and CoreNLP's
     * task=rewrite diffusion.unguidedLength: it was OpenNLP's bare "Unrecognized parameters encountered".
     */
    @Test
    void rewriteRefusesUnguidedLengthSayingWhy() {
        Run r = DiffusionNlpToolTest.run("The dog was late .\n", "Rewrite", "-tokenized", "true", "-sentiment",
                "positive", "-guidance", "3", "-unguidedLength", "true");
        assertEquals(1, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-unguidedLength leaves the choice of a free-length sentence's end out of"
                + " guidance; Rewrite keeps each sentence's length"), r.stderr());
    }
}
