package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.sample.PlugAndPlay;
import io.github.diffusionnlp.sample.Schedule;
import io.github.diffusionnlp.train.TrainOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The library's messages write a refused number as its caller would, not as Java's Double.toString does. */
class NumberMessagesTest {
    private static String refusal(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void integralNumbersHaveNoTrailingPointZero() {
        assertEquals("guidance must be a number from 0 to 100 (0 ignores the constraints, 1 conditions plainly, above 1 pushes harder),"
                + " got -1", refusal(() -> new Constraints(null, null, -1)));
        assertEquals("temperature must be a number in [0, 1], got 2", refusal(() -> SamplingOptions.builder().temperature(2)));
        assertEquals("guidance must be a number from 0 to 100 (0 ignores the constraints, 1 conditions plainly, above 1 pushes harder),"
                + " got -3", refusal(() -> new Schedule(4, 0, 1, -3)));
        assertEquals("the steering weight (PlugAndPlay) must be a number >= 0 (0: no steering), got -2",
                refusal(() -> PlugAndPlay.of((x, sigma, generated) -> sigma, -2)));
    }

    @Test
    void otherNumbersKeepTheirShortestDigitsAndNonNumbersStayReadable() {
        assertEquals("strength must be a number in (0, 1] (more than 0, at most 1), got 1.5",
                refusal(() -> new Schedule(4, 0, 1.5, 1)));
        assertEquals("x0 temperature must be a finite number >= 0, got -0.00001",
                refusal(() -> SamplingOptions.builder().x0Temperature(-1e-5)));
        assertEquals("the n-gram weight must be a number from 0 to 100 (0: off), got NaN",
                refusal(() -> SamplingOptions.builder().ngramWeight(Double.NaN)));
        assertEquals("weight-average decay (averageDecay(...)) must be 0 (none) or in (0, 1), got 1",
                refusal(() -> TrainOptions.builder(Path.of("corpus"), Path.of("out")).averageDecay(1).build()));
    }
}
