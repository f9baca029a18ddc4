package io.github.diffusionnlp.opennlp.cmdline;

import static io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Rewrite -keep NOUN} on a line holding a {@code [MASK]} keeps the nouns of the line as its masks were filled,
 * not those of the masked line ("She [MASK] home early .": "home" a noun beside the mask, an adverb once it is
 * filled): the line is rewritten as its filled form is, line indexes kept as they count the line's tokens.
 */
class MaskedKeepToolTest {
    @Test
    void theKeptClassesOfAMaskedLineAreThoseOfItsFilledWords() throws IOException {
        String masked = "She [MASK] home early .";
        String filled;
        try (DiffusionModel model = DiffusionModel.loadDefault()) { // as a rewrite at these options fills it
            SamplingOptions fill = SamplingOptions.builder().steps(4).seed(11)
                    .temperature(SamplingOptions.SAMPLING_TEMPERATURE).build();
            filled = String.join(" ", model.getDiffusionLM().infillAll(List.of(List.of(masked.split(" "))), fill)
                    .get(0));
        }
        for (String keep : new String[] {"NOUN", "2,NOUN", "0,NOUN"}) {
            Run fromMasked = run(masked + "\n", "Rewrite", "-tokenized", "-keep", keep, "-steps", "4", "-seed", "11",
                    "-strength", "0.6");
            Run fromFilled = run(filled + "\n", "Rewrite", "-tokenized", "-keep", keep, "-steps", "4", "-seed", "11",
                    "-strength", "0.6");
            assertEquals(0, fromMasked.code(), fromMasked.stderr());
            assertEquals(fromFilled.out(), fromMasked.out(), keep + ": filled as " + filled);
        }
    }
}
