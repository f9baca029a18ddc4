package io.github.diffusionnlp.corenlp;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.model.MaskSpelling;
import java.text.Normalizer;

/**
 * Where a document's text writes a mask that is not one in characters other than ASCII's: in full-width ones
 * ("［ＭＡＳＫ］", as an East Asian input method writes it, which NFKC reads as the mask), or another model's
 * {@code <mask>} in any case. Core's {@code MaskSpelling.isMisspelt} reads a token so; the annotator reads the text,
 * as PTB's tokenizer splits the full-width mask into three tokens none of which looks like a mask. A mask in
 * ASCII in another case ("[mask]") is {@code MaskSpelling.inAnotherCase}'s.
 */
final class CompatibleMasks {
    private CompatibleMasks() {}

    /** The first such mask's start and end in {@code text}, or null. */
    static int[] first(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c > 0x7F) { // ASCII "[mask]" is inAnotherCase's; only "<" of ASCII starts one here
                int end = maskEnd(text, i);
                if (end > 0) {
                    return new int[] {i, end};
                }
            }
        }
        return null;
    }

    /** Where a mask read in NFKC from {@code from} ends, or -1. */
    private static int maskEnd(String text, int from) {
        StringBuilder read = new StringBuilder();
        int j = from;
        while (j < text.length() && read.length() < DiffusionLM.MASK.length()) {
            int cp = text.codePointAt(j);
            j += Character.charCount(cp);
            read.append(Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC));
        }
        String r = read.toString();
        // <mask> as core spells it; found at 0, it is the whole of r: its ">" ended the reading, and no character's
        // NFKC holds ">" beside another character
        boolean angle = MaskSpelling.inAngleBracketsAt(r) == 0;
        return angle || r.equalsIgnoreCase(DiffusionLM.MASK) && text.charAt(from) > 0x7F ? j : -1;
    }
}
