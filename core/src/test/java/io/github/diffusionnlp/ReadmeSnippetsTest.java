package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.ReadmeSnippets.Prelude;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's {@code ```java} blocks marked {@code <!-- snippet: core/NAME -->} (its <i>Library</i>
 * section) compile against core. Each one's prelude is here, under the NAME of its marker: the imports it
 * needs and, as fields, the variables it uses but does not declare (see {@link ReadmeSnippets}).
 */
class ReadmeSnippetsTest {
    private static final Map<String, Prelude> ROOT_README = Map.of(
            "library", Prelude.of(List.of("ai.djl.Device", "ai.djl.training.util.ProgressBar",
                            "io.github.diffusionnlp.api.Constraints",
                            "io.github.diffusionnlp.api.DiffusionLM", "io.github.diffusionnlp.api.SamplingOptions",
                            "io.github.diffusionnlp.model.Sentiment", "java.util.List", "java.util.Map"),
                    "List<List<String>> sentences", "List<boolean[]> keeps"),
            "training", Prelude.of(List.of("io.github.diffusionnlp.checkpoint.TrainingInfo",
                    "io.github.diffusionnlp.train.DiffusionTrainer", "io.github.diffusionnlp.train.TrainOptions",
                    "java.nio.file.Path", "java.time.Duration")),
            "autoregressive", Prelude.of(List.of("io.github.diffusionnlp.api.AutoregressiveLM", "java.util.List"),
                    "List<List<String>> prefixes"),
            "guidance", Prelude.of(List.of("io.github.diffusionnlp.api.Constraints",
                            "io.github.diffusionnlp.api.DiffusionLM", "io.github.diffusionnlp.api.SamplingOptions",
                            "io.github.diffusionnlp.corpus.TaggedSentence", "io.github.diffusionnlp.model.Sentiment",
                            "io.github.diffusionnlp.sample.PlugAndPlay",
                            "io.github.diffusionnlp.steer.LexiconSentimentScorer",
                            "io.github.diffusionnlp.steer.NoisySentimentClassifier", "java.util.List"),
                    "DiffusionLM lm", "SamplingOptions options", "List<TaggedSentence> trainingSentences"));

    @Test
    void everyCoreSnippetHasAPreludeAndNoPreludeIsStale() {
        assertEquals(ROOT_README.keySet(), ReadmeSnippets.names("README.md", "core"));
    }

    @Test
    void rootReadmeSnippetsCompileAgainstThisApi(@TempDir Path out) {
        ReadmeSnippets.assertCompile("README.md", "core", ROOT_README, out);
    }
}
