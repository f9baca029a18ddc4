package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
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
     * A misspelt mask would pass through as an unknown word; splitting it here would change the line's tokens and
     * spacing, which infill promises to keep.
     */
    @Override
    void checkLine(List<String> tokens) {
        MisspeltMasks.refuse(tokens);
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
