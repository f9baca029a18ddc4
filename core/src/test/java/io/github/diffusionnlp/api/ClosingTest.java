package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Closing a thread-safe model while other threads call it waits for their calls (freeing arrays under a
 * running call crashed the JVM in PyTorch's native code), and a call after close says what is wrong.
 */
class ClosingTest {
    @Test
    void anAutoregressiveModelClosesAfterTheCallsInFlightAndThenSaysItIsClosed() throws Exception {
        AutoregressiveLM ar = AutoregressiveLM.load(TestModels.root().resolve("test-data/models/brown-ar"), null);
        List<List<String>> expected = ar.generate(8, 1.0, 3);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<List<String>>> inFlight = pool.submit(() -> ar.generate(8, 1.0, 3));
            Thread.sleep(50); // usually mid-call: generating 8 sentences takes longer
            ar.close();
            assertEquals(expected, inFlight.get(), "a call in flight when close came");
        } finally {
            pool.shutdownNow();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ar.generate(1, 1.0, 1));
        assertEquals("this AutoregressiveLM has been closed", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> ar.score(List.of(List.of("A", "day", "."))));
        assertEquals("this AutoregressiveLM has been closed", e.getMessage());
        ar.close(); // twice is fine
    }
}
