package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.LongRunMemory;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (off unless {@code -Dexperiment.longRun=PATH}): the annotator called thousands of times
 * in one JVM through one real pipeline on the shipped model, resident memory and live NDArrays read as core's {@code
 * api.LongRunMemoryExperiment} reads them ({@link LongRunMemory}); {@code ThreadsTest} checks the model's arrays over
 * 150 documents in the default run. One path per JVM:
 *
 * <pre>
 * mvn -B -o -q -pl plugin -am test -Dtest=LongRunMemoryExperiment -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dexperiment.longRun=corenlp-rewrite-own-tags [-Dexperiment.calls=2000]
 * </pre>
 *
 * PATH: corenlp-rewrite-own-tags ({@code tokenize,ssplit,pos,diffusion}, {@code diffusion.task=rewrite}, {@code
 * syntax=keep}, {@code keep=1,9}, 4 steps: a document of a sentence holding a mask (and the call's number), which
 * core fills, the pipeline's {@code pos} tags and the rewrite follows, and one of fewer tokens than {@code keep}
 * names, left as it is: its words left out of core's calls since db33712d (given as an empty sentence since audit
 * h213), its mask kept; the rows of docs/speed.md measured it given to core, its mask as [UNK]). Rows are appended to plugin/target/experiments/long-run-memory.md.
 */
@EnabledIfSystemProperty(named = "experiment.longRun", matches = "corenlp-.+")
class LongRunMemoryExperiment {
    @Test
    void callManyTimes() {
        String path = System.getProperty("experiment.longRun");
        int calls = Integer.getInteger("experiment.calls", 2000);
        IntConsumer call = switch (path) {
            case "corenlp-rewrite-own-tags" -> {
                StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion",
                        "diffusion.task", "rewrite", "diffusion.syntax", "keep", "diffusion.keep", "1,9"));
                yield i -> {
                    Annotation doc = annotate(pipeline, "The committee met on day " + i + " in [MASK] , we think."
                            + " And [MASK] more.");
                    if (doc.get(CoreAnnotations.ExceptionAnnotation.class) != null) {
                        throw new IllegalStateException(doc.get(CoreAnnotations.ExceptionAnnotation.class));
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown experiment.longRun path " + path);
        };
        LongRunMemory.run(path, calls, Math.max(1, Math.min(100, calls / 5)),
                () -> SharedModels.get(null, null).liveArrays(), call);
    }
}
