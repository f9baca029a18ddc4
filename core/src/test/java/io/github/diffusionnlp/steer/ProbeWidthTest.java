package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A probe steers only a model as wide as the one it was trained on; another is named, not a PyTorch shape error. */
class ProbeWidthTest {
    @Test
    void aProbeOfAnotherModelsWidthIsRefusedNamingBothWidths() throws Exception {
        try (DiffusionLM tiny = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO)
                        .build();
                DiffusionLM shipped = DiffusionLM.builder().optModel(TestModels.shippedModel())
                        .optBatching(0, Duration.ZERO).build();
                NoisySentimentClassifier probe = NoisySentimentClassifier.train(tiny,
                        TaggedCorpus.read(TestModels.devCorpus()).subList(0, 200), 1, 1)) {
            Constraints steered = Constraints.none().withSteering(PlugAndPlay.of(probe.toward(Sentiment.POSITIVE), 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> shipped.generate(1, steered, SamplingOptions.builder().steps(2).length(5).build()));
            assertEquals("this probe was trained for a model 64 wide; the model is 256 wide; train one on this model"
                    + " (NoisySentimentClassifier.train)", e.getMessage());
        }
    }
}
