package io.apigw5xx.responder.deploy;

import io.apigw5xx.responder.evidence.aws.EvidenceFixtures;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import io.apigw5xx.responder.testing.SampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * bench-coldstart: every function of template.yaml under the official Runtime Interface Emulator and Runtime
 * Interface Client (as the java21 runtime starts it), over N fresh JVMs per configuration. Prints, per function
 * and configuration: ready (the emulator's Init Duration: runtime start → first poll for an event), the first
 * and second invocation (the emulator's invoke duration, init excluded), and the JVM's peak RSS (VmHWM).
 * Evidence comes from moto on 127.0.0.1, CloudTrail from the WireMock stand-in. Run on purpose
 * (src/test/bench/bench-coldstart.sh), never in verify.
 *
 * <p>Args: [runs] [configuration name substring]. A function gets measured when {@link #WORKLOADS} says what
 * to send it; a function of the template without a workload is listed as not measured.
 */
public final class ColdStartBench {

    private record Sample(double readyMs, double firstMs, double secondMs, double rssMb) { }

    /** A JVM/environment variant of the same package, or of another build of the responder ({@code jar}). */
    record Config(String name, List<String> jvmFlags, Map<String, String> env, Path jar) {
        Config(String name, List<String> jvmFlags, Map<String, String> env) {
            this(name, jvmFlags, env, null);
        }
    }

    /** What one fresh function gets: its environment on top of the common one, and the two events sent to it. */
    record Invocation(Map<String, String> env, byte[] event, byte[] secondEvent) {
        Invocation(Map<String, String> env, byte[] event) {
            this(env, event, event);
        }
    }

    /** Prepares one run of a function: seeds what it will read, returns what to send it. */
    interface Workload {
        Invocation prepare(MotoServer moto, CloudTrailStub cloudTrail) throws Exception;
    }

    /** Logical id in template.yaml → its workload. A new function adds its entry here. */
    static final Map<String, Workload> WORKLOADS = Map.of(LocalLambda.RESPONDER_FUNCTION, ColdStartBench::seededIncident,
            "FrontDoorFunction", ColdStartBench::slashCommands);

    static final String FRONT_DOOR_FUNCTION = "FrontDoorFunction";
    /** Functions that ship their own jar; the others run from the responder's. */
    static final Map<String, Path> JARS = Map.of(FRONT_DOOR_FUNCTION, Path.of("target/apigw-5xx-responder-frontdoor.jar"));

    /** Where the AppCDS archive of the package lands ({@link #buildAppCdsArchive}). */
    static final Path APPCDS_ARCHIVE = Path.of("target/appcds/responder.jsa");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";
        // -Dbench.jar=... measures another build of the responder (e.g. an older commit's) with the same harness.
        var layout = new LocalLambda.Layout(Path.of(System.getProperty("bench.jar", "target/apigw-5xx-responder.jar")),
                Path.of("target/lambda-runtime"),
                Path.of("target/rie"), Path.of("template.yaml"), List.of());
        System.out.printf("jar %s: %.1f MB; %d fresh JVMs per row; JDK %s; %d CPUs; load average %s%n",
                layout.shadedJar(), Files.size(layout.shadedJar()) / 1e6, runs, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());

        String appCds = "C1 + AppCDS archive (JAVA_TOOL_OPTIONS)";
        Path archive = appCds.contains(only) ? buildAppCdsArchive(layout) : APPCDS_ARCHIVE;
        List<Config> configs = new ArrayList<>(List.of(
                new Config("C1 only (Lambda default)", List.of(), Map.of()),
                new Config("C1 + CloudTrail unpaced", List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Dapigw5xx.cloudTrailPacing=0")),
                new Config("full tiered (no TieredStopAtLevel)", List.of("-XX:TieredStopAtLevel=4"), Map.of())));
        configs.add(1, new Config(appCds, List.of(),
                Map.of("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=" + archive.toAbsolutePath())));
        // -Dbench.compare.jar=... adds another build of the responder as a C1 row, taken in the same round-robin.
        String compare = System.getProperty("bench.compare.jar");
        if (compare != null) {
            configs.add(1, new Config("C1 only, jar " + Path.of(compare).getFileName(), List.of(), Map.of(), Path.of(compare)));
        }
        Map<String, String> handlers = new LinkedHashMap<>(layout.handlersInTemplate());
        try (MotoServer moto = startMoto(); CloudTrailStub cloudTrail = new CloudTrailStub()) {
            for (var function : handlers.entrySet()) {
                Workload workload = WORKLOADS.get(function.getKey());
                if (workload == null) {
                    System.out.printf("%-20s not measured: no workload in ColdStartBench.WORKLOADS%n", function.getKey());
                    continue;
                }
                Path jar = JARS.getOrDefault(function.getKey(), layout.shadedJar());
                var functionLayout = new LocalLambda.Layout(jar, layout.runtimeLib(), layout.rieDir(), layout.template(), List.of());
                System.out.printf("%s: %s, %.1f MB%n", function.getKey(), jar, Files.size(jar) / 1e6);
                List<Config> chosen = configs.stream().filter(c -> c.name().contains(only))
                        .filter(c -> c.jar() == null || !JARS.containsKey(function.getKey())).toList();
                Map<Config, List<Sample>> samples = new LinkedHashMap<>();
                // Round-robin over the configurations, so that a change in the machine's load hits all of them alike.
                for (int i = 0; i < runs; i++) {
                    for (Config config : chosen) {
                        moto.reset();
                        cloudTrail.reset();
                        Invocation invocation = workload.prepare(moto, cloudTrail);
                        Map<String, String> env = new HashMap<>(LambdaRuntimeIT.functionEnv(moto, cloudTrail));
                        env.putAll(invocation.env());
                        env.putAll(config.env());
                        samples.computeIfAbsent(config, c -> new ArrayList<>())
                                .add(measure(config.jar() == null ? functionLayout : new LocalLambda.Layout(config.jar(),
                                        layout.runtimeLib(), layout.rieDir(), layout.template(), List.of()),
                                        function, config, env, invocation, i));
                    }
                }
                samples.forEach((config, measured) -> print(function.getKey(), config.name(), measured));
            }
        } finally {
            if (invokeStandInServer != null) {
                invokeStandInServer.stop(0);
            }
        }
    }

    /**
     * A static AppCDS archive of the responder as the java21 runtime starts it: the classes one seeded
     * investigation loads (a training run under the emulator with {@code -XX:DumpLoadedClassList}, which writes
     * as classes load, so it survives the emulator killing the runtime), dumped with the function's exact
     * classpath. Only valid for this JDK build and this jar: the JVM ignores it otherwise.
     */
    static Path buildAppCdsArchive(LocalLambda.Layout layout) throws Exception {
        Path dir = APPCDS_ARCHIVE.getParent();
        Files.createDirectories(dir);
        Path classList = dir.resolve("classes.lst");
        Files.deleteIfExists(classList);
        try (MotoServer moto = startMoto(); CloudTrailStub cloudTrail = new CloudTrailStub()) {
            Invocation invocation = seededIncident(moto, cloudTrail);
            Map<String, String> env = new HashMap<>(LambdaRuntimeIT.functionEnv(moto, cloudTrail));
            env.putAll(invocation.env());
            try (LocalLambda training = LocalLambda.start(layout, layout.handlerFromTemplate(), env,
                    List.of("-XX:DumpLoadedClassList=" + classList.toAbsolutePath()), dir.resolve("training.log"))) {
                training.invoke(invocation.event());
                training.invoke(invocation.event());
            }
        }
        List<String> dump = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        dump.addAll(LocalLambda.LAMBDA_JVM_FLAGS.stream().filter(f -> !f.startsWith("-Xshare")).toList());
        dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList.toAbsolutePath(),
                "-XX:SharedArchiveFile=" + APPCDS_ARCHIVE.toAbsolutePath(), "-cp", layout.classpath()));
        Process p = new ProcessBuilder(dump).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dump.log").toFile()).start();
        if (p.waitFor() != 0 || !Files.isRegularFile(APPCDS_ARCHIVE)) {
            throw new IllegalStateException("AppCDS dump failed, see " + dir.resolve("dump.log"));
        }
        System.out.printf("AppCDS archive %s: %.1f MB, %d classes listed by the training run%n", APPCDS_ARCHIVE,
                Files.size(APPCDS_ARCHIVE) / 1e6, Files.readAllLines(classList).size());
        return APPCDS_ARCHIVE;
    }

    /** The responder: the deploy-then-timeouts incident seeded, findings published to an SNS topic. */
    private static Invocation seededIncident(MotoServer moto, CloudTrailStub cloudTrail) throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(17);
        String apiId;
        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            apiId = EvidenceFixtures.seedRestIncident(account, at);
        }
        EvidenceFixtures.seedChanges(cloudTrail, apiId, at);
        try (SnsClient sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoAccount.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            String topic = sns.createTopic(b -> b.name("responder-findings")).topicArn();
            return new Invocation(Map.of("FINDINGS_TOPIC_ARN", topic), SampleEvents.snsAlarmRestAt(Path.of(""), at));
        }
    }

    /**
     * The front door: two signed slash commands (two API stages; the same signed request twice would be a
     * replay), each checked, handed to the responder with an asynchronous invoke (answered 202 at once by a
     * stand-in of Lambda's Invoke API, as Lambda does) and answered with an ephemeral message. The signing secret
     * comes from Secrets Manager in moto, so the first command also pays for that read.
     */
    private static Invocation slashCommands(MotoServer moto, CloudTrailStub cloudTrail) throws Exception {
        String secret = "bench-signing-secret";
        String arn;
        try (var sm = software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
                .endpointOverride(moto.endpoint()).region(Region.of(MotoAccount.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            arn = sm.createSecret(r -> r.name("bench-slack-signing")).arn();
            sm.putSecretValue(r -> r.secretId(arn).secretString(secret));
        }
        Map<String, String> env = Map.of("RESPONDER_FUNCTION_ARN", "function",
                "AWS_ENDPOINT_URL_LAMBDA", lambdaInvokeStandIn().toString(), "SLACK_SIGNING_SECRET_ARN", arn);
        return new Invocation(env, signedCommand(secret, "orders-api+prod"), signedCommand(secret, "orders-api+beta"));
    }

    private static byte[] signedCommand(String secret, String text) throws Exception {
        var json = io.apigw5xx.responder.JsonMappers.create();
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                Path.of("events/frontdoor/slack-command.json").toFile());
        String body = new String(java.util.Base64.getDecoder().decode(event.path("body").asText()), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("&text=[^&]*", "&text=" + text);
        var headers = (com.fasterxml.jackson.databind.node.ObjectNode) event.path("headers");
        new io.apigw5xx.responder.frontdoor.SlackSigner(secret).headers(body, Instant.now()).forEach(headers::put);
        event.put("body", java.util.Base64.getEncoder().encodeToString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return json.writeValueAsBytes(event);
    }

    private static java.net.URI invokeStandIn;
    // Its dispatcher is not a daemon thread: the bench stops it, or the JVM would not exit after printing.
    private static com.sun.net.httpserver.HttpServer invokeStandInServer;

    /** Lambda's Invoke API for an asynchronous invoke: 202, empty body, a request id (started once). */
    private static synchronized java.net.URI lambdaInvokeStandIn() throws java.io.IOException {
        if (invokeStandIn == null) {
            var server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/2015-03-31/functions/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            server.start();
            invokeStandInServer = server;
            invokeStandIn = java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }
        return invokeStandIn;
    }

    private static MotoServer startMoto() throws Exception {
        var start = MotoServer.class.getDeclaredMethod("start");
        start.setAccessible(true);
        return (MotoServer) start.invoke(null);
    }

    private static Sample measure(LocalLambda.Layout layout, Map.Entry<String, String> function, Config config,
                                  Map<String, String> env, Invocation invocation, int run) throws Exception {
        Path log = Path.of("target/bench-coldstart",
                (function.getKey() + "-" + config.name()).replaceAll("\\W+", "-") + "-" + run + ".log");
        try (LocalLambda lambda = LocalLambda.start(layout, function.getValue(), env, config.jvmFlags(), log)) {
            LocalLambda.Response first = lambda.invoke(invocation.event());
            Optional<ProcessHandle> jvm = lambda.runtimeProcess();
            LocalLambda.Response second = lambda.invoke(invocation.secondEvent());
            if (first.failed() || second.failed()) {
                throw new IllegalStateException("invocation failed: " + first.body() + " (log " + log + ")");
            }
            double rss = jvm.map(ColdStartBench::peakRssMb).orElse(Double.NaN);
            Duration ready = lambda.initDuration().orElseThrow(() -> new IllegalStateException("no INIT REPORT in " + log));
            List<Duration> invocations = lambda.invocationDurations();
            if (invocations.size() < 2) {
                throw new IllegalStateException("expected two INVOKE RTDONE lines in " + log);
            }
            return new Sample(ready.toNanos() / 1e6, invocations.get(0).toNanos() / 1e6,
                    invocations.get(1).toNanos() / 1e6, rss);
        }
    }

    /** VmHWM: the peak resident set of the function's JVM, from /proc (Linux). */
    private static double peakRssMb(ProcessHandle jvm) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static void print(String function, String config, List<Sample> samples) {
        // ready + 1st: what the first alarm waits for without SnapStart, whatever moves between init and invocation.
        System.out.printf("%-18s %-40s ready median %5.0f ms (min %5.0f, max %5.0f) | 1st invoke %5.0f ms | "
                        + "ready + 1st %5.0f ms | 2nd invoke %4.0f ms | peak RSS %4.0f MB (max %4.0f)%n", function, config,
                median(samples, Sample::readyMs), min(samples, Sample::readyMs), max(samples, Sample::readyMs),
                median(samples, Sample::firstMs), median(samples, s -> s.readyMs() + s.firstMs()),
                median(samples, Sample::secondMs), median(samples, Sample::rssMb), max(samples, Sample::rssMb));
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> f) {
        double[] values = samples.stream().mapToDouble(f).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double min(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).max().orElse(Double.NaN);
    }
}
