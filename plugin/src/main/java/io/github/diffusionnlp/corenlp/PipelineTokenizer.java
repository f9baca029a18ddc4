package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.pipeline.AnnotatorImplementations;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.pipeline.TokenizerAnnotator;
import edu.stanford.nlp.util.Lazy;
import edu.stanford.nlp.util.PropertiesUtils;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;

/**
 * The {@code tokenize} annotator a pipeline's properties configure ({@code tokenize.language},
 * {@code tokenize.whitespace}, {@code tokenize.options}…), to read text the annotator wrote as the pipeline's own
 * tokenizer reads it: found in CoreNLP's annotator cache as {@link PipelineTagger} finds the pipeline's
 * {@code pos}, so no second tokenizer (a Chinese segmenter, say) is loaded.
 */
final class PipelineTokenizer {
    private final Lazy<TokenizerAnnotator> tokenizer;

    private PipelineTokenizer(Lazy<Annotator> annotator, Properties props) {
        this.tokenizer = Lazy.cache(() -> annotator.get() instanceof TokenizerAnnotator t ? t
                : new TokenizerAnnotator(false, props));
    }

    static PipelineTokenizer of(Properties props) {
        StanfordCoreNLP.AnnotatorSignature key = new StanfordCoreNLP.AnnotatorSignature(Annotator.STANFORD_TOKENIZE,
                PropertiesUtils.getSignature(Annotator.STANFORD_TOKENIZE, props));
        return new PipelineTokenizer(StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.computeIfAbsent(key,
                k -> Lazy.cache(() -> new AnnotatorImplementations().tokenizer(props))), props);
    }

    /**
     * The tokens the pipeline's tokenizer makes of {@code text}, offsets counted from its start (no sentence
     * splitting). A {@code tokenize} the pipeline replaced by a class of its own is read through CoreNLP's
     * {@link TokenizerAnnotator} of the same properties.
     */
    List<CoreLabel> tokenize(String text) {
        return tokenizer.get().getTokenizer(new StringReader(text)).tokenize();
    }
}
