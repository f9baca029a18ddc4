package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The calls that weigh a request before it is sampled ({@code infillRows}, {@code rewriteRows}, {@code
 * drawsFreeLengths}) refuse a missing argument as the sampling calls do: a NullPointerException naming it, not one
 * from deep inside, and not a count for a sentence with a null token, which infill itself refuses.
 */
class RowCountArgumentsTest {
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    @Test
    void aMissingArgumentOfTheRowCountsIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> lm.infillRows(null));
        assertEquals("tokens", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> lm.rewriteRows(null, null, Constraints.none()));
        assertEquals("tokens", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> lm.rewriteRows(List.of("a", "."), null, null));
        assertEquals("constraints (Constraints.none() for none)", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> lm.drawsFreeLengths(null));
        assertEquals("options (SamplingOptions.defaults() for the defaults)", e.getMessage());
    }

    @Test
    void aNullTokenIsNamedAsInfillNamesIt() {
        List<String> tokens = Arrays.asList("The", null, "[MASK]", ".");
        NullPointerException infill = assertThrows(NullPointerException.class,
                () -> lm.infill(tokens, SamplingOptions.defaults()));
        assertEquals("token 1 is null", infill.getMessage());
        NullPointerException e = assertThrows(NullPointerException.class, () -> lm.infillRows(tokens));
        assertEquals(infill.getMessage(), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> lm.rewriteRows(tokens, null, Constraints.none()));
        assertEquals(infill.getMessage(), e.getMessage());
    }

    @Test
    void theCountsOfWellFormedSentencesStayAsTheyWere() {
        List<String> tokens = List.of("The", "[MASK]", "was", "late", ".");
        assertEquals(1, lm.infillRows(tokens));
        assertEquals(0, lm.infillRows(List.of("The", "dog", ".")));
        assertEquals(2, lm.rewriteRows(tokens, null, Constraints.none()));
        assertEquals(1, lm.rewriteRows(List.of("The", "dog", "."), new boolean[] {true, false, true},
                Constraints.none()));
    }

    /** A list of tags or indexes that is missing is named, not Guava's message-less NullPointerException. */
    @Test
    void aMissingListOfItemsIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Constraints.listItems(null));
        assertEquals("list (of UPOS tags or token indexes)", e.getMessage());
    }
}
