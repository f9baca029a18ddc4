package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotation;
import edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.TreeCoreAnnotations;
import edu.stanford.nlp.util.CoreMap;
import java.util.Collection;
import java.util.List;

/**
 * What annotators before ours read from a whole sentence: {@code parse}'s trees, the dependency graphs of
 * {@code parse} and {@code depparse}, {@code sentiment}'s class and tree. They are not redone on a changed
 * sentence, and kept they would describe the old one with the new words grafted on ({@code (NP (DT I) (NN
 * hadn't))} while the token says {@code hadn't/VBP}). So they go from the sentences the annotator changed; an
 * annotator placed after ours computes them on the new text.
 */
final class SentenceAnalyses {
    @SuppressWarnings("rawtypes")
    private static final List<Class<? extends CoreAnnotation>> STALE = List.of(
            TreeCoreAnnotations.TreeAnnotation.class, TreeCoreAnnotations.BinarizedTreeAnnotation.class,
            TreeCoreAnnotations.KBestTreesAnnotation.class,
            SemanticGraphCoreAnnotations.BasicDependenciesAnnotation.class,
            SemanticGraphCoreAnnotations.EnhancedDependenciesAnnotation.class,
            SemanticGraphCoreAnnotations.EnhancedPlusPlusDependenciesAnnotation.class,
            SemanticGraphCoreAnnotations.CollapsedDependenciesAnnotation.class,
            SemanticGraphCoreAnnotations.CollapsedCCProcessedDependenciesAnnotation.class,
            SemanticGraphCoreAnnotations.AlternativeDependenciesAnnotation.class,
            SentimentCoreAnnotations.SentimentClass.class, SentimentCoreAnnotations.SentimentAnnotatedTree.class);

    private SentenceAnalyses() {}

    /** Removes the trees, dependency graphs and sentiment of these (changed) sentences. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void forget(Collection<CoreMap> changed) {
        for (CoreMap sentence : changed) {
            for (Class key : STALE) {
                sentence.remove(key);
            }
        }
    }
}
