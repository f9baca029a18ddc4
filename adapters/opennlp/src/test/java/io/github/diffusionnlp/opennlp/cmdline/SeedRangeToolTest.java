package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.GeneratorME;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code -seed} takes every 64-bit seed, as core's {@code --seed} and CoreNLP's {@code diffusion.seed} do (a long):
 * OpenNLP's parser read it as an int and refused 3000000000 with its bare "Invalid argument: -seed 3000000000".
 */
class SeedRangeToolTest {
    @Test
    void aSeedPastAnIntIsTakenAsCoreTakesIt() throws Exception {
        Run r = DiffusionNlpToolTest.run("", "Generate", "-count", "1", "-length", "6", "-steps", "2", "-seed",
                "3000000000");
        assertEquals(0, r.code(), r.stderr());
        try (DiffusionModel model = DiffusionModel.loadDefault()) {
            SamplingOptions options = SamplingOptions.builder().steps(2).seed(3_000_000_000L).build();
            String[] s = new GeneratorME(model, options).generate(1, 6)[0];
            assertEquals(List.of(String.join(" ", s)), r.lines());
        }
    }

    @Test
    void aSeedThatIsNoWholeNumberIsRefusedNamingIt() {
        for (String bad : new String[] {"x", "1.5", "9223372036854775808"}) {
            Run r = DiffusionNlpToolTest.run("", "Generate", "-count", "1", "-seed", bad);
            assertEquals(1, r.code(), r.stderr());
            assertTrue(r.stderr().startsWith("-seed " + bad + " is not a whole number; allowed: an integer"),
                    r.stderr());
        }
    }
}
