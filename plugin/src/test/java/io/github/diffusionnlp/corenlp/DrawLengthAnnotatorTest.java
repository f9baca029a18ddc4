package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.SettingsTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.model.LengthPrior;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diffusion.drawLength}: each generated sentence has the length core draws for its seed from the model's
 * training rows, by default too; set true, the properties that set the length are refused by name, and so is a bad
 * value and a model without the record, which left unset lets the model choose.
 */
class DrawLengthAnnotatorTest {
    private static final String TINY = TestModels.tinyModel().toString();

    private static List<String> generated(String... pairs) {
        String[] all = new String[pairs.length + 10];
        System.arraycopy(new String[] {"diffusion.model", TINY, "diffusion.task", "generate", "diffusion.replace",
            "false", "diffusion.steps", "2", "diffusion.seed", "40"}, 0, all, 0, 10);
        System.arraycopy(pairs, 0, all, 10, pairs.length);
        return annotate(new StanfordCoreNLP(props("diffusion", all)), "")
                .get(DiffusionAnnotations.GeneratedSentences.class);
    }

    @Test
    void eachSentenceHasTheLengthCoreDrawsForItsSeed() throws Exception {
        List<String> drawn = generated("diffusion.count", "10", "diffusion.drawLength", "true");
        assertEquals(10, drawn.size());
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            LengthPrior prior = LengthPrior.of(lm.info().training().rowLengths());
            SamplingOptions seed40 = SamplingOptions.builder().seed(40).build();
            for (int i = 0; i < drawn.size(); i++) {
                assertEquals(prior.draw(seed40.sentenceSeed(i)), drawn.get(i).split(" ").length,
                        "sentence " + i + ": " + drawn.get(i));
            }
            assertTrue(drawn.stream().mapToInt(s -> s.split(" ").length).distinct().count() > 3, drawn.toString());
            List<String> library = lm.generate(10, Constraints.none(), SamplingOptions.builder().steps(2).seed(40)
                    .drawLength(true).build()).stream().map(words -> String.join(" ", words)).toList();
            assertEquals(library, drawn, "the library's sentences for the same seeds");
        }
        assertEquals(drawn, generated("diffusion.count", "10", "diffusion.drawLength", "TRUE"));
        List<String> chosen = generated("diffusion.count", "10", "diffusion.drawLength", "false");
        assertNotEquals(drawn, chosen, "false lets the model choose");
        assertEquals(drawn, generated("diffusion.count", "10"), "drawn by default");
    }

    @Test
    void thePropertiesThatSetTheLengthAreRefusedByName() {
        String pipe = "tokenize,ssplit,diffusion";
        assertEquals("annotator \"diffusion\": bad diffusion.drawLength = 'maybe'; allowed: true or false",
                failure(pipe, "diffusion.task", "generate", "diffusion.drawLength", "maybe"));
        assertEquals("annotator \"diffusion\": bad diffusion.drawLength = 'true'; allowed: only at a free length: it"
                + " draws each sentence's length, and diffusion.length = 7 sets it; give one or the other",
                failure(pipe, "diffusion.task", "generate", "diffusion.length", "7", "diffusion.drawLength", "true"));
        assertEquals("annotator \"diffusion\": bad diffusion.drawLength = 'true'; allowed: only at a free length: it"
                + " draws each sentence's length, and diffusion.syntax sets it; give one or the other",
                failure(pipe, "diffusion.task", "generate", "diffusion.syntax", "DET NOUN VERB",
                        "diffusion.drawLength", "true"));
        assertEquals("annotator \"diffusion\": bad diffusion.unguidedLength = 'true'; allowed: not with"
                + " diffusion.drawLength = true, which chooses the length before sampling; give one or the other",
                failure(pipe, "diffusion.task", "generate", "diffusion.sentiment", "positive", "diffusion.guidance",
                        "3", "diffusion.unguidedLength", "true", "diffusion.drawLength", "true"));
        assertEquals("annotator \"diffusion\": bad diffusion.drawLength = 'true'; allowed: only with"
                + " diffusion.task=generate (rewrite keeps each sentence's length)",
                failure(pipe, "diffusion.task", "rewrite", "diffusion.drawLength", "true"));
        assertNull(DiffusionSettings.read("diffusion", props("x", "diffusion.task", "generate")).drawLength,
                "unset: the library's default");
    }

    @Test
    void aModelWithoutTheRecordSaysWhatToRun(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModelWithoutRowLengths(tmp);
        // refused as the pipeline is built, not at its first document
        assertEquals("annotator \"diffusion\": diffusion.drawLength = 'true' draws each sentence's length from the"
                + " lengths of the model's training rows, and model " + model + " records none (models trained before"
                + " 2026-12-06 do not): record them with `diffusion-nlp row-lengths --model DIR --corpus"
                + " ITS_TRAINING_CORPUS`, or leave diffusion.drawLength out",
                failure("diffusion", "diffusion.model", model.toString(), "diffusion.task", "generate",
                        "diffusion.replace", "false", "diffusion.drawLength", "true"));
        StanfordCoreNLP unset = new StanfordCoreNLP(props("diffusion", "diffusion.model", model.toString(),
                "diffusion.task", "generate", "diffusion.replace", "false", "diffusion.steps", "2", "diffusion.seed",
                "40", "diffusion.count", "10"));
        assertEquals(generated("diffusion.count", "10", "diffusion.drawLength", "false"),
                annotate(unset, "").get(DiffusionAnnotations.GeneratedSentences.class),
                "unset on a model without the record: the model chooses, as with false on the same weights");
    }
}
