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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A function of template.yaml as {@code sam local invoke} runs it, without a container: the official Lambda
 * Runtime Interface Emulator ({@code aws-lambda-rie}, built into target/rie by src/test/go/install-rie.sh)
 * starts the java21 runtime's command line (the official Runtime Interface Client's main class + the handler
 * string) on the first invocation and serves it the Runtime API; events go to the emulator's invoke endpoint.
 *
 * <p>Reusable for any function of the template: {@link Layout#handlerFromTemplate(String)} reads its handler,
 * {@link #eventFiles(Path)} lists a directory of sample events (events/ for the responder, a subdirectory of
 * it for another function). Figures come from the emulator's own log lines ({@code INIT REPORT},
 * {@code INVOKE RTDONE}), which measure what Lambda's Init Duration and Duration measure.
 */
final class LocalLambda implements AutoCloseable {

    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The responder's logical id in template.yaml. */
    static final String RESPONDER_FUNCTION = "ResponderFunction";
    /** JVM flags the java21 managed runtime starts with (tiered compilation stops at C1). */
    static final List<String> LAMBDA_JVM_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private static final Pattern INIT_REPORT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    private static final Pattern INVOKE_DONE = Pattern.compile("INVOKE RTDONE\\(status: \\w+.*duration: ([0-9.]+)ms\\)");

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

