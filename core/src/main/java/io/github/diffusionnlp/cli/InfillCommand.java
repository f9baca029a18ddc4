package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.MaskSpelling;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "infill", mixinStandardHelpOptions = true,
        description = {"Read lines of whitespace-separated tokens from stdin; write each back with every [MASK]"
            + " replaced by one word and nothing else changed.",
            "Lines without [MASK] pass through unchanged; so do blank lines. A [MASK] must be a token of its own,"
            + " in capitals: one glued to punctuation ([MASK]. or ([MASK])) or written [mask] ends the run with"
            + " the line's number, after the lines before it are written."})
final class InfillCommand extends TokenLinesCommand {
    /**
     * A token that holds a mask but is not exactly {@link DiffusionLM#MASK} ("[MASK].", "([MASK])",
     * "[mask]") would pass through as an unknown word, the mask the user meant never filled and nothing
     * said; splitting it here would change the line's tokens and spacing, which infill promises to keep.
     */
    @Override
    void checkLine(List<String> tokens) {
        for (String token : tokens) {
            if (MaskSpelling.isMisspelt(token)) {
                throw new IllegalArgumentException("token '" + Visible.of(token) + "' is not a mask: a mask is the"
                        + " token " + DiffusionLM.MASK + " exactly, in capitals, with whitespace around it (write '"
                        + Visible.of(token.replaceAll("(?i)\\[MASK]|<MASK>", " " + DiffusionLM.MASK + " ").strip()
                                .replaceAll(" +", " ")) + "')");
            }
        }
    }

    @Override
    List<List<String>> process(DiffusionLM lm, List<List<String>> lines, SamplingOptions options) {
        return lm.infillAll(lines, options);
    }

    @Override
    String name() {
        return "infill";
    }
}
