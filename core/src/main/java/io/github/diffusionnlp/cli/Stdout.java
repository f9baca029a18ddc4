package io.github.diffusionnlp.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The standard output and error of this project's command-line tools: UTF-8 whatever the locale, and what
 * the line-writing tools (this CLI's and the OpenNLP tools') do when the program reading their output goes away.
 */
public final class Stdout {
    private Stdout() {}

    /**
     * Makes {@link System#out} and {@link System#err} write UTF-8; call first thing in a tool's {@code main}.
     * Java 17 encodes them by the locale's charset, so under {@code LANG=C} (a container's, a cron job's) every
     * character outside ASCII became {@code ?}: words of the model, paths, error messages that quote the input.
     * The tools read their input as UTF-8 and write their files as UTF-8; the console now matches. Autoflush as
     * Java's own streams, and unbuffered so that nothing printed is left behind at {@code System.exit}.
     */
    public static void useUtf8() {
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }

    /**
     * A UTF-8 writer on {@code stream}, for picocli's {@code setOut}/{@code setErr}: picocli's own writers
     * encode by {@code sun.stdout.encoding} or the default charset (ASCII under {@code LANG=C}), turning the
     * bytes of a UTF-8 {@link System#out} back into {@code ?}.
     */
    public static PrintWriter utf8Writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /**
     * Fails once a write to {@code out} has failed: its reader stopped ({@code | head}, a closed pipe).
     * A {@link PrintStream} only notes the error, and the tools went on sampling every remaining line
     * for no one (minutes to hours of a machine) and then exited 0.
     *
     * @param written what has been written, for the message ("input line 12", "40 sentences")
     */
    public static void requireOpen(PrintStream out, String written) {
        if (out.checkError()) {
            throw new IllegalStateException("standard output was closed after " + written
                    + " (the program reading it stopped); the rest was not computed");
        }
    }
}
