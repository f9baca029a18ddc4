package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import java.io.PrintStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A model whose construction fails part way leaves no request-batching lane running: the caller gets an
 * exception and no {@link DiffusionLM} to close, so nothing else would ever stop them.
 */
class FailedBuildTest {
    private static final String LANE = "diffusion-nlp-batcher";

    /**
     * The constructor's last step that can fail without a broken model is its log line ("diffusion-nlp: model
     * ..."): slf4j-simple writes it to {@code System.err}, which here throws, as a logging backend may.
     */
    @Test
    void aBuildThatFailsLateStartsNoBatchingLane() {
        long lanesBefore = runningLanes();
        PrintStream err = System.err;
        System.setErr(TestModels.logKillingAfter("diffusion-nlp: model"));
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DiffusionLM.builder()
                    .optModel(TestModels.tinyModel()).optBatching(8, Duration.ofMillis(1), 2).build());
            assertEquals("killed after diffusion-nlp: model", e.getMessage());
        } finally {
            System.setErr(err);
        }
        assertEquals(lanesBefore, runningLanes(), "a failed build left batching lanes running");
    }

    private static long runningLanes() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(LANE) && t.isAlive())
                .count();
    }
}
