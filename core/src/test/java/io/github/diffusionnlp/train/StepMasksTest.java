package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.model.Vocabulary;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The masks a training step draws: their width, and that consecutive steps do not draw alike. */
class StepMasksTest {
    private static final int MAX_LENGTH = 64;

    @Test
    void rowsAreCutToTheLongestButEveryFullWidthStep() {
        int[][] ids = new int[20][MAX_LENGTH];
        for (int b = 0; b < ids.length; b++) {
            for (int i = 0; i < 5 + b; i++) {
                ids[b][i] = Vocabulary.PAD_ID + 7 + i;
            }
        }
        for (int step = 1; step <= 40; step++) {
            float[][] given = DiffusionStep.masks(ids, step, MAX_LENGTH, DiffusionStep.stepRandom(1, step));
            assertEquals(step % DiffusionStep.FULL_WIDTH_EVERY == 0 ? MAX_LENGTH : 24, given[0].length,
                    "width of step " + step);
        }
    }

    @Test
    void consecutiveStepsDrawDifferentMaskKindsForTheirFirstRow() {
        Set<ConditioningMask> kinds = EnumSet.noneOf(ConditioningMask.class);
        for (int step = 1; step <= 100; step++) {
            kinds.add(ConditioningMask.draw(DiffusionStep.stepRandom(1, step), 20, new float[MAX_LENGTH]));
        }
        // with the seed unmixed (new Random(seed * 1_000_003 + step)) row 0 drew SPANS at all 100 steps
        assertEquals(EnumSet.allOf(ConditioningMask.class), kinds, "mask kinds of row 0 over 100 steps");
    }
}
