package io.apigw5xx.responder.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new ArrayList<>();
    private final JsonLogHandler handler = new JsonLogHandler(
            new InvocationLog(lines::add, Clock.fixed(Instant.parse("2026-03-14T09:42:17Z"), ZoneOffset.UTC)));

    @Test
    void publish_parameterisedRecord_isOneJsonLineWithTheMessageFilledIn() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "Slack answered {0} {1} (attempt {2}); retrying");
        record.setParameters(new Object[] {503, "service unavailable\nsecond line", 2});
        record.setLoggerName("io.apigw5xx.responder.delivery.SlackWebhook");

        handler.publish(record);

        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).doesNotContain("\n");
        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("message").asText()).isEqualTo("Slack answered 503 service unavailable\nsecond line (attempt 2); retrying");
        assertThat(line.path("logger").asText()).isEqualTo("io.apigw5xx.responder.delivery.SlackWebhook");
        assertThat(line.path("timestamp").asText()).isEqualTo("2026-03-14T09:42:17Z");
    }

    @Test
    void publish_recordWithThrowable_carriesTheErrorTypeOnTheSameLine() throws Exception {
        LogRecord record = new LogRecord(Level.SEVERE, "LOGS failed unexpectedly");
        record.setThrown(new IllegalStateException("boom"));

        handler.publish(record);

        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.path("errorMessage").asText()).isEqualTo("boom");
    }

    @Test
    void levelName_mapsJdkLevelsToLambdaLevelNames() {
        assertThat(JsonLogHandler.levelName(Level.SEVERE)).isEqualTo("ERROR");
        assertThat(JsonLogHandler.levelName(Level.WARNING)).isEqualTo("WARN");
        assertThat(JsonLogHandler.levelName(Level.INFO)).isEqualTo("INFO");
        assertThat(JsonLogHandler.levelName(Level.FINE)).isEqualTo("DEBUG");
    }
}
