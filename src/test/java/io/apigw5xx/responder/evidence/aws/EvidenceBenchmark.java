package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.evidence.ChangeSource;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.LogSource;
import io.apigw5xx.responder.evidence.MetricsSource;
import io.apigw5xx.responder.evidence.ParallelEvidenceGatherer;
import io.apigw5xx.responder.evidence.TopologySource;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.StartQueryResponse;

/**
 * bench-evidence: one investigation of a REST API with 10 Lambda targets against moto (+ WireMock for
 * CloudTrail), under a latency model: every AWS call takes an extra {@code latencyMs} (default 50), CloudTrail
 * is paced at 2 requests/s by the adapter's limiter, and a Logs Insights query reports Running for 2 s.
 * Prints AWS calls per source and in total, the critical path, wall time and peak heap. Not a test.
 *
 * <pre>./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.apigw5xx.responder.evidence.aws.EvidenceBenchmark [-Dexec.args="50"]</pre>
 */
public final class EvidenceBenchmark {

    private static final int TARGETS = 10;
    private static final Duration INSIGHTS_QUERY_TIME = Duration.ofSeconds(2);

    private EvidenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int latencyMs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        try (MotoServer moto = MotoServer.start(); CloudTrailStub cloudTrail = new CloudTrailStub()) {
            Instant at = Instant.now();
            String apiId = seed(moto, cloudTrail, at);
            Incident incident = new Incident(TriggerSource.CLI, MotoAccount.ACCOUNT, MotoAccount.REGION, ApiRef.restByName("bench-api"),
                    "prod", null, at, TimeWindow.around(at));

            long buildStart = System.nanoTime();
            AwsClients clients = AwsClients.builder().region(MotoAccount.REGION).endpoint(moto.endpoint())
                    .endpoint(AwsClients.Service.CLOUDTRAIL, cloudTrail.endpoint())
                    .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                    .interceptor(new Latency(latencyMs))
                    .interceptor(new SlowInsights(INSIGHTS_QUERY_TIME))
                    .beforeSignedCall(() -> new Latency(latencyMs).beforeTransmission(null, null))
                    .build();
            long buildMs = (System.nanoTime() - buildStart) / 1_000_000;

            // warm-up run (class loading, connection set-up), then the measured run on the same clients
            gatherer(clients, new EnumMap<>(EvidenceSource.class)).gather(incident, Instant.now().plusSeconds(30));

            Map<EvidenceSource, Long> timings = new EnumMap<>(EvidenceSource.class);
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            System.gc();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            Evidence evidence = gatherer(clients, timings).gather(incident, Instant.now().plusSeconds(30));
            long wallMs = (System.nanoTime() - start) / 1_000_000;
            long peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long criticalMs = timings.getOrDefault(EvidenceSource.TOPOLOGY, 0L) + timings.entrySet().stream()
                    .filter(e -> e.getKey() != EvidenceSource.TOPOLOGY).mapToLong(Map.Entry::getValue).max().orElse(0);
            clients.close();

            System.out.printf("bench-evidence: REST API %s, %d Lambda targets, +%d ms per AWS call, CloudTrail <= 2 req/s,"
                    + " Insights query %d s%n", apiId, TARGETS, latencyMs, INSIGHTS_QUERY_TIME.toSeconds());
            for (EvidenceSource s : EvidenceSource.values()) {
                System.out.printf("  %-9s calls %3d   source time %5d ms%n", s, evidence.awsCalls().getOrDefault(s, 0),
                        timings.getOrDefault(s, 0L));
            }
            System.out.printf("  total AWS calls   %d (target <= 36)%n", evidence.totalAwsCalls());
            System.out.printf("  critical path     %d ms (topology + slowest of metrics/changes/logs)%n", criticalMs);
            System.out.printf("  wall time         %d ms (target <= 5000)%n", wallMs);
            System.out.printf("  peak heap         %.1f MB (heap pools, measured run)%n", peakHeap / 1048576.0);
            System.out.printf("  client build      %d ms (all SDK clients, once per container; classes already loaded by the seeding)%n", buildMs);
            System.out.printf("  evidence          %d metric series, %d changes, %d log lines, gaps %s%n", evidence.metrics().size(),
                    evidence.changes().size(), evidence.logs().size(), evidence.gaps().stream().map(g -> g.source() + ":" + g.reason()).toList());
        }
    }

    private static ParallelEvidenceGatherer gatherer(AwsClients clients, Map<EvidenceSource, Long> timings) {
        Clock clock = Clock.systemUTC();
        TopologyAdapter topology = new TopologyAdapter(clients.apiGateway(), clients.apiGatewayV2(), clients.lambda(),
                clients.iamPolicies(), clock);
        CloudWatchMetricsAdapter metrics = new CloudWatchMetricsAdapter(clients.cloudWatch(), clock);
        CloudTrailChangesAdapter changes = new CloudTrailChangesAdapter(clients.cloudTrail(), clients.globalCloudTrail(),
                MotoAccount.REGION, clock);
        LogsAdapter logs = new LogsAdapter(clients.logs(), clock);
        return new ParallelEvidenceGatherer(
                (TopologySource) (i, d) -> timed(EvidenceSource.TOPOLOGY, timings, () -> topology.topology(i, d)),
                (MetricsSource) (i, t, d) -> timed(EvidenceSource.METRICS, timings, () -> metrics.metrics(i, t, d)),
                (ChangeSource) (i, t, d) -> timed(EvidenceSource.CHANGES, timings, () -> changes.changes(i, t, d)),
                (LogSource) (i, t, d) -> timed(EvidenceSource.LOGS, timings, () -> logs.logs(i, t, d)),
                clients, clock);
    }

    private static <T> T timed(EvidenceSource source, Map<EvidenceSource, Long> timings, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            synchronized (timings) {
                timings.put(source, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private static String seed(MotoServer moto, CloudTrailStub cloudTrail, Instant at) {
        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            String role = account.createRole("bench-role");
            // one customer-managed policy on the shared role (moto loads no AWS-managed ones; those are listed, not read)
            account.attachRolePolicy("bench-role", account.createPolicy("bench-orders-table", "dynamodb:GetItem"));
            Map<String, String> routes = new LinkedHashMap<>();
            for (int i = 0; i < TARGETS; i++) {
                String fn = "bench-fn-" + i;
                account.createFunction(fn, role, 29);
                routes.put("POST /r" + i, MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn(fn)));
            }
            String apiId = account.createRestApi("bench-api", "prod", routes);
            account.enableRestLogging(apiId, "prod", "bench-access");
            Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
            account.putMetric("AWS/ApiGateway", "5XXError", Map.of("ApiName", "bench-api", "Stage", "prod"), minute, 0, 3, 9);
            account.putMetric("AWS/ApiGateway", "Count", Map.of("ApiName", "bench-api", "Stage", "prod"), minute, 100, 100, 100);
            List<String> lines = List.of("START RequestId: 1", "2026-03-14T09:41:58.312Z 1 Task timed out after 29.03 seconds");
            for (int i = 0; i < TARGETS; i++) {
                account.allowApiGateway("bench-fn-" + i, null, apiId);
                account.putLogLines("/aws/lambda/bench-fn-" + i, "s", at.minusSeconds(120), lines);
            }
            account.putLogLines("API-Gateway-Execution-Logs_" + apiId + "/prod", "e", at.minusSeconds(120),
                    List.of("(1) Execution failed due to a timeout error"));
            account.putLogLines("bench-access", "a", at.minusSeconds(120), List.of("{\"status\":\"504\"}"));
            cloudTrail.events("lambda.amazonaws.com", 50, List.of(CloudTrailStub.event("lambda.amazonaws.com",
                    "UpdateFunctionCode20150331v2", at.minusSeconds(240), "ci", "AWS::Lambda::Function", "bench-fn-3",
                    "{\"functionName\":\"bench-fn-3\"}", false)));
            return apiId;
        }
    }

    /** Every HTTP attempt takes {@code millis} longer: the per-call latency model. */
    private record Latency(int millis) implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** moto answers Insights queries at once; a real query over 12 log groups takes seconds. Report Running until then. */
    private static final class SlowInsights implements ExecutionInterceptor {
        private final Duration queryTime;
        private final Map<String, Long> started = new ConcurrentHashMap<>();

        SlowInsights(Duration queryTime) {
            this.queryTime = queryTime;
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            SdkResponse response = context.response();
            if (response instanceof StartQueryResponse start) {
                started.put(start.queryId(), System.nanoTime());
            } else if (response instanceof GetQueryResultsResponse results) {
                String id = ((software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsRequest) context.request()).queryId();
                Long since = started.get(id);
                if (since != null && System.nanoTime() - since < queryTime.toNanos()) {
                    return results.toBuilder().status(QueryStatus.RUNNING).results(new ArrayList<>()).build();
                }
            }
            return response;
        }
    }
}
