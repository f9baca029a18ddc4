package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    private static String madeWithSentiment(Path model) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.model", model.toString(),
                    "diffusion.task", "rewrite", "diffusion.sentiment", "positive", "diffusion.steps", "1"));
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
