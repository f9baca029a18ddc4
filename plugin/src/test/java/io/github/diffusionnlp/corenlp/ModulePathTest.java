package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import io.github.diffusionnlp.ModulePath;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's recipe for a named module (<i>On the module path</i>) with CoreNLP: a two-class application
 * module that requires this plugin's and CoreNLP's automatic modules, compiled and launched with {@code -m}; every
 * runtime jar a module but those the README keeps on the class path (DJL's native jar and CoreNLP's {@code xalan},
 * {@code jaxb-impl}, EJML's {@code ejml-*} and {@code xml-apis}), with {@code --add-modules ALL-MODULE-PATH}. A
 * {@code tokenize,ssplit,diffusion} pipeline infills a sentence on the shipped model (about 10 s: a JVM that loads
 * CoreNLP and PyTorch).
 */
class ModulePathTest {
    /** The README's class path jars, by the start of their file names. */
    private static final List<String> CLASS_PATH_JARS =
            List.of("pytorch-native-cpu-", "xalan-", "jaxb-impl-", "ejml-", "xml-apis-");

    /**
     * Jars of the test class path that are not the plugin's runtime dependencies: JUnit's, core's test jar (where
     * Maven resolves it from the local repository) and CoreNLP's models jar (test scope here, as users add it
     * themselves; {@code tokenize,ssplit} need none of its models).
     */
    private static final List<String> TEST_ONLY_JARS =
            List.of("junit-", "opentest4j-", "apiguardian-", "-tests.jar", "-models.jar");

    private static final String MODULE_INFO = """
            module app {
                requires io.github.diffusionnlp.corenlp;
                requires edu.stanford.nlp.corenlp;
            }
            """;

    private static final String MAIN = """
            package demo;

            import edu.stanford.nlp.ling.CoreAnnotations;
            import edu.stanford.nlp.pipeline.Annotation;
            import edu.stanford.nlp.pipeline.StanfordCoreNLP;
            import edu.stanford.nlp.util.CoreMap;
            import io.github.diffusionnlp.corenlp.DiffusionAnnotations;
            import io.github.diffusionnlp.corenlp.DiffusionAnnotator;
            import java.util.Properties;

            public final class CoreNlpModuleExample {
                public static void main(String[] args) {
                    Properties p = new Properties();
                    p.setProperty("annotators", "tokenize,ssplit,diffusion");
                    p.setProperty("customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName());
                    p.setProperty("diffusion.model", args[0]);
                    p.setProperty("diffusion.steps", "4");
                    p.setProperty("diffusion.seed", "7");
                    Annotation doc = new Annotation("The [MASK] was late .");
                    new StanfordCoreNLP(p).annotate(doc);
                    System.out.println("annotator module: " + DiffusionAnnotator.class.getModule().getName());
                    System.out.println("pipeline module: " + StanfordCoreNLP.class.getModule().getName());
                    for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
                        System.out.println("filled: " + s.get(DiffusionAnnotations.Text.class));
                    }
                }
            }
            """;

    @Test
    void aPipelineInfillsFromANamedModuleWithTheReadmesClassPathJars(@TempDir Path dir) throws Exception {
        List<Path> modules = new ArrayList<>();
        modules.add(ModulePath.asJar(DiffusionAnnotator.class, "io.github.diffusionnlp.corenlp", dir));
        modules.add(ModulePath.asJar(DiffusionLM.class, "io.github.diffusionnlp", dir));
        List<Path> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar") || !Files.isRegularFile(jar) || isTestOnly(name) || modules.contains(jar)) {
                continue;
            }
            (CLASS_PATH_JARS.stream().anyMatch(name::startsWith) ? classPath : modules).add(jar);
        }
        for (String jar : CLASS_PATH_JARS) {
            assertTrue(classPath.stream().anyMatch(p -> p.getFileName().toString().startsWith(jar)),
                    "no " + jar + "*.jar on the test class path: " + classPath);
        }

        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.getParent().resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("CoreNlpModuleExample.java"), MAIN);
        Path app = dir.resolve("app");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, log, log, "-proc:none", "-d", app.toString(),
                "--module-path", ModulePath.join(modules), src.getParent().resolve("module-info.java").toString(),
                src.resolve("CoreNlpModuleExample.java").toString()),
                "the application does not compile as a module:\n" + log);

        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.log.ai.djl=error",
                "--module-path", app + File.pathSeparator + ModulePath.join(modules),
                "-cp", ModulePath.join(classPath),
                "--add-modules", "ALL-MODULE-PATH", "--enable-native-access=com.sun.jna,ai.djl.pytorch_engine",
                "-m", "app/demo.CoreNlpModuleExample", TestModels.shippedModel().toString());
        java.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        ChildJvm.Run run = ChildJvm.run(java, "", Duration.ofMinutes(2));
        assertEquals(0, run.code(), run.said());
        List<String> lines = run.said().lines().toList();
        assertTrue(lines.contains("annotator module: io.github.diffusionnlp.corenlp"), run.said());
        assertTrue(lines.contains("pipeline module: edu.stanford.nlp.corenlp"), run.said());
        assertTrue(lines.stream().anyMatch(l -> l.matches("filled: The (?!\\[MASK\\])\\S+ was late \\.")), run.said());
    }

    private static boolean isTestOnly(String jarName) {
        return TEST_ONLY_JARS.stream().anyMatch(t -> t.endsWith(".jar") ? jarName.endsWith(t) : jarName.startsWith(t));
    }
}
