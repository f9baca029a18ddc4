package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.ProtobufAnnotationSerializer;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.pipeline.StanfordCoreNLPServer;
import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.model.LengthPrior;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CoreNLP server on loopback; the annotator requested through request properties. */
class ServerTest {
    static final String TEXT = "The [MASK] of the committee said that the [MASK] was late. The old dog [MASK] loudly.";
    static final ObjectMapper JSON = LoopbackServer.JSON;
    static final HttpClient CLIENT = LoopbackServer.CLIENT;
    static LoopbackServer server;
    static int port;

    @BeforeAll
    static void start() throws IOException {
        server = LoopbackServer.start("diffusion-test");
        port = server.port;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, String> requestProps(String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("annotators", "tokenize,ssplit,diffusion");
        p.put("customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName());
        p.put("diffusion.steps", "4");
        p.put("outputFormat", "json");
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    static HttpResponse<String> post(Map<String, String> props, String text) throws Exception {
        return server.post(props, text);
    }

    /** The words of every sentence of a JSON response. */
    static List<List<String>> words(String json) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode sentence : JSON.readTree(json).get("sentences")) {
            List<String> w = new ArrayList<>();
            sentence.get("tokens").forEach(t -> w.add(t.get("word").asText()));
            out.add(w);
        }
        return out;
    }

    static List<List<String>> expected(String... pairs) {
        Properties p = props("tokenize,ssplit,diffusion", pairs);
        Annotation doc = annotate(new StanfordCoreNLP(p), TEXT);
        List<List<String>> out = new ArrayList<>();
        doc.get(CoreAnnotations.SentencesAnnotation.class).forEach(s -> out.add(Pipelines.words(s)));
        return out;
    }

    @Test
    void concurrentRequestsEachGetTheirOwnSeedsResult() throws Exception {
        int seeds = 3;
        List<List<List<String>>> expected = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            expected.add(expected("diffusion.seed", String.valueOf(seed)));
        }
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Map<String, String> props = requestProps("diffusion.seed", String.valueOf(i % seeds));
                responses.add(clients.submit(() -> post(props, TEXT)));
            }
            for (int i = 0; i < responses.size(); i++) {
                HttpResponse<String> r = responses.get(i).get(5, TimeUnit.MINUTES);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(expected.get(i % seeds), words(r.body()), "request " + i);
                assertTrue(!r.body().contains("MASK"), r.body());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Requests with different tasks and property sets at once (a {@code syntax=keep} rewrite of masked sentences
     * among them): each gets what a local pipeline gives it.
     */
    @Test
    void concurrentRequestsWithDifferentPropertySetsDoNotMix() throws Exception {
        List<String[]> sets = List.of(
                new String[] {"diffusion.seed", "3", "diffusion.temperature", "1"},
                new String[] {"diffusion.seed", "5", "diffusion.task", "rewrite", "diffusion.strength", "0.8"},
                new String[] {"diffusion.seed", "7", "diffusion.task", "generate", "diffusion.count", "2",
                    "diffusion.length", "6"},
                new String[] {"diffusion.seed", "3", "diffusion.temperature", "1", "annotators",
                    "tokenize,ssplit,pos,diffusion", "diffusion.mask", "pos:NOUN"},
                // the masks filled, the filled words tagged by the pipeline's pos, the rewrite under those tags; the
                // second sentence, shorter than keep names, left as it is (given to core empty, its mask kept)
                new String[] {"diffusion.seed", "9", "annotators", "tokenize,ssplit,pos,diffusion", "diffusion.task",
                    "rewrite", "diffusion.syntax", "keep", "diffusion.keep", "1,9"});
        List<List<List<String>>> expected = new ArrayList<>();
        for (String[] set : sets) {
            Properties p = props("tokenize,ssplit,diffusion", set);
            Annotation doc = annotate(new StanfordCoreNLP(p), TEXT);
            expected.add(doc.get(CoreAnnotations.SentencesAnnotation.class).stream().map(Pipelines::words).toList());
        }
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 3 * sets.size(); i++) {
                Map<String, String> props = requestProps(sets.get(i % sets.size()));
                responses.add(clients.submit(() -> post(props, TEXT)));
            }
            for (int i = 0; i < responses.size(); i++) {
                HttpResponse<String> r = responses.get(i).get(5, TimeUnit.MINUTES);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(expected.get(i % sets.size()), words(r.body()), "request " + i);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * The document edits that change token counts (written contractions split as the tokenizer splits them,
     * template rewrites longer and shorter than the sentence, a rewrite with [MASK] at kept positions) at once
     * from several clients: each answer is the one the same request got alone, and its offsets and indexes fit
     * its text.
     */
    @Test
    void concurrentRequestsThatChangeTokenCountsGetTheirSerialAnswers() throws Exception {
        // seed 11 fills the first mask with didn't (split into did n't); the templates give 4 and 13 tokens (more
        // where the model writes a contraction); keep=2,4 keeps "said", "ca", "wo", and the masks at
        // kept position 4 are written all the same
        String contractions = "He said he [MASK] know the answer. I can't [MASK] it. She won't [MASK] here, and he"
                + " didn't [MASK] either.";
        List<Map<String, String>> sets = List.of(
                requestProps("diffusion.seed", "11"),
                requestProps("diffusion.seed", "4", "diffusion.task", "rewrite",
                        "diffusion.syntax", "DET NOUN VERB PUNCT"),
                requestProps("diffusion.seed", "5", "diffusion.task", "rewrite", "diffusion.keep", "1",
                        "diffusion.syntax", "PRON VERB ADV VERB ADP DET ADJ NOUN CCONJ PRON VERB ADV PUNCT"),
                requestProps("diffusion.seed", "7", "diffusion.task", "rewrite", "diffusion.keep", "2,4",
                        "diffusion.strength", "0.9"));
        List<String> alone = new ArrayList<>();
        for (Map<String, String> set : sets) {
            HttpResponse<String> r = post(set, contractions);
            assertEquals(200, r.statusCode(), r.body());
            assertOffsetsFitTheText(r.body());
            alone.add(r.body());
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 4 * sets.size(); i++) {
                Map<String, String> props = sets.get(i % sets.size());
                responses.add(clients.submit(() -> post(props, contractions)));
            }
            for (int i = 0; i < responses.size(); i++) {
                HttpResponse<String> r = responses.get(i).get(5, TimeUnit.MINUTES);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(alone.get(i % sets.size()), r.body(), "request " + i);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Requests that differ only outside {@code diffusion.*} each get an annotator made with their own properties.
     * CoreNLP keys the annotators it keeps by name and {@code NAME.*} properties alone, and kept ours: the second
     * request got the first one's tokenizer. Each order uses an annotator name no other request used, so that the
     * first request of each pair is the first with its {@code NAME.*} properties.
     */
    @Test
    void requestsThatDifferOnlyInTheTokenizerEachReadTheWrittenWordsWithTheirOwn() throws Exception {
        // seed 11 fills the mask with didn't: PTB's tokenizer splits it, the whitespace tokenizer does not
        Map<String, String> ptbFirst = named("diffusion_ptbfirst", "seed", "11");
        Map<String, String> wsSecond = named("diffusion_ptbfirst", "seed", "11", "tokenize.whitespace", "true");
        assertEquals(List.of(List.of("He", "said", "he", "did", "n't", "know", "the", "answer", ".")),
                words(ok(post(ptbFirst, "He said he [MASK] know the answer."))));
        assertEquals(List.of(List.of("He", "said", "he", "didn't", "know", "the", "answer", ".")),
                words(ok(post(wsSecond, "He said he [MASK] know the answer ."))), "whitespace after PTB");

        Map<String, String> wsFirst = named("diffusion_wsfirst", "seed", "11", "tokenize.whitespace", "true");
        Map<String, String> ptbSecond = named("diffusion_wsfirst", "seed", "11");
        assertEquals(List.of(List.of("He", "said", "he", "didn't", "know", "the", "answer", ".")),
                words(ok(post(wsFirst, "He said he [MASK] know the answer ."))));
        assertEquals(List.of(List.of("He", "said", "he", "did", "n't", "know", "the", "answer", ".")),
                words(ok(post(ptbSecond, "He said he [MASK] know the answer."))), "PTB after whitespace");
    }

    /**
     * Generate on an empty document, whose tokens cannot show what ran before it: the generated sentences are
     * tagged when the request's own annotators list has {@code pos} before ours, whichever request came first.
     */
    @Test
    void generateRequestsWithAndWithoutPosEachGetTheirOwnTagging() throws Exception {
        String[] generate = {"task", "generate", "count", "2", "length", "6", "seed", "3"};
        for (boolean posFirst : new boolean[] {false, true}) {
            String name = posFirst ? "diffusion_genposfirst" : "diffusion_genplainfirst";
            Map<String, String> plain = named(name, generate);
            Map<String, String> tagged = named(name, generate);
            tagged.put("annotators", "tokenize,ssplit,pos," + name);
            for (Map<String, String> request : posFirst ? List.of(tagged, plain) : List.of(plain, tagged)) {
                List<String> tags = new ArrayList<>();
                for (JsonNode sentence : JSON.readTree(ok(post(request, ""))).get("sentences")) {
                    sentence.get("tokens").forEach(t -> tags.add(t.has("pos") ? t.get("pos").asText() : null));
                }
                String which = (request == tagged ? "with pos" : "without pos") + (posFirst ? ", pos first" : "");
                assertTrue(tags.size() >= 12, which + ": " + tags);
                if (request == tagged) {
                    assertTrue(tags.stream().allMatch(t -> t != null && !t.isEmpty()), which + ": " + tags);
                } else {
                    assertTrue(tags.stream().allMatch(t -> t == null), which + ": " + tags);
                }
            }
        }
    }

    /**
     * Each request builds its own annotator, and CoreNLP's annotator cache keeps none of ours: requests with their
     * own {@code diffusion.seed} leave no entry behind (CoreNLP keeps an entry per property set for the JVM's
     * life, holding the request's properties: a server grew by one per such request).
     */
    @Test
    void requestsWithTheirOwnSeedsLeaveNothingOfOursInCoreNLPsCache() throws Exception {
        String name = "diffusion_seeds";
        for (int seed = 0; seed < 40; seed++) {
            ok(post(named(name, "seed", String.valueOf(seed), "steps", "1"), "The [MASK] was late."));
        }
        assertEquals(0, StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.keySet().stream().filter(k -> k.name.equals(name))
                .count(), "entries of ours in CoreNLP's annotator cache");
    }

    /** Request properties for an annotator called {@code name}, with {@code name.KEY, value} pairs. */
    static Map<String, String> named(String name, String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("annotators", "tokenize,ssplit," + name);
        p.put("customAnnotatorClass." + name, DiffusionAnnotator.class.getName());
        p.put(name + ".steps", "4");
        p.put("outputFormat", "json");
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i].contains(".") ? pairs[i] : name + "." + pairs[i], pairs[i + 1]);
        }
        return p;
    }

    static String ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /**
     * Indexes count from 1 in each sentence, and the text rebuilt from the tokens' {@code before},
     * {@code originalText} and {@code after} holds each token's original text at its character offsets.
     */
    static void assertOffsetsFitTheText(String json) throws IOException {
        StringBuilder text = new StringBuilder();
        List<JsonNode> tokens = new ArrayList<>();
        for (JsonNode sentence : JSON.readTree(json).get("sentences")) {
            int index = 1;
            for (JsonNode t : sentence.get("tokens")) {
                assertEquals(index++, t.get("index").asInt(), json);
                if (tokens.isEmpty()) {
                    text.append(t.get("before").asText());
                }
                text.append(t.get("originalText").asText()).append(t.get("after").asText());
                tokens.add(t);
            }
        }
        for (JsonNode t : tokens) {
            int begin = t.get("characterOffsetBegin").asInt();
            int end = t.get("characterOffsetEnd").asInt();
            assertEquals(t.get("originalText").asText(), text.substring(begin, end), text.toString());
        }
    }

    /**
     * Protobuf (outputFormat=serialized, what stanza's client asks for) from the jar's server with no serializer
     * named: CoreNLP's default serializer refuses our keys (HTTP 500), the jar's server defaults to ours.
     */
    @Test
    void theJarsServerWritesProtobufWithoutASerializerNamed() throws Exception {
        int jarPort = LoopbackServer.freePort();
        Map<String, String> props = requestProps("outputFormat", "serialized");
        HttpResponse<byte[]> stock = postBytes(port, props, TEXT);
        assertEquals(500, stock.statusCode(), "CoreNLP's own serializer, as documented");
        assertTrue(new String(stock.body(), StandardCharsets.UTF_8).contains("Keys are not being serialized"));

        StanfordCoreNLPServer jarServer = StanfordCoreNLPServer.launchServer(DiffusionCoreNLP.serverArgs(
                new String[] {"-port", String.valueOf(jarPort), "-server_id", "diffusion-test-" + jarPort, "-quiet"}));
        try {
            props.put("serializer", ProtobufAnnotationSerializer.class.getName()); // as stanza-style clients send
            HttpResponse<byte[]> r = postBytes(jarPort, props, TEXT);
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            Annotation doc = new ProtobufAnnotationSerializer().read(new ByteArrayInputStream(r.body())).first;
            assertEquals(expected(), doc.get(CoreAnnotations.SentencesAnnotation.class).stream()
                    .map(Pipelines::words).toList(), "the filled document");
        } finally {
            jarServer.getServer().ifPresent(s -> s.stop(0));
        }
        List<String> given = List.of(DiffusionCoreNLP.serverArgs(new String[] {"-outputSerializer", "x.Y"}));
        assertEquals(List.of("-outputSerializer", "x.Y"), given.subList(0, 2), "given: kept");
        assertEquals(1, Collections.frequency(given, "-outputSerializer"), "given: none added " + given);
    }

    static HttpResponse<byte[]> postBytes(int port, Map<String, String> props, String text) throws Exception {
        return CLIENT.send(LoopbackServer.request(port, props, text, StandardCharsets.UTF_8, null),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * The server decodes a request's body by the charset of its Content-Type, UTF-8 when it reads none (CoreNLP's
     * decoding, before any annotator runs): Latin-1 bytes sent without one arrive as U+FFFD, which PTBLexer drops
     * from the tokens (it stays in the text), and under tokenize.whitespace is an unknown word, kept as it is.
     */
    @Test
    void latin1BodiesAreDecodedByTheServerByTheirContentTypeCharset() throws Exception {
        String text = "Le caf\u00e9 [MASK] na\u00efve .";
        Map<String, String> props = requestProps("tokenize.whitespace", "true");
        List<String> words = words(postLatin1(props, text, "text/plain;charset=ISO-8859-1").body()).get(0);
        assertEquals(List.of("Le", "caf\u00e9"), words.subList(0, 2));
        assertEquals(List.of("na\u00efve", "."), words.subList(3, 5));

        // CoreNLP 4.5.10 compares "charset" with what follows ';' untrimmed: the usual "; charset=" is not read
        for (String unread : List.of("text/plain", "text/plain; charset=ISO-8859-1")) {
            HttpResponse<String> r = postLatin1(props, text, unread);
            assertEquals(200, r.statusCode(), r.body());
            words = words(r.body()).get(0);
            assertEquals(List.of("Le", "caf\uFFFD"), words.subList(0, 2), "decoded as UTF-8 by the server: " + unread);
            assertEquals(List.of("na\uFFFDve", "."), words.subList(3, 5), "unknown words come back verbatim");
            assertTrue(!words.get(2).equals(DiffusionLM.MASK), words.toString());
        }

        HttpResponse<String> ptb = postLatin1(requestProps(), text, "text/plain");
        assertEquals(200, ptb.statusCode(), ptb.body());
        assertEquals(List.of("Le", "caf"), words(ptb.body()).get(0).subList(0, 2), "PTBLexer drops U+FFFD");
    }

    /**
     * A body sent as a form (curl's and wget's default Content-Type) is URL-decoded by the server: '+' becomes a
     * space and %25 a '%', unless the body does not decode (a '%' without two hex digits), which is kept as
     * sent. Sent as text/plain it arrives as written.
     */
    @Test
    void formEncodedBodiesAreUrlDecodedByTheServer() throws Exception {
        // replace=false keeps the words as they arrived; a server answers it only through our outputter
        Map<String, String> props = requestProps("tokenize.whitespace", "true", "diffusion.replace", "false",
                "outputFormat", "custom", "customOutputter", DiffusionJsonOutputter.class.getName());
        String text = "C++ costs 5 % ( 5%25 ) [MASK] .";
        assertEquals(List.of("C++", "costs", "5", "%", "(", "5%25", ")", "[MASK]", "."),
                words(postAs(props, text, "text/plain;charset=UTF-8").body()).get(0));
        String form = "application/x-www-form-urlencoded";
        assertEquals(List.of("C", "costs", "5%"), words(postAs(props, "C++ costs 5%25", form).body()).get(0),
                "'+' read as a space, %25 as '%'");
        assertEquals(words(postAs(props, text, "text/plain").body()), words(postAs(props, text, form).body()),
                "a body that does not decode ('% ') is kept as sent");
    }

    static HttpResponse<String> postAs(Map<String, String> props, String text, String contentType) throws Exception {
        return CLIENT.send(LoopbackServer.request(port, props, text, StandardCharsets.UTF_8, contentType),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> postLatin1(Map<String, String> props, String text, String contentType)
            throws Exception {
        return CLIENT.send(LoopbackServer.request(port, props, text, StandardCharsets.ISO_8859_1, contentType),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void requestPropertiesChooseTaskAndOutputFormat() throws Exception {
        HttpResponse<String> generated = post(requestProps("diffusion.task", "generate", "diffusion.count", "2",
                "diffusion.length", "6"), "");
        assertEquals(200, generated.statusCode(), generated.body());
        List<List<String>> sentences = words(generated.body());
        assertEquals(2, sentences.size());
        assertEquals(6, sentences.get(0).size());

        HttpResponse<String> text = post(requestProps("outputFormat", "text", "diffusion.mask", "pos:ADJ",
                "annotators", "tokenize,ssplit,pos,diffusion"), "The old dog barked at the red car.");
        assertEquals(200, text.statusCode(), text.body());
        assertTrue(text.body().contains("Sentence #1 (9 tokens)"), text.body());
        assertTrue(!text.body().contains("The old dog barked at the red car."), text.body());

        Map<String, String> positive = requestProps("diffusion.task", "rewrite", "diffusion.sentiment", "positive",
                "diffusion.guidance", "2", "diffusion.seed", "11");
        HttpResponse<String> rewritten = post(positive, TEXT);
        assertEquals(200, rewritten.statusCode(), rewritten.body());
        assertEquals(expected("diffusion.task", "rewrite", "diffusion.sentiment", "positive", "diffusion.guidance",
                "2"), words(rewritten.body()), "the same rewrite as a local pipeline with the same properties");

        // Bad properties fail the request rather than being ignored, and the client reads what was wrong: the
        // annotator's own message, not only CoreNLP's "couldn't create" wrapper.
        HttpResponse<String> badSentiment = post(requestProps("diffusion.task", "rewrite", "diffusion.sentiment",
                "ecstatic"), TEXT);
        assertEquals(500, badSentiment.statusCode());
        assertTrue(badSentiment.body().contains("bad diffusion.sentiment = 'ecstatic'; allowed: "),
                badSentiment.body());

        // A message holding a character outside ASCII reached the client as an empty body its HTTP client refused
        // (CoreNLP declares the message's length in chars and writes its bytes): written <U+XXXX>
        HttpResponse<String> accented = post(requestProps("diffusion.task", "rewrite", "diffusion.sentiment",
                "positivé"), TEXT);
        assertEquals(500, accented.statusCode());
        assertTrue(accented.body().contains("bad diffusion.sentiment = 'positiv<U+00E9>'; allowed: "),
                accented.body());

        HttpResponse<String> bad = post(requestProps("diffusion.steps", "zero"), TEXT);
        assertEquals(500, bad.statusCode());
        assertTrue(bad.body().contains("bad diffusion.steps = 'zero'; allowed: "), bad.body());
        HttpResponse<String> again = post(requestProps("diffusion.steps", "zero"), TEXT);
        assertEquals(bad.body(), again.body(), "the same properties, the same answer");

        HttpResponse<String> good = post(requestProps(), TEXT);
        assertEquals(200, good.statusCode(), "a bad request leaves the server serving: " + good.body());
    }

    /** A request's diffusion.drawLength reaches the sampler: its sentences have the lengths the model draws. */
    @Test
    void aRequestDrawsEachSentencesLength() throws Exception {
        HttpResponse<String> drawn = post(requestProps("diffusion.task", "generate", "diffusion.count", "6",
                "diffusion.seed", "5", "diffusion.drawLength", "true"), "");
        assertEquals(200, drawn.statusCode(), drawn.body());
        // the model's words, which CoreNLP's tokens may split further ("What's": What, 's)
        Annotation local = annotate(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task",
                "generate", "diffusion.count", "6", "diffusion.seed", "5", "diffusion.drawLength", "true")), "");
        List<String> generated = local.get(DiffusionAnnotations.GeneratedSentences.class);
        LengthPrior prior = LengthPrior.of(ModelCheckpoint.readHeader(DefaultModel.locate()).training().rowLengths());
        SamplingOptions seed5 = SamplingOptions.builder().seed(5).build();
        for (int i = 0; i < generated.size(); i++) {
            assertEquals(prior.draw(seed5.sentenceSeed(i)), generated.get(i).split(" ").length, "sentence " + i + ": "
                    + generated.get(i));
        }
        List<List<String>> tokens = new ArrayList<>();
        local.get(CoreAnnotations.SentencesAnnotation.class).forEach(sentence -> tokens.add(Pipelines.words(sentence)));
        assertEquals(tokens, words(drawn.body()), "the same sentences as a local pipeline with the same properties");
        HttpResponse<String> bad = post(requestProps("diffusion.task", "generate", "diffusion.drawLength", "yes"), "");
        assertEquals(500, bad.statusCode());
        assertTrue(bad.body().contains("bad diffusion.drawLength = 'yes'; allowed: true or false"), bad.body());
    }

    /**
     * A request naming a model that is not there is told so, and the same request succeeds once the model is
     * in place: the refusal is not kept beyond the reason for it.
     */
    @Test
    void aMissingModelIsNamedToTheClientAndFoundOnceItIsThere(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        Map<String, String> props = requestProps("diffusion.model", model.toString());
        System.setProperty(ServerLimits.PATHS, dir.toString()); // a request reads only where the operator allows
        try {
            missingModelThenFound(model, props);
        } finally {
            System.clearProperty(ServerLimits.PATHS);
        }
    }

    private static void missingModelThenFound(Path model, Map<String, String> props) throws Exception {
        HttpResponse<String> missing = post(props, TEXT);
        assertEquals(500, missing.statusCode());
        assertTrue(missing.body().contains("bad diffusion.model = '" + model + "'"), missing.body());
        assertTrue(missing.body().endsWith(model + " does not exist"), missing.body());

        Files.createDirectories(model);
        try (var files = Files.list(DefaultModel.locate())) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        HttpResponse<String> found = post(props, TEXT);
        assertEquals(200, found.statusCode(), found.body());
    }
}
