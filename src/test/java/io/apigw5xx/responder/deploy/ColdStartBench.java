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
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * bench-coldstart: over N fresh JVMs, the shaded jar under the Runtime Interface Client (as the java21 runtime
 * starts it), evidence served by moto on 127.0.0.1 and CloudTrail by the WireMock stand-in. Prints, per
 * configuration: process start → handler ready (first poll for an event), first and second invocation latency,
 * peak RSS (VmHWM), and the jar size. Run on purpose (src/test/bench/bench-coldstart.sh), never in verify.
 *
 * <p>Args: [runs] [event file | "seeded"]. "seeded" (the default) seeds the deploy-then-timeouts incident of
 * the end-to-end test before every JVM (API, Lambda targets, metrics, log lines, CloudTrail records, a findings
 * topic) and sends events/sns-alarm-rest.json moved to that incident's time, so each invocation does a full
 * investigation and publishes; an event file is sent as is to an empty account (most sources come back
 * NOT_FOUND, a lower bound). Configurations: C1 only (Lambda's default) vs full tiered compilation, and
 * with/without priming at init ({@code -Dapigw5xx.primeAtInit=true}, what a SnapStart snapshot would hold;
 * only has an effect once the handler registers {@code SnapStartPriming}).
 */
public final class ColdStartBench {

    private record Sample(double readyMs, double firstMs, double secondMs, double rssMb) { }

    private record Config(String name, List<String> jvmFlags, String handler) { }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String eventArg = args.length > 1 ? args[1] : "seeded";
        boolean seeded = eventArg.equals("seeded");
        // Third argument "stand-in": BenchHandler (test classes) builds the SDK clients the real wiring builds
        // and makes one GetMetricData call to moto - for figures before the real handler exists.
        boolean standIn = args.length > 2 && args[2].equals("stand-in");
        var layout = new LocalLambda.Layout(Path.of("target/apigw-5xx-responder.jar"), Path.of("target/lambda-runtime"),
                Path.of("target/rie"), Path.of("template.yaml"),
                standIn ? List.of(Path.of("target/test-classes")) : List.of());
        String handler = standIn ? BenchHandler.class.getName() + "::handleRequest" : layout.handlerFromTemplate();
        byte[] fixedPayload = seeded ? null : Files.readAllBytes(Path.of(eventArg));
        System.out.printf("jar %s: %.1f MB; event %s; %d fresh JVMs per configuration; JDK %s; %d CPUs%n",
                layout.shadedJar(), Files.size(layout.shadedJar()) / 1e6,
                seeded ? "sns-alarm-rest.json on a seeded deploy incident" : eventArg, runs,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        List<Config> configs = List.of(
                new Config("C1 only (Lambda default)", List.of(), handler),
                new Config("C1 only + priming at init", List.of("-Dapigw5xx.primeAtInit=true"), handler),
                new Config("full tiered (no TieredStopAtLevel)", List.of("-XX:TieredStopAtLevel=4"), handler));
        try (MotoServer moto = startMoto(); CloudTrailStub cloudTrail = new CloudTrailStub()) {
            for (Config config : configs) {
                List<Sample> samples = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    moto.reset();
                    cloudTrail.reset();
                    Map<String, String> env = new HashMap<>(LambdaRuntimeIT.functionEnv(moto, cloudTrail));
                    byte[] payload = fixedPayload;
                    if (seeded) {
                        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(17);
                        env.put("FINDINGS_TOPIC_ARN", seedIncident(moto, cloudTrail, at));
                        payload = SampleEvents.snsAlarmRestAt(Path.of(""), at);
                    }
                    samples.add(measure(layout, config, env, payload, i));
                }
                print(config.name(), samples);
            }
        }
    }

    /** Seeds the incident and returns the findings topic's ARN. */
    private static String seedIncident(MotoServer moto, CloudTrailStub cloudTrail, Instant at) throws Exception {
        String apiId;
        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            apiId = EvidenceFixtures.seedRestIncident(account, at);
        }
        EvidenceFixtures.seedChanges(cloudTrail, apiId, at);
        try (SnsClient sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoAccount.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            return sns.createTopic(b -> b.name("responder-findings")).topicArn();
        }
    }

    private static MotoServer startMoto() throws Exception {
        var start = MotoServer.class.getDeclaredMethod("start");
        start.setAccessible(true);
        return (MotoServer) start.invoke(null);
    }

    private static Sample measure(LocalLambda.Layout layout, Config config, Map<String, String> env, byte[] payload,
                                  int run) throws Exception {
        Path log = Path.of("target/bench-coldstart", config.name().replaceAll("\\W+", "-") + "-" + run + ".log");
        try (LocalLambda lambda = LocalLambda.start(layout, config.handler(), env, config.jvmFlags(), false, log)) {
            Duration ready = lambda.awaitReady(Duration.ofSeconds(60)).orElseThrow();
            long t0 = System.nanoTime();
            LocalLambda.Response first = lambda.invoke(payload);
            long t1 = System.nanoTime();
            LocalLambda.Response second = lambda.invoke(payload);
            long t2 = System.nanoTime();
            if (first.failed() || second.failed()) {
                throw new IllegalStateException("invocation failed: " + first.body() + " (log " + log + ")");
            }
            double rss = peakRssMb(lambda.pid());
            return new Sample(ready.toNanos() / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, rss);
        }
    }

    /** VmHWM: the peak resident set of the function's JVM, from /proc (Linux). */
    private static double peakRssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static void print(String name, List<Sample> samples) {
        System.out.printf("%-36s ready median %6.0f ms (min %5.0f, max %5.0f) | 1st invoke median %6.0f ms | "
                        + "2nd invoke median %5.0f ms | peak RSS median %4.0f MB%n", name,
                median(samples, Sample::readyMs), min(samples, Sample::readyMs), max(samples, Sample::readyMs),
                median(samples, Sample::firstMs), median(samples, Sample::secondMs), median(samples, Sample::rssMb));
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        double[] values = samples.stream().mapToDouble(f).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double min(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).max().orElse(Double.NaN);
    }
}
