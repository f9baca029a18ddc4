package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rewrite", mixinStandardHelpOptions = true,
        description = {"Read lines of whitespace-separated tokens from stdin; write each rewritten, same length:"
            + " every token not kept is noised (by --strength, through the learned warping) and denoised in the"
            + " context of the kept ones.",
            "Blank lines pass through."})
final class RewriteCommand extends TokenLinesCommand {
    @Option(names = "--strength", defaultValue = "0.5",
            description = "how far the input is noised, in (0, 1]: small changes little, 1 keeps nothing of the"
                    + " tokens not kept (default: ${DEFAULT-VALUE})")
    double strength;

    @Option(names = "--keep", defaultValue = "", paramLabel = "SPEC",
            description = "token indexes (0-based, comma-separated, e.g. 0,3,4) that stay verbatim; default none")
    String keep;

    private final TreeSet<Integer> kept = new TreeSet<>();

    @Override
    void validate() {
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("--strength " + strength + " is out of range; allowed: (0, 1]");
        }
        for (String part : keep.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.matches("\\d+")) {
                throw new IllegalArgumentException("--keep " + keep + ": '" + p + "' is not a token index."
                        + (p.matches("[A-Za-z]+") ? " Keeping UPOS classes needs POS tags, which plain token input"
                        + " lacks: use the OpenNLP Rewrite tool or the CoreNLP annotator's diffusion.keep." : ""));
            }
            kept.add(Integer.parseInt(p));
        }
    }

    @Override
    List<List<String>> process(DiffusionLM lm, List<List<String>> lines, SamplingOptions options) {
        List<boolean[]> keeps = new ArrayList<>();
        for (List<String> tokens : lines) {
            boolean[] k = new boolean[tokens.size()];
            for (int i : kept) {
                if (i < k.length) {
                    k[i] = true;
                }
            }
            keeps.add(k);
        }
        return lm.rewriteAll(lines, keeps, strength, options);
    }

    @Override
    String name() {
        return "rewrite";
    }
}
