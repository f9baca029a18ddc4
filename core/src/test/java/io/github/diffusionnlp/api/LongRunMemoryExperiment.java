package io.github.diffusionnlp.api;

import io.github.diffusionnlp.LongRunMemory;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.sample.PlugAndPlay;
import io.github.diffusionnlp.steer.NoisySentimentClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (off unless {@code -Dexperiment.longRun=PATH}): one path of the library called
 * thousands of times in one JVM, as a long-lived service calls it, on the shipped models, with resident
 * memory (the Java heap within it and the part beyond it, which the closing summary judges) and live NDArrays
 * read before, after a warm-up and at intervals ({@link LongRunMemory}). The README's
 * infill figure is {@code benchmark}'s; this covers the other paths (their table: docs/speed.md). One path per JVM:
 *
 * <pre>
 * mvn -B -o -q -pl core -am test -Dtest=LongRunMemoryExperiment -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dexperiment.longRun=rewrite-sentiment [-Dexperiment.calls=2000]
 * </pre>
 *
 * PATH: rewrite-sentiment, rewrite-template (both W = 3, lexical), rewrite-candidates (best of 4), rewrite-own-tags
 * (a sentence holding a mask under its own template, rewritten under a tagger's tags of its filled words: {@code
 * rewriteAll(..., naming, FilledTagging)} replacing templates; the tagger a fixed lookup, core having none),
 * generate-constraints (sentiment and template, W = 3, lexical), steer (the example scorer),
 * ar-generate, ar-score, ngram-infill, ngram-generate (fusion at W = 0.7), reload (a model built, called once and
 * closed per call: its arrays are the process's). Rows are appended to
 * core/target/experiments/long-run-memory.md. On a machine other jobs load, run it with {@code OMP_NUM_THREADS=1}:
 * with PyTorch's two intra-op threads at a load of 10–12 the calls slowed from about 0.06 s to 1–1.5 s each (the
 * arrays and RSS as flat).
 */
@EnabledIfSystemProperty(named = "experiment.longRun", matches = "(?!opennlp-|corenlp-).+") // theirs: their modules
class LongRunMemoryExperiment {
    private static final List<String> SENTENCE = List.of("The", "committee", "met", "in", "Boston", ".");
    private static final List<Upos> TEMPLATE = Constraints.parseTemplate("DET ADJ NOUN VERB ADV PUNCT");
    private static final List<String> MASKED = List.of("The", "committee", "met", "in", "[MASK]", ".");
    /** The masked sentence's tags as a front end guesses them, the mask's a guess. */
    private static final List<Upos> OWN_TAGS = Constraints.parseTemplate("DET NOUN VERB ADP NOUN PUNCT");
    private static final SamplingOptions FEW_STEPS = SamplingOptions.builder().steps(4).build();

    @Test
    void callManyTimes() throws Exception {
        String path = System.getProperty("experiment.longRun");
        int calls = Integer.getInteger("experiment.calls", 2000);
        int warmUp = Math.max(1, Math.min(100, calls / 5));
        if (path.startsWith("ar-")) {
            try (AutoregressiveLM ar = AutoregressiveLM.load(TestModels.root().resolve("test-data/models/brown-ar"),
                    null)) {
                IntConsumer call = path.equals("ar-generate") ? i -> ar.generate(1, 1.0, i)
                        : i -> ar.score(List.of(SENTENCE));
                // the autoregressive model has no count of its own: its arrays are the process's
                LongRunMemory.run(path, calls, warmUp, LongRunMemory::processArrays, call);
            }
            return;
        }
        if (path.equals("reload")) {
            // a service reloading its model: each call builds one, uses it once and closes it; nothing may stay
            Path model = TestModels.root().resolve("test-data/models/brown-cdcd");
            LongRunMemory.run(path, calls, warmUp, LongRunMemory::processArrays, i -> {
                try (DiffusionLM lm = DiffusionLM.builder().optModel(model).build()) {
                    lm.infill(List.of("The", "[MASK]", "met", "in", "Boston", "."), seed(i));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return;
        }
        try (DiffusionLM lm = DiffusionLM.builder().optBatching(0, Duration.ZERO).build()) {
            Constraints strong = Constraints.none().withGuidance(3).withLexical(true);
            NoisySentimentClassifier probe = path.equals("steer")
                    ? NoisySentimentClassifier.train(lm, TaggedCorpus.read(TestModels.devCorpus()), 100, 1) : null;
            SamplingOptions fused = FEW_STEPS.toBuilder().ngramWeight(0.7).length(8).build();
            if (path.startsWith("ngram-")) {
                lm.countNgrams();
            }
            IntConsumer call = switch (path) {
                case "rewrite-sentiment" -> i -> lm.rewriteAll(List.of(SENTENCE), java.util.Arrays.asList((boolean[]) null),
                        0.8, strong.withSentiment(Sentiment.POSITIVE), seed(i));
                case "rewrite-template" -> i -> lm.rewriteAll(List.of(SENTENCE), java.util.Arrays.asList((boolean[]) null),
                        0.8, strong.withTemplate(TEMPLATE), seed(i));
                case "rewrite-candidates" -> i -> lm.rewriteAll(List.of(SENTENCE), java.util.Arrays.asList((boolean[]) null),
                        0.8, Constraints.none().withSentiment(Sentiment.NEGATIVE).withCandidates(4), seed(i));
                case "rewrite-own-tags" -> i -> lm.rewriteAll(List.of(MASKED), Collections.singletonList(null),
                        0.8, List.of(Constraints.none().withTemplate(OWN_TAGS)), seed(i), SentenceNaming.BATCH,
                        FilledTagging.by((s, words) -> tagsOfFilled(words)).replacingTemplates());
                case "generate-constraints" -> i -> lm.generate(1,
                        strong.withSentiment(Sentiment.POSITIVE).withTemplate(TEMPLATE), seed(i));
                case "steer" -> i -> lm.generate(1,
                        Constraints.none().withSteering(PlugAndPlay.of(probe.toward(Sentiment.POSITIVE), 10.0)),
                        seed(i).toBuilder().length(8).build());
                case "ngram-infill" -> i -> lm.infill(List.of("The", "[MASK]", "met", "in", "[MASK]", "."),
                        fused.toBuilder().seed(i).build());
                case "ngram-generate" -> i -> lm.generate(1, fused.toBuilder().seed(i).build());
                default -> throw new IllegalArgumentException("unknown experiment.longRun path " + path);
            };
            try {
                LongRunMemory.run(path, calls, warmUp, lm::liveArrays, call);
            } finally {
                if (probe != null) {
                    probe.close();
                }
            }
        }
    }

    /**
     * A front end's tagger of the filled words, in miniature: the tags of the words around the mask as given, the
     * filled word's from whether it is capitalised (PROPN) or punctuation, else NOUN.
     */
    private static List<Upos> tagsOfFilled(List<String> words) {
        List<Upos> tags = new java.util.ArrayList<>(OWN_TAGS);
        String filled = words.get(4);
        tags.set(4, !Character.isLetterOrDigit(filled.charAt(0)) ? Upos.PUNCT
                : Character.isUpperCase(filled.charAt(0)) ? Upos.PROPN : Upos.NOUN);
        return tags;
    }

    private static SamplingOptions seed(int i) {
        return FEW_STEPS.toBuilder().seed(i).build();
    }
}
