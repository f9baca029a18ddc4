package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.corpus.Listed;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An unknown option that another command of the same tool takes ({@code infill --length 5}: generate's), said as
 * such in one line. picocli said only "Unknown option: '--length'" and printed the whole usage, as for a typo. The
 * commands are found by walking the tool's command specs; an option a command hides (one it takes but refuses or
 * never reads, {@code ModelOptions.hideUnread}) is not named as that command's.
 */
final class OtherCommandsOptions {
    private OtherCommandsOptions() {
    }

    /**
     * The message for {@code unmatched}, the arguments {@code command} did not match, when each option among them
     * (the rest taken for their values) is an option of another command of the tool and none of this one's; null
     * otherwise (a typo, a stray argument), for picocli's own message with its "Did you mean" suggestions.
     * {@code args}: the whole command line, for the call an option before any command is told to write again.
     */
    static String message(CommandLine command, List<String> unmatched, List<String> args) {
        if (unmatched.isEmpty() || !looksLikeOption(unmatched.get(0))) {
            return null;
        }
        CommandSpec spec = command.getCommandSpec();
        Map<String, List<String>> takers = new LinkedHashMap<>();
        for (String argument : unmatched) {
            if (!looksLikeOption(argument)) {
                continue; // the value of the option before it
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (spec.optionsMap().containsKey(name)) {
                return null;
            }
            List<String> commands = commandsTaking(spec.root(), spec, name, new ArrayList<>());
            if (commands.isEmpty()) {
                return null;
            }
            takers.putIfAbsent(name, commands);
        }
        if (spec.parent() == null) {
            return beforeAnyCommand(spec, unmatched, takers, args);
        }
        String pointer = " (" + spec.qualifiedName() + " --help lists " + spec.name() + "'s options)";
        if (takers.size() == 1) {
            Map.Entry<String, List<String>> only = takers.entrySet().iterator().next();
            return only.getKey() + " is not an option of " + spec.name() + "; it is " + inWords(only.getValue())
                    + pointer;
        }
        List<String> each = new ArrayList<>();
        takers.forEach((name, commands) -> each.add(name + " is " + inWords(commands)));
        return Listed.of(List.copyOf(takers.keySet())) + " are not options of " + spec.name() + "; "
                + String.join(", ", each) + pointer;
    }

    /**
     * Options written before any command ({@code diffusion-nlp --length 5}): the call again with the command first
     * (each argument quoted for a shell, as {@link Visible} shows it), naming it when one command takes them all and
     * listing the candidates when several do; when the user named one that takes them all after them ({@code
     * diffusion-nlp --length 5 generate --count 2}), the call is {@code args} with that command moved first.
     */
    private static String beforeAnyCommand(CommandSpec root, List<String> unmatched,
            Map<String, List<String>> takers, List<String> args) {
        String names = Listed.of(List.copyOf(takers.keySet()));
        Set<String> common = new LinkedHashSet<>(takers.values().iterator().next());
        takers.values().forEach(common::retainAll);
        if (common.isEmpty()) {
            List<String> each = new ArrayList<>();
            takers.forEach((name, commands) -> each.add(name + " is " + inWords(commands)));
            return names + " are options of commands, not of " + root.name() + " itself, and no command takes "
                    + (takers.size() == 2 ? "both" : "them all") + ": " + String.join(", ", each) + " ("
                    + root.name() + " --help lists the commands)";
        }
        String head = takers.size() == 1 ? names + " is an option of a command" : names + " are options of a command";
        String first = head + ", not of " + root.name() + " itself: write the command first, " + root.name() + " ";
        for (int i = 0; i < args.size(); i++) {
            if (root.subcommands().containsKey(args.get(i))) { // the command the user named after them
                if (!common.contains(args.get(i))) {
                    break;
                }
                List<String> rest = new ArrayList<>(args);
                rest.remove(i);
                return first + args.get(i) + " " + shellWords(rest);
            }
        }
        String call = shellWords(unmatched);
        return common.size() == 1 ? first + common.iterator().next() + " " + call
                : first + "COMMAND " + call + ", COMMAND being " + Listed.or(List.copyOf(common));
    }

    /** The user's arguments as a shell reads them back, each shown, not run, in the terminal ({@link Visible}). */
    private static String shellWords(List<String> arguments) {
        return String.join(" ", arguments.stream().map(a -> ShellQuoted.of(Visible.of(a))).toList());
    }

    /** The commands under {@code parent} but {@code asked} that take {@code name} and do not hide it, in order. */
    private static List<String> commandsTaking(CommandSpec parent, CommandSpec asked, String name,
            List<String> found) {
        Set<CommandSpec> seen = new LinkedHashSet<>(); // a command's aliases map to it again
        for (CommandLine sub : parent.subcommands().values()) {
            CommandSpec command = sub.getCommandSpec();
            if (!seen.add(command)) {
                continue;
            }
            OptionSpec option = command.optionsMap().get(name);
            if (command != asked && option != null && !option.hidden()) {
                found.add(command.qualifiedName().substring(command.root().name().length()).strip());
            }
            commandsTaking(command, asked, name, found);
        }
        return found;
    }

    /** An option, not a value: {@code -5} and {@code -.5} are numbers. */
    private static boolean looksLikeOption(String argument) {
        return argument.length() > 1 && argument.charAt(0) == '-' && !Character.isDigit(argument.charAt(1))
                && argument.charAt(1) != '.';
    }

    /** {@code generate's}, {@code train's and generate's}, {@code train's, train-ar's and generate's}. */
    private static String inWords(List<String> commands) {
        return Listed.of(commands.stream().map(c -> c + "'s").toList());
    }
}
