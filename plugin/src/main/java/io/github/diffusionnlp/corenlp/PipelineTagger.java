package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.pipeline.AnnotatorImplementations;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.ArrayCoreMap;
import edu.stanford.nlp.util.CoreMap;
import edu.stanford.nlp.util.Lazy;
import edu.stanford.nlp.util.PropertiesUtils;
import io.github.diffusionnlp.corpus.Upos;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The UPOS tags {@code pos} gives {@code words} read as one sentence ({@link PtbToUpos}): how a rewrite under
     * {@code syntax=keep} tags a sentence's words once core has filled its {@code [MASK]}s. The words are the
     * tokenizer's ({@code -LRB-} for a bracket under {@code ptb3Escaping}), as the pipeline's tagger read the
     * document's. {@code pos} is the pipeline's shared tagger: its {@code annotate} is called concurrently for every
     * document already ({@code retag}), each call on its own sentence.
     */
    static List<Upos> tags(Annotator pos, List<String> words) {
        List<CoreLabel> tokens = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            CoreLabel t = new CoreLabel();
            t.setWord(words.get(i));
            t.setValue(words.get(i));
            t.setOriginalText(words.get(i));
            t.setIndex(i + 1);
            tokens.add(t);
        }
        CoreMap sentence = new ArrayCoreMap();
        sentence.set(CoreAnnotations.TokensAnnotation.class, tokens);
        Annotation part = new Annotation("");
        part.set(CoreAnnotations.SentencesAnnotation.class, List.of(sentence));
        pos.annotate(part);
        return PtbToUpos.of(tokens);
    }
}
