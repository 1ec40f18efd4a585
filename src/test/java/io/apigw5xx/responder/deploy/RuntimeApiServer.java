package io.apigw5xx.responder.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The two faces of the Lambda Runtime Interface Emulator, on 127.0.0.1: the Runtime API the Runtime Interface
 * Client polls ({@code /2018-06-01/runtime/...}, as documented in the Lambda "runtime API" reference) and the
 * invoke endpoint {@code sam local invoke} posts events to ({@code /2015-03-31/functions/function/invocations}).
 * Used by LambdaRuntimeIT and bench-coldstart when the official emulator could not be built (see
 * src/test/go/install-rie.sh); everything on the function side (RIC, handler loading, serialisation) is real.
 */
final class RuntimeApiServer implements AutoCloseable {

    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:apigw-5xx-responder";

    /** What the invoke endpoint answers: body, and the error type when the function failed. */
    record Result(int status, String body, Optional<String> functionError) { }

    private record Invocation(String requestId, byte[] event, CompletableFuture<Result> result) { }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPollNanos = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final Duration functionTimeout;

    RuntimeApiServer(Duration functionTimeout) throws IOException {
        this.functionTimeout = functionTimeout;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/2018-06-01/runtime/", this::runtimeApi);
        server.createContext("/2015-03-31/functions/function/invocations", this::invoke);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API for the runtime client. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** System.nanoTime() of the first {@code invocation/next}: the function finished its init. */
    CompletableFuture<Long> firstPoll() {
        return firstPollNanos;
    }

    CompletableFuture<String> initError() {
        return initError;
    }

    private void runtimeApi(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/2018-06-01/runtime/".length());
        String method = exchange.getRequestMethod();
        try (exchange) {
            if (method.equals("GET") && path.equals("invocation/next")) {
                firstPollNanos.complete(System.nanoTime());
                Invocation next = pending.take();
                inFlight.put(next.requestId(), next);
                var headers = exchange.getResponseHeaders();
                headers.add("Lambda-Runtime-Aws-Request-Id", next.requestId());
                headers.add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
                headers.add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
                headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                headers.add("Content-Type", "application/json");
                send(exchange, 200, next.event());
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError.complete(body(exchange.getRequestBody()));
                pending.forEach(i -> i.result().complete(new Result(200, initError.join(), Optional.of("InitError"))));
                send(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
            } else if (method.equals("POST") && path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                Invocation invocation = parts.length == 3 ? inFlight.remove(parts[1]) : null;
                if (invocation == null) {
                    send(exchange, 404, "{\"errorType\":\"InvalidRequestID\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                String body = body(exchange.getRequestBody());
                Optional<String> error = parts[2].equals("error")
                        ? Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                                .or(() -> Optional.of("Unhandled"))
                        : Optional.empty();
                invocation.result().complete(new Result(200, body, error));
                send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "{}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void invoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] event = exchange.getRequestBody().readAllBytes();
            Result result = enqueue(event).get(functionTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            result.functionError().ifPresent(type -> exchange.getResponseHeaders().add("X-Amz-Function-Error", type));
            send(exchange, result.status(), result.body().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            send(exchange, 504, ("{\"errorMessage\":\"no response: " + e + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private CompletableFuture<Result> enqueue(byte[] event) {
        var invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        if (initError.isDone()) {
            invocation.result().complete(new Result(200, initError.join(), Optional.of("InitError")));
        } else {
            pending.add(invocation);
        }
        return invocation.result();
    }

    private static String body(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
