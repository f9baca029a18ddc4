package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Progress;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import picocli.CommandLine;

/**
 * {@code rewrite} under a POS template guided alone ({@code --pos} with {@code --guidance}, no {@code --sentiment})
 * gives its whole batch, blank lines among it, to core in one call: core gives an empty sentence without a template
 * back empty, sampling nothing and refusing nothing of it. The command split its batch into the runs of lines between
 * blank lines, a call each, so a refusal of a later run came after the earlier runs were sampled (audit h213).
 */
@Isolated
class RewriteBlankLinesTest {
    private static final String MODEL = TestModels.shippedModel().toString();

    /**
     * The words are those the runs between blank lines were given before (recorded from the command as it was): each
     * line keeps the seed of its place in the input.
     */
    @Test
    void aBatchWithBlankLinesGivesTheWordsTheRunsGave() {
        String input = "The dog barked at the mailman .\n\nA cat sat on the mat .\nIt rained .\n\n\nWe left early .\n";
        Run template = MainTest.run(input, "rewrite", "--model", MODEL, "--steps", "4", "--seed", "11", "--pos",
                "DET NOUN VERB ADV PUNCT", "--guidance", "2");
        assertEquals(0, template.code(), template.err());
        assertEquals("The maid came nearer .\n\nA door looked by .\nThe rained died back .\n\n\n"
                + "No girl acts vigorously .\n", template.out(), template.out());
        String tagged = "The_DET dog_NOUN barked_VERB ._PUNCT\n\nA_DET cat_NOUN sat_VERB on_ADP it_PRON ._PUNCT\n"
                + "\n\nHe_PRON left_VERB ._PUNCT\n";
        Run own = MainTest.run(tagged, "rewrite", "--model", MODEL, "--steps", "4", "--seed", "5", "--tagged",
                "--pos", "keep", "--guidance", "3", "--strength", "0.8");
        assertEquals(0, own.code(), own.err());
        assertEquals("The man answered .\n\nthe doctor pointed upon them .\n\n\nHe sighed .\n", own.out(), own.out());
    }

    /**
     * A line core refuses (a token holding a space: one the command's reading never gives, every refusal its input
     * can meet being checked a line at a time first) is refused before any line of the batch is sampled: the progress
     * the call reports to is never started. The line before the blank one was sampled first.
     */
    @Test
    void aRefusalOfALaterLineComesBeforeAnyLineIsSampled() throws Exception {
        RewriteCommand command = new RewriteCommand();
        new CommandLine(command).parseArgs("--model", MODEL, "--pos", "DET NOUN", "--guidance", "3");
        command.validate();
        AtomicInteger started = new AtomicInteger();
        Progress progress = new Progress() {
            @Override
            public void reset(String message, long max, String trailing) {
                started.incrementAndGet();
            }

            @Override
            public void start(long initialProgress) {
                started.incrementAndGet();
            }

            @Override
            public void end() {}

            @Override
            public void increment(long increment) {
                started.incrementAndGet();
            }

            @Override
            public void update(long progress, String message) {
                started.incrementAndGet();
            }
        };
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            command.checkModel(lm);
            // the batch of input lines 7 to 9 (0-based 6 to 8)
            SamplingOptions options = SamplingOptions.builder().steps(1).optProgress(progress).build().startingAt(6);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> command.process(lm,
                    List.of(List.of("a", "b"), List.of(), List.of("c d")), options, 6));
            assertTrue(e.getMessage().startsWith("token 0 of input line 9, 'c d', holds whitespace"), e.getMessage());
            assertEquals(0, started.get(), "nothing is sampled before the refusal");
        }
    }
}
