package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * close() waits for the calls in flight, so called from inside one (here a steering scorer, which runs
 * within the call on the caller's thread) it would wait for itself forever: it fails instead, saying so,
 * and the model stays open.
 */
class CloseFromInsideACallTest {
    @Test
    void closeInsideACallFailsInsteadOfWaitingForItself() throws Exception {
        DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(0, Duration.ZERO).build();
        AtomicReference<RuntimeException> fromClose = new AtomicReference<>();
        Constraints closing = Constraints.none().withSteering(PlugAndPlay.of((x, sigma, generated) -> {
            try {
                lm.close();
            } catch (RuntimeException e) {
                fromClose.compareAndSet(null, e);
            }
            return x.sum(new int[] {1, 2});
        }, 1));
        SamplingOptions options = SamplingOptions.builder().steps(2).length(4).build();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> lm.generate(1, closing, options),
                "close() inside a call waited for itself");
        assertTrue(fromClose.get() instanceof IllegalStateException, String.valueOf(fromClose.get()));
        assertTrue(fromClose.get().getMessage().startsWith("close() was called from inside a call of this DiffusionLM"),
                fromClose.get().getMessage());
        assertEquals(1, lm.generate(1, options).size(), "the model is still open");
        lm.close();
        assertThrows(IllegalStateException.class, () -> lm.generate(1, options));
    }
}
