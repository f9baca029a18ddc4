package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.AnnotationOutputter;
import edu.stanford.nlp.pipeline.GenericAnnotationSerializer;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.StringUtils;
import io.github.diffusionnlp.ChildJvm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's main with {@code diffusion.replace = false} and one of CoreNLP's own output formats ran the model and
 * wrote a file holding nothing of its results (audit h264): those outputters print a fixed list of keys, none of
 * ours, so json wrote the untouched document ({@code {"docId": "in.txt"}} alone for {@code annotators = diffusion}
 * with {@code task = generate}), and text and conllu failed on such a document with CoreNLP's
 * NullPointerException and its stack trace. It now refuses the run before the model is loaded, naming the
 * property and the outputters that print the results.
 */
class UnshownResultsTest {
    private static Properties args(String... args) {
        Properties props = StringUtils.argsToProperties(args);
        DiffusionCoreNLP.registerByDefault(props);
        return props;
    }

    private static final String JSON_REFUSAL = "diffusion.replace = false keeps the annotator's results only in its"
            + " own annotations, which -outputFormat json does not write (CoreNLP's outputters print a fixed list of"
            + " keys): add -outputFormat custom -customOutputter io.github.diffusionnlp.corenlp.DiffusionJsonOutputter"
            + " (or DiffusionTextOutputter), or leave diffusion.replace at true to write the results into the"
            + " document";

    @Test
    void aStockOutputFormatUnderReplaceFalseIsRefused() {
        assertEquals(JSON_REFUSAL, DiffusionCoreNLP.unshownResults(args("-annotators", "tokenize,ssplit,diffusion",
                "-diffusion.replace", "false", "-outputFormat", "json")));
        // the default format is text; a value in any case and with spaces, as the annotator reads it
        assertEquals(JSON_REFUSAL.replace("-outputFormat json", "-outputFormat text"),
                DiffusionCoreNLP.unshownResults(args("-annotators", "diffusion", "-diffusion.task", "generate",
                        "-diffusion.replace", " FALSE ")));
        // an annotator of ours under another name, its name shown as given
        assertEquals(JSON_REFUSAL.replace("diffusion.replace", "rw.replace").replace("json", "conllu"),
                DiffusionCoreNLP.unshownResults(args("-annotators", "tokenize, ssplit, rw",
                        "-customAnnotatorClass.rw", DiffusionAnnotator.class.getName(), "-rw.task", "rewrite",
                        "-rw.replace", "false", "-outputFormat", "conllu")));
    }

    @Test
    void whereTheResultsAreShownNothingIsRefused() {
        assertNull(DiffusionCoreNLP.unshownResults(args("-annotators", "tokenize,ssplit,diffusion",
                "-diffusion.replace", "false", "-outputFormat", "custom", "-customOutputter",
                DiffusionJsonOutputter.class.getName())));
        assertNull(DiffusionCoreNLP.unshownResults(args("-annotators", "tokenize,ssplit,diffusion",
                "-outputFormat", "json")), "replace = true writes the results into the document");
        assertNull(DiffusionCoreNLP.unshownResults(args("-annotators", "tokenize,ssplit",
                "-diffusion.replace", "false", "-outputFormat", "json")), "no annotator of ours runs");
        assertNull(DiffusionCoreNLP.unshownResults(args("-annotators", "tokenize,ssplit,diffusion",
                "-diffusion.replace", "maybe")), "a bad value is the annotator's to refuse, naming what is allowed");
    }

    /** Annotators separated by spaces or tabs, as CoreNLP's pipeline splits the list, are read so too (audit h269). */
    @Test
    void annotatorsSeparatedAsCoreNlpSplitsThemAreFound() {
        assertEquals(JSON_REFUSAL, DiffusionCoreNLP.unshownResults(args("-annotators", "tokenize ssplit\tdiffusion",
                "-diffusion.replace", "false", "-outputFormat", "json")));
    }

