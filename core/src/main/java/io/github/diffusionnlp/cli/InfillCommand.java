package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "infill", mixinStandardHelpOptions = true,
        description = {"Read lines of whitespace-separated tokens from stdin; write each back with every [MASK]"
            + " replaced by one word and nothing else changed.",
            "Lines without [MASK] pass through unchanged; so do blank lines."})
final class InfillCommand extends TokenLinesCommand {
    @Override
    List<List<String>> process(DiffusionLM lm, List<List<String>> lines, SamplingOptions options) {
        return lm.infillAll(lines, options);
    }

    @Override
    String name() {
        return "infill";
    }
}
