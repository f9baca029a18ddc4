package io.github.diffusionnlp.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
     * The tools read their input as UTF-8 and write their files as UTF-8; the console now matches. Each line is
     * written when it ends, as Java's own autoflush streams write it, but in one write ({@link #utf8}); what is left
     * without a line end is written at exit (a shutdown hook, which {@code System.exit} runs too).
     */
    public static synchronized void useUtf8() {
        System.setOut(utf8(new FileOutputStream(FileDescriptor.out)));
        System.setErr(utf8(new FileOutputStream(FileDescriptor.err)));
        if (!flushesAtExit) { // System.exit, the end of main, an uncaught exception: what is left is written
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.flush();
                System.err.flush();
            }, "flush stdout and stderr"));
            flushesAtExit = true;
        }
    }

    private static boolean flushesAtExit;

    /**
     * The stream {@link #useUtf8()} puts in place, on {@code target}: UTF-8, buffered, flushed at each line end
     * (so a line tool's reader gets each line when it is done, as with Java's autoflush) and by {@code flush()}.
     * Unbuffered, every {@code print} was its own write to the descriptor.
     */
    static PrintStream utf8(OutputStream target) {
        return new PrintStream(new LineFlushing(target), false, StandardCharsets.UTF_8);
    }

    /** Buffers bytes and flushes them at a line end ({@code \n}, which every line separator ends with). */
    private static final class LineFlushing extends BufferedOutputStream {
        LineFlushing(OutputStream target) {
            super(target, 8192);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            super.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            for (int i = off + len - 1; i >= off; i--) {
                if (b[i] == '\n') {
                    flush();
                    return;
                }
            }
        }
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
