package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.diffusionnlp.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Infill <&-}: with descriptor 0 closed by the shell, the JVM opens its own {@code lib/modules} there, and the
 * tools read that file as their input (its lines passed through as not UTF-8, or one refused as too long). They now
 * say that standard input is closed, as core's commands do ({@code ClosedStdinTest}), before loading the model.
 */
class ClosedStdinToolTest {
    @ParameterizedTest
    @ValueSource(strings = {"Infill", "Suggest", "Rewrite"})
    void aClosedStandardInputIsSaidToBeClosed(String tool) throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/self/fd/0")), "no /proc/self/fd here");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh here");
        ProcessBuilder java = ChildJvm.command(List.of(), DiffusionNlpTool.class, tool, "-tokenized");
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" <&-", "sh"));
        command.addAll(java.command());
        ChildJvm.Run r = ChildJvm.run(java.command(command), "", Duration.ofSeconds(60));
        assertEquals(CmdTool.FAILED, r.code(), r.said());
        assertEquals("error: standard input is closed: give the lines on stdin (a pipe or < FILE)\n", r.said());
    }
}
