package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SentenceNaming;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "infill", mixinStandardHelpOptions = true,
        description = {"Read lines of whitespace-separated tokens from stdin; write each back with every [MASK]"
            + " replaced by one word and nothing else changed.",
            "Lines without [MASK] pass through unchanged; so do blank lines. A [MASK] must be a token of its own,"
            + " in capitals: one glued to punctuation ([MASK]. or ([MASK])) or written [mask] ends the run with"
            + " the line's number, after the lines before it are written.",
            "--sentiment (with --guidance, --lexical, --candidates) conditions the filled words, as generate's and"
            + " rewrite's."})
final class InfillCommand extends TokenLinesCommand {
    @Mixin
    ConstraintOptions constraintOptions;

    /** --pos and --unguided-length, of generate and rewrite, are refused here (see validate): out of the help. */
    @Spec
    void spec(CommandSpec spec) {
        ModelOptions.hideUnread(spec, "--pos", "--unguided-length");
    }

    @Override
    void validate() {
        constraintOptions.refuseLengthOptions("infill");
        constraintOptions.validate();
    }

    @Override
    void checkModel(DiffusionLM lm) {
        constraintOptions.checkModel(lm);
    }

    /**
     * A misspelt mask would pass through as an unknown word; splitting it here would change the line's tokens and
     * spacing, which infill promises to keep.
     */
    @Override
    void checkLine(List<String> tokens) {
        MisspeltMasks.refuse(tokens);
    }

    /**
     * Core's refusals name a line "input line 8" ({@link SentenceNaming}), as the per-line checks and rewrite's do;
     * none reaches core from the input read here (a mask written another way is refused by its line first, and tokens
     * are split as core splits them).
     */
    @Override
    List<List<String>> process(DiffusionLM lm, List<List<String>> lines, SamplingOptions options, int first) {
        return lm.infillAll(lines, constraintOptions.constraints(null), options,
                new SentenceNaming("input line", false, first + 1, 0));
    }

    /** Each line's stretches holding a mask, a row each ({@link DiffusionLM#infillRows}), times the candidates. */
    @Override
    long rows(DiffusionLM lm, List<List<String>> lines) {
        long rows = 0;
        for (List<String> line : lines) {
            rows += (long) lm.infillRows(line) * candidates();
        }
        return rows;
    }

    @Override
    int candidates() {
        return constraintOptions.candidates;
    }

    @Override
    String name() {
        return "infill";
    }
}
