package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.LongRunMemory;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (off unless {@code -Dexperiment.longRun=PATH}): one of the OpenNLP-style tools
 * called thousands of times in one JVM on the shipped model, resident memory and live NDArrays read as
 * core's {@code api.LongRunMemoryExperiment} reads them ({@link LongRunMemory}). One path per JVM:
 *
 * <pre>
 * mvn -B -o -q -pl adapters/opennlp -am test -Dtest=LongRunMemoryExperiment -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dexperiment.longRun=opennlp-rewrite [-Dexperiment.calls=1000]
 * </pre>
 *
 * PATH: opennlp-infill (InfillerME), opennlp-rewrite (RewriterME keeping nouns and proper nouns, which runs
 * OpenNLP's POS tagger on each sentence, and a sentiment at W = 3), opennlp-rewrite-own-tags (RewriterME under
 * the input's own POS template, {@code -posTemplate keep}, keeping proper nouns: the sentence holds a mask, so core
 * fills it and OpenNLP's tagger tags the filled words, whose tags the rewrite follows), opennlp-generate
 * (GeneratorME, a sentiment and an input-free template, lexical). Rows are appended to
 * adapters/opennlp/target/experiments/long-run-memory.md.
 */
@EnabledIfSystemProperty(named = "experiment.longRun", matches = "opennlp-.+")
class LongRunMemoryExperiment {
    private static final String TEXT = "The committee met on Monday in Boston and approved the [MASK] reports.";

    @Test
    void callManyTimes() throws Exception {
        String path = System.getProperty("experiment.longRun");
        int calls = Integer.getInteger("experiment.calls", 1000);
        SamplingOptions fewSteps = SamplingOptions.builder().steps(4).build();
        String[] tokens = EnglishText.get().tokenize(TEXT);
        try (DiffusionModel model = DiffusionModel.loadDefault()) {
            IntConsumer call = switch (path) {
                case "opennlp-infill" -> {
                    InfillerME infiller = new InfillerME(model, fewSteps);
                    yield i -> infiller.infill(tokens);
                }
                case "opennlp-rewrite" -> {
                    RewriterME rewriter = new RewriterME(model, fewSteps, 0.8, KeepSpec.classes("NOUN", "PROPN"),
                            ConstraintSpec.NONE.withSentiment("positive").withGuidance(3));
                    yield i -> rewriter.rewrite(tokens);
                }
                case "opennlp-rewrite-own-tags" -> {
                    RewriterME rewriter = new RewriterME(model, fewSteps, 0.8, KeepSpec.classes("PROPN"),
                            ConstraintSpec.NONE.withInputTemplate());
                    yield i -> rewriter.rewrite(tokens);
                }
                case "opennlp-generate" -> {
                    GeneratorME generator = new GeneratorME(model, fewSteps, ConstraintSpec.NONE
                            .withSentiment("negative").withTemplate("DET", "ADJ", "NOUN", "VERB", "ADV", "PUNCT")
                            .withLexical(true));
                    yield i -> generator.generate();
                }
                default -> throw new IllegalArgumentException("unknown experiment.longRun path " + path);
            };
            LongRunMemory.run(path, calls, Math.max(1, Math.min(100, calls / 5)),
                    model.getDiffusionLM()::liveArrays, call);
        }
    }
}
