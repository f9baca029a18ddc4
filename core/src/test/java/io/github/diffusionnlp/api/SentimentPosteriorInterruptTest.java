package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.model.Sentiment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading a sentence's sentiment answers an interrupt as sampling does (CoreNLP's server interrupts a request that
 * timed out; a best-of-k rating of many candidates is nine network passes a batch): it stops between its passes with
 * "interrupted while ...", the thread keeps its flag, and the model reads the next sentence as before.
 */
class SentimentPosteriorInterruptTest {
    /** With request batching (the default) the reading runs on a rating thread, which reads the caller's flag. */
    @ParameterizedTest(name = "batching {0}")
    @ValueSource(booleans = {true, false})
    void anInterruptedReadingStopsAndTheModelServesOn(boolean batching) throws Exception {
        List<String> sentence = List.of("A", "fine", "day", ".");
        DiffusionLM.Builder builder = DiffusionLM.builder().optModel(TestModels.tinyModel());
        try (DiffusionLM lm = (batching ? builder : builder.optBatching(0, Duration.ZERO)).build()) {
            Map<Sentiment, Double> expected = lm.sentimentPosterior(sentence);
            Thread.currentThread().interrupt();
            IllegalStateException e;
            try {
                e = assertThrows(IllegalStateException.class, () -> lm.sentimentPosterior(sentence));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt was lost"); // and cleared for what follows
            }
            assertEquals("interrupted while reading the sentiment", e.getMessage());
            assertEquals(expected, lm.sentimentPosterior(sentence));
        }
    }
}
