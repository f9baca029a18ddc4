package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.NativeHeap;
import io.github.diffusionnlp.api.OpenMpWaits;
import io.github.diffusionnlp.cli.JarVersion;
import io.github.diffusionnlp.cli.JavaLocale;
import io.github.diffusionnlp.cli.Stdout;
import io.github.diffusionnlp.cli.ToolDefaults;
import io.github.diffusionnlp.corpus.Visible;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.cmdline.TerminateToolException;
import opennlp.tools.util.Version;

/**
 * {@code java -jar diffusion-nlp-opennlp.jar <Tool> [params] < in > out}: the command-line tools, in
 * the manner of OpenNLP's {@code opennlp} launcher (whose tool list is fixed, hence this launcher).
 * Results go to stdout; throughput ({@code PerformanceMonitor}), usage and messages to stderr. Exit
 * codes: 0 done, 1 bad parameters or unknown tool (with usage), 2 the run failed (message on stderr).
 */
public final class DiffusionNlpTool {
    private static final Map<String, CmdTool<?>> TOOLS = new LinkedHashMap<>();

    static {
        for (CmdTool<?> t : List.of(new InfillTool(), new SuggestTool(), new RewriteTool(), new GenerateTool(),
                new TrainTool(), new PackageTool(), new InfillEvaluatorTool())) {
            TOOLS.put(t.name(), t);
        }
    }

    private DiffusionNlpTool() {}

    /** The tools, in the order of the usage: what a tool names when it is given another's parameter. */
    static Collection<CmdTool<?>> tools() {
        return Collections.unmodifiableCollection(TOOLS.values());
    }

    public static void main(String[] args) {
        // System.err too: SLF4J's lines (DJL's, the model's) wrote the locale's charset, '?' under LANG=C
        Stdout.useUtf8();
        JavaLocale.exitIfLost(args, CmdTool.FAILED); // arguments decoded by a locale that is not UTF-8
        NativeHeap.keepFreedMemory(); // one job, then exit: keep freed memory for reuse
        OpenMpWaits.passive(); // before PyTorch's OpenMP starts: waiting threads sleep, not spin
        ToolDefaults.quietDjl();
        int code = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a tool on the given streams and returns the exit code (tests call this; it never exits). */
    public static int run(String[] args, InputStream in, OutputStream stdout, PrintStream err) {
        ToolDefaults.offline();
        PrintStream out = stdout instanceof PrintStream ps ? ps
                : new PrintStream(stdout, false, StandardCharsets.UTF_8);
        if (args.length == 0 || isHelp(args[0]) && args.length == 1) {
            out.println(usage());
            out.flush();
            return 0;
        }
        if (isHelp(args[0])) { // help Infill ...: Infill -help ..., so that what follows is checked as there
            String[] asked = args.clone();
            asked[0] = args[1];
            asked[1] = args[0];
            args = asked;
        }
        CmdTool<?> tool = TOOLS.get(args[0]);
        if (tool == null) {
            err.println("Tool " + Visible.of(args[0]) + " is not found.\n\n" + usage());
            return CmdTool.BAD_PARAMETERS;
        }
        String[] toolArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            // no parameters to a tool that needs some (Train, Package, InfillEvaluator): its usage, as OpenNLP's
            // launcher prints a tool's; "Missing mandatory parameter: -data" and exit code 1 greeted a first try
            // -help first, or after other parameters (Infill -steps 3 -help), the others checked beside it
            int help = toolArgs.length > 0 && isHelp(toolArgs[0]) ? 0 : tool.helpIndex(List.of(toolArgs));
            if (help >= 0 || toolArgs.length == 0 && tool.needsParameters()) {
                List<String> others = new ArrayList<>(List.of(toolArgs));
                if (help >= 0) {
                    others.remove(help);
                }
                out.println(toolArgs.length == 0 ? tool.help() : tool.helpBeside(others));
                out.flush();
                return 0;
            }
            tool.run(toolArgs, in, out, err);
            out.flush();
            return 0;
        } catch (TerminateToolException e) {
            out.flush();
            if (e.getMessage() != null) { // null: the tool has said why it ended (Train stopped by a signal)
                err.println(Visible.inMessage(e.getMessage())); // a quoted path or token's ESC shown, not run
            }
            if (e.getCause() != null && System.getenv("DIFFUSION_NLP_DEBUG") != null) {
                e.getCause().printStackTrace(err);
            }
            return e.getCode() == 0 ? 0 : Math.abs(e.getCode());
        } catch (IOException | RuntimeException e) {
            out.flush();
            err.println("error: " + Visible.inMessage(CmdTool.message(e)));
            if (System.getenv("DIFFUSION_NLP_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return CmdTool.FAILED;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("-help") || arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }

    /**
     * The tool list, under a banner that names this jar's version (its manifest's, {@link JarVersion}) and
     * OpenNLP's, as OpenNLP's own launcher opens its usage with "OpenNLP 2.5.11.": it has no version
     * option, so the usage (no arguments, {@code -help}, an unknown tool) is where its users look.
     */
    static String usage() {
        StringBuilder sb = new StringBuilder("diffusion-nlp OpenNLP tools "
                + JarVersion.of(DiffusionNlpTool.class).version()
                + " (OpenNLP " + Version.currentVersion() + "): embedding diffusion language model (CDCD)\n"
                + "Usage: java -jar diffusion-nlp-opennlp.jar <Tool> [params] < in > out\n"
                + "       java -jar diffusion-nlp-opennlp.jar <Tool> -help   (the tool's parameters)\n\nTools:\n");
        for (CmdTool<?> t : TOOLS.values()) {
            sb.append(String.format("  %-15s %s%n", t.name(), t.description()));
        }
        return sb.toString().stripTrailing();
    }
}
