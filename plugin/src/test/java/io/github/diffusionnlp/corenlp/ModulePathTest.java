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
 * The recipe for a named module (docs/library.md, <i>On the module path</i>) with CoreNLP: a two-class application
 * module that requires this plugin's and CoreNLP's automatic modules, compiled and launched with {@code -m}; every
 * runtime jar a module but those the README keeps on the class path (DJL's native jar and CoreNLP's {@code xalan},
 * {@code jaxb-impl}, EJML's {@code ejml-*} and {@code xml-apis}), with {@code --add-modules ALL-MODULE-PATH}. A
 * {@code tokenize,ssplit,diffusion} pipeline infills a sentence on the shipped model (about 10 s: a JVM that loads
 * CoreNLP and PyTorch); with CoreNLP's models jar a module too, a {@code pos} pipeline reads its tagger from it.
 */
class ModulePathTest {
    /** The README's class path jars, by the start of their file names. */
    private static final List<String> CLASS_PATH_JARS =
            List.of("pytorch-native-cpu-", "xalan-", "jaxb-impl-", "ejml-", "xml-apis-");

    /** The end of the file name of CoreNLP's models jar ({@code stanford-corenlp} classifier {@code models}). */
    private static final String MODELS_JAR = "-models.jar";

    /**
     * Jars of the test class path that are not the plugin's runtime dependencies: JUnit's, core's test jar (where
     * Maven resolves it from the local repository) and CoreNLP's models jar (test scope here, as users add it
     * themselves; {@code tokenize,ssplit} need none of its models).
     */
    private static final List<String> TEST_ONLY_JARS =
            List.of("junit-", "opentest4j-", "apiguardian-", "-tests.jar", MODELS_JAR);

    private static final String MODULE_INFO = """
            module app {
                requires io.github.diffusionnlp.corenlp;
                requires edu.stanford.nlp.corenlp;
            }
            """;

    /**
     * Args: the model directory, the pipeline's annotators, then {@code key=value} properties of the annotator. It
     * prints where the annotator and CoreNLP were loaded from, whether CoreNLP's models jar is a module, each
     * sentence as the annotator wrote it and the words it replaced (a {@code pos:} mask picks them by the tags the
     * {@code pos} annotator gave, which it reads from the models jar).
     */
    private static final String MAIN = """
            package demo;

            import edu.stanford.nlp.ling.CoreAnnotations;
            import edu.stanford.nlp.ling.CoreLabel;
            import edu.stanford.nlp.pipeline.Annotation;
            import edu.stanford.nlp.pipeline.StanfordCoreNLP;
            import edu.stanford.nlp.util.CoreMap;
            import io.github.diffusionnlp.corenlp.DiffusionAnnotations;
            import io.github.diffusionnlp.corenlp.DiffusionAnnotator;
            import java.util.Properties;

            public final class CoreNlpModuleExample {
                public static void main(String[] args) {
                    Properties p = new Properties();
                    p.setProperty("annotators", args[1]);
                    p.setProperty("customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName());
                    p.setProperty("diffusion.model", args[0]);
                    p.setProperty("diffusion.steps", "4");
                    p.setProperty("diffusion.seed", "7");
                    for (int i = 2; i < args.length; i++) {
                        p.setProperty("diffusion." + args[i].substring(0, args[i].indexOf('=')),
                                args[i].substring(args[i].indexOf('=') + 1));
                    }
                    Annotation doc = new Annotation(System.getProperty("text"));
                    new StanfordCoreNLP(p).annotate(doc);
                    System.out.println("annotator module: " + DiffusionAnnotator.class.getModule().getName());
                    System.out.println("pipeline module: " + StanfordCoreNLP.class.getModule().getName());
                    System.out.println("models module: " + ModuleLayer.boot()
                            .findModule("edu.stanford.nlp.corenlp_english_models").isPresent());
                    for (CoreMap s : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
                        System.out.println("filled: " + s.get(DiffusionAnnotations.Text.class));
                        StringBuilder replaced = new StringBuilder("replaced:");
                        for (CoreLabel t : s.get(CoreAnnotations.TokensAnnotation.class)) {
                            if (t.get(DiffusionAnnotations.OriginalWord.class) != null) {
                                replaced.append(' ').append(t.get(DiffusionAnnotations.OriginalWord.class));
                            }
                        }
                        System.out.println(replaced);
                    }
                }
            }
            """;

    @Test
    void aPipelineInfillsFromANamedModuleWithTheReadmesClassPathJars(@TempDir Path dir) throws Exception {
        String said = runApplication(dir, false, "The [MASK] was late .", "tokenize,ssplit,diffusion");
        List<String> lines = said.lines().toList();
        assertTrue(lines.contains("annotator module: io.github.diffusionnlp.corenlp"), said);
        assertTrue(lines.contains("pipeline module: edu.stanford.nlp.corenlp"), said);
        assertTrue(lines.stream().anyMatch(l -> l.matches("filled: The (?!\\[MASK\\])\\S+ was late \\.")), said);
    }

    /**
     * CoreNLP's models jar ({@code stanford-corenlp} classifier {@code models}) on the module path, where a modular
     * application puts every jar it can: Java makes it the automatic module its manifest names,
     * {@code edu.stanford.nlp.corenlp_english_models}, whose resources CoreNLP still finds by their class path names
     * ({@code edu/stanford/nlp/models/pos-tagger/…}): an automatic module opens everything, and the models jar holds
     * no classes, so no package of it hides them. {@code pos} is what a {@code pos:} mask, a UPOS {@code keep} or
     * {@code syntax=keep} adds; {@code ner} reads its classifiers from the same jar the same way (checked once by
     * hand: its models took ~45 s more to load on this 2-core machine, too long for a test).
     */
    @Test
    void aPosPipelineReadsCoreNlpsModelsJarFromTheModulePath(@TempDir Path dir) throws Exception {
        String said = runApplication(dir, true, "The committee said that the report was late .",
                "tokenize,ssplit,pos,diffusion", "mask=pos:NOUN");
        List<String> lines = said.lines().toList();
        assertTrue(lines.contains("models module: true"), said);
        assertTrue(lines.contains("replaced: committee report"), "the nouns pos tagged: " + said);
        assertTrue(lines.stream().anyMatch(l -> l.matches("filled: The \\S+ said that the \\S+ was late \\.")), said);
    }

    /**
     * Compiles the application module against this plugin's and CoreNLP's modules and runs it on {@code text}
     * (the rest: {@link #MAIN}'s args), with CoreNLP's models jar among the modules or left out; what it said.
     */
    private static String runApplication(Path dir, boolean withModelsJar, String text, String annotators,
            String... settings) throws Exception {
        List<Path> modules = new ArrayList<>();
        modules.add(ModulePath.asJar(DiffusionAnnotator.class, "io.github.diffusionnlp.corenlp", dir));
        modules.add(ModulePath.asJar(DiffusionLM.class, "io.github.diffusionnlp", dir));
        List<Path> classPath = new ArrayList<>();
        boolean modelsJarSeen = false;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar") || !Files.isRegularFile(jar) || modules.contains(jar)) {
                continue;
            }
            if (name.startsWith("stanford-corenlp-") && name.endsWith(MODELS_JAR)) {
                modelsJarSeen = true;
                if (withModelsJar) {
                    modules.add(jar);
                }
                continue;
            }
            if (isTestOnly(name)) {
                continue;
            }
            (CLASS_PATH_JARS.stream().anyMatch(name::startsWith) ? classPath : modules).add(jar);
        }
        assertTrue(modelsJarSeen || !withModelsJar, "no stanford-corenlp-*" + MODELS_JAR + " on the test class path");
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

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.log.ai.djl=error", "-Dtext=" + text,
                "--module-path", app + File.pathSeparator + ModulePath.join(modules),
                "-cp", ModulePath.join(classPath),
                "--add-modules", "ALL-MODULE-PATH", "--enable-native-access=com.sun.jna,ai.djl.pytorch_engine",
                "-m", "app/demo.CoreNlpModuleExample", TestModels.shippedModel().toString(), annotators));
        command.addAll(List.of(settings));
        ProcessBuilder java = new ProcessBuilder(command);
        java.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        ChildJvm.Run run = ChildJvm.run(java, "", Duration.ofMinutes(2));
        assertEquals(0, run.code(), run.said());
        return run.said();
    }

    private static boolean isTestOnly(String jarName) {
        return TEST_ONLY_JARS.stream().anyMatch(t -> t.endsWith(".jar") ? jarName.endsWith(t) : jarName.startsWith(t));
    }
}
