package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.train.TrainOptions;
import io.github.diffusionnlp.train.TrainOptions.Setting;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code train}'s options not given are left unsaid, so that {@code --resume} takes the checkpoint's: they had
 * picocli defaults, which a resumed run could not tell from values given, and trained with them.
 */
class TrainResumeOptionsTest {
    private static TrainOptions parsed(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command.args.options(true, false, 0);
    }

    @Test
    void optionsNotGivenAreLeftUnsaidAndGivenOnesSaid() {
        TrainOptions plain = parsed("--corpus", "c.tsv", "--out", "m", "--resume");
        assertEquals(Setting.MAY_BE_UNSAID, plain.unsaid());
        assertEquals(TrainOptions.DEFAULT_LEARNING_RATE, plain.learningRate(), "a new model's default");
        TrainOptions given = parsed("--corpus", "c.tsv", "--out", "m", "--resume", "--lr", "3e-4", "--batch", "16",
                "--steps", "200", "--seed", "3", "--vocab", "500", "--size", "tiny", "--length", "32", "--warmup", "5",
                "--dev", "d.tsv");
        assertEquals(EnumSet.noneOf(Setting.class), given.unsaid());
        assertEquals(3e-4, given.learningRate());
        assertEquals(16, given.batchSize());
    }

    @Test
    void theHelpSaysWhatResumeTakesFromTheCheckpoint() {
        String help = new CommandLine(new TrainCommand()).getUsageMessage();
        assertTrue(help.contains("resuming: the checkpoint's"), help);
        assertFalse(help.contains("${DEFAULT-VALUE}"), help);
    }
}
