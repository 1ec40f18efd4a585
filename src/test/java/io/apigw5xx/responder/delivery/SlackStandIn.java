package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP server on 127.0.0.1 and a free port standing for Slack: an incoming webhook under
 * {@code /services/} and the Web API under {@code /api/} (chat.postMessage, chat.update,
 * files.getUploadURLExternal, files.completeUploadExternal) with the upload URL it hands out under
 * {@code /upload/}. It answers as Slack's method reference documents: HTTP 200 with {@code ok:true} and the
 * documented fields, or {@code ok:false} and the documented error (not_authed, invalid_auth,
 * channel_not_found, not_in_channel, no_text, invalid_blocks, message_not_found, missing_argument,
 * file_not_found, invalid_arguments for a JSON body to a form-only method); 429 + Retry-After when scripted.
 * Webhook replies are scripted in order (200 "ok" once the script runs out); every body is recorded.
 */
public final class SlackStandIn implements AutoCloseable {

    public static final String TOKEN = "xoxb-1111-2222-standintoken";

    public record Reply(int status, String body, Map<String, String> headers) {
        public static Reply ok() {
            return new Reply(200, "ok", Map.of());
        }

        public static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }

        /** A Web API failure as Slack sends it: HTTP 200, {"ok":false,"error":…}. */
        public static Reply error(String error) {
            return new Reply(200, "{\"ok\":false,\"error\":\"" + error + "\"}", Map.of());
        }

        public static Reply rateLimited(int retryAfterSeconds) {
            return new Reply(429, "{\"ok\":false,\"error\":\"ratelimited\"}", Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
        }
    }

    /** A message in a channel: top level when {@code threadTs} is null. {@code files} are shared PNGs' ids. */
    public record Message(String channel, String ts, String threadTs, boolean replyBroadcast, JsonNode body, List<String> files) {
        public String text() {
            return body == null ? "" : body.toString();
        }
    }

    /** One request as it arrived, for assertions on wire details (headers, encoding). */
    public record Request(String path, String contentType, String authorization, String body) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<Reply>> methodScript = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> pendingUploads = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploaded = new ConcurrentHashMap<>();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final Set<String> memberOf = ConcurrentHashMap.newKeySet();
    private final AtomicLong clock = new AtomicLong(1_710_409_337_000_200L);
    private final AtomicLong fileIds = new AtomicLong(1);
    private volatile Reply always;

