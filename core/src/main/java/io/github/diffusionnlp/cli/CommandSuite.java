package io.github.diffusionnlp.cli;

import picocli.CommandLine;

/**
 * A tool made of subcommands (this CLI, the evaluation tool): run without one, it says that one is required
 * and picocli shows its usage (exit 2), rather than doing nothing.
 */
public abstract class CommandSuite implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
