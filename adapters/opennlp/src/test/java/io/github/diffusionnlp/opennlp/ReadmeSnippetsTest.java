package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.ReadmeSnippets;
import io.github.diffusionnlp.ReadmeSnippets.Prelude;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ```java} blocks marked {@code <!-- snippet: opennlp/NAME -->} (the root README's <i>OpenNLP</i>
 * section, docs/library.md's <i>From your own project</i> and all of this module's README) compile against this
 * module. Each one's prelude is here, under its file and the NAME of its marker: the imports it needs and, as
 * fields, the variables it uses but does not declare (see core's {@link ReadmeSnippets}).
 */
class ReadmeSnippetsTest {
    private static final String ROOT = "README.md";
    private static final String LIBRARY_DOCS = "docs/library.md";
    private static final String MODULE = "adapters/opennlp/README.md";
    private static final String API = "io.github.diffusionnlp.opennlp.";

    private static final Map<String, Prelude> ROOT_README = Map.of(
            "overview", Prelude.of(List.of(API + "DiffusionModel", API + "GeneratorME", API + "InfillerME",
                            API + "KeepSpec", API + "RewriterME", "io.github.diffusionnlp.api.SamplingOptions",
                            "opennlp.tools.tokenize.TokenizerME", "opennlp.tools.util.Span"),
                    "TokenizerME tokenizer"));

    private static final Map<String, Prelude> LIBRARY_DOCS_SNIPPETS = Map.of(
            "from-classpath", Prelude.of(List.of(API + "DiffusionModel", API + "InfillerME",
                    "io.github.diffusionnlp.api.DiffusionLM")));

    private static final Map<String, Prelude> MODULE_README = Map.of(
            "rewrite", Prelude.of(List.of(API + "DiffusionModel", API + "KeepSpec", API + "RewriterME",
                            "io.github.diffusionnlp.api.SamplingOptions", "opennlp.tools.tokenize.TokenizerME"),
                    "TokenizerME tokenizer"),
            "constraints", Prelude.of(List.of(API + "ConstraintSpec", API + "DiffusionModel", API + "GeneratorME",
                            API + "KeepSpec", API + "RewriterME", "io.github.diffusionnlp.api.SamplingOptions"),
                    "DiffusionModel model", "SamplingOptions options", "String[] tokens"),
            "training", Prelude.of(List.of(API + "DiffusionModel", API + "DiffusionToolFactory", "java.io.File",
                    "java.nio.charset.StandardCharsets", "java.nio.file.Path", "opennlp.tools.postag.POSSample",
                    "opennlp.tools.postag.WordTagSampleStream", "opennlp.tools.util.MarkableFileInputStreamFactory",
                    "opennlp.tools.util.ObjectStream", "opennlp.tools.util.PlainTextByLineStream",
                    "opennlp.tools.util.TrainingParameters")),
            "training-untagged", Prelude.of(List.of(API + "DiffusionModel", API + "DiffusionToolFactory",
                    "java.io.File", "java.nio.charset.StandardCharsets", "java.nio.file.Path",
                    "opennlp.tools.tokenize.WhitespaceTokenizer", "opennlp.tools.util.MarkableFileInputStreamFactory",
                    "opennlp.tools.util.ObjectStream", "opennlp.tools.util.PlainTextByLineStream",
                    "opennlp.tools.util.TrainingParameters"), "TrainingParameters params"),
            "evaluate", Prelude.of(List.of(API + "DiffusionModel", API + "InfillerEvaluator", API + "InfillerME",
                    "io.github.diffusionnlp.api.SamplingOptions", "java.io.File", "java.nio.charset.StandardCharsets",
                    "opennlp.tools.postag.POSSample", "opennlp.tools.postag.WordTagSampleStream",
                    "opennlp.tools.util.MarkableFileInputStreamFactory", "opennlp.tools.util.ObjectStream",
                    "opennlp.tools.util.PlainTextByLineStream", "opennlp.tools.util.eval.EvaluationMonitor"),
                    "DiffusionModel model", "EvaluationMonitor<POSSample> monitor"),
            "package", Prelude.of(List.of(API + "DiffusionModel", API + "DiffusionToolFactory", "java.nio.file.Path"),
                    "Path dir"),
            "suggest", Prelude.of(List.of(API + "DiffusionModel", API + "EnglishText", API + "InfillerME",
                    "io.github.diffusionnlp.api.Suggestion")),
            "detokenize", Prelude.of(List.of(API + "DiffusionDetokenizer", API + "DiffusionModel", API + "GeneratorME",
                    "io.github.diffusionnlp.api.SamplingOptions")));

    @Test
    void everyOpenNlpSnippetHasAPreludeAndNoPreludeIsStale() {
        assertEquals(ROOT_README.keySet(), ReadmeSnippets.names(ROOT, "opennlp"));
        assertEquals(LIBRARY_DOCS_SNIPPETS.keySet(), ReadmeSnippets.names(LIBRARY_DOCS, "opennlp"));
        assertEquals(MODULE_README.keySet(), ReadmeSnippets.names(MODULE, "opennlp"));
    }

    @Test
    void rootReadmeSnippetsCompileAgainstThisApi(@TempDir Path out) {
        ReadmeSnippets.assertCompile(ROOT, "opennlp", ROOT_README, out);
    }

    @Test
    void libraryDocsSnippetsCompileAgainstThisApi(@TempDir Path out) {
        ReadmeSnippets.assertCompile(LIBRARY_DOCS, "opennlp", LIBRARY_DOCS_SNIPPETS, out);
    }

    @Test
    void moduleReadmeSnippetsCompileAgainstThisApi(@TempDir Path out) {
        ReadmeSnippets.assertCompile(MODULE, "opennlp", MODULE_README, out);
    }
}
