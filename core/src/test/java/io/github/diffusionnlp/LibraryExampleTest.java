package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryExampleTest {
    @Test
    void compilesAgainstThisApi(@TempDir Path out) {
        ExampleSources.assertCompiles("library/LibraryExample.java", out);
    }

    /**
     * Run as its header says, the example printed DJL's start-up notes, a {@code WARN ... Failed to detect GPU
     * count} among them on a machine without a GPU, which reads as an error: it now sets the ai.djl logger to ERROR.
     */
    @Test
    void runsWithoutDjlsStartUpNotes(@TempDir Path out) throws Exception {
        String said = ExampleSources.run("library/LibraryExample.java", "LibraryExample", out);
        ExampleSources.assertNoDjlNotes(said);
        assertTrue(said.contains("infill: The "), said);
    }

    /** The module-path example (examples/module/module-path.sh runs it from the packaged jars) as plain source. */
    @Test
    void moduleExampleCompilesAgainstThisApi(@TempDir Path out) {
        ExampleSources.assertCompiles("module/app/demo/ModuleExample.java", out);
    }

    /**
     * Given a model trained on untagged text (by its first argument, or .optModel), the example stack-traced at its
     * first POS template: it now skips its templated part, saying why.
     */
    @Test
    void aModelTrainedOnUntaggedTextSkipsTheTemplatedPartSayingWhy(@TempDir Path out) throws Exception {
        ExampleSources.assertCompiles("library/LibraryExample.java", out);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
                DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.untaggedTinyModel()).build()) {
            Method templated = loader.loadClass("LibraryExample").getDeclaredMethod("generateTemplated",
                    DiffusionLM.class, SamplingOptions.class);
            templated.setAccessible(true);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            templated.invoke(null, lm, SamplingOptions.builder().steps(2).seed(7).build());
        } finally {
            System.setOut(stdout);
        }
        assertEquals("positive, templated: skipped: this model was trained on untagged text, so it cannot follow a POS"
                + " template (train it on word<TAB>UPOS or CoNLL-U data for that)\n",
                printed.toString(StandardCharsets.UTF_8));
    }
}
