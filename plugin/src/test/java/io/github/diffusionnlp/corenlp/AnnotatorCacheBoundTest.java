package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.Lazy;
import edu.stanford.nlp.util.PropertiesUtils;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * CoreNLP's {@link StanfordCoreNLP#GLOBAL_ANNOTATOR_CACHE} keeps an entry per distinct {@code NAME.*} property set
 * for the JVM's life; a server whose requests each carry their own {@code diffusion.seed} grew by one per request.
 * {@link AnnotatorCacheBound} keeps only the newest {@link AnnotatorCacheBound#CAP} of ours.
 */
class AnnotatorCacheBoundTest {
    // a name of its own, so entries other tests made under "diffusion" do not count here
    private static final String NAME = "diffusion_cachebound";
    private static final String TEXT = "The [MASK] of the committee was late.";

    @Test
    void distinctPropertySetsLeaveAtMostTheCapOfOursInCoreNLPsCache() {
        StanfordCoreNLP first = new StanfordCoreNLP(props(0));
        List<String> before = words(annotate(first, TEXT));
        // CoreNLP's own annotators made so far (this test's tokenize among them); diffusion annotators of other
        // tests are ours, and may be evicted too
        Set<StanfordCoreNLP.AnnotatorSignature> others = StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.entrySet().stream()
                .filter(e -> e.getValue().getIfDefined() != null
                        && !(e.getValue().getIfDefined() instanceof DiffusionAnnotator))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertTrue(others.stream().anyMatch(k -> k.name.equals("tokenize")), "tokenize: " + others);

        for (int seed = 1; seed < 1000; seed++) {
            new StanfordCoreNLP(props(seed));
        }

        assertEquals(AnnotatorCacheBound.CAP, ours(), "1,000 property sets: only the newest are kept");
        assertTrue(StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.keySet().containsAll(others),
                "other annotators' entries are left alone");
        assertFalse(StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.containsKey(key(0)), "the oldest is evicted");

        // the newest are still shared: another pipeline with the same properties gets the same instance
        Lazy<Annotator> newest = StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.get(key(999));
        assertNotNull(newest);
        Annotator made = newest.getIfDefined();
        new StanfordCoreNLP(props(999));
        assertSame(newest, StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.get(key(999)));
        assertSame(made, newest.getIfDefined(), "the cached annotator is reused, not made again");

        // after eviction: the pipeline that holds the evicted annotator still works, and a new pipeline with
        // its properties makes a new one that writes the same words
        assertEquals(before, words(annotate(first, TEXT)));
        assertEquals(before, words(annotate(new StanfordCoreNLP(props(0)), TEXT)));
        assertEquals(AnnotatorCacheBound.CAP, ours(), "made again, and still at most the cap");
    }

    private static long ours() {
        return StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.keySet().stream().filter(k -> k.name.equals(NAME)).count();
    }

    private static StanfordCoreNLP.AnnotatorSignature key(int seed) {
        return new StanfordCoreNLP.AnnotatorSignature(NAME, PropertiesUtils.getSignature(NAME, props(seed)));
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
