package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Suppliers;
import com.google.common.util.concurrent.internal.InternalFutureFailureAccess;
import io.github.diffusionnlp.ModulePath;
import io.github.diffusionnlp.corpus.Upos;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import opennlp.tools.postag.POSModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The adapter as a modular application meets it: every jar a named module (this one and core the automatic
 * modules their manifests name), in a module layer of their own, none of them on the class path. The English
 * models are files at the root of OpenNLP's model jars, which {@code EnglishText.class.getResourceAsStream}
 * looked for in this module alone there ("is not on the classpath (its OpenNLP model jar is missing)").
 * PyTorch is not needed: the layer holds OpenNLP, Guava, SLF4J and the two modules of this project.
 */
class ModulePathTest {

    @Test
    void theEnglishModelsAndRulesAreFoundFromNamedModules(@TempDir Path dir) throws Exception {
        List<Path> modules = new ArrayList<>();
        modules.add(ModulePath.asJar(EnglishText.class, "io.github.diffusionnlp.opennlp", dir));
        modules.add(ModulePath.asJar(Upos.class, "io.github.diffusionnlp", dir));
        for (Class<?> c : List.of(POSModel.class, Suppliers.class, InternalFutureFailureAccess.class,
                LoggerFactory.class, Class.forName("org.slf4j.simple.SimpleServiceProvider"))) {
            modules.add(ModulePath.location(c));
        }
        for (String model : List.of(EnglishText.SENTENCE_MODEL, EnglishText.TOKENIZER_MODEL,
                EnglishPosTagger.POS_MODEL)) {
            modules.add(ModulePath.jarHolding(model));
        }
        ModuleFinder finder = ModuleFinder.of(modules.toArray(Path[]::new));
        Set<String> all = finder.findAll().stream().map(m -> m.descriptor().name()).collect(Collectors.toSet());
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), all);
        // the platform loader as parent: the test's own class path copies of these classes are out of reach
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader("io.github.diffusionnlp.opennlp");
        Class<?> text = loader.loadClass(EnglishText.class.getName());
        assertTrue(text.getModule().isNamed(), "EnglishText is in " + text.getModule());

        Object english = text.getMethod("get").invoke(null);
        @SuppressWarnings("unchecked")
        List<String[]> sentences = (List<String[]>) text.getMethod("sentences", String.class)
                .invoke(english, "The cat sat on the mat. It slept.");
        assertEquals(2, sentences.size());
        assertArrayEquals(new String[] {"The", "cat", "sat", "on", "the", "mat", "."}, sentences.get(0));

        Class<?> posTagger = loader.loadClass(EnglishPosTagger.class.getName());
        Object tagger = posTagger.getMethod("get").invoke(null);
        String[] tags = (String[]) posTagger.getMethod("tag", String[].class).invoke(tagger, (Object) sentences.get(0));
        assertArrayEquals(EnglishPosTagger.get().tag(sentences.get(0)), tags);

        Object detokenizer = text.getMethod("detokenizer").invoke(null);
        assertEquals("The cat sat on the mat.", loader.loadClass("opennlp.tools.tokenize.Detokenizer")
                .getMethod("detokenize", String[].class, String.class).invoke(detokenizer, sentences.get(0), null));
    }
}