        /** The official emulator, or why it is missing (install-rie.sh's STATUS file). */
        Emulator emulator() {
            Path rie = rieDir.resolve("aws-lambda-rie");
            if (Files.isExecutable(rie)) {
                return new Emulator(Optional.of(rie), "");
            }
            String why;
            try {
                why = Files.readString(rieDir.resolve("STATUS")).strip();
            } catch (IOException e) {
                why = "no " + rie + " and no STATUS file (was install-rie.sh run?)";
            }
            return new Emulator(Optional.empty(), why);
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

        /** The responder's Handler in template.yaml. */
        String handlerFromTemplate() throws IOException {
            return handlerFromTemplate(RESPONDER_FUNCTION);
        }

        /** The Handler property of the function {@code logicalId} in template.yaml (what the deployed function uses). */
        String handlerFromTemplate(String logicalId) throws IOException {
            Map<String, String> handlers = handlersInTemplate();
            String handler = handlers.get(logicalId);
            if (handler == null) {
                throw new IllegalStateException("no Handler for " + logicalId + " in " + template + " (found " + handlers + ")");
            }
            return handler;
        }

        /** Logical id → Handler of every resource under Resources that has one (two-space YAML indentation). */
        Map<String, String> handlersInTemplate() throws IOException {
            Map<String, String> handlers = new HashMap<>();
            Pattern resource = Pattern.compile("^  ([A-Za-z0-9]+):\\s*$");
            Pattern handler = Pattern.compile("^\\s{4,}Handler:\\s*(\\S+)\\s*$");
            boolean inResources = false;
            String current = null;
            for (String line : Files.readAllLines(template)) {
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                    inResources = line.startsWith("Resources:");
                    current = null;
                    continue;
                }
                Matcher r = resource.matcher(line);
                if (inResources && r.matches()) {
                    current = r.group(1);
                    continue;
                }
                Matcher h = handler.matcher(line);
                if (current != null && h.matches()) {
                    handlers.put(current, h.group(1));
                }
            }
            return handlers;
        }
    }

    /** The official emulator's binary, or why there is none. */
    record Emulator(Optional<Path> binary, String whyMissing) {
    }

    /** One response of the invoke endpoint. */
    record Response(int status, String body, Optional<String> functionError) {
        boolean failed() {
            return status >= 500 || functionError.isPresent() || body.contains("\"errorType\"");
        }
    }

    private final Process emulator;
    private final int invokePort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalLambda(Process emulator, int invokePort, Path log) {
        this.emulator = emulator;
        this.invokePort = invokePort;
        this.log = log;
    }

    /**
     * Starts the official emulator for {@code handler}; the function's JVM starts on the first {@link #invoke}.
     * {@code extraEnv} is the function's environment on top of what Lambda sets; emulator and function output
     * go to {@code log}. Throws {@link EmulatorUnavailableException} when install-rie.sh could not build it.
     */
    static LocalLambda start(Layout layout, String handler, Map<String, String> extraEnv, List<String> extraJvmFlags,
                             Path log) throws IOException {
        Emulator rie = layout.emulator();
        if (rie.binary().isEmpty()) {
            throw new EmulatorUnavailableException(rie.whyMissing());
        }
        int invokePort = freePort();
        List<String> command = new ArrayList<>(List.of(rie.binary().get().toString(),
                "--runtime-interface-emulator-address", "127.0.0.1:" + invokePort,
                // Its default (127.0.0.1:9001) would clash with another function or another test run.
                "--runtime-api-address", "127.0.0.1:" + freePort(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(extraJvmFlags);
        command.addAll(List.of("-cp", layout.classpath(), RIC_MAIN, handler));

        // The emulator passes its environment on to the function, as Lambda's would be: nothing of ours leaks in.
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_LAMBDA_FUNCTION_NAME", "apigw-5xx-responder");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", "60");
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("_HANDLER", handler);
        env.putAll(extraEnv);

        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        return new LocalLambda(builder.start(), invokePort, log);
    }

    /**
     * {@link #start} for a runtime test: where the emulator could not be built the test is skipped with the
     * exact reason, except on CI ({@code CI=true}), where that fails the test (install-rie.sh has already
     * failed the build there).
     */
    static LocalLambda startForTest(Layout layout, String handler, Map<String, String> extraEnv, Path log)
            throws IOException {
        try {
            return start(layout, handler, extraEnv, List.of(), log);
        } catch (EmulatorUnavailableException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw e;
            }
            org.junit.jupiter.api.Assumptions.abort(e.getMessage() + " (skipped off CI only; with CI=true this fails)");
            throw e;
        }
    }

    /** The function's sample events: the *.json files directly in {@code dir}, sorted (subdirectories are other functions'). */
    static List<Path> eventFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String emulatorDescription() {
        return "official aws-lambda-rie (" + emulator.info().command().orElse("?") + ")";
    }

    Path log() {
        return log;
    }

    /** Where the emulator takes invocations: the Lambda Invoke API's path for a function named "function". */
    URI invokeEndpoint() {
        return URI.create("http://127.0.0.1:" + invokePort);
    }

    /** The function's JVM (the emulator's child), once the first invocation started it. */
    Optional<ProcessHandle> runtimeProcess() {
        return emulator.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** Init Duration as the emulator reports it: runtime process start → its first poll for an event. */
    Optional<Duration> initDuration() throws IOException {
        return firstMatch(INIT_REPORT).map(LocalLambda::millis);
    }

    /** Duration of each finished invocation as the emulator reports it (handler time, init excluded). */
    List<Duration> invocationDurations() throws IOException {
        List<Duration> durations = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = INVOKE_DONE.matcher(line);
            if (m.find()) {
                durations.add(millis(m.group(1)));
            }
        }
        return durations;
    }

    private Optional<String> firstMatch(Pattern pattern) throws IOException {
        for (String line : Files.readAllLines(log)) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static Duration millis(String ms) {
        return Duration.ofNanos(Math.round(Double.parseDouble(ms) * 1_000_000));
    }

    Response invoke(byte[] event) throws IOException, InterruptedException {
        IOException last = null;
        // The emulator opens its port a moment after the process starts.
        for (int attempt = 0; attempt < 100; attempt++) {
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
                if (!emulator.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("emulator did not accept invocations (alive: " + emulator.isAlive() + ", log " + log + ")",
                last);
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = emulator.descendants().toList();
        emulator.destroy();
        if (!emulator.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            emulator.destroyForcibly().waitFor();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The official emulator could not be built here; the message is install-rie.sh's reason. */
    static final class EmulatorUnavailableException extends IOException {
        EmulatorUnavailableException(String why) {
            super("the official Lambda Runtime Interface Emulator is not available: " + why);
        }
    }
}
