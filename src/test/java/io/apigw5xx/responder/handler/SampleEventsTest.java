package io.apigw5xx.responder.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.delivery.Admission;
import io.apigw5xx.responder.delivery.Delivery;
import io.apigw5xx.responder.delivery.DeliveryOutcome;
import io.apigw5xx.responder.delivery.EmfMetrics;
import java.io.OutputStream;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.evidence.EvidenceGatherer;
import io.apigw5xx.responder.evidence.StageNarrowing;
import io.apigw5xx.responder.incident.StageRate;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.report.MarkdownReport;
import io.apigw5xx.responder.report.SlackMessage;
import io.apigw5xx.responder.trigger.AlarmDefinition;
import io.apigw5xx.responder.trigger.AlarmDirectory;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in events/ through the real handler, parser, analyzer and renderers; only the evidence port is
 * a fake (it serves the demo incident's evidence for whatever API the event names), and delivery records
 * what it would have sent.
 */
class SampleEventsTest {

    private static final ObjectMapper JSON = JsonMappers.create();
    private static final Instant NOW = Instant.parse("2026-03-14T09:42:20Z");

    private final List<String> rendered = new ArrayList<>();
    private final List<String> slackPayloads = new ArrayList<>();
    private final List<Incident> gatheredFor = new ArrayList<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void handleRequest_sampleEvent_rendersTheExpectedOutcome(String file) throws IOException {
        JsonNode answer = invoke(Files.readAllBytes(Path.of("events", file)));
        // An SQS batch is answered record by record; a delivered record is not handed back to the queue.
        if (file.startsWith("sqs-")) {
            assertThat(answer.path("batchItemFailures").isArray()).as(answer.toString()).isTrue();
            assertThat(answer.path("batchItemFailures")).isEmpty();
        }
        JsonNode response = file.startsWith("sqs-") ? answer.path("responses").path(0) : answer;

        if (file.equals("sns-ok.json")) {
            assertThat(response.path("status").asText()).isEqualTo("resolved");
            assertThat(gatheredFor).isEmpty();
            assertThat(rendered).singleElement().asString()
                    .startsWith("# RESOLVED: 5xx on orders-api/prod")
                    .contains("returned to OK at 10:03:17");
            return;
        }
        assertThat(response.path("status").asText()).as(response.toString()).isEqualTo("investigated");
        Incident incident = gatheredFor.getFirst();
        String label = file.startsWith("sns-alarm-http-api") || file.startsWith("eventbridge-alarm-http-api") ? "x7k2m9p4q1/prod"
                : "orders-api/prod";
        assertThat(incident.apiStageLabel()).isEqualTo(label);
        assertThat(incident.region()).isEqualTo("us-east-1");
        String scopeLine = switch (file) {
            case "sns-alarm-rest-api-wide.json", "eventbridge-alarm-http-api-wide.json" ->
                    "Scope: alarm covers every stage; failing: prod 12.1 %, beta 0.4 %; no errors: dev";
            case "sns-alarm-per-method.json" -> "Scope: alarm covers one route: GET /orders/{id}";
            default -> "";
        };
        String readingLine = switch (file) {
            case "sns-alarm-metric-math-rate.json" -> "Alarm reads: 100*m1/m2 > 2 % of requests";
            case "eventbridge-alarm-anomaly.json" -> "Alarm reads: anomaly band ANOMALY_DETECTION_BAND(m1, 2) (no fixed threshold)";
            default -> "";
        };
        assertThat(rendered).singleElement().asString().contains(scopeLine).contains(readingLine);
        if (scopeLine.isEmpty()) {
            assertThat(rendered.getFirst()).doesNotContain("Scope:");
        }
        assertThat(rendered).singleElement().asString()
                .containsPattern("^# (CRITICAL|HIGH): 5xx on " + java.util.regex.Pattern.quote(label))
                .contains("Lambda deploy regression")
                .contains("aws lambda update-alias --function-name orders-handler --name live --function-version 41");
        JsonNode slack = JSON.readTree(slackPayloads.getFirst());
        assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(slack.path("blocks").get(0).path("text").path("text").asText()).contains(label);
        if (!scopeLine.isEmpty()) {
            assertThat(slack.toString()).contains(scopeLine.substring("Scope: ".length()).replace("{", "{"));
        }
    }

    @Test
    void sampleEvents_coverEveryTriggerShape() {
        assertThat(sampleEvents()).contains("sns-alarm-rest.json", "sns-alarm-http-api.json", "eventbridge-alarm.json",
                "alarm-action.json", "manual-rerun.json", "sns-ok.json", "sns-alarm-rest-api-wide.json",
                "eventbridge-alarm-http-api-wide.json", "sns-alarm-per-method.json", "sns-alarm-metric-math-rate.json",
                "eventbridge-alarm-anomaly.json", "eventbridge-alarm-composite.json", "sqs-sns-alarm.json");
    }

    static List<String> sampleEvents() {
        try (Stream<Path> files = Files.list(Path.of("events"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode invoke(byte[] event) throws IOException {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Evidence demoEvidence = demoBundle().evidence();
        EvidenceGatherer fakeEvidence = new EvidenceGatherer() {
            @Override
            public Evidence gather(Incident incident, Instant deadline) {
                gatheredFor.add(incident);
                return demoEvidence;
            }

            /** As the AWS gatherer would after reading every stage's rate: prod carries the errors. */
            @Override
            public StageNarrowing narrow(Incident incident, Instant deadline) {
                return incident.stageUnknown()
                        ? StageNarrowing.unchanged(incident.narrowedTo("prod", List.of(new StageRate("prod", 431, 3558L),
                                new StageRate("beta", 2, 500L), new StageRate("dev", 0, null))))
                        : StageNarrowing.unchanged(incident);
            }
        };
        Responder responder = new Responder(new TriggerParser("us-east-1", compositeChild()), fakeEvidence, new RunbookAnalyzer(),
                new RenderingDelivery(), new EmfMetrics(new java.io.PrintStream(OutputStream.nullOutputStream()), "Test", clock, JSON),
                clock, new InvocationLog(line -> { }, clock));
        AlarmHandler handler = new AlarmHandler(responder, ResponderConfig.fromEnvironment(java.util.Map.of("AWS_REGION", "us-east-1")), clock);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.readTree(out.toByteArray());
    }

    /** DescribeAlarms as it answers for the child the composite sample names. */
    private static AlarmDirectory compositeChild() {
        return new AlarmDirectory() {
            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public List<AlarmDefinition> describe(List<String> names) {
                return names.contains("orders-api-prod-5xx") ? List.of(new AlarmDefinition("orders-api-prod-5xx",
                        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-api-prod-5xx", "AWS/ApiGateway", "5XXError",
                        java.util.Map.of("ApiName", "orders-api", "Stage", "prod"), "Sum", 60, 1, 5.0, "GreaterThanThreshold",
                        null, null, null, null)) : List.of();
            }
        };
    }

    private static EvidenceBundle demoBundle() throws IOException {
        try (InputStream in = SampleEventsTest.class.getResourceAsStream("/demo/demo-incident.json")) {
            return new BundleCodec().read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo");
        }
    }

    /** Renders what would be delivered, with the real renderers, and keeps it for the assertions. */
    private final class RenderingDelivery implements Delivery {
        @Override
        public Admission admit(Incident incident, Instant deliverBy) {
            return Admission.untracked();
        }

        @Override
        public List<DeliveryOutcome> deliverFindings(Findings findings, Admission admission) {
            rendered.add(new MarkdownReport().render(findings));
            SlackMessage slack = new SlackMessage(JSON);
            slackPayloads.add(slack.toJson(slack.render(findings)));
            return List.of(DeliveryOutcome.delivered("recorder", "rendered"));
        }

        @Override
        public List<DeliveryOutcome> deliverResolved(Incident incident, Admission admission) {
            rendered.add(new MarkdownReport().renderResolved(incident, Optional.empty()));
            return List.of(DeliveryOutcome.delivered("recorder", "rendered"));
        }
    }
}
