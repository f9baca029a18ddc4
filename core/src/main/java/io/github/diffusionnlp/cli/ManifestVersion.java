package io.github.diffusionnlp.cli;

import picocli.CommandLine;

/**
 * {@code --version} of a picocli tool: its name and the {@link JarVersion} of the jar its command class came
 * from, then the Java it runs on.
 */
final class ManifestVersion implements CommandLine.IVersionProvider {
    private final String tool;
    private final JarVersion jar;

    ManifestVersion(String tool, JarVersion jar) {
        this.tool = tool;
        this.jar = jar;
    }

    /**
     * Gives {@code cli} and each of its subcommands without a version of their own this version, read
     * from the jar of {@code cli}'s command class: picocli gives a subcommand's {@code --version} (which
     * {@code mixinStandardHelpOptions} adds) nothing of its parent's, so {@code infill --version} printed
     * an empty line.
     */
    static void install(CommandLine cli) {
        install(cli, new ManifestVersion(cli.getCommandName(), JarVersion.of(cli.getCommand().getClass())));
    }

    private static void install(CommandLine command, ManifestVersion version) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.versionProvider() == null && spec.version().length == 0) {
            spec.versionProvider(version);
        }
        command.getSubcommands().values().forEach(sub -> install(sub, version));
    }

    @Override
    public String[] getVersion() {
        return new String[] {tool + " " + jar.version(), JarVersion.runtime()};
    }
}
