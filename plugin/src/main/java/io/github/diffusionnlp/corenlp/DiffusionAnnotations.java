package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotation;
import io.github.diffusionnlp.api.Suggestion;
import java.util.List;

/**
 * The keys {@link DiffusionAnnotator} writes, in the manner of CoreNLP's {@code SentimentCoreAnnotations}.
 *
 * <p>On a sentence the annotator touched (one with a position to infill, or any sentence of a rewrite):
 * {@link Text} (the sentence after diffusion), {@link OriginalText} (before), {@link Windows}. On each token
 * the model was asked to write: {@link OriginalWord} and {@link Word}, and with {@code suggestions = K} in an
 * infill, {@link Suggestions}. On the document after
 * {@code task=generate}: {@link GeneratedSentences}; with {@code replace=true} the generated sentences are
 * also appended to the document and carry {@link Generated}.
 *
 * <p>With {@code replace=false} the document keeps its own text and tokens and these keys are the only
 * record; with {@code replace=true} the tokens, sentences and text of the document are the new ones and
 * these keys hold what was there before. They describe the annotator's last run on the document: a second
 * run removes the first run's records before it writes its own.
 */
public final class DiffusionAnnotations {
    private DiffusionAnnotations() {}

    /** Sentence: its text after infill or rewrite (with {@code replace=true}, also its TextAnnotation). */
    public static final class Text implements CoreAnnotation<String> {
        @Override
        public Class<String> getType() {
            return String.class;
        }
    }

    /** Sentence: its text before the annotator ran. */
    public static final class OriginalText implements CoreAnnotation<String> {
        @Override
        public Class<String> getType() {
            return String.class;
        }
    }

    /**
     * Sentence: how many of the model's lengths it spans, rounded up (more than 1: a long sentence, processed
     * in pieces as core's {@code infillAll} and {@code rewriteAll} describe).
     */
    public static final class Windows implements CoreAnnotation<Integer> {
        @Override
        public Class<Integer> getType() {
            return Integer.class;
        }
    }

    /** Token: the word the token had before the annotator wrote it (only on tokens the model wrote). */
    public static final class OriginalWord implements CoreAnnotation<String> {
        @Override
        public Class<String> getType() {
            return String.class;
        }
    }

    /** Token: the word the model wrote for it (it may equal the original word). */
    public static final class Word implements CoreAnnotation<String> {
        @Override
        public Class<String> getType() {
            return String.class;
        }
    }

    /** Sentence: true on a sentence that {@code task=generate} appended to the document. */
    public static final class Generated implements CoreAnnotation<Boolean> {
        @Override
        public Class<Boolean> getType() {
            return Boolean.class;
        }
    }

    /** Document: the sentences {@code task=generate} wrote, tokens joined by single spaces. */
    public static final class GeneratedSentences implements CoreAnnotation<List<String>> {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<List<String>> getType() {
            return (Class) List.class;
        }
    }

    /**
     * Token, with {@code NAME.suggestions = K} (infill only): the model's {@code K} likeliest words at the position
     * it filled, with their probabilities, best first ({@code DiffusionLM.suggest}: one pass of the network over
     * the sentence as infill read it, before any word was chosen), each word spelt as the filled token's {@link Word}
     * is: a quote or bracket as the pipeline's tokenizer writes it ({@code "} for Brown's {@code ``} and {@code ''}
     * by default, suggested once, with the likelier one's probability; {@code -RRB-} under {@code ptb3Escaping}), so
     * the first is the word one greedy step writes there. Only on tokens the annotator filled;
     * a word the tokenizer split ({@code didn't} as {@code did} {@code n't}) has it on its first piece. As CoreNLP's
     * {@code NamedEntityTagProbsAnnotation} gives a token's other classes, this gives its other words; CoreNLP's own
     * outputters do not print it ({@link DiffusionJsonOutputter} and {@link DiffusionTextOutputter} do).
     */
    public static final class Suggestions implements CoreAnnotation<List<Suggestion>> {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<List<Suggestion>> getType() {
            return (Class) List.class;
        }
    }
}
