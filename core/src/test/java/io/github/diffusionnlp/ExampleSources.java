package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;

/** The runnable examples under examples/ are documentation: each module's tests keep them compiling. */
public final class ExampleSources {
    /** A log line of DJL's below ERROR, as slf4j-simple prints it. */
    private static final Pattern DJL_LINE = Pattern.compile("\\[[^\\]]*] (TRACE|DEBUG|INFO|WARN) ai\\.djl\\..*");

    private ExampleSources() {}

    /**
     * Compiles {@code examples/<path>} against the running tests' classpath into {@code out}, or fails
     * with javac's messages.
     */
    public static void assertCompiles(String path, Path out) {
        Path source = TestModels.root().resolve("examples").resolve(path);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, log, log, "-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, code, source + " does not compile:\n" + log);
    }

    /**
     * Compiles {@code examples/<path>} into {@code out} and runs its class {@code main} as its header says, in a JVM
     * of its own (on the running tests' classpath, from the repository's root, where the shipped model is found);
     * returns what it wrote to standard output and error, or fails unless it exits with 0.
     */
    public static String run(String path, String main, Path out) throws IOException, InterruptedException {
        assertCompiles(path, out);
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", out + File.pathSeparator + System.getProperty("java.class.path"), main)
                .directory(TestModels.root().toFile());
        java.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        ChildJvm.Run run = ChildJvm.run(java, "", Duration.ofMinutes(3));
        assertEquals(0, run.code(), run.said());
        return run.said();
    }

    /**
     * Fails if {@code said} holds a log line of DJL's below ERROR: its start-up notes, among them, on a machine
     * without a GPU, {@code WARN ai.djl.util.cuda.CudaUtils - Failed to detect GPU count}, which reads as an error.
     */
    public static void assertNoDjlNotes(String said) {
        assertEquals(List.of(), said.lines().filter(l -> DJL_LINE.matcher(l).matches()).toList(), said);
    }
}
