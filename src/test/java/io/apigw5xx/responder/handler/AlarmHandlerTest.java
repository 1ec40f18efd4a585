package io.apigw5xx.responder.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.delivery.Admission;
import io.apigw5xx.responder.delivery.Delivery;
import io.apigw5xx.responder.delivery.DeliveryOutcome;
import io.apigw5xx.responder.delivery.EmfMetrics;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-14T09:42:20Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Delivery delivery = mock(Delivery.class);

    @Test
    void handleRequest_everyChannelFailed_failsTheInvocationSoLambdaRetries() throws Exception {
        when(delivery.admit(any(), any())).thenReturn(Admission.untracked());
        when(delivery.deliverFindings(any(), any())).thenReturn(List.of(
                DeliveryOutcome.failed("sns", "AuthorizationErrorException"), DeliveryOutcome.failed("slack", "HTTP 500")));
        AlarmHandler handler = handler();

        assertThatThrownBy(() -> handler.handleRequest(
                new ByteArrayInputStream(ResponderTest.event("sns-alarm-rest.json")), new ByteArrayOutputStream(), null))
                .isInstanceOf(ReportNotDeliveredException.class)
                .hasMessageContaining("orders-api/prod")
                .hasMessageContaining("sns=FAILED (AuthorizationErrorException)");
    }

    @Test
    void handleRequest_refusedEvent_answersNormally() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler().handleRequest(new ByteArrayInputStream(new byte[] {(byte) 0xff, 0x00}), out, null);

        assertThat(JsonMappers.create().readTree(out.toByteArray()).path("status").asText()).isEqualTo("refused");
    }

    @Test
    void handleRequest_sqsBatch_onlyRecordsWhoseEveryChannelFailedGoBack() throws Exception {
        when(delivery.admit(any(), any())).thenReturn(Admission.untracked());
        // orders-api reaches nobody; payments (HTTP API) reaches Slack though SNS failed.
        when(delivery.deliverFindings(any(), any())).thenAnswer(call -> {
            io.apigw5xx.responder.analysis.Findings f = call.getArgument(0);
            return f.incident().api().label().equals("orders-api")
                    ? List.of(DeliveryOutcome.failed("sns", "Throttled"), DeliveryOutcome.failed("slack", "HTTP 500"))
                    : List.of(DeliveryOutcome.failed("sns", "Throttled"), DeliveryOutcome.delivered("slack", "200"));
        });
        String rest = message("sns-alarm-rest.json");
        String http = message("sns-alarm-http-api.json");
        String batch = "{\"Records\":[" + sqsRecord("m-rest", rest) + "," + sqsRecord("m-poison", "not an alarm") + ","
                + sqsRecord("m-http", http) + "]}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler().handleRequest(new ByteArrayInputStream(batch.getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, null);

        com.fasterxml.jackson.databind.JsonNode answer = JsonMappers.create().readTree(out.toByteArray());
        assertThat(answer.path("batchItemFailures").toString()).isEqualTo("[{\"itemIdentifier\":\"m-rest\"}]");
        assertThat(answer.path("responses")).extracting(r -> r.path("status").asText())
                .containsExactly("investigated", "refused", "investigated");
        assertThat(answer.path("responses").get(1).path("reason").asText()).contains("Records[1].body is not JSON");
    }

    @Test
    void handleRequest_sqsBatchAllDelivered_emptyFailureList() throws Exception {
        when(delivery.admit(any(), any())).thenReturn(Admission.untracked());
        when(delivery.deliverFindings(any(), any())).thenReturn(List.of(DeliveryOutcome.delivered("slack", "200")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler().handleRequest(new ByteArrayInputStream(ResponderTest.event("sqs-sns-alarm.json")), out, null);

        com.fasterxml.jackson.databind.JsonNode answer = JsonMappers.create().readTree(out.toByteArray());
        assertThat(answer.path("batchItemFailures").isArray()).isTrue();
        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(answer.path("responses").get(0).path("stage").asText()).isEqualTo("prod");
    }

    /** The alarm notification inside an SNS sample: what raw message delivery puts in an SQS body. */
    private static String message(String file) throws Exception {
        return JsonMappers.create().readTree(ResponderTest.event(file)).at("/Records/0/Sns/Message").textValue();
    }

    private static String sqsRecord(String id, String body) {
        return JsonMappers.create().createObjectNode().put("messageId", id).put("receiptHandle", "AQEB" + id).put("body", body)
                .put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:alarms")
                .put("awsRegion", "us-east-1").toString();
    }

    private AlarmHandler handler() {
        Evidence empty = new Evidence(NOW, TimeWindow.around(NOW), List.of(), List.of(), List.of(), null, List.of(), Map.of());
        Responder responder = new Responder(new TriggerParser("us-east-1"), (incident, deadline) -> empty, new RunbookAnalyzer(), delivery,
                new EmfMetrics(new PrintStream(OutputStream.nullOutputStream()), "Test", clock, JsonMappers.create()), clock,
                new InvocationLog(line -> { }, clock));
        return new AlarmHandler(responder, ResponderConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1")), clock);
    }
}
