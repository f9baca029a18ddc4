package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.cli.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The evaluation tool's {@code --help} names each option's value as evaluation/README.md writes it ({@code --n=N},
 * not picocli's {@code --n=<n>}), and an option name the same way as the core tool's commands do.
 */
class EvaluationHelpPlaceholdersTest {

    private static void walk(CommandLine command, List<String> found) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.arity().max() > 0) {
                found.add(command.getCommandSpec().qualifiedName() + " " + option.longestName() + "="
                        + option.paramLabel());
            }
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getParent() == command) {
                walk(sub, found);
            }
        }
    }

    @Test
    void noOptionShowsTheFieldNameAsItsValue() {
        List<String> options = new ArrayList<>();
        walk(new CommandLine(new EvaluationMain()), options);
        assertEquals(List.of(), options.stream().filter(o -> o.endsWith(">") && o.contains("=<")).toList(),
                String.join("\n", options));
    }

    /** --out (a directory, but evaluate's table file) and --keep (SPEC in rewrite, UPOS here) name two kinds. */
    @Test
    void anOptionNameHasTheLabelItHasInTheCoreTool() {
        List<String> options = new ArrayList<>();
        walk(new CommandLine(new EvaluationMain()), options);
        walk(new CommandLine(new Main()), options);
        Map<String, Set<String>> labels = new TreeMap<>();
        for (String option : options) {
            String nameAndLabel = option.substring(option.lastIndexOf(' ') + 1);
            int equals = nameAndLabel.indexOf('=');
            labels.computeIfAbsent(nameAndLabel.substring(0, equals), k -> new TreeSet<>())
                    .add(nameAndLabel.substring(equals + 1));
        }
        labels.values().removeIf(s -> s.size() < 2);
        labels.remove("--out");
        labels.remove("--keep");
        assertEquals(Map.of(), labels);
    }
}
