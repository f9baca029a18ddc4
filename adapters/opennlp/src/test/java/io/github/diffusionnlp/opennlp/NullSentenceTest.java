package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.SamplingOptions;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A null sentence given to {@code InfillerME} was "Cannot read the array length because "&lt;local9&gt;" is null" (a
 * local of the class's internals); it is "a sentence is null", as {@code RewriterME} says it.
 */
class NullSentenceTest {
    @Test
    void aNullSentenceIsSaidAsRewriterMeSaysIt() throws IOException {
        try (DiffusionModel model = DiffusionModel.load(TestModels.tinyModel())) {
            InfillerME infiller = new InfillerME(model, SamplingOptions.builder().steps(2).build());
            RewriterME rewriter = new RewriterME(model, SamplingOptions.builder().steps(2).build(), 0.5, KeepSpec.NONE);
            assertEquals("a sentence is null", assertThrows(NullPointerException.class,
                    () -> rewriter.rewrite((String[]) null)).getMessage());
            assertEquals("a sentence is null", assertThrows(NullPointerException.class,
                    () -> infiller.infill((String[]) null)).getMessage());
            assertEquals("a sentence is null", assertThrows(NullPointerException.class,
                    () -> infiller.infill(new String[][] {{"a", InfillerME.MASK}, null})).getMessage());
            assertEquals("a sentence is null", assertThrows(NullPointerException.class,
                    () -> infiller.suggest(null, 3)).getMessage());
        }
    }
}
