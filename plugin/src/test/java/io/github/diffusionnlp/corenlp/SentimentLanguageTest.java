package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.logOf;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.TestModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * diffusion.sentiment on a model whose training record says its corpus is probably not English (the English
 * lexicon that labelled it rated few of its tokens) is warned of when the annotator is made, as the command
 * line's --sentiment is; an English model's is not. Captured from stderr, where the simple logger writes.
 */
@Isolated
class SentimentLanguageTest {
    @Test
    void aSentimentAskedOfAModelOfAnotherLanguageIsWarnedOf(@TempDir Path tmp) throws IOException {
        Path english = TestModels.copyOfTinyModel(tmp.resolve("english"));
        Path french = TestModels.copyOfTinyModelRecordingLexiconShare(tmp.resolve("french"), 0.015);

        String log = madeWithSentiment(english);
        assertFalse(log.contains("will mean little"), log);
        log = madeWithSentiment(french);
        assertTrue(log.contains("annotator \"diffusion\": diffusion.sentiment = positive will mean little to this model:"
                + " the English lexicon that labelled its training sentences rated only 1.5% of their tokens (English"
                + " text: about 4.7%), so its corpus is probably not English"), log);
    }

    /**
     * The caveat is the model's to tell once, but each annotator's user must hear it: a second pipeline whose
     * annotator shares the loaded model (SharedModels) warns too, in its own name, and the library stays silent
     * when either annotates.
     */
    @Test
    void everyAnnotatorSharingTheModelWarnsOfIt(@TempDir Path tmp) throws IOException {
        Path french = TestModels.copyOfTinyModelRecordingLexiconShare(tmp.resolve("french"), 0.015);
        String first = madeWithSentiment(french);
        assertTrue(first.contains("annotator \"diffusion\": diffusion.sentiment = positive will mean little"), first);

        Properties other = props("tokenize,ssplit,sentimental", "customAnnotatorClass.sentimental",
                DiffusionAnnotator.class.getName(), "sentimental.model", french.toString(), "sentimental.task",
                "generate", "sentimental.sentiment", "negative", "sentimental.steps", "1");
        StanfordCoreNLP[] second = new StanfordCoreNLP[1];
        String log = logOf(() -> second[0] = new StanfordCoreNLP(other));
        assertTrue(log.contains("annotator \"sentimental\": sentimental.sentiment = negative will mean little to this"
                + " model: the English lexicon that labelled"), log);
        assertEquals(1, log.split("will mean little", -1).length - 1, log);

        log = logOf(() -> annotate(second[0], "The report was late."));
        assertFalse(log.contains("will mean little"), "the library does not tell it again: " + log);
    }

    /**
     * Each pipeline makes its own annotator (the server one per request): three pipelines of the same properties
     * warned three times. The caveat is told once per loaded model and annotator name.
     */
    @Test
    void identicalPipelinesWarnOnce(@TempDir Path tmp) throws IOException {
        Path french = TestModels.copyOfTinyModelRecordingLexiconShare(tmp.resolve("french"), 0.015);
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            log.append(madeWithSentiment(french));
        }
        assertEquals(1, log.toString().split("will mean little", -1).length - 1, log.toString());
    }

    private static String madeWithSentiment(Path model) {
        return logOf(() -> new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.model", model.toString(),
                "diffusion.task", "rewrite", "diffusion.sentiment", "positive", "diffusion.steps", "1")));
    }
}
