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

    private AlarmHandler handler() {
        Evidence empty = new Evidence(NOW, TimeWindow.around(NOW), List.of(), List.of(), List.of(), null, List.of(), Map.of());
        Responder responder = new Responder(new TriggerParser("us-east-1"), (incident, deadline) -> empty, new RunbookAnalyzer(), delivery,
                new EmfMetrics(new PrintStream(OutputStream.nullOutputStream()), "Test", clock, JsonMappers.create()), clock,
                new InvocationLog(line -> { }, clock));
        return new AlarmHandler(responder, ResponderConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1")), clock);
    }
}
