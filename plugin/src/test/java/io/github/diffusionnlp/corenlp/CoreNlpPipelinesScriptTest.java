package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.TestModels;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * examples/corenlp/corenlp-pipelines.sh, whose whole run takes over two minutes (CoreNLP's tagger, NER, parser and
 * sentiment models, a server, a JVM a block), kept true cheaply: every properties file of examples/corenlp and every
 * server request of the script names our annotator and is read by it without an error (a renamed property or a
 * value it no longer takes fails here), and the two blocks that need no CoreNLP model, infill and generate, run on
 * the shipped model as the script runs them and write what the docs quote (docs/default-model.md, plugin/README.md).
 */
class CoreNlpPipelinesScriptTest {
    private static final Path EXAMPLES = TestModels.root().resolve("examples/corenlp");

    /** A request's properties in the script: {@code PROPS='{"key":"value",...}'}. */
    private static final Pattern REQUEST = Pattern.compile("^PROPS='(\\{.*})'$", Pattern.MULTILINE);
    private static final Pattern PAIR = Pattern.compile("\"([^\"]*)\":\"([^\"]*)\"");

    @Test
    void everyPropertiesFileAndServerRequestOfTheExamplesIsReadByTheAnnotator() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(EXAMPLES)) {
            files = listed.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "examples/corenlp's properties files: " + files);
        for (Path file : files) {
            assertReadByTheAnnotator(file.getFileName().toString(), properties(file));
        }

        String script = Files.readString(EXAMPLES.resolve("corenlp-pipelines.sh"), StandardCharsets.UTF_8);
        Matcher request = REQUEST.matcher(script);
        int requests = 0;
        while (request.find()) {
            Properties p = new Properties();
            Matcher pair = PAIR.matcher(request.group(1));
            while (pair.find()) {
                p.setProperty(pair.group(1), pair.group(2));
            }
            assertReadByTheAnnotator("the request " + request.group(1), p);
            requests++;
        }
        assertEquals(3, requests, "the script's server requests");
        for (Path file : files) {
            assertTrue(script.contains("examples/corenlp/" + file.getFileName()),
                    "corenlp-pipelines.sh runs no block with " + file.getFileName());
        }
    }

    @Test
    void theInfillAndGenerateBlocksWriteWhatTheDocsQuote() throws IOException {
        Annotation doc = new Annotation("The [MASK] of the committee said that the [MASK] was late. It rained all day.");
        new StanfordCoreNLP(properties(EXAMPLES.resolve("infill.properties"))).annotate(doc);
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        assertEquals(List.of("The appeal of the committee said that the word was late.", "It rained all day."),
                sentences.stream().map(s -> s.get(CoreAnnotations.TextAnnotation.class)).toList());

        doc = new Annotation("A first sentence.");
        new StanfordCoreNLP(properties(EXAMPLES.resolve("generate.properties"))).annotate(doc);
        sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        assertEquals(4, sentences.size(), "the document's sentence and three generated ones");
        for (CoreMap s : sentences.subList(1, 4)) {
            assertEquals(12, s.get(CoreAnnotations.TokensAnnotation.class).size(), s.toString());
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static void assertReadByTheAnnotator(String what, Properties p) {
        List<String> annotators = new ArrayList<>(List.of(p.getProperty("annotators", "").split(",")));
        assertTrue(annotators.contains("diffusion"), what + ": " + p);
        assertEquals(DiffusionAnnotator.class.getName(), p.getProperty("customAnnotatorClass.diffusion"), what);
        assertTrue(p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("diffusion.")), what);
        DiffusionSettings.read("diffusion", p); // throws, naming the property, on one it does not take
    }
}
