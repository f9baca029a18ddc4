package io.github.diffusionnlp.opennlp.cmdline;

import static io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import org.junit.jupiter.api.Test;

/**
 * The {@code Rewrite} tool reads a mask written another way ("[mask]", "&lt;mask&gt;", a full-width "［MASK］",
 * "[MASK]." glued under {@code -tokenized}) as a word, which a light rewrite keeps as it was: the mask the user meant
 * was never filled and nothing said so, where {@code Infill} names such a token. It still rewrites the line, and
 * names the line and the token on stderr, as {@code Infill} does (audit h207).
 */
class RewriteMaskLookAlikeToolTest {
    @Test
    void aMaskLookAlikeIsNamedByItsLineAndTheLineIsStillRewritten() {
        Run tokenized = run("The cat sat on the mat .\nHe went to the [mask] .\n\nShe said [MASK]. and left .\n",
                "Rewrite", "-tokenized", "-steps", "1", "-strength", "0.05");
        assertEquals(0, tokenized.code(), tokenized.stderr());
        assertEquals(4, tokenized.lines().size(), tokenized.out());
        assertTrue(tokenized.stderr().contains("line 2: '[mask]' is not a mask and is rewritten as a word: a mask is"
                + " [MASK] in capitals, a token of its own"), tokenized.stderr());
        assertTrue(tokenized.stderr().contains("line 4: '[MASK].' is not a mask and is rewritten as a word"),
                tokenized.stderr());
        assertFalse(tokenized.stderr().contains("line 1:"), tokenized.stderr());
        assertEquals(6, tokenized.lines().get(1).split(" ").length, "rewritten, the look-alike a word: "
                + tokenized.out());
        Run raw = run("She saw the \uFF3BMASK\uFF3D today.\nHe went to the <mask>.\nThe [mask] sat. He [MASK].\n",
                "Rewrite", "-steps", "1", "-strength", "0.05");
        assertEquals(0, raw.code(), raw.stderr());
        assertEquals(3, raw.lines().size(), raw.out());
        assertTrue(raw.stderr().contains("line 1: '\uFF3BMASK\uFF3D' is not a mask and is rewritten as a word"),
                raw.stderr());
        assertTrue(raw.stderr().contains("line 2: '<mask>' is not a mask and is rewritten as a word"), raw.stderr());
        assertTrue(raw.stderr().contains("line 3: '[mask]' is not a mask and is rewritten as a word"), raw.stderr());
        assertFalse(raw.lines().get(2).contains("[MASK]"), "the real mask is filled: " + raw.out());
        assertFalse(run("He said [MASK].\n", "Rewrite", "-steps", "1").stderr().contains("not a mask"),
                "raw text: [MASK] glued to a full stop is a mask");
    }

    /**
     * A blank line, or one of spacing alone, under a template guided alone ({@code -guidance} without
     * {@code -sentiment}) passes through as blank lines do; core's CLI refused the whole batch there (46c7df3a).
     */
    @Test
    void aBlankLineUnderATemplateGuidedAlonePassesThrough() {
        for (String template : new String[] {"keep", "DET NOUN VERB PUNCT"}) {
            Run r = run("The cat sat .\n\n\u00A0\u00A0\nA dog ran .\n", "Rewrite", "-tokenized", "-steps", "1",
                    "-posTemplate", template, "-guidance", "3");
            assertEquals(0, r.code(), template + ": " + r.stderr());
            assertEquals(4, r.lines().size(), template + ": " + r.out());
            assertEquals("", r.lines().get(1), template + ": " + r.out());
            assertEquals("\u00A0\u00A0", r.lines().get(2), template + ": " + r.out());
            assertEquals(4, r.lines().get(3).split(" ").length, template + ": " + r.out());
        }
        Run raw = run("The cat sat.\n\nA dog ran.\n", "Rewrite", "-steps", "1", "-posTemplate", "keep", "-guidance",
                "3");
        assertEquals(0, raw.code(), raw.stderr());
        assertEquals(3, raw.lines().size(), raw.out());
        assertEquals("", raw.lines().get(1), raw.out());
    }
}
