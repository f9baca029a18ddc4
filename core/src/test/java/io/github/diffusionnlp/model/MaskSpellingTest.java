package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The one rule of what looks like a mask but is not one: the front ends that refuse such a token (infill, OpenNLP's
 * Infill) ask {@link MaskSpelling#isMisspelt}; the CoreNLP annotator, which warns of a mask in another case from the
 * text, asks {@link MaskSpelling#isGlued} of each token, so that "[mask]" is not named twice. Only the front ends'
 * integration tests, which take minutes, covered it before: no quick run (nor the mutation profile) noticed a change.
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
        {"<mask>", false, -1, true},
        {"<Mask>.", false, -1, true},
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

    /**
     * Full-width brackets or letters (an East Asian input method's ［MASK］) were no mask and no word the front ends
     * named: the line came back with it unfilled and nothing said (found by an audit).
     */
    @Test
    void aMaskInFullWidthCharactersIsMisspelt() {
        assertTrue(MaskSpelling.isMisspelt("\uFF3BMASK\uFF3D"), "full-width brackets");
        assertTrue(MaskSpelling.isMisspelt("[\uFF2D\uFF21\uFF33\uFF2B]"), "full-width letters");
        assertTrue(MaskSpelling.isMisspelt("\uFF1Cmask\uFF1E"), "another model's mask, full width");
        assertFalse(MaskSpelling.isMisspelt("\uFF3B\u6CE8\uFF3D"), "full-width brackets around a word");
        assertFalse(MaskSpelling.isMisspelt("\uFB01ne"), "a ligature, changed by NFKC, holding no mask");
    }

    @Test
    void aMaskInAnotherCaseIsFoundPastCorrectOnes() {
        assertEquals(-1, MaskSpelling.inAnotherCase("The [MASK] of the [MASK] ."), "correct masks are masks");
        assertEquals(-1, MaskSpelling.inAnotherCase("no mask here"));
        assertEquals(4, MaskSpelling.inAnotherCase("The [mask] met ."));
        assertEquals(15, MaskSpelling.inAnotherCase("The [MASK] and [Mask] ."),
                "the first one in another case, not the first mask");
    }

    /** OpenNLP's TokenizerME splits [MASK] into three tokens; only the three in a row are the split mask. */
    @Test
    void aMaskSplitIntoThreeTokensIsFound() {
        assertEquals(1, MaskSpelling.splitAt(java.util.List.of("The", "[", "MASK", "]", "met", ".")));
        assertEquals(0, MaskSpelling.splitAt(java.util.List.of("[", "mask", "]")), "in any case");
        assertEquals(-1, MaskSpelling.splitAt(java.util.List.of("The", "[MASK]", "met")), "a mask is not split");
        assertEquals(-1, MaskSpelling.splitAt(java.util.List.of("[", "MASK")), "no closing bracket");
        assertEquals(-1, MaskSpelling.splitAt(java.util.List.of("[", "MASKS", "]", "MASK", "]")));
    }
}
