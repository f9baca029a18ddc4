package io.github.diffusionnlp.evaluation;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;
import java.util.List;
import java.util.Properties;

/**
 * The sentiment judge: CoreNLP's recursive sentiment model (Socher et al. 2013, trained on the Stanford
 * Sentiment Treebank of movie reviews, never on Brown or on our lexicon labels) over CoreNLP's PCFG
 * parse. Input is already tokenized: tokens are joined by spaces, {@code tokenize.whitespace=true} keeps
 * them as they are and {@code ssplit.eolonly=true} makes the one line one sentence. Not thread-safe in
 * the sense that matters here (one caller); CoreNLP loads its models once per JVM.
 */
public final class SentimentJudge {
    public static final String ANNOTATORS = "tokenize,ssplit,pos,parse,sentiment";

    private final StanfordCoreNLP pipeline;

    public SentimentJudge() {
        pipeline = new StanfordCoreNLP(properties());
    }

    static Properties properties() {
        Properties p = new Properties();
        p.setProperty("annotators", ANNOTATORS);
        p.setProperty("tokenize.whitespace", "true");
        p.setProperty("ssplit.eolonly", "true");
        p.setProperty("parse.binaryTrees", "true");
        return p;
    }

    /**
     * CoreNLP's sentiment class of one tokenized sentence: 0 very negative, 1 negative, 2 neutral,
     * 3 positive, 4 very positive; -1 for an empty sentence (nothing to judge). Should CoreNLP split the
     * line into several sentences after all, the longest one's class is returned.
     */
    public int classify(List<String> tokens) {
        List<String> words = tokens.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (words.isEmpty()) {
            return -1;
        }
        Annotation doc = new Annotation(String.join(" ", words));
        pipeline.annotate(doc);
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        CoreMap best = null;
        int bestSize = -1;
        for (CoreMap s : sentences) {
            int size = s.get(CoreAnnotations.TokensAnnotation.class).size();
            if (size > bestSize) {
                best = s;
                bestSize = size;
            }
        }
        if (best == null) {
            return -1;
        }
        Tree tree = best.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
        return RNNCoreAnnotations.getPredictedClass(tree);
    }

    public String describe() {
        return "CoreNLP " + Versions.get("corenlp.version") + " " + ANNOTATORS
                + " (englishPCFG + sentiment.ser.gz; tokenize.whitespace, ssplit.eolonly)";
    }
}
