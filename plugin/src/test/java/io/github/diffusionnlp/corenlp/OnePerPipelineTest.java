package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every pipeline makes its own {@link DiffusionAnnotator}, and CoreNLP's {@link StanfordCoreNLP#GLOBAL_ANNOTATOR_CACHE}
 * keeps none of them: CoreNLP keeps an entry per distinct {@code NAME.*} property set there for the JVM's life,
 * holding the pipeline's {@code Properties}, so a server whose requests each carry their own {@code diffusion.seed}
 * grew by one per request; and it handed a pipeline with the same {@code NAME.*} the first one's annotator.
 */
class OnePerPipelineTest {
    // a name of its own, so entries other tests made under "diffusion" do not count here
    private static final String NAME = "diffusion_perpipeline";
    private static final String TEXT = "The [MASK] of the committee was late.";

    @Test
    void pipelinesWithDistinctPropertySetsLeaveNoEntryOfOursInCoreNLPsCache() {
        StanfordCoreNLP first = new StanfordCoreNLP(props(0));
        List<String> before = words(annotate(first, TEXT));
        Set<StanfordCoreNLP.AnnotatorSignature> others = StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.keySet().stream()
                .filter(k -> !k.name.equals(NAME)).collect(Collectors.toSet());
        assertTrue(others.stream().anyMatch(k -> k.name.equals("tokenize")), "tokenize: " + others);

        int pipelines = 1000;
        long start = System.nanoTime();
        for (int seed = 1; seed < pipelines; seed++) {
            new StanfordCoreNLP(props(seed));
        }
        System.out.printf("%d pipelines (tokenize,ssplit,%s, a new seed each): %.2f ms each%n", pipelines - 1, NAME,
                (System.nanoTime() - start) / 1e6 / (pipelines - 1));

        assertEquals(0, ours(), "no entry of ours kept");
        assertTrue(StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.keySet().containsAll(others),
                "other annotators' entries are left alone");
        // the first pipeline keeps its own annotator; a new pipeline with its properties makes one that writes the same
        assertEquals(before, words(annotate(first, TEXT)));
        assertEquals(before, words(annotate(new StanfordCoreNLP(props(0)), TEXT)));
        assertEquals(0, ours());
    }

    private static long ours() {
        return StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.keySet().stream().filter(k -> k.name.equals(NAME)).count();
    }

    private static Properties props(int seed) {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit," + NAME);
        p.setProperty("customAnnotatorClass." + NAME, DiffusionAnnotator.class.getName());
        p.setProperty(NAME + ".steps", "1");
        p.setProperty(NAME + ".seed", Integer.toString(seed));
        return p;
    }
}
