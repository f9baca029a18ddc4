package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.DiffusionLM;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe for a named module (docs/library.md, <i>On the module path</i>), run as examples/module/module-path.sh
 * runs it on the packaged jars: examples/module/app (its module-info one {@code requires io.github.diffusionnlp})
 * compiled as a module and launched with {@code -m}, core the automatic module its jar names, every dependency a
 * module but DJL's native jar, with {@code --add-modules ALL-MODULE-PATH}; it infills a sentence on the shipped
 * model (about 10 s: a JVM that loads PyTorch).
 */
class ModulePathExampleTest {

    @Test
    void theModuleExampleInfillsOnTheShippedModelFromANamedModule(@TempDir Path dir) throws Exception {
        List<Path> modules = new ArrayList<>();
        modules.add(ModulePath.asJar(DiffusionLM.class, "io.github.diffusionnlp", dir));
        ModulePath.Split jars = ModulePath.testClassPathJars();
        modules.addAll(jars.modules());

        Path app = dir.resolve("app");
        List<String> javac = new ArrayList<>(List.of("-proc:none", "-d", app.toString(),
                "--module-path", ModulePath.join(modules)));
        try (Stream<Path> sources = Files.walk(TestModels.root().resolve("examples/module/app"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> javac.add(p.toString()));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, log, log, javac.toArray(String[]::new)),
                "examples/module/app does not compile as a module:\n" + log);

        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", // and no setting of the ai.djl logger: the example quiets DJL itself
                "--module-path", app + File.pathSeparator + ModulePath.join(modules),
                "-cp", ModulePath.join(jars.classPath()),
                "--add-modules", "ALL-MODULE-PATH", "--enable-native-access=com.sun.jna,ai.djl.pytorch_engine",
                "-m", "app/demo.ModuleExample")
                // the shipped model is found from the working directory, as from this repository's root
                .directory(TestModels.root().toFile());
        java.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        ChildJvm.Run run = ChildJvm.run(java, "", Duration.ofMinutes(2));
        assertEquals(0, run.code(), run.said());
        List<String> lines = run.said().lines().filter(l -> !l.isBlank()).toList();
        String filled = lines.get(lines.size() - 1);
        assertTrue(filled.matches("The \\S+ was late \\."), "the example's sentence: " + run.said());
        ExampleSources.assertNoDjlNotes(run.said());
    }
}
