package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code rewrite} reads a mask written another way ("[mask]", "&lt;mask&gt;", a full-width "［MASK］", "[MASK]." glued)
 * as an unknown word, which a light rewrite keeps as it was: the mask the user meant was never filled and nothing
 * said so, where {@code infill} names such a token. Rewrite still rewrites the line, and says on stderr which token
 * of which input line is no mask (audit h204).
 */
@Isolated
class RewriteMaskLookAlikeTest {
    private static final String MODEL = TestModels.shippedModel().toString();

    @Test
    void aMaskLookAlikeIsNamedByItsInputLineAndTheLineIsStillRewritten() {
        Run r = MainTest.run("The cat sat on the mat .\nHe went to the [mask] .\n\nShe saw a \uFF3BMASK\uFF3D there ,"
                + " and a <mask> .\n", "rewrite", "--model", MODEL, "--steps", "2", "--strength", "0.05");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.out().split("\n", -1).length - 1, r.out());
        assertTrue(r.err().contains("warning: input line 2: token '[mask]' is not a mask: a mask is the token [MASK]"
                + " exactly, in capitals, with whitespace around it (write '[MASK]'); the line is rewritten with it as"
                + " a word"), r.err());
        assertTrue(r.err().contains("warning: input line 4: token '\uFF3BMASK\uFF3D' is not a mask"), r.err());
        assertFalse(r.err().contains("input line 1:"), r.err());
    }

    /** With --tagged the word is what is read: "[MASK]_NOUN" is the mask, tagged; "[mask]_NOUN" is not. */
    @Test
    void aTaggedMaskIsAMaskAndATaggedLookAlikeIsNamed() {
        Run r = MainTest.run("He_PRON went_VERB to_ADP the_DET [MASK]_NOUN ._PUNCT\nHe_PRON saw_VERB a_DET"
                + " [mask]_NOUN ._PUNCT\n", "rewrite", "--model", MODEL, "--steps", "2", "--tagged");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("input line 1:"), r.err());
        assertTrue(r.err().contains("warning: input line 2: token '[mask]' is not a mask"), r.err());
    }
}
