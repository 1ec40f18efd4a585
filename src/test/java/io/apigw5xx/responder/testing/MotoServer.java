package io.apigw5xx.responder.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one moto server per test JVM, on 127.0.0.1 and a free port, from the venv the build
 * installs (target/venv, see src/test/python). Inject {@link MotoServer} into a test or a
 * {@code @BeforeAll} method to get its endpoint; call {@link #reset()} for a clean account.
 *
 * <pre>{@code @ExtendWith(MotoServer.Extension.class) class SomethingIT { ... }}</pre>
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Base URL for every SDK client's {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The responder's signed delivery calls (SNS, SQS, Secrets Manager, SSM) aimed at this server, in us-east-1. */
    public io.apigw5xx.responder.delivery.DeliveryCalls deliveryCalls() {
        return new io.apigw5xx.responder.delivery.DeliveryCalls(
                software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create(),
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")),
                software.amazon.awssdk.regions.Region.US_EAST_1, java.util.Optional.of(endpoint));
    }

    /** Forgets everything created so far (all services, all regions). */
    public void reset() {
        send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Starts a server outside JUnit (the benchmark); close it when done. */
    public static MotoServer start() throws IOException, InterruptedException {
        Path venv = Path.of(System.getProperty("python.venv", "target/venv"));
        Path server = venv.resolve("bin/moto_server");
        if (!Files.isExecutable(server)) {
            throw new IllegalStateException("moto server not found at " + server.toAbsolutePath()
                    + ". The Maven build installs it (process-test-resources runs src/test/python/install-venv.sh);"
                    + " it needs python3 with the venv module on PATH.");
        }
        int port = freePort();
        Path log = Files.createTempFile("moto-server-", ".log");
        Process process = new ProcessBuilder(server.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MotoServer moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        moto.awaitReady(log);
        return moto;
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).GET()
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("moto server did not answer within " + START_TIMEOUT + ": " + Files.readString(log));
    }

    private void send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto server unreachable at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts the server once per JVM (stored in the root context, closed when the JVM's tests end). */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {

        @Override
        public void beforeAll(ExtensionContext context) {
            server(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == MotoServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return server(context);
        }

        private static MotoServer server(ExtensionContext context) {
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(MotoServer.class));
            return store.getOrComputeIfAbsent("server", key -> {
                try {
                    return new CloseableServer(MotoServer.start());
                } catch (IOException e) {
                    throw new IllegalStateException("could not start moto server", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted starting moto server", e);
                }
            }, CloseableServer.class).server();
        }
    }

    private record CloseableServer(MotoServer server) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
