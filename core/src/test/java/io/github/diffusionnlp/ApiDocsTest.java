package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's API-docs command ({@code mvn -B compile javadoc:aggregate}) runs in no build, so a comment that
 * breaks it went unseen: JDK 17's javadoc crashed (a NullPointerException, "An internal exception has
 * occurred") on {@code DiffusionTrainer.run()}, whose own comment left its {@code @throws} to be inherited
 * from {@code TrainingRun.run()} with a {@code {@link}} in it. This runs javadoc on core's sources with the
 * root pom's settings (every doclint check but missing, a warning an error): a few seconds.
 */
class ApiDocsTest {
    @Test
    void coresApiDocsBuildWithTheReleaseDoclint(@TempDir Path out) {
        Path sources = TestModels.root().resolve("core/src/main/java");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemDocumentationTool().run(null, log, log, "-quiet", "-Xdoclint:all,-missing",
                "-Werror", "-sourcepath", sources.toString(), "-cp", System.getProperty("java.class.path"),
                "-d", out.toString(), "-subpackages", "io.github.diffusionnlp");
        assertEquals(0, code, "javadoc failed on " + sources + ":\n" + log);
    }
}
