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
 * A refusal core raises of a whole {@code rewrite} or {@code infill} batch names the sentence by its input line, as
 * the per-line checks do ("input line 8"), not by its place in the batch ("sentence 1"). No real input reaches one
 * (every refusal the commands' input could meet is checked a line at a time first, a mask written another way
 * included; core gives a blank line under --pos guided alone back blank, refusing nothing of it; tokens are split as
 * core splits them, and infill takes no --pos), so the batch here is one the commands' reading would never give: a
 * token holding a space (audits h204, h219).
 */
class BatchNamingTest {
    @Test
    void aRefusalOfARewriteBatchNamesTheInputLine() throws Exception {
        assertRefusalNamesInputLine8(new RewriteCommand(), List.of("a", "b"));
    }

    @Test
    void aRefusalOfAnInfillBatchNamesTheInputLine() throws Exception {
        assertRefusalNamesInputLine8(new InfillCommand(), List.of("a", "[MASK]"));
    }

    /** {@code command} given the batch of input lines 7 ({@code line7}) and 8, whose token 0 holds a space. */
    private static void assertRefusalNamesInputLine8(TokenLinesCommand command, List<String> line7) throws Exception {
        new CommandLine(command).parseArgs("--model", TestModels.shippedModel().toString());
        command.validate();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            command.checkModel(lm);
            // the batch of input lines 7 and 8 (0-based 6 and 7)
            SamplingOptions options = SamplingOptions.builder().steps(1).build().startingAt(6);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> command.process(lm, List.of(line7, List.of("c d")), options, 6));
            assertTrue(e.getMessage().startsWith("token 0 of input line 8, 'c d', holds whitespace"), e.getMessage());
        }
    }
}
