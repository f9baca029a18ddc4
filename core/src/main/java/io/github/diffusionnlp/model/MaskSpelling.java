package io.github.diffusionnlp.model;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal: public for the front ends of this project (core's {@code infill}, the OpenNLP {@code Infill}
 * tool, the CoreNLP annotator); no compatibility promise. How the mask token must be written, and what looks
 * like it but is not one: only {@link Vocabulary#MASK} exactly, as a token of its own, is a mask. Anything
 * else ("[mask]", "[MASK].") passes through as an unknown word; the front ends name it rather than leave the
 * user wondering why it was not filled, and this is the one place that says what they look for.
 */
public final class MaskSpelling {
    private static final Pattern ANY_CASE_MASK = Pattern.compile(
            Pattern.quote(Vocabulary.MASK),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The mask of other models' vocabularies (RoBERTa's, BART's), in any case. */
    private static final Pattern ANGLE_MASK = Pattern.compile("<mask>",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private MaskSpelling() {}

    /**
     * Where {@code text} first writes the mask in another case ("[mask]", "[Mask]"), or -1. That is not a
     * mask and is left as it is.
     */
    public static int inAnotherCase(String text) {
        Matcher m = ANY_CASE_MASK.matcher(text);
        while (m.find()) {
            if (!m.group().equals(Vocabulary.MASK)) {
                return m.start();
            }
        }
        return -1;
    }

    /**
     * Whether a token holds the mask in capitals glued to other characters ("[MASK].", "([MASK])"): a tokenizer that
     * splits only at whitespace keeps them together. A mask in another case is {@link #inAnotherCase}'s.
     */
    public static boolean isGlued(String token) {
        return token.contains(Vocabulary.MASK) && !token.equals(Vocabulary.MASK);
    }

    /** Where {@code text} first writes another model's mask, {@code <mask>} in any case, or -1. */
    public static int inAngleBracketsAt(String text) {
        Matcher m = ANGLE_MASK.matcher(text);
        return m.find() ? m.start() : -1;
    }

    /** Whether a token holds another model's mask, {@code <mask>} in any case: this model's is {@code [MASK]}. */
    public static boolean isInAngleBrackets(String token) {
        return ANGLE_MASK.matcher(token).find();
    }

    /**
     * Where {@code tokens} hold the mask split into three tokens, {@code [}, {@code MASK} (any case), {@code ]}, or
     * -1: OpenNLP's {@code TokenizerME} splits {@code [MASK]} so, and the three are words, not a mask.
     */
    public static int splitAt(java.util.List<String> tokens) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if ("[".equals(tokens.get(i)) && "MASK".equalsIgnoreCase(tokens.get(i + 1))
                    && "]".equals(tokens.get(i + 2))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether a token holds a mask but is not one: glued to other characters ("[MASK].", "[MASK] ", a whole
     * untokenized sentence), in another case ("[mask]"), another model's ({@code "<mask>"}), or any of these in
     * compatibility characters (full-width ［MASK］, which an East Asian input method writes): what it is read as
     * in NFKC.
     */
    public static boolean isMisspelt(String token) {
        if (isGlued(token) || inAnotherCase(token) >= 0 || isInAngleBrackets(token)) {
            return true;
        }
        String compatible = Normalizer.normalize(token, Normalizer.Form.NFKC);
        return !compatible.equals(token) && (compatible.contains(Vocabulary.MASK) || inAnotherCase(compatible) >= 0
                || isInAngleBrackets(compatible));
    }
}
