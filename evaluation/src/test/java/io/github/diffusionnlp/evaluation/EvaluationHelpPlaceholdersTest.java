package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.cli.HelpPlaceholdersTest;
import io.github.diffusionnlp.cli.Main;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The evaluation tool's {@code --help} names each option's value as evaluation/README.md writes it ({@code --n=N},
 * not picocli's {@code --n=<n>}), and an option name the same way as the core tool's commands do: the core tool's
 * {@link HelpPlaceholdersTest} checks, over both tools.
 */
class EvaluationHelpPlaceholdersTest {

    @Test
    void noOptionShowsTheFieldNameAsItsValue() {
        List<String> options = HelpPlaceholdersTest.optionsWithValues(new CommandLine(new EvaluationMain()));
        assertEquals(List.of(), HelpPlaceholdersTest.fieldNamePlaceholders(options), String.join("\n", options));
    }

    /** --out (a directory, but evaluate's table file) and --keep (SPEC in rewrite, UPOS here) name two kinds. */
    @Test
    void anOptionNameHasTheLabelItHasInTheCoreTool() {
        List<String> options = new ArrayList<>(HelpPlaceholdersTest.optionsWithValues(
                new CommandLine(new EvaluationMain())));
        options.addAll(HelpPlaceholdersTest.optionsWithValues(new CommandLine(new Main())));
        assertEquals(Map.of(), HelpPlaceholdersTest.inconsistentLabels(options));
    }
}
