package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotation;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.time.TimeAnnotations;
import edu.stanford.nlp.util.CoreMap;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What CoreNLP's {@code ner} derived from a token's words besides its class: a date's normalised value and SUTime
 * Timex, an amount's value, the classifier's probabilities. A written token keeps its NER class (a replaced date
 * is still a DATE slot), but these describe the words it replaced: outputters would print the original date
 * ({@code Timex=<TIMEX3 ...>Friday, 5 May 2023</TIMEX3>}) beside the new words. So they go, from the written
 * tokens and from the entity mentions that cover one; the probabilities become CoreNLP's own mark for a class no
 * classifier scored ({@code {DATE=-1.0}}, as {@code ner} gives tokens its rules classed), since its text outputter
 * cannot print a mention without them.
 */
final class EntityValues {
    @SuppressWarnings("rawtypes")
    private static final List<Class<? extends CoreAnnotation>> DERIVED = List.of(
            CoreAnnotations.NormalizedNamedEntityTagAnnotation.class, TimeAnnotations.TimexAnnotation.class,
            CoreAnnotations.NumericValueAnnotation.class,
            CoreAnnotations.NumericTypeAnnotation.class, CoreAnnotations.NumericObjectAnnotation.class,
            CoreAnnotations.NumericCompositeValueAnnotation.class, CoreAnnotations.NumericCompositeTypeAnnotation.class,
            CoreAnnotations.NumericCompositeObjectAnnotation.class);

    private EntityValues() {}

    /** Removes the derived values from the {@code written} tokens and from every mention that covers one. */
    static void forget(Annotation doc, Collection<CoreLabel> written) {
        if (written.isEmpty()) {
            return;
        }
        Set<CoreLabel> changed = Collections.newSetFromMap(new IdentityHashMap<>());
        changed.addAll(written);
        changed.forEach(EntityValues::strip);
        Set<CoreMap> mentions = Collections.newSetFromMap(new IdentityHashMap<>()); // the document's and sentences'
        List<CoreMap> docMentions = doc.get(CoreAnnotations.MentionsAnnotation.class);
        if (docMentions != null) {
            mentions.addAll(docMentions);
        }
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        for (CoreMap sentence : sentences == null ? List.<CoreMap>of() : sentences) {
            List<CoreMap> m = sentence.get(CoreAnnotations.MentionsAnnotation.class);
            if (m != null) {
                mentions.addAll(m);
            }
        }
        for (CoreMap m : mentions) {
            List<CoreLabel> tokens = m.get(CoreAnnotations.TokensAnnotation.class);
            if (tokens != null && tokens.stream().anyMatch(changed::contains)) {
                strip(m);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void strip(CoreMap map) {
        for (Class key : DERIVED) {
            map.remove(key);
        }
        String ner = map.get(CoreAnnotations.NamedEntityTagAnnotation.class);
        if (map.containsKey(CoreAnnotations.NamedEntityTagProbsAnnotation.class) && ner != null) {
            map.set(CoreAnnotations.NamedEntityTagProbsAnnotation.class, Map.of(ner, UNSCORED));
        }
    }

    /** CoreNLP's probability for a class no classifier gave (its rules, SUTime). */
    private static final double UNSCORED = -1.0;
}
