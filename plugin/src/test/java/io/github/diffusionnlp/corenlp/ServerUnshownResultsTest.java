package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import edu.stanford.nlp.pipeline.StanfordCoreNLPServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server request with {@code diffusion.replace = false} and one of CoreNLP's own output formats (json, the
 * server's default, xml, text, serialized…) was answered 200 with the document untouched (audit h266, the server's
 * side of {@link UnshownResultsTest}): those formats print a fixed list of keys, none of ours, so the request
 * sampled and the client got nothing of it. Such a request is now refused before anything is sampled, as the
 * annotator's other bad properties are (HTTP 500, the one message naming the property and the fix: CoreNLP's
 * handler answers every failure so), and {@code outputFormat=custom} with our outputter answers the results.
 */
class ServerUnshownResultsTest {
    static final String TEXT = "The old [MASK] barked at the red car.";
    static LoopbackServer server;

    @BeforeAll
    static void start() throws IOException {
        server = LoopbackServer.start("diffusion-unshown");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, String> request(String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("annotators", "tokenize,ssplit,diffusion");
        p.put("customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName());
        p.put("diffusion.steps", "2");
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    static String refusal(String name, String value, String format) {
        return "annotator \"" + name + "\": bad " + name + ".replace = '" + value + "'; allowed in a server request"
                + " answered as " + format + ": true (the default), which writes the results into the document; false"
                + " keeps them only in the annotator's own annotations, which the " + format + " answer does not"
                + " hold (CoreNLP's outputters print a fixed list of keys): send outputFormat=custom and"
                + " customOutputter=io.github.diffusionnlp.corenlp.DiffusionJsonOutputter (or DiffusionTextOutputter)"
                + " with the request, or leave " + name + ".replace at true";
    }

    static void assertRefused(HttpResponse<String> r, String message) {
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains("java.lang.IllegalArgumentException: " + message), r.body());
    }

    @Test
    void aStockOutputFormatUnderReplaceFalseIsRefused() throws Exception {
        assertRefused(server.post(request("diffusion.replace", "false", "outputFormat", "json"), TEXT),
                refusal("diffusion", "false", "json"));
        // no outputFormat: the server's default, json; generate alone, whose sentences were nowhere in the answer
        assertRefused(server.post(request("annotators", "diffusion", "diffusion.task", "generate",
                "diffusion.replace", " FALSE "), ""), refusal("diffusion", "FALSE", "json")); // the server trims it
        assertRefused(server.post(request("diffusion.replace", "false", "outputFormat", "text"), TEXT),
                refusal("diffusion", "false", "text"));
        // protobuf, through the serializer that writes a changed document: without our records
        assertRefused(server.post(request("diffusion.replace", "false", "outputFormat", "serialized",
                "outputSerializer", DiffusionProtobufSerializer.class.getName()), TEXT),
                refusal("diffusion", "false", "serialized"));
        // an annotator of ours under another name
        assertRefused(server.post(request("annotators", "tokenize,ssplit,rw", "customAnnotatorClass.rw",
                DiffusionAnnotator.class.getName(), "rw.task", "rewrite", "rw.replace", "false", "outputFormat",
                "xml"), TEXT), refusal("rw", "false", "xml"));
        assertEquals(200, server.post(request("outputFormat", "json"), TEXT).statusCode(), "still serving");
    }

    /** The fix the message names: our outputter writes the results next to the untouched document. */
    @Test
    void theCustomOutputterAnswersTheResults() throws Exception {
        HttpResponse<String> r = server.post(request("diffusion.replace", "false", "outputFormat", "custom",
                "customOutputter", DiffusionJsonOutputter.class.getName()), TEXT);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElse(null),
                "CoreNLP's server names no type for a custom format");
        JsonNode tokens = LoopbackServer.JSON.readTree(r.body()).get("sentences").get(0).get("tokens");
        assertEquals("[MASK]", tokens.get(2).get("word").asText(), "the document untouched: " + r.body());
        assertTrue(tokens.get(2).has("diffusionWord"), r.body());
        assertFalse(tokens.get(2).get("diffusionWord").asText().isEmpty(), r.body());
    }

    /** The jar's server mode (ours registered as diffusion by default) refuses it too. */
    @Test
    void theJarsServerRefusesItToo() throws Exception {
        int port = LoopbackServer.freePort();
        StanfordCoreNLPServer jarServer = StanfordCoreNLPServer.launchServer(DiffusionCoreNLP.serverArgs(
                new String[] {"-port", String.valueOf(port), "-server_id", "diffusion-unshown-" + port, "-quiet"}));
        try {
            Map<String, String> props = new LinkedHashMap<>(Map.of("annotators", "tokenize,ssplit,diffusion",
                    "diffusion.replace", "false", "diffusion.steps", "2"));
            HttpResponse<String> r = LoopbackServer.CLIENT.send(LoopbackServer.request(port, props, TEXT,
                    StandardCharsets.UTF_8, null), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertRefused(r, refusal("diffusion", "false", "json"));
        } finally {
            jarServer.getServer().ifPresent(s -> s.stop(0));
        }
    }
}
