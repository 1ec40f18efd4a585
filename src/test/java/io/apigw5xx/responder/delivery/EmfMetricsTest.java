package io.apigw5xx.responder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {

    private final ObjectMapper json = JsonMappers.create();

    @Test
    void investigationAndDelivery_writeOneEmfLineEach() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EmfMetrics m = new EmfMetrics(new PrintStream(bytes, true, StandardCharsets.UTF_8), null,
                Clock.fixed(Instant.parse("2026-11-23T09:43:00Z"), ZoneOffset.UTC), json);

        m.investigation(Duration.ofMillis(4210), "CRITICAL");
        m.delivery("slack", "FAILED");

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode inv = json.readTree(lines[0]);
        JsonNode directive = inv.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(inv.path("_aws").path("Timestamp").asLong()).isEqualTo(Instant.parse("2026-11-23T09:43:00Z").toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("Apigw5xxResponder");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Severity\"]]");
        assertThat(inv.path("InvestigationDuration").asDouble()).isEqualTo(4210.0);
        assertThat(inv.path("Severity").asText()).isEqualTo("CRITICAL");
        JsonNode del = json.readTree(lines[1]);
        assertThat(del.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[\"Channel\",\"Outcome\"]]");
        assertThat(del.path("Deliveries").asDouble()).isEqualTo(1.0);
        assertThat(del.path("Outcome").asText()).isEqualTo("FAILED");
    }
}
