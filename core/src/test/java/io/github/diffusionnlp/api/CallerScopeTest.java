package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDScope;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.sample.PlugAndPlay;
import io.github.diffusionnlp.steer.NoisySentimentClassifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models and probes made while the caller has an {@link NDScope} open (a server scoping each request, and
 * loading its model on the first) keep their weights when that scope closes.
 */
class CallerScopeTest {
    private static final List<String> SENTENCE = List.of("The", DiffusionLM.MASK, "was", "late", ".");
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(2).seed(3).build();

    @Test
    void aModelLoadedInsideTheCallersScopeOutlivesIt() throws Exception {
        List<String> expected;
        try (DiffusionLM outside = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            expected = outside.infill(SENTENCE, OPTIONS);
        }
        DiffusionLM lm;
        int arrays;
        try (NDScope request = new NDScope()) {
            request.suppressNotUsedWarning();
            lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO).build();
            arrays = lm.liveArrays();
        }
        try {
            assertEquals(arrays, lm.liveArrays(), "the caller's scope freed the model's arrays");
            assertEquals(expected, lm.infill(SENTENCE, OPTIONS));
        } finally {
            lm.close();
        }
    }

    @Test
    void aProbeTrainedInsideTheCallersScopeOutlivesIt() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO)
                .build()) {
            NoisySentimentClassifier probe;
            try (NDScope request = new NDScope()) {
                request.suppressNotUsedWarning();
                probe = NoisySentimentClassifier.train(lm, TaggedCorpus.read(TestModels.devCorpus()).subList(0, 50), 2,
                        1);
            }
            try (probe) {
                Constraints steer = Constraints.none().withSteering(PlugAndPlay.of(probe.toward(Sentiment.POSITIVE), 5));
                assertEquals(2, lm.generate(2, steer, OPTIONS.toBuilder().length(4).build()).size());
            }
        }
    }

    @Test
    void anAutoregressiveModelLoadedInsideTheCallersScopeOutlivesIt() throws Exception {
        AutoregressiveLM ar;
        try (NDScope request = new NDScope()) {
            request.suppressNotUsedWarning();
            ar = AutoregressiveLM.load(TestModels.root().resolve("test-data/models/brown-ar"), null);
        }
        try (ar) {
            assertEquals(2, ar.score(List.of(List.of("The", "day", "."), List.of("It", "rained", "."))).size());
        }
    }
}
