package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The one rule of what looks like a mask but is not one: the front ends that refuse such a token (infill, OpenNLP's
 * Infill) ask {@link MaskSpelling#isMisspelt}; the CoreNLP annotator, which warns of a mask in another case from the
 * text, asks {@link MaskSpelling#isGlued} of each token, so that "[mask]" is not named twice.
 */
class MaskSpellingTest {
    /** token, glued, in another case (its index), misspelt. */
    private static final Object[][] CASES = {
        {"[MASK]", false, -1, false},
        {"[MASK].", true, -1, true},
        {"([MASK])", true, -1, true},
        {"[mask]", false, 0, true},
        {"[Mask].", false, 0, true},
        {"[MASK][mask]", true, 6, true},
        {"mask", false, -1, false},
        {"", false, -1, false},
    };

    @Test
    void aMisspeltMaskIsGluedOrInAnotherCase() {
        for (Object[] c : CASES) {
            String token = (String) c[0];
            assertEquals(c[1], MaskSpelling.isGlued(token), token);
            assertEquals(c[2], MaskSpelling.inAnotherCase(token), token);
            assertEquals(c[3], MaskSpelling.isMisspelt(token), token);
        }
    }
}
