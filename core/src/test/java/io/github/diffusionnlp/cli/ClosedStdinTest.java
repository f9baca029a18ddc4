package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.diffusionnlp.ChildJvm;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code infill <&-}: with descriptor 0 closed by the shell, the JVM opens its own {@code lib/modules} there, and the
 * commands read that file as their input and said {@code stdin line 1 is not valid UTF-8} (exit 1), a wrong
 * diagnosis. They now say that standard input is closed, before loading the model.
 */
class ClosedStdinTest {
    /** {@code sh -c 'exec "$@" <&-'}: the child JVM starts with descriptor 0 closed, not redirected from nothing. */
    static ProcessBuilder withStdinClosed(ProcessBuilder java) {
        return underSh(java, "<&-");
    }

    /** {@code java}'s command run by {@code sh -c 'exec "$@" REDIRECTION'}. */
    static ProcessBuilder underSh(ProcessBuilder java, String redirection) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" " + redirection, "sh"));
        command.addAll(java.command());
        return java.command(command);
    }

    /** Where the test can close a child's descriptor 0 and the tool can see it: Linux's /proc and a shell. */
    static void assumeProcAndSh() {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/self/fd/0")), "no /proc/self/fd here");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh here");
    }

    @ParameterizedTest
    @ValueSource(strings = {"infill", "suggest", "rewrite"})
    void aClosedStandardInputIsSaidToBeClosed(String command) throws Exception {
        assumeProcAndSh();
        ChildJvm.Run r = ChildJvm.run(withStdinClosed(ChildJvm.command(List.of(), Main.class, command)), "",
                Duration.ofSeconds(60));
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().contains("error: standard input is closed: give the lines on stdin (a pipe or < FILE)\n"),
                r.said());
        assertTrue(!r.said().contains("UTF-8") && !r.said().contains("model"), r.said()); // refused before loading
    }

    /** Input from nothing is no closed input: an empty run, as before. */
    @Test
    void standardInputFromDevNullIsReadAsEmpty() throws Exception {
        assumeProcAndSh();
        ChildJvm.Run r = ChildJvm.run(underSh(ChildJvm.command(List.of(), Main.class, "infill", "--steps", "1"),
                "</dev/null"), "", Duration.ofSeconds(60));
        assertEquals(0, r.code(), r.said());
        assertTrue(!r.said().contains("error"), r.said());
    }

    /** This test JVM's standard input (surefire's pipe), and any stream but {@link System#in}, pass. */
    @Test
    void anOpenStandardInputAndOtherStreamsPass() throws Exception {
        assertFalse(Stdin.closed());
        Stdin.requireOpen(System.in);
        Stdin.requireOpen(new ByteArrayInputStream(new byte[0]));
    }
}
