package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ModulePath;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The real judges on sentences whose answer is not in doubt. */
class JudgesTest {
    static SentimentJudge sentiment;

    @BeforeAll
    static void load() {
        sentiment = new SentimentJudge();
    }

    @Test
    void openNlpTagsUpos() throws Exception {
        PosJudge pos = new PosJudge();
        List<Upos> tags = pos.tag(List.of("The", "dog", "barked", "loudly", "."));
        assertEquals(List.of(Upos.DET, Upos.NOUN, Upos.VERB, Upos.ADV, Upos.PUNCT), tags);
        assertEquals(List.of(), pos.tag(List.of()));
    }

    /**
     * The POS model is a file at the root of OpenNLP's model jar: from a named module (this jar as the automatic
     * module its manifest names, in a module layer with core, OpenNLP, the model jar and SLF4J) PosJudge's own
     * class looked for it in its jar alone and said "is not on the classpath (opennlp-models-pos-en is missing)".
     */
    @Test
    void thePosJudgeFindsItsModelFromANamedModule(@TempDir Path dir) throws Exception {
        ModuleFinder finder = ModuleFinder.of(
                ModulePath.asJar(PosJudge.class, "io.github.diffusionnlp.evaluation", dir),
                ModulePath.asJar(Upos.class, "io.github.diffusionnlp", dir),
                ModulePath.location(opennlp.tools.postag.POSModel.class),
                ModulePath.jarHolding(PosJudge.MODEL_RESOURCE),
                ModulePath.location(LoggerFactory.class),
                ModulePath.location(Class.forName("org.slf4j.simple.SimpleServiceProvider")));
        Set<String> all = finder.findAll().stream().map(m -> m.descriptor().name()).collect(Collectors.toSet());
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), all);
        ClassLoader loader = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader())
                .findLoader("io.github.diffusionnlp.evaluation");
        Class<?> judge = loader.loadClass(PosJudge.class.getName());
        assertTrue(judge.getModule().isNamed(), "PosJudge is in " + judge.getModule());
        Object pos = judge.getConstructor().newInstance();
        assertEquals("[DET, NOUN, VERB, ADV, PUNCT]", String.valueOf(judge.getMethod("tag", List.class)
                .invoke(pos, List.of("The", "dog", "barked", "loudly", "."))));
    }

    @Test
    void coreNlpJudgesClearSentimentOnPreTokenizedInput() {
        int good = sentiment.classify(List.of("This", "is", "a", "wonderful", ",", "beautiful", "and", "excellent",
                "film", "."));
        int bad = sentiment.classify(List.of("This", "is", "a", "terrible", ",", "awful", "and", "stupid", "film", "."));
        assertEquals(Sentiment.POSITIVE, Metrics.sentimentOfClass(good), "class " + good);
        assertEquals(Sentiment.NEGATIVE, Metrics.sentimentOfClass(bad), "class " + bad);
        assertEquals(-1, sentiment.classify(List.of()));
        // tokens are kept as given: a sentence-final period mid-line does not split the line
        int c = sentiment.classify(List.of("He", "left", ".", "She", "stayed", "."));
        assertTrue(c >= 0 && c <= 4);
    }
}
