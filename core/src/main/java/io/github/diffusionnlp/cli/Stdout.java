package io.github.diffusionnlp.cli;

import java.io.PrintStream;

/**
 * What the line-writing tools (this CLI's and the OpenNLP tools') do when the program reading their
 * output goes away.
 */
public final class Stdout {
    private Stdout() {}

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
