package io.apigw5xx.responder.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server standing for a Slack incoming webhook on 127.0.0.1 and a free port. Answers scripted
 * responses in order (200 "ok" once the script runs out) and records every body it received.
 */
public final class SlackStandIn implements AutoCloseable {

    record Reply(int status, String body, Map<String, String> headers) {
        static Reply ok() {
            return new Reply(200, "ok", Map.of());
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile Reply always;

    public SlackStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/services/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Reply r = always != null ? always : script.poll();
            if (r == null) {
                r = Reply.ok();
            }
            r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(r.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0000/B0000/secretpart");
    }

    SlackStandIn then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Answer every request with this reply (e.g. a Slack outage). */
    SlackStandIn always(Reply reply) {
        always = reply;
        return this;
    }

    public List<String> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
