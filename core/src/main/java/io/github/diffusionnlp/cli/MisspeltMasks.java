package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.MaskSpelling;
import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The refusal of a token that holds a mask but is not exactly {@link DiffusionLM#MASK} ("[MASK].",
 * "([MASK])", "[mask]", "［MASK］"), for the commands that read masks from token lines ({@code infill},
 * {@code suggest}), and the warning of {@code rewrite}, which rewrites the line all the same: it would be read as an
 * unknown word, the mask the user meant never filled and nothing said.
 */
final class MisspeltMasks {
    private static final String MASK_ANY_WAY = "(?i)\\[MASK]|<MASK>";

    private MisspeltMasks() {}

    /** The token with its mask in plain characters: in NFKC where it is written in full-width ones (［MASK］). */
    private static String written(String token) {
        return Pattern.compile(MASK_ANY_WAY).matcher(token).find() ? token
                : Normalizer.normalize(token, Normalizer.Form.NFKC);
    }

    /** Refuses the first misspelt mask of a line, saying how to write it. */
    static void refuse(List<String> tokens) {
        String why = first(tokens);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
    }

    /**
     * What is wrong with the first misspelt mask of a line, and how to write it ("token '[mask]' is not a mask: ...
     * (write '[MASK]')"); null when the line has none. {@code rewrite} warns of it, as it rewrites the line all the
     * same.
     */
    static String first(List<String> tokens) {
        for (String token : tokens) {
            if (MaskSpelling.isMisspelt(token)) {
                return "token '" + Visible.of(token) + "' is not a mask: a mask is the"
                        + " token " + DiffusionLM.MASK + " exactly, in capitals, with whitespace around it (write '"
                        + Visible.of(written(token).replaceAll(MASK_ANY_WAY, " " + DiffusionLM.MASK + " ").strip()
                                .replaceAll(" +", " ")) + "')";
            }
        }
        return null;
    }
}
