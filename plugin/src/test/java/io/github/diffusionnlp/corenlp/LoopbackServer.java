package io.github.diffusionnlp.corenlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.stanford.nlp.pipeline.StanfordCoreNLPServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * CoreNLP's own server on a free port, quiet, with a 120 s request timeout, and what a client sends it on 127.0.0.1:
 * a body with the request's properties in the query, as CoreNLP's clients send them. {@link #close} stops it.
 */
final class LoopbackServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final int port;
    private final StanfordCoreNLPServer server;

    private LoopbackServer(int port, StanfordCoreNLPServer server) {
        this.port = port;
        this.server = server;
    }

    /** A started server whose {@code server_id} is {@code id} and its port. */
    static LoopbackServer start(String id) throws IOException {
        int port = freePort();
        Properties serverProps = new Properties();
        serverProps.setProperty("server_id", id + "-" + port);
        StanfordCoreNLPServer server = new StanfordCoreNLPServer(serverProps, port, 120_000, false) {
            {
                quiet = true;
            }
        };
        server.run();
        return new LoopbackServer(port, server);
    }

    /** A port no one listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * A POST to the server on {@code port} of {@code text} in {@code charset} with the request's {@code props}, and a
     * {@code Content-Type} header unless {@code contentType} is null.
     */
    static HttpRequest request(int port, Map<String, String> props, String text, Charset charset, String contentType)
            throws JsonProcessingException {
        String query = "properties=" + URLEncoder.encode(JSON.writeValueAsString(props), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?" + query))
                .timeout(Duration.ofMinutes(3)).POST(HttpRequest.BodyPublishers.ofString(text, charset));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request.build();
    }

    /** {@code text} as UTF-8 with no {@code Content-Type}, the answer read as UTF-8. */
    HttpResponse<String> post(Map<String, String> props, String text) throws Exception {
        return CLIENT.send(request(port, props, text, StandardCharsets.UTF_8, null),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.getServer().ifPresent(s -> s.stop(0));
    }
}
