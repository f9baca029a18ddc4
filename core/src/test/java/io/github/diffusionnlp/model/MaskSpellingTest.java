package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What the three front ends (infill, the OpenNLP tool, the CoreNLP annotator) name as a mask written
 * otherwise: only their integration tests covered it, which take minutes, so no quick run noticed a change.
 */
class MaskSpellingTest {
    @Test
    void onlyTheMaskItselfIsNotMisspelt() {
        assertFalse(MaskSpelling.isMisspelt(Vocabulary.MASK));
        assertFalse(MaskSpelling.isMisspelt("committee"), "a word holding no mask is just a word");
        assertFalse(MaskSpelling.isMisspelt("MASK"), "the brackets make the mask");
        assertTrue(MaskSpelling.isMisspelt("[mask]"));
        assertTrue(MaskSpelling.isMisspelt("[Mask]"));
        assertTrue(MaskSpelling.isMisspelt("[MASK]."), "glued to punctuation");
        assertTrue(MaskSpelling.isMisspelt("([MASK])"));
    }

    @Test
    void aMaskInAnotherCaseIsFoundPastCorrectOnes() {
        assertEquals(-1, MaskSpelling.inAnotherCase("The [MASK] of the [MASK] ."), "correct masks are masks");
        assertEquals(-1, MaskSpelling.inAnotherCase("no mask here"));
        assertEquals(4, MaskSpelling.inAnotherCase("The [mask] met ."));
        assertEquals(15, MaskSpelling.inAnotherCase("The [MASK] and [Mask] ."),
                "the first one in another case, not the first mask");
    }
}
