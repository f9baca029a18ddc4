package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.ModelClosedException;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.model.Sentiment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed probe fails as a closed model does, with {@link ModelClosedException} naming it (the file it was loaded
 * from, or the model it was trained on), so a service that swaps models and probes catches one type for both.
 */
class ProbeClosingTest {
    @Test
    void callsOnAClosedProbeFailWithModelClosedExceptionNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("probe.djl");
        try (DiffusionLM tiny = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO)
                .build()) {
            NoisySentimentClassifier trained = NoisySentimentClassifier.train(tiny,
                    TaggedCorpus.read(TestModels.devCorpus()).subList(0, 50), 1, 1);
            trained.save(file);
            trained.close();
            assertClosed(trained, "trained on " + tiny.name(), dir);

            NoisySentimentClassifier loaded = NoisySentimentClassifier.load(file);
            loaded.close();
            assertClosed(loaded, file.toString(), dir);
        }
    }

    private static void assertClosed(NoisySentimentClassifier probe, String name, Path dir) {
        String message = "this NoisySentimentClassifier has been closed (model " + name
                + "): train or load the probe again to go on";
        try (NDManager m = NDManager.newBaseManager()) {
            var x = m.zeros(new Shape(1, 4, 64));
            var sigma = m.ones(new Shape(1));
            var generated = m.ones(new Shape(1, 4, 1));
            List<Consumer<NoisySentimentClassifier>> calls = List.of(
                    p -> p.probabilities(x, sigma, generated),
                    p -> p.toward(Sentiment.POSITIVE).score(x, sigma, generated),
                    p -> {
                        try {
                            p.save(dir.resolve("again.djl"));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            for (Consumer<NoisySentimentClassifier> call : calls) {
                ModelClosedException e = assertThrows(ModelClosedException.class, () -> call.accept(probe));
                assertEquals(message, e.getMessage());
                assertEquals(name, e.model());
            }
        }
    }

    @Test
    void theLexiconScorerClosedFailsSoTooNamingItsModel() throws Exception {
        try (DiffusionLM tiny = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO)
                .build(); NDManager m = NDManager.newBaseManager()) {
            LexiconSentimentScorer scorer = LexiconSentimentScorer.of(tiny);
            var scoreTowardPositive = scorer.toward(Sentiment.POSITIVE);
            scorer.close();
            int d = tiny.info().config().dim();
            ModelClosedException e = assertThrows(ModelClosedException.class, () -> scoreTowardPositive.score(
                    m.zeros(new Shape(1, 4, d)), m.ones(new Shape(1)), m.ones(new Shape(1, 4, 1))));
            assertEquals("this LexiconSentimentScorer has been closed (model " + tiny.name() + "): make it again with"
                    + " LexiconSentimentScorer.of(lm) to go on", e.getMessage());
            assertEquals(tiny.name(), e.model());
        }
    }
}
