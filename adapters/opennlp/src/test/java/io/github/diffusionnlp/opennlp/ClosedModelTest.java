package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.api.SamplingOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An OpenNLP user closes the {@link DiffusionModel}; the tools made on it then fail naming that, not the
 * library's DiffusionLM inside it, which they never handled.
 */
class ClosedModelTest {
    @Test
    void toolsOnAClosedModelSayTheDiffusionModelWasClosed() throws Exception {
        SamplingOptions options = SamplingOptions.builder().steps(2).build();
        DiffusionModel model = DiffusionModel.loadDefault();
        InfillerME infiller = new InfillerME(model, options);
        RewriterME rewriter = new RewriterME(model, options, 0.5, KeepSpec.NONE);
        GeneratorME generator = new GeneratorME(model, options);
        model.close();
        for (Executable call : List.<Executable>of(
                () -> infiller.infill(new String[] {"The", "[MASK]", "."}),
                () -> rewriter.rewrite(new String[] {"The", "dog", "."}),
                () -> generator.generate(1, 4),
                model::getDiffusionLM)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call);
            assertEquals("this DiffusionModel has been closed", e.getMessage());
        }
        model.close(); // twice is fine
    }
}
