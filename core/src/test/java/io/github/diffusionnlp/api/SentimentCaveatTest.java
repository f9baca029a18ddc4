package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.model.Sentiment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library caller that asks a sentiment of a model whose training record says its corpus is probably not English
 * (the English lexicon that labelled it rated 1.5% of its tokens) is warned once per loaded model, through SLF4J
 * (captured from stderr, where the simple logger writes), at its first such call; a call without a sentiment, and
 * an English model, are not. A front end that took the caveat to warn in its own words leaves the log silent.
 */
class SentimentCaveatTest {
    private static final String WARNING = ": a sentiment asked of it will mean little: the English lexicon that"
            + " labelled its training sentences rated only 1.5% of their tokens (English text: about 4.7%), so its"
            + " corpus is probably not English";
    private static final List<String> SENTENCE = List.of("The", DiffusionLM.MASK, "was", "late", ".");
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(1).build();
    private static final Constraints POSITIVE = new Constraints(Sentiment.POSITIVE, null, 0);

    @Test
    void theFirstSentimentAskedOfAModelOfAnotherLanguageIsLoggedOnce(@TempDir Path tmp) throws IOException {
        Path french = TestModels.copyOfTinyModelRecordingLexiconShare(tmp.resolve("french"), 0.015);
        try (DiffusionLM lm = DiffusionLM.builder().optModel(french).optModelName("french").build()) {
            assertFalse(StderrLog.of(() -> lm.infill(SENTENCE, OPTIONS)).contains("will mean little"), "no sentiment asked");
            String log = StderrLog.of(() -> {
                lm.infill(SENTENCE, POSITIVE, OPTIONS);
                lm.generate(1, POSITIVE, OPTIONS);
                lm.rewriteAll(List.of(List.of("The", "report", "was", "late", ".")), java.util.Arrays.asList(
                        (boolean[]) null), 0.5, List.of(POSITIVE), OPTIONS);
                lm.sentimentPosterior(List.of("The", "report", "was", "late", "."));
            });
            assertTrue(log.contains("WARN") && log.contains("diffusion-nlp: model french" + WARNING), log);
            assertEquals(1, log.split("will mean little", -1).length - 1, log);
            assertNull(lm.takeSentimentCaveat(), "told already");
        }
        try (DiffusionLM lm = DiffusionLM.builder().optModel(french).build()) { // another loaded model: told again
            assertTrue(StderrLog.of(() -> lm.generate(1, POSITIVE, OPTIONS)).contains(WARNING));
        }
    }

    @Test
    void aCaveatTakenByAFrontEndIsNotLoggedAgain(@TempDir Path tmp) throws IOException {
        Path french = TestModels.copyOfTinyModelRecordingLexiconShare(tmp.resolve("french"), 0.015);
        try (DiffusionLM lm = DiffusionLM.builder().optModel(french).build()) {
            assertTrue(lm.takeSentimentCaveat().startsWith("the English lexicon that labelled"));
            assertNull(lm.takeSentimentCaveat(), "a second front end, or a second ask, gets nothing");
            assertFalse(StderrLog.of(() -> lm.infill(SENTENCE, POSITIVE, OPTIONS)).contains("will mean little"));
        }
    }

    @Test
    void aSentimentAskedOfAnEnglishModelIsNotWarnedOf() {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            assertFalse(StderrLog.of(() -> lm.generate(1, POSITIVE, OPTIONS)).contains("will mean little"));
            assertNull(lm.takeSentimentCaveat());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
