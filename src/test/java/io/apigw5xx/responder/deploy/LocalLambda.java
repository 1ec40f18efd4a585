package io.apigw5xx.responder.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The function as {@code sam local invoke} runs it, without a container: the java21 runtime's command line
 * (Runtime Interface Client main class + the handler string) behind a Lambda Runtime Interface Emulator -
 * the official {@code aws-lambda-rie} binary when the build could make it, otherwise {@link RuntimeApiServer}.
 */
final class LocalLambda implements AutoCloseable {

    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** JVM flags the java21 managed runtime starts with (tiered compilation stops at C1). */
    static final List<String> LAMBDA_JVM_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    /** Where things are; all from failsafe's system properties (pom.xml). */
    record Layout(Path shadedJar, Path runtimeLib, Path rieDir, Path template, List<Path> extraClasspath) {
        static Layout fromSystemProperties() {
            return new Layout(Path.of(required("shaded.jar")), Path.of(required("lambda.runtime.lib")),
                    Path.of(required("lambda.rie.dir")), Path.of(required("project.basedir"), "template.yaml"), List.of());
        }

        private static String required(String name) {
            String value = System.getProperty(name);
            if (value == null) {
                throw new IllegalStateException("system property " + name + " is not set: run through ./mvnw verify");
            }
            return value;
        }

        Optional<Path> officialEmulator() {
            Path rie = rieDir.resolve("aws-lambda-rie");
            return Files.isExecutable(rie) ? Optional.of(rie) : Optional.empty();
        }

        String whyNoOfficialEmulator() {
            try {
                return Files.readString(rieDir.resolve("STATUS")).strip();
            } catch (IOException e) {
                return "no " + rieDir.resolve("aws-lambda-rie") + " and no STATUS file (was install-rie.sh run?)";
            }
        }

        /** Classpath of the function: the shaded jar plus what the runtime provides in /var/runtime/lib. */
        String classpath() throws IOException {
            List<String> entries = new ArrayList<>();
            entries.add(shadedJar.toString());
            extraClasspath.forEach(p -> entries.add(p.toString()));
            try (Stream<Path> jars = Files.list(runtimeLib)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
            }
            return String.join(java.io.File.pathSeparator, entries);
        }

        /** The Handler property of the function in template.yaml (the one the deployed function uses). */
        String handlerFromTemplate() throws IOException {
            Matcher m = Pattern.compile("(?m)^\\s+Handler:\\s*(\\S+)\\s*$").matcher(Files.readString(template));
            if (!m.find()) {
                throw new IllegalStateException("no Handler: line in " + template);
            }
            String handler = m.group(1);
            if (m.find()) {
                throw new IllegalStateException("more than one Handler: line in " + template);
            }
            return handler;
        }
    }

    /** One response of the invoke endpoint. */
    record Response(int status, String body, Optional<String> functionError) {
        boolean failed() {
            return functionError.isPresent() || body.contains("\"errorType\"");
        }
    }

    private final Process process;
    private final RuntimeApiServer runtimeApi;
    private final int invokePort;
    private final long startNanos;
    private final Path log;
    private final String emulator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalLambda(Process process, RuntimeApiServer runtimeApi, int invokePort, long startNanos, Path log,
                        String emulator) {
        this.process = process;
        this.runtimeApi = runtimeApi;
        this.invokePort = invokePort;
        this.startNanos = startNanos;
        this.log = log;
        this.emulator = emulator;
    }

    /**
     * Starts the function. {@code useOfficialEmulator} false forces {@link RuntimeApiServer} (the benchmark
     * uses it: it can see when init finished). Function output goes to {@code log}.
     */
    static LocalLambda start(Layout layout, String handler, Map<String, String> functionEnv, List<String> extraJvmFlags,
                             boolean useOfficialEmulator, Path log) throws IOException {
        List<String> javaCommand = new ArrayList<>();
        javaCommand.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        javaCommand.addAll(LAMBDA_JVM_FLAGS);
        javaCommand.addAll(extraJvmFlags);
        javaCommand.addAll(List.of("-cp", layout.classpath(), RIC_MAIN, handler));

        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_LAMBDA_FUNCTION_NAME", "apigw-5xx-responder");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("_HANDLER", handler);
        env.putAll(functionEnv);

        Optional<Path> rie = useOfficialEmulator ? layout.officialEmulator() : Optional.empty();
        long start = System.nanoTime();
        if (rie.isPresent()) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(rie.get().toString(),
                    "--runtime-interface-emulator-address", "127.0.0.1:" + port));
            command.addAll(javaCommand);
            Process p = spawn(command, env, log);
            return new LocalLambda(p, null, port, start, log, "official aws-lambda-rie (" + rie.get() + ")");
        }
        RuntimeApiServer server = new RuntimeApiServer(Duration.ofSeconds(60));
        env.put("AWS_LAMBDA_RUNTIME_API", server.address());
        Process p = spawn(javaCommand, env, log);
        String why = useOfficialEmulator ? "official emulator unavailable: " + layout.whyNoOfficialEmulator()
                                         : "chosen by the caller";
        return new LocalLambda(p, server, server.port(), start, log, "project RuntimeApiServer (" + why + ")");
    }

    private static Process spawn(List<String> command, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String emulator() {
        return emulator;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** Process start → the runtime client's first poll for an event; empty under the official emulator. */
    Optional<Duration> awaitReady(Duration timeout) throws Exception {
        if (runtimeApi == null) {
            return Optional.empty();
        }
        long polled = runtimeApi.firstPoll().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return Optional.of(Duration.ofNanos(polled - startNanos));
    }

    Response invoke(byte[] event) throws IOException, InterruptedException {
        IOException last = null;
        // The official emulator opens its port a moment after the process starts.
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + invokePort + "/2015-03-31/functions/function/invocations"))
                        .timeout(Duration.ofSeconds(90))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body(),
                        response.headers().firstValue("X-Amz-Function-Error"));
            } catch (java.net.ConnectException e) {
                last = e;
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("function did not accept invocations (process alive: " + process.isAlive()
                + ", log " + log + ")", last);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (runtimeApi != null) {
            runtimeApi.close();
        }
    }
}
