package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An interrupted thread (CoreNLP's server interrupts a request that timed out) stops generating or
 * scoring at the next decoding step or scoring chunk, as DiffusionLM stops at its next sampling step,
 * keeps its interrupt, and the model serves the next call as before.
 */
class AutoregressiveLMInterruptTest {
    private static AutoregressiveLM ar;

    @BeforeAll
    static void load() throws Exception {
        ar = AutoregressiveLM.load(TestModels.root().resolve("test-data/models/brown-ar"), null);
    }

    @AfterAll
    static void close() {
        ar.close();
    }

    /** {@code generate} is a continuation of empty prefixes; a few words keep the test fast. */
    @Test
    void anInterruptedContinuationStopsAndTheModelServesOn() {
        assertStopsWhenInterrupted(() -> ar.continueAll(List.of(List.of(), List.of("He", "said")), 3, 1.0, 3),
                "interrupted while sampling");
    }

    @Test
    void anInterruptedScoreStopsAndTheModelServesOn() {
        List<List<String>> sentences = List.of(List.of("The", "day", "was", "long", "."), List.of("He", "left", "."));
        assertStopsWhenInterrupted(() -> ar.score(sentences), "interrupted while scoring");
    }

    private static <T> void assertStopsWhenInterrupted(Supplier<T> call, String message) {
        T expected = call.get();
        Thread.currentThread().interrupt();
        IllegalStateException e;
        try {
            e = assertThrows(IllegalStateException.class, call::get);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt was lost"); // and cleared for what follows
        }
        assertEquals(message, e.getMessage());
        assertEquals(IllegalStateException.class, e.getClass(), "an interrupt is no closed model: not retried");
        assertEquals(expected, call.get());
    }
}
