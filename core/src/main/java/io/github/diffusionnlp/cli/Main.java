package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.NativeHeap;
import io.github.diffusionnlp.api.OpenMpWaits;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Numbers;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar diffusion-nlp.jar <command>}: the command-line tool of diffusion-nlp. */
@Command(name = "diffusion-nlp", mixinStandardHelpOptions = true,
        description = "Embedding diffusion language model (CDCD) on DJL: train, infill, generate.",
        subcommands = {PrepareBrownCommand.class, TrainCommand.class, GrowCommand.class, TrainArCommand.class,
            InfillCommand.class, SuggestCommand.class, RewriteCommand.class,
            GenerateCommand.class,
            InfoCommand.class, TagLexiconCommand.class, RowLengthsCommand.class, EvaluateCommand.class,
            BenchmarkCommand.class,
            LoadBenchmarkCommand.class, CompareArCommand.class,
            CommandLine.HelpCommand.class})
public final class Main extends CommandSuite {
    public static void main(String[] args) {
        Stdout.useUtf8(); // Java 17 writes the locale's charset: '?' for every non-ASCII character under LANG=C
        JavaLocale.exitIfLost(args, 1);
        NativeHeap.keepFreedMemory(); // a process that does one job and ends: keep freed memory for reuse
        OpenMpWaits.passive(); // before PyTorch's OpenMP starts: waiting threads sleep, not spin
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit code (for tests, which must not call System.exit). */
    public static int run(String... args) {
        return execute(new Main(), args);
    }

    /**
     * Runs a picocli command the way this project's tools run (this one and the evaluation tool): DJL
     * offline, headless charts, DJL's start-up notes hidden, {@code --version} (of every command) read
     * from the jar's manifest, and a failure as one line that says what
     * was wrong (the stack trace only with {@code DIFFUSION_NLP_DEBUG} set). Returns the exit code.
     */
    public static int execute(Object command, String... args) {
        ToolDefaults.offline();
        ToolDefaults.quietDjl();
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(command);
        cli.setOut(Stdout.utf8Writer(System.out)); // picocli's own writers encode by the locale ('?' under LANG=C)
        cli.setErr(Stdout.utf8Writer(System.err));
        ManifestVersion.install(cli);
        // picocli reads a whole number by Integer.valueOf, which takes any script's digits ('٣', '３' as 3): ASCII's
        // only, in its own words otherwise ("'x' is not an int"), as every front end reads them (Numbers.parseInt)
        cli.registerConverter(Integer.class, wholeNumber(Numbers::parseInt, "an int"));
        cli.registerConverter(Integer.TYPE, wholeNumber(Numbers::parseInt, "an int"));
        cli.registerConverter(Long.class, wholeNumber(Numbers::parseLong, "a long"));
        cli.registerConverter(Long.TYPE, wholeNumber(Numbers::parseLong, "a long"));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // the message may quote a token, a word or a path holding an ESC sequence: shown, not run
            commandLine.getErr().println("error: " + Visible.inMessage(message(e)));
            if (System.getenv("DIFFUSION_NLP_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        CommandLine.IParameterExceptionHandler stock = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, arguments) -> {
            if (e instanceof CommandLine.UnmatchedArgumentException unknown) {
                // another command's option (infill --length): one line naming its commands, not a typo's usage
                String elsewhere = OtherCommandsOptions.message(unknown.getCommandLine(), unknown.getUnmatched(),
                        List.of(arguments));
                if (elsewhere != null) {
                    unknown.getCommandLine().getErr().println("error: " + elsewhere);
                    return unknown.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
                }
            }
            // picocli quotes the bad argument ("Invalid value for option '--steps': '...' is not an int"), which may
            // hold an ESC sequence: shown, not run. Its own exception otherwise, for its "Did you mean" suggestions.
            String shown = Visible.inMessage(e.getMessage());
            return stock.handleParseException(shown.equals(e.getMessage()) ? e
                    : new CommandLine.ParameterException(e.getCommandLine(), shown, e), arguments);
        });
        cli.setExecutionStrategy(parseResult -> {
            rejectUnknownOptions(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cli.execute(args);
    }

    private static <T> CommandLine.ITypeConverter<T> wholeNumber(java.util.function.Function<String, T> parse,
            String kind) {
        return value -> {
            try {
                return parse.apply(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not " + kind
                        + (Numbers.hasOtherDigits(value) ? " " + Numbers.IN_ASCII_DIGITS : ""));
            }
        };
    }

    /**
     * picocli does not report unknown options when help or version is asked for ({@code infill --bogus
     * --help} printed the help and exited 0): a typo would go unseen. Every command line of the call
     * is checked here, so an unknown option ends the run as it does alone (message, usage, exit 2).
     */
    private static void rejectUnknownOptions(CommandLine.ParseResult parseResult) {
        for (CommandLine command : parseResult.asCommandLineList()) {
            java.util.List<String> unmatched = command.getParseResult().unmatched();
            if (!unmatched.isEmpty() && !command.isUnmatchedArgumentsAllowed()) {
                throw new CommandLine.UnmatchedArgumentException(command, unmatched);
            }
        }
    }

    /**
     * A failure as one line. Java's file-system exceptions often carry only the path ("error: /data/out" said
     * nothing of what went wrong with it), so those get their kind in words.
     */
    static String message(Exception e) {
        // Files.lines and stream walks wrap the file-system exception: its message is the cause's toString,
        // "java.nio.file.NoSuchFileException: /data/x"
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            return message(u.getCause());
        }
        if (e instanceof InvalidPathException p) { // "Malformed input ...: /m/corp?s.tsv" named neither cause nor cure
            return FileErrors.describe(p);
        }
        if (e instanceof FileSystemException f) { // its path written visibly, and its kind in words (Java's reason)
            return f.getReason() == null ? FileErrors.describe(f) : FileErrors.withCause(FileErrors.said(f), f);
        }
        if (e.getMessage() == null) {
            // a bug of this tool, not a mistake of the user's: a bare "java.lang.IllegalStateException" said neither
            return "unexpected " + e.getClass().getSimpleName() + " (a bug); run again with DIFFUSION_NLP_DEBUG=1"
                    + " set for the stack trace, and report it";
        }
        return FileErrors.withCause(e.getMessage(), e);
    }
}
