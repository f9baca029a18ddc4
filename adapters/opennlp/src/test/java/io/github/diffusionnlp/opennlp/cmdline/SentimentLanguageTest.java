package io.github.diffusionnlp.opennlp.cmdline;

import static io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -sentiment on a model whose training record says its corpus is probably not English (the English lexicon that
 * labelled it rated few of its tokens) is warned of, as core's --sentiment is; an English model's is not. Told
 * once: the library, which logs it to a caller that has not, stays silent (its log captured from stderr).
 */
class SentimentLanguageTest {
    @Test
    void aSentimentAskedOfAModelOfAnotherLanguageIsWarnedOf(@TempDir Path tmp) throws IOException {
        Path english = TestModels.copyOfTinyModel(tmp.resolve("english"));
        Path french = TestModels.copyOfTinyModelRecordingLexiconShare(tmp.resolve("french"), 0.015);
        String warning = "warning: -sentiment positive will mean little to this model: the English lexicon that"
                + " labelled its training sentences rated only 1.5% of their tokens (English text: about 4.7%), so its"
                + " corpus is probably not English";
        for (String tool : new String[] {"Generate", "Rewrite", "Suggest"}) {
            String[] args = switch (tool) {
                case "Generate" -> new String[] {tool, "-count", "1", "-steps", "1", "-sentiment", "positive", "-model",
                    ""};
                case "Rewrite" -> new String[] {tool, "-tokenized", "true", "-steps", "1", "-sentiment", "positive",
                    "-model", ""};
                default -> new String[] {tool, "-tokenized", "true", "-sentiment", "positive", "-model", ""};
            };
            String input = tool.equals("Suggest") ? "The [MASK] was late .\n" : "The report was late .\n";
            args[args.length - 1] = english.toString();
            Run plain = run(input, args);
            assertEquals(0, plain.code(), plain.stderr());
            assertFalse(plain.stderr().contains("will mean little"), plain.stderr());
            args[args.length - 1] = french.toString();
            PrintStream err = System.err;
            ByteArrayOutputStream log = new ByteArrayOutputStream(); // where the simple logger writes
            Run warned;
            try {
                System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
                warned = run(input, args);
            } finally {
                System.setErr(err);
            }
            assertEquals(0, warned.code(), warned.stderr());
            assertTrue(warned.stderr().contains(warning), tool + ": " + warned.stderr());
            assertFalse(log.toString(StandardCharsets.UTF_8).contains("will mean little"), "the library's log"
                    + " repeated it: " + log.toString(StandardCharsets.UTF_8));
        }
    }
}
