package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import edu.stanford.nlp.pipeline.StanfordCoreNLPServer;
import io.github.diffusionnlp.ChildJvm;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's main knows the annotator as {@code diffusion} without {@code customAnnotatorClass.diffusion}: a server
 * request (or a command line) with {@code annotators=tokenize,ssplit,diffusion} and no registration got CoreNLP's
 * "Could not handle incoming annotation" (HTTP 500; its log: "Unknown annotator: diffusion"). The jar's server and
 * command line now register it by default, keeping a registration the user gives (on the command line, in
 * {@code -props} or {@code -serverProperties}).
 */
class DefaultRegistrationTest {
    private static final String KEY = "customAnnotatorClass.diffusion";
    private static final String TEXT = "The [MASK] of the committee said that the [MASK] was late.";

    /** Request properties without any {@code customAnnotatorClass}. */
    private static Map<String, String> unregistered(String annotators, String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("annotators", annotators);
        p.put("outputFormat", "json");
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private static List<String> firstWords(String json) throws Exception {
        List<String> words = new ArrayList<>();
        for (JsonNode t : LoopbackServer.JSON.readTree(json).get("sentences").get(0).get("tokens")) {
            words.add(t.get("word").asText());
        }
        return words;
    }

    @Test
    void theJarsServerKnowsDiffusionWithoutCustomAnnotatorClass() throws Exception {
        int port = LoopbackServer.freePort();
        StanfordCoreNLPServer server = StanfordCoreNLPServer.launchServer(DiffusionCoreNLP.serverArgs(new String[] {
            "-port", String.valueOf(port), "-server_id", "diffusion-registration-" + port, "-quiet", "-timeout",
            "120000"}));
        try {
            HttpResponse<String> r = server(port, unregistered("tokenize,ssplit,diffusion", "diffusion.steps", "4"));
            assertEquals(200, r.statusCode(), r.body());
            List<String> words = firstWords(r.body());
            assertFalse(words.contains("[MASK]"), words.toString());
            assertEquals(List.of("The", "of", "the", "committee"), List.of(words.get(0), words.get(2), words.get(3),
                    words.get(4)), "the words around the masks: " + words);

            // the default registration is no annotator of a pipeline that does not run it: diffusion.task, kept for
            // an annotator renamed rw, is still told it is read by nobody (SettingsTest)
            Map<String, String> renamed = unregistered("tokenize,ssplit,rw", "customAnnotatorClass.rw",
                    DiffusionAnnotator.class.getName(), "rw.steps", "4", "diffusion.task", "rewrite");
            HttpResponse<String> refused = server(port, renamed);
            assertEquals(500, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("bad diffusion.task = 'rewrite'; allowed: did you mean rw.task?"
                    + " ('diffusion' is not an annotator of this pipeline)"), refused.body());
        } finally {
            server.getServer().ifPresent(s -> s.stop(0));
        }
    }

    private static HttpResponse<String> server(int port, Map<String, String> props) throws Exception {
        return LoopbackServer.CLIENT.send(LoopbackServer.request(port, props, TEXT,
                StandardCharsets.UTF_8, null), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The server's arguments name the annotator unless the user registered {@code diffusion} already: the jar's
     * arguments win over a {@code -serverProperties} file's in CoreNLP, so one given there is looked for too.
     */
    @Test
    void theServersDefaultKeepsTheUsersRegistration(@TempDir Path tmp) throws Exception {
        String ours = DiffusionAnnotator.class.getName();
        assertEquals(List.of(ours), valuesOf(DiffusionCoreNLP.serverArgs(new String[] {"-port", "9000"})));
        String[] theirs = DiffusionCoreNLP.serverArgs(new String[] {"-" + KEY, "my.Other"});
        assertEquals(List.of("my.Other"), valuesOf(theirs));
        assertFalse(List.of(theirs).contains("-diffusionnlp.registeredByDefault"), "not ours: " + List.of(theirs));
        Path given = Files.writeString(tmp.resolve("given.properties"), KEY + " = my.Other\n");
        Path other = Files.writeString(tmp.resolve("other.properties"), "annotators = tokenize,ssplit\n");
        assertEquals(List.of(), valuesOf(DiffusionCoreNLP.serverArgs(new String[] {"-props", given.toString()})),
                "in -props: CoreNLP reads it from there");
        assertEquals(List.of(), valuesOf(DiffusionCoreNLP.serverArgs(
                new String[] {"-serverProperties", given.toString()})), "in -serverProperties");
        assertEquals(List.of(), valuesOf(DiffusionCoreNLP.serverArgs(
                new String[] {"-serverproperties", given.toString()})), "CoreNLP reads its options in any case");
        assertEquals(List.of(ours), valuesOf(DiffusionCoreNLP.serverArgs(
                new String[] {"-serverProperties", other.toString()})), "a file that does not register it");
        // CoreNLP refuses a file it cannot read itself, as it did
        List<String> missing = List.of("-serverProperties", tmp.resolve("none").toString());
        assertEquals(0, Collections.frequency(List.of(DiffusionCoreNLP.serverArgs(missing.toArray(String[]::new))),
                "-" + KEY));
    }

    /** The values {@code args} give {@code -customAnnotatorClass.diffusion}. */
    private static List<String> valuesOf(String[] args) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-" + KEY)) {
                values.add(args[i + 1]);
            }
        }
        return values;
    }

    /** The jar's command line with {@code -annotators tokenize,ssplit,diffusion} and no registration fills the text. */
    @Test
    void theJarsCommandLineKnowsDiffusionWithoutCustomAnnotatorClass(@TempDir Path tmp) throws Exception {
        Path in = Files.writeString(tmp.resolve("in.txt"), TEXT);
        ChildJvm.Run r = ChildJvm.run(ChildJvm.command(List.of(), DiffusionCoreNLP.class, "-annotators",
                "tokenize,ssplit,diffusion", "-diffusion.steps", "1", "-file", in.toString(), "-outputDirectory",
                tmp.toString(), "-outputFormat", "json"), "", Duration.ofMinutes(3));
        assertEquals(0, r.code(), r.said());
        List<String> words = firstWords(Files.readString(tmp.resolve("in.txt.json")));
        assertFalse(words.contains("[MASK]"), words.toString());
        assertEquals("committee", words.get(4), words.toString());

        // the user's own registration is kept: CoreNLP is told to load it, and cannot
        ChildJvm.Run other = ChildJvm.run(ChildJvm.command(List.of(), DiffusionCoreNLP.class, "-annotators",
                "tokenize,ssplit,diffusion", "-" + KEY, "no.such.Annotator", "-file", in.toString(),
                "-outputDirectory", tmp.resolve("other").toString()), "", Duration.ofMinutes(3));
        assertTrue(other.code() != 0, other.said());
        assertTrue(other.said().contains("no.such.Annotator"), other.said());
    }
}
