package io.apigw5xx.responder.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP endpoint that answers every request with one canned status and body and records what it got: the
 * wire format of a signed AWS call, checked without an emulator. Close it after the test.
 */
public final class RecordingEndpoint implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body, String rawPath,
                           String rawQuery) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private final Map<String, String> answerHeaders;

    private RecordingEndpoint(int status, String contentType, String body, Map<String, String> answerHeaders) throws IOException {
        this.answerHeaders = Map.copyOf(answerHeaders);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery()));
            answerHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public static RecordingEndpoint answering(int status, String contentType, String body) throws IOException {
        return new RecordingEndpoint(status, contentType, body, Map.of());
    }

    /** Also answers with {@code headers} (e.g. a REST-JSON error's {@code x-amzn-ErrorType}). */
    public static RecordingEndpoint answering(int status, String contentType, String body, Map<String, String> headers)
            throws IOException {
        return new RecordingEndpoint(status, contentType, body, headers);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
