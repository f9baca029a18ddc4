package io.github.diffusionnlp.evaluation;

import io.github.diffusionnlp.api.NativeHeap;
import io.github.diffusionnlp.api.OpenMpWaits;
import io.github.diffusionnlp.cli.CommandSuite;
import io.github.diffusionnlp.cli.JavaLocale;
import io.github.diffusionnlp.cli.Main;
import io.github.diffusionnlp.cli.Stdout;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar diffusion-nlp-evaluation.jar <command>}: evaluations of diffusion-nlp by independent judges. */
@Command(name = "diffusion-nlp-evaluation", mixinStandardHelpOptions = true,
        description = "Evaluations of diffusion-nlp models by judges that never saw their training data.",
        subcommands = {ConstraintsCommand.class, SteeringCommand.class, CommandLine.HelpCommand.class})
public final class EvaluationMain extends CommandSuite {
    public static void main(String[] args) {
        Stdout.useUtf8(); // Java 17 writes the locale's charset: '?' for every non-ASCII character under LANG=C
        JavaLocale.exitIfLost(args, 1);
        NativeHeap.keepFreedMemory(); // one job, then exit: keep freed memory for reuse
        OpenMpWaits.passive(); // before PyTorch's OpenMP starts: waiting threads sleep, not spin
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit code (tests call this; it never calls System.exit). */
    public static int run(String... args) {
        // OpenNLP warns, with a stack trace, that CoreNLP's XML parser lacks two hardening attributes
        // (it only reads the POS model's own feature-generator descriptor): keep that out of the log
        System.setProperty("org.slf4j.simpleLogger.log.opennlp.tools.util.XmlUtil", "error");
        return Main.execute(new EvaluationMain(), args);
    }
}
