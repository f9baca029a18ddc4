package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rewrite whose syntax template is longer than the sentence adds tokens past its old length; the text output
 * listed a line for each written token of the old length and none for those, as if the model had not written them.
 */
class TextOutputterAddedTokensTest {
    @Test
    void tokensATemplateAddsHaveTheirLines() throws Exception {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "rewrite",
                "diffusion.syntax", "PRON VERB ADP DET ADJ NOUN PUNCT", "diffusion.steps", "2"));
        Annotation doc = annotate(pipeline, "He went home.");
        List<CoreLabel> tokens = Pipelines.sentences(doc).get(0).get(CoreAnnotations.TokensAnnotation.class);
        assertEquals(7, tokens.size(), "rewritten to the template's length");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DiffusionTextOutputter().print(doc, out, pipeline);
        String text = out.toString(StandardCharsets.UTF_8);

        assertTrue(text.contains("\n  token 3: home -> " + tokens.get(2).word() + "\n"), text);
        for (int i = 4; i <= 7; i++) { // token 4 was the old "."; 5 to 7 are new
            String from = i == 4 ? "." : "(added)";
            assertTrue(text.contains("\n  token " + i + ": " + from + " -> " + tokens.get(i - 1).word() + "\n"), text);
        }
    }
}
