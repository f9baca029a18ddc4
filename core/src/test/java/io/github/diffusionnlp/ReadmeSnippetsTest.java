package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.ReadmeSnippets.Prelude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code ```java} blocks marked {@code <!-- snippet: core/NAME -->} in the root README (its <i>Library</i>
 * section) and in docs/library.md (the snippets moved there) compile against core. Each one's prelude is here,
 * under its file and the NAME of its marker: the imports it needs and, as fields, the variables it uses but does
 * not declare (see {@link ReadmeSnippets}).
 */
class ReadmeSnippetsTest {
    private static final Map<String, Prelude> ROOT_README = Map.of(
            "library", Prelude.of(List.of("ai.djl.Device", "ai.djl.training.util.ProgressBar",
                            "io.github.diffusionnlp.api.Constraints",
                            "io.github.diffusionnlp.api.DiffusionLM", "io.github.diffusionnlp.api.SamplingOptions",
                            "io.github.diffusionnlp.api.Suggestion", "io.github.diffusionnlp.model.Sentiment",
                            "java.util.List", "java.util.Map"),
                    "List<List<String>> sentences", "List<boolean[]> keeps"),
            "guidance", Prelude.of(List.of("io.github.diffusionnlp.api.Constraints",
                            "io.github.diffusionnlp.api.DiffusionLM", "io.github.diffusionnlp.api.SamplingOptions",
                            "io.github.diffusionnlp.corpus.TaggedSentence", "io.github.diffusionnlp.model.Sentiment",
                            "io.github.diffusionnlp.sample.PlugAndPlay",
                            "io.github.diffusionnlp.steer.LexiconSentimentScorer",
                            "io.github.diffusionnlp.steer.NoisySentimentClassifier", "java.util.List"),
                    "DiffusionLM lm", "SamplingOptions options", "List<TaggedSentence> trainingSentences"));

    private static final Map<String, Prelude> LIBRARY_DOCS = Map.of(
            "training", Prelude.of(List.of("io.github.diffusionnlp.checkpoint.TrainingInfo",
                    "io.github.diffusionnlp.train.DiffusionTrainer", "io.github.diffusionnlp.train.TrainOptions",
                    "java.nio.file.Path", "java.time.Duration")),
            "autoregressive", Prelude.of(List.of("io.github.diffusionnlp.api.AutoregressiveLM", "java.util.List"),
                    "List<List<String>> prefixes"),
            "own-scorer", Prelude.of(List.of("ai.djl.ndarray.NDArray", "ai.djl.ndarray.NDManager",
                            "io.github.diffusionnlp.api.Constraints", "io.github.diffusionnlp.api.DiffusionLM",
                            "io.github.diffusionnlp.api.SamplingOptions", "io.github.diffusionnlp.sample.GuidanceScorer",
                            "io.github.diffusionnlp.sample.PlugAndPlay"),
                    "DiffusionLM lm", "SamplingOptions options"));

    /** Each file with its snippets' preludes, so that a snippet moved from one to the other moves its prelude. */
    private static final Map<String, Map<String, Prelude>> FILES = Map.of(
            "README.md", ROOT_README,
            "docs/library.md", LIBRARY_DOCS);

    static Stream<String> files() {
        return FILES.keySet().stream().sorted();
    }

    /** A core snippet moved into another page of docs/ would otherwise go unchecked. */
    @Test
    void noOtherDocsPageHasCoreSnippets() throws IOException {
        Set<String> withSnippets = new TreeSet<>(Set.of("README.md"));
        try (Stream<Path> docs = Files.list(TestModels.root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> TestModels.root().relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !ReadmeSnippets.names(f, "core").isEmpty())
                    .forEach(withSnippets::add);
        }
        assertEquals(new TreeSet<>(FILES.keySet()), withSnippets);
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyCoreSnippetHasAPreludeAndNoPreludeIsStale(String file) {
        assertEquals(FILES.get(file).keySet(), ReadmeSnippets.names(file, "core"), file);
    }

    @ParameterizedTest
    @MethodSource("files")
    void snippetsCompileAgainstThisApi(String file, @TempDir Path out) {
        ReadmeSnippets.assertCompile(file, "core", FILES.get(file), out);
    }
}
