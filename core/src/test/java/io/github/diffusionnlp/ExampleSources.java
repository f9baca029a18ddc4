package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.tools.ToolProvider;

/** The runnable examples under examples/ are documentation: each module's tests keep them compiling. */
public final class ExampleSources {
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
}
