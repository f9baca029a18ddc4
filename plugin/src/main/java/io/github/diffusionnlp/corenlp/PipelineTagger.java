package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.pipeline.AnnotatorImplementations;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.Lazy;
import edu.stanford.nlp.util.PropertiesUtils;
import java.util.Properties;

/**
 * The {@code pos} annotator a pipeline's properties configure, to tag the words {@link DiffusionAnnotator} changed
 * with the pipeline's own tagger.
 *
 * <p>CoreNLP keeps every annotator it makes in {@link StanfordCoreNLP#GLOBAL_ANNOTATOR_CACHE}, keyed by its name and
 * the signature of its {@code NAME.*} properties ({@link PropertiesUtils#getSignature}); a pipeline registers its
 * {@code pos} there before it makes its annotators, ours among them. Looking up the same key from the same
 * properties finds that very instance: no second tagger is loaded (a {@code MaxentTagger} is loaded anew for every
 * {@code POSTaggerAnnotator}: 13.5 MB of model file for English). {@code StanfordCoreNLP.getExistingAnnotator("pos")}
 * looks up by name alone, and with two {@code pos} configurations in one JVM returns either.
 */
final class PipelineTagger {
    private PipelineTagger() {}

    /**
     * The {@code pos} annotator of {@code props}: the pipeline's, from CoreNLP's cache; made and put there on first
     * use if no pipeline registered one (a pipeline given its own {@code AnnotatorPool}, or after
     * {@code StanfordCoreNLP.clearAnnotatorPool()}). The cache is a {@code ConcurrentHashMap} and {@link Lazy#get()}
     * is synchronized, so concurrent documents share one tagger, loaded once.
     */
    static Lazy<Annotator> of(Properties props) {
        StanfordCoreNLP.AnnotatorSignature key = new StanfordCoreNLP.AnnotatorSignature(Annotator.STANFORD_POS,
                PropertiesUtils.getSignature(Annotator.STANFORD_POS, props));
        return StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.computeIfAbsent(key,
                k -> Lazy.cache(() -> new AnnotatorImplementations().posTagger(props)));
    }
}