    public SlackStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/services/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Reply r = always != null ? always : script.poll();
            send(exchange, r == null ? Reply.ok() : r);
        });
        server.createContext("/api/", this::api);
        server.createContext("/upload/", this::upload);
        server.start();
        channel("C0INCIDENTS", true);
    }

    public URI url() {
        return URI.create(base() + "/services/T0000/B0000/secretpart");
    }

    /** The Web API base URL (ends in "/"), like https://slack.com/api/. */
    public URI apiBase() {
        return URI.create(base() + "/api/");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A channel that exists; {@code botIsMember} false makes posts fail with not_in_channel. */
    public SlackStandIn channel(String id, boolean botIsMember) {
        channels.add(id);
        if (botIsMember) {
            memberOf.add(id);
        } else {
            memberOf.remove(id);
        }
        return this;
    }

    public SlackStandIn then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The next calls of {@code method} ("chat.postMessage", "upload" for the upload URL) get these replies. */
    public SlackStandIn thenFor(String method, Reply... replies) {
        methodScript.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
        return this;
    }

    /** Answer every webhook request with this reply (e.g. a Slack outage). */
    public SlackStandIn always(Reply reply) {
        always = reply;
        return this;
    }

    public List<String> received() {
        return received;
    }

    public List<Request> requests() {
        return requests;
    }

    public List<Message> messages() {
        return messages;
    }

    public List<Message> topLevel() {
        return messages.stream().filter(m -> m.threadTs() == null).toList();
    }

    public List<Message> replies(String parentTs) {
        return messages.stream().filter(m -> parentTs.equals(m.threadTs())).toList();
    }

    public byte[] file(String id) {
        return uploaded.get(id);
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestURI().getPath(), contentType, auth, body));
        Reply scripted = next(method);
        if (scripted != null) {
            send(exchange, scripted);
            return;
        }
        ObjectNode answer;
        if (auth == null || !auth.startsWith("Bearer ")) {
            answer = error("not_authed");
        } else if (!auth.equals("Bearer " + TOKEN)) {
            answer = error("invalid_auth");
        } else {
            boolean isJson = contentType != null && contentType.startsWith("application/json");
            JsonNode args = isJson ? json.readTree(body) : form(body);
            answer = switch (method) {
                case "chat.postMessage" -> postMessage(args);
                case "chat.update" -> update(args);
                case "files.getUploadURLExternal" -> isJson ? error("invalid_arguments") : uploadUrl(args);
                case "files.completeUploadExternal" -> complete(args);
                default -> error("unknown_method");
            };
        }
        send(exchange, new Reply(200, answer.toString(), Map.of("Content-Type", "application/json; charset=utf-8")));
    }

    private ObjectNode postMessage(JsonNode a) {
        String channel = a.path("channel").asText(null);
        ObjectNode bad = channelProblem(channel);
        if (bad != null) {
            return bad;
        }
        if (!a.hasNonNull("text") && !a.hasNonNull("blocks") && !a.hasNonNull("attachments")) {
            return error("no_text");
        }
        if (a.path("blocks").size() > 50) {
            return error("invalid_blocks");
        }
        String threadTs = a.hasNonNull("thread_ts") ? a.get("thread_ts").asText() : null;
        String ts = nextTs();
        messages.add(new Message(channel, ts, threadTs, a.path("reply_broadcast").asBoolean(false), a, new ArrayList<>()));
        ObjectNode ok = json.createObjectNode().put("ok", true).put("channel", channel).put("ts", ts);
        ObjectNode message = ok.putObject("message").put("type", "message").put("text", a.path("text").asText("")).put("ts", ts);
        if (threadTs != null) {
            message.put("thread_ts", threadTs);
        }
        return ok;
    }

    private ObjectNode update(JsonNode a) {
        String channel = a.path("channel").asText(null);
        String ts = a.path("ts").asText(null);
        ObjectNode bad = channelProblem(channel);
        if (bad != null) {
            return bad;
        }
        for (int k = 0; k < messages.size(); k++) {
            Message m = messages.get(k);
            if (m.channel().equals(channel) && m.ts().equals(ts)) {
                messages.set(k, new Message(channel, ts, m.threadTs(), m.replyBroadcast(), a, m.files()));
                return json.createObjectNode().put("ok", true).put("channel", channel).put("ts", ts)
                        .put("text", a.path("text").asText(""));
            }
        }
        return error("message_not_found");
    }

    private ObjectNode uploadUrl(JsonNode a) {
        String filename = a.path("filename").asText("");
        long length = a.path("length").asLong(0);
        if (filename.isEmpty() || length < 1) {
            return error("missing_argument");
        }
        String id = "F" + String.format("%010d", fileIds.getAndIncrement());
        pendingUploads.put(id, (int) length);
        return json.createObjectNode().put("ok", true).put("upload_url", base() + "/upload/v1/" + id).put("file_id", id);
    }

    private ObjectNode complete(JsonNode a) {
        JsonNode files = a.path("files");
        if (files.isTextual()) {
            try {
                files = json.readTree(files.asText());
            } catch (IOException e) {
                return error("invalid_arguments");
            }
        }
        if (!files.isArray() || files.isEmpty()) {
            return error("invalid_arguments");
        }
        String channel = a.hasNonNull("channel_id") ? a.get("channel_id").asText() : null;
        if (channel != null) {
            ObjectNode bad = channelProblem(channel);
            if (bad != null) {
                return bad;
            }
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode f : files) {
            String id = f.path("id").asText("");
            if (!uploaded.containsKey(id)) {
                return error("file_not_found");
            }
            ids.add(id);
        }
        if (channel != null) {
            String threadTs = a.hasNonNull("thread_ts") ? a.get("thread_ts").asText() : null;
            messages.add(new Message(channel, nextTs(), threadTs, false, a, ids));
        }
        ObjectNode ok = json.createObjectNode().put("ok", true);
        for (JsonNode f : files) {
            ok.withArray("files").addObject().put("id", f.path("id").asText()).put("title", f.path("title").asText(""));
        }
        return ok;
    }

    private void upload(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring(exchange.getRequestURI().getPath().lastIndexOf('/') + 1);
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), bytes.length + " bytes"));
        Reply scripted = next("upload");
        if (scripted != null) {
            send(exchange, scripted);
            return;
        }
        Integer expected = pendingUploads.remove(id);
        if (expected == null) {
            send(exchange, Reply.of(404, "Not Found"));
            return;
        }
        uploaded.put(id, bytes);
        send(exchange, Reply.of(200, "OK - " + bytes.length));
    }

    private ObjectNode channelProblem(String channel) {
        if (channel == null || channel.isEmpty() || !channels.contains(channel)) {
            return error("channel_not_found");
        }
        if (!memberOf.contains(channel)) {
            return error("not_in_channel");
        }
        return null;
    }

    private Reply next(String method) {
        Queue<Reply> q = methodScript.get(method);
        return q == null ? null : q.poll();
    }

    private String nextTs() {
        long micros = clock.addAndGet(1_000_100);
        return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
    }

    private ObjectNode error(String error) {
        return json.createObjectNode().put("ok", false).put("error", error);
    }

    private ObjectNode form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(k, v);
        }
        ObjectNode node = json.createObjectNode();
        values.forEach(node::put);
        return node;
    }

    private static void send(HttpExchange exchange, Reply r) throws IOException {
        r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(r.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