    /**
     * {@code outputFormat = serialized} with CoreNLP's GenericAnnotationSerializer (Java serialization of the whole
     * document, every key) writes our annotations, and a Java caller reads them back: the jar's main and a server
     * request refused it as they refuse the protobuf serializers, which write none of ours (audit h269).
     */
    @Test
    void aSerializerThatWritesEveryKeyIsLetBe() throws Exception {
        String[] serialized = {"-annotators", "tokenize,ssplit,diffusion", "-diffusion.replace", "false",
            "-diffusion.steps", "1", "-outputFormat", "serialized", "-outputSerializer",
            GenericAnnotationSerializer.class.getName()};
        Properties props = args(serialized);
        assertNull(DiffusionCoreNLP.unshownResults(props));
        DiffusionSettings.read("diffusion", props, ServerLimits.fromSystemProperties()); // a server request's: let be
        // the protobuf serializers (CoreNLP's, the default, and ours) write none of our keys: still refused
        String protobuf = JSON_REFUSAL.replace("-outputFormat json", "-outputFormat serialized");
        assertEquals(protobuf, DiffusionCoreNLP.unshownResults(args("-annotators", "tokenize,ssplit,diffusion",
                "-diffusion.replace", "false", "-outputFormat", "serialized")));
        Properties ours = args("-annotators", "tokenize,ssplit,diffusion", "-diffusion.replace", "false",
                "-outputFormat", "serialized", "-serializer", DiffusionProtobufSerializer.class.getName());
        assertEquals(protobuf, DiffusionCoreNLP.unshownResults(ours));
        assertThrows(IllegalArgumentException.class,
                () -> DiffusionSettings.read("diffusion", ours, ServerLimits.fromSystemProperties()));
        // what such a run writes holds the model's words, read back as a Java caller reads them
        CoreLabel mask = writtenAndReadBack(props)[1].get(CoreAnnotations.TokensAnnotation.class).get(2);
        assertEquals("[MASK]", mask.word(), "replace = false: the document untouched");
        assertFalse(mask.get(DiffusionAnnotations.Word.class).isEmpty(), "the model's word, written and read back");
    }

    /**
     * The suggestions ({@code NAME.suggestions = K}) are among what GenericAnnotationSerializer writes: core's
     * {@code Suggestion} was not Serializable, so writing a document that held them failed (audit h269).
     */
    @Test
    void theJavaSerializerWritesTheSuggestionsToo() throws Exception {
        Properties props = args("-annotators", "tokenize,ssplit,diffusion", "-diffusion.replace", "false",
                "-diffusion.steps", "1", "-diffusion.suggestions", "2", "-outputFormat", "serialized",
                "-outputSerializer", GenericAnnotationSerializer.class.getName());
        Annotation[] docs = writtenAndReadBack(props);
        CoreLabel mask = docs[1].get(CoreAnnotations.TokensAnnotation.class).get(2);
        assertEquals(docs[0].get(CoreAnnotations.TokensAnnotation.class).get(2).get(DiffusionAnnotations.Suggestions.class),
                mask.get(DiffusionAnnotations.Suggestions.class));
        assertEquals(2, mask.get(DiffusionAnnotations.Suggestions.class).size());
    }

    /**
     * "The old [MASK] barked." annotated by a pipeline of {@code props}, written by their outputter and read back by
     * GenericAnnotationSerializer, as a Java caller reads the file: the document annotated, then the one read.
     */
    private static Annotation[] writtenAndReadBack(Properties props) throws Exception {
        Annotation doc = new Annotation("The old [MASK] barked.");
        new StanfordCoreNLP(props).annotate(doc);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StanfordCoreNLP.createOutputter(props, AnnotationOutputter.getOptions(props)).accept(doc, bytes);
        return new Annotation[] {doc,
            new GenericAnnotationSerializer().read(new ByteArrayInputStream(bytes.toByteArray())).first};
    }

    /** Through the jar's main: one error line, exit code 1, no file written (before it, a json file of nothing). */
    @Test
    void theJarsMainRefusesTheRun(@TempDir Path tmp) throws Exception {
        Path in = Files.writeString(tmp.resolve("in.txt"), "The [MASK] dog was very old.\n");
        ChildRuns.Run r = ChildRuns.watch(ChildJvm.command(List.of(), DiffusionCoreNLP.class, new String[] {
            "-annotators", "tokenize,ssplit,diffusion", "-diffusion.replace", "false", "-diffusion.steps", "1",
            "-outputFormat", "json", "-file", in.toString(), "-outputDirectory", tmp.toString()}),
                tmp.resolve("said.txt"), Duration.ofMinutes(3), said -> false, Duration.ZERO);
        assertTrue(r.exited(), r.said());
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().contains("error: " + JSON_REFUSAL + "\n"), r.said());
        assertFalse(Files.exists(tmp.resolve("in.txt.json")), r.said());
    }
}
