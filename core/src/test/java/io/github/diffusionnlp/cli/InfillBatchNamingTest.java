package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A refusal core raises of a whole {@code infill} batch names the sentence by its input line, as the per-line checks
 * and {@code rewrite}'s batch do ("input line 8", {@link RewriteBatchNamingTest}), not by its place in the batch
 * ("sentence 1"). No real input reaches one (a mask written another way is refused a line at a time first, tokens are
 * split as core splits them, and infill takes no --pos), so the batch here is one the command's reading would never
 * give: a token holding a space (audit h219).
 */
class InfillBatchNamingTest {
    @Test
    void aRefusalOfTheBatchNamesTheInputLine() throws Exception {
        InfillCommand command = new InfillCommand();
        new CommandLine(command).parseArgs("--model", TestModels.shippedModel().toString());
        command.validate();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            command.checkModel(lm);
            // the batch of input lines 7 and 8 (0-based 6 and 7)
            SamplingOptions options = SamplingOptions.builder().steps(1).build().startingAt(6);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> command.process(lm, List.of(List.of("a", "[MASK]"), List.of("c d")), options, 6));
            assertTrue(e.getMessage().startsWith("token 0 of input line 8, 'c d', holds whitespace"), e.getMessage());
        }
    }
}
