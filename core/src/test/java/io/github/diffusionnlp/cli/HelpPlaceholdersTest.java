package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * {@code --help} names each option's value as docs/cli.md writes it ({@code --batch=N}, {@code --model=DIR}), not
 * by picocli's default of the Java field's name ({@code --batch=<batch>}), and one option name the same way in
 * every command. Its helpers are public for the evaluation tool's own test ({@code EvaluationHelpPlaceholdersTest}).
 */
public class HelpPlaceholdersTest {

    /** Each option of every command under {@code root} that takes a value, as "command --name=LABEL". */
    public static List<String> optionsWithValues(CommandLine root) {
        List<String> found = new ArrayList<>();
        walk(root, found);
        return found;
    }

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

    /** The options among {@code options} whose value is still picocli's {@code <field>}. */
    public static List<String> fieldNamePlaceholders(List<String> options) {
        return options.stream().filter(o -> o.endsWith(">") && o.contains("=<")).toList();
    }

    /**
     * Option names given more than one label, with the labels, but for {@code --out}, a directory (DIR) but for
     * evaluate's table (FILE), and {@code --keep}, rewrite's indexes or classes (SPEC) and the constraints
     * evaluation's classes (UPOS): one name, two kinds of value.
     */
    public static Map<String, Set<String>> inconsistentLabels(List<String> options) {
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
        return labels;
    }

    @Test
    void noOptionOfAnyCommandShowsTheFieldNameAsItsValue() {
        List<String> options = optionsWithValues(new CommandLine(new Main()));
        assertEquals(List.of(), fieldNamePlaceholders(options), String.join("\n", options));
    }

    @Test
    void oneOptionNameHasOneLabelInEveryCommand() {
        assertEquals(Map.of(), inconsistentLabels(optionsWithValues(new CommandLine(new Main()))));
    }
}
